package io.mentorhub.api.matching;

import io.mentorhub.api.domain.Enrollment;
import io.mentorhub.api.domain.Enrollment.Profile;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What scorers and constraints may know about one person in a matching run: their enrollment profile and the few
 * HRIS facts matching needs. {@code index} is the person's position in the pool (0..size-1), so a scorer can keep
 * per-person data (e.g. bitsets) in arrays. {@code level} is the number in the HRIS grade (L5 → 5), null if none.
 * {@code managerChain} lists the person's managers, nearest first, as deep as the hub loaded it.
 * {@code consentedAttributes} holds only the sensitive attributes the person shared for the purpose
 * {@value #MATCHING_PURPOSE}; nothing is ever inferred. They are sensitive: never log or return their values.
 */
public record Participant(
        int index,
        String personId,
        Enrollment.Role role,
        Profile profile,
        int capacity,
        Integer level,
        String team,
        String timeZone,
        List<String> languages,
        List<String> managerChain,
        Map<String, String> consentedAttributes) {

    /** The purpose a sensitive attribute must have been shared for before matching may read it. */
    public static final String MATCHING_PURPOSE = "matching";

    /**
     * A consented attribute named {@code preferred_mentor.<name>} asks for mentors whose consented {@code <name>}
     * has that value (an opt-in diversity preference).
     */
    public static final String PREFERENCE_PREFIX = "preferred_mentor.";

    public Participant {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(profile, "profile");
        languages = languages == null ? List.of() : List.copyOf(languages);
        managerChain = managerChain == null ? List.of() : List.copyOf(managerChain);
        consentedAttributes = consentedAttributes == null ? Map.of() : Map.copyOf(consentedAttributes);
    }

    /** Languages the person speaks per HRIS, plus those their profile prefers. */
    public List<String> allLanguages() {
        if (profile.preferredLanguages().isEmpty()) {
            return languages;
        }
        return java.util.stream.Stream.concat(languages.stream(), profile.preferredLanguages().stream())
                .distinct().toList();
    }

    /** The values are sensitive, so they never appear here. */
    @Override
    public String toString() {
        return "Participant[" + personId + ", " + role + ", #" + index + "]";
    }
}
