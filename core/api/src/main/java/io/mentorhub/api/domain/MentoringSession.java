package io.mentorhub.api.domain;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A meeting of a pair: when, how long, how, and who attended. Its notes are reflections, kept apart. */
public record MentoringSession(String id, String pairingId, Instant startsAt, int durationMinutes, Format format,
        List<Attendance> attendance) {

    public enum Format {
        IN_PERSON, VIDEO, PHONE, CHAT
    }

    public enum Presence {
        ATTENDED, ABSENT, EXCUSED
    }

    public record Attendance(String personId, Presence presence) {
        public Attendance {
            personId = Check.id("attendance.person_id", personId);
            Check.required("attendance.presence", presence);
        }
    }

    public MentoringSession {
        id = Check.uuid("id", id);
        pairingId = Check.requiredUuid("pairing_id", pairingId);
        Check.required("starts_at", startsAt);
        Check.range("duration_minutes", durationMinutes, 5, 480);
        Check.required("format", format);
        attendance = Check.list("attendance", attendance, 21);
        Set<String> seen = new HashSet<>();
        for (Attendance a : attendance) {
            if (!seen.add(a.personId())) {
                throw new InvalidValueException("attendance", "lists " + a.personId() + " twice");
            }
        }
    }

    public MentoringSession withId(String newId) {
        return new MentoringSession(newId, pairingId, startsAt, durationMinutes, format, attendance);
    }
}
