package io.mentorhub.engine.api;

import io.mentorhub.api.domain.Pairing;

/** Who is calling: the API key's id, name and role, and for person roles the person it acts as. */
public record Principal(String keyId, String keyName, Role role, String personId) {

    /** How the caller appears in audit and transition records (never the key itself). */
    public String actor() {
        return role.wireName() + ":" + keyName + (personId == null ? "" : "(" + personId + ")");
    }

    public boolean is(Role... roles) {
        for (Role r : roles) {
            if (role == r) {
                return true;
            }
        }
        return false;
    }

    public boolean isPerson(String id) {
        return personId != null && personId.equals(id);
    }

    /** Whether the caller is the pairing's mentor or one of its mentees; keys acting as no person never are. */
    public boolean isIn(Pairing pairing) {
        return personId != null && pairing.involves(personId);
    }
}
