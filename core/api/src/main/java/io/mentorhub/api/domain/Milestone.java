package io.mentorhub.api.domain;

import java.time.LocalDate;

/** A checkpoint on the way, optionally towards one goal; reached when {@code reachedOn} is set. */
public record Milestone(String id, String pairingId, String goalId, String title, LocalDate dueDate, LocalDate reachedOn) {

    public Milestone {
        id = Check.uuid("id", id);
        pairingId = Check.requiredUuid("pairing_id", pairingId);
        goalId = Check.uuid("goal_id", goalId);
        title = Check.text("title", title, 200);
        Check.required("due_date", dueDate);
    }

    public Milestone withId(String newId) {
        return new Milestone(newId, pairingId, goalId, title, dueDate, reachedOn);
    }
}
