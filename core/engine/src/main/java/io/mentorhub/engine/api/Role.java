package io.mentorhub.engine.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an API key may do. Program managers, mentors and mentees act as a person and see only their own things. */
public enum Role {
    /** HR: everything except reflections a participant kept private or to the pair. */
    HR_ADMIN,
    /** Manages the programs that list them as manager. */
    PROGRAM_MANAGER,
    /** A participant: their own enrollments, pairings, goals, sessions and reflections. */
    MENTOR,
    /** A participant, as MENTOR. */
    MENTEE,
    /** A system: bulk people upsert, connectors, plugin list. */
    INTEGRATION;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromWire(String value) {
        for (Role role : values()) {
            if (role.wireName().equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be one of hr_admin, program_manager, mentor, mentee, integration");
    }

    /** Roles that act as a person and need a person_id. */
    public boolean actsAsPerson() {
        return this == PROGRAM_MANAGER || this == MENTOR || this == MENTEE;
    }

    public boolean participant() {
        return this == MENTOR || this == MENTEE;
    }
}
