package io.mentorhub.api.domain;

import java.time.Instant;
import java.util.List;

/**
 * A person taking part in a program as MENTOR, MENTEE or BOTH (peer programs), with the profile matching reads.
 * A mentor's {@code capacity} is how many mentees they take on. Sensitive attributes are opt-in only, each with its
 * purpose and the moment consent was given.
 */
public record Enrollment(
        String id,
        String programId,
        String personId,
        Role role,
        Profile profile,
        int capacity,
        List<SensitiveAttribute> sensitiveAttributes,
        Status status) {

    public enum Role {
        MENTOR, MENTEE, BOTH;

        public boolean mentors() {
            return this != MENTEE;
        }

        public boolean isMentored() {
            return this != MENTOR;
        }
    }

    public enum Status {
        ACTIVE, WITHDRAWN
    }

    public enum LearningStyle {
        HANDS_ON, CONVERSATIONAL, STRUCTURED, REFLECTIVE
    }

    public Enrollment {
        id = Check.uuid("id", id);
        programId = Check.requiredUuid("program_id", programId);
        personId = Check.id("person_id", personId);
        Check.required("role", role);
        profile = profile == null ? Profile.EMPTY : profile;
        if (role.mentors()) {
            Check.range("capacity", capacity, 1, 20);
        } else if (capacity != 0) {
            throw new InvalidValueException("capacity", "only mentors have a capacity");
        }
        sensitiveAttributes = Check.list("sensitive_attributes", sensitiveAttributes, 10);
        Check.required("status", status);
    }

    public Enrollment withId(String newId) {
        return new Enrollment(newId, programId, personId, role, profile, capacity, sensitiveAttributes, status);
    }

    /** What matching reads: deep signals, not department or tenure. */
    public record Profile(
            List<String> skillsOffered,
            List<String> developmentAreas,
            List<String> careerGoals,
            LearningStyle learningStyle,
            Availability availability,
            List<String> preferredLanguages) {

        static final Profile EMPTY = new Profile(null, null, null, null, null, null);

        public Profile {
            skillsOffered = Check.texts("profile.skills_offered", skillsOffered, 50, 100);
            developmentAreas = Check.texts("profile.development_areas", developmentAreas, 50, 100);
            careerGoals = Check.texts("profile.career_goals", careerGoals, 20, 300);
            preferredLanguages = Check.languages("profile.preferred_languages", preferredLanguages);
        }
    }

    /** How much time a participant offers and when. Slots are day and part of day, e.g. MON_AM, THU_PM. */
    public record Availability(int hoursPerMonth, List<String> slots) {
        private static final java.util.regex.Pattern SLOT =
                java.util.regex.Pattern.compile("(MON|TUE|WED|THU|FRI|SAT|SUN)_(AM|PM|EVE)");

        public Availability {
            Check.range("profile.availability.hours_per_month", hoursPerMonth, 0, 80);
            slots = Check.texts("profile.availability.slots", slots, 21, 7);
            for (int i = 0; i < slots.size(); i++) {
                if (!SLOT.matcher(slots.get(i)).matches()) {
                    throw new InvalidValueException("profile.availability.slots[" + i + "]",
                            "must look like MON_AM, WED_PM or FRI_EVE");
                }
            }
        }
    }

    /** An attribute a participant chose to share for a stated purpose (e.g. a diversity preference). */
    public record SensitiveAttribute(String name, String value, String purpose, Instant consentedAt) {
        public SensitiveAttribute {
            name = Check.text("sensitive_attributes.name", name, 64);
            value = Check.text("sensitive_attributes.value", value, 200);
            purpose = Check.text("sensitive_attributes.purpose", purpose, 500);
            Check.required("sensitive_attributes.consented_at", consentedAt);
        }

        /** The value is sensitive: it never appears in logs or exception messages. */
        @Override
        public String toString() {
            return "SensitiveAttribute[name=" + name + ", purpose=" + purpose + ", consentedAt=" + consentedAt + "]";
        }
    }
}
