package io.mentorhub.api.domain;

import java.time.Instant;
import java.util.List;

/**
 * One mentor with one or more mentees in a program, with the score matching gave the pairing and why. The state
 * only changes through validated transitions, each recorded with who made it and when.
 */
public record Pairing(
        String id,
        String programId,
        String mentorId,
        List<String> menteeIds,
        int score,
        List<FactorScore> explanation,
        PairingState state,
        String stateReason) {

    public Pairing {
        id = Check.uuid("id", id);
        programId = Check.requiredUuid("program_id", programId);
        mentorId = Check.id("mentor_id", mentorId);
        menteeIds = Check.ids("mentee_ids", menteeIds, 20);
        if (menteeIds.isEmpty()) {
            throw new InvalidValueException("mentee_ids", "needs at least one mentee");
        }
        if (menteeIds.contains(mentorId)) {
            throw new InvalidValueException("mentee_ids", "the mentor cannot also be a mentee of the pairing");
        }
        explanation = Check.list("explanation", explanation, 50);
        state = state == null ? PairingState.PROPOSED : state;
        stateReason = Check.optionalText("state_reason", stateReason, 500);
    }

    public Pairing withId(String newId) {
        return new Pairing(newId, programId, mentorId, menteeIds, score, explanation, state, stateReason);
    }

    public Pairing moveTo(PairingState target, String reason) {
        return new Pairing(id, programId, mentorId, menteeIds, score, explanation, target, reason);
    }

    /** True if the person is the mentor or one of the mentees; false for null (a caller who is no person). */
    public boolean involves(String personId) {
        return personId != null && (mentorId.equals(personId) || menteeIds.contains(personId));
    }

    /** One factor's contribution to the score, with a reason a person can read. */
    public record FactorScore(String factor, int score, String reason) {
        public FactorScore {
            factor = Check.text("explanation.factor", factor, 64);
            reason = Check.text("explanation.reason", reason, 500);
        }
    }

    /** A recorded state change. */
    public record Transition(PairingState from, PairingState to, String reason, String actor, Instant at) {
    }
}
