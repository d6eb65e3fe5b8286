package io.mentorhub.api.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A SMART goal a participant works on within a pairing: what exactly, how it is measured, the target, the due date.
 * It can be linked to a goal in the performance system and to learning courses in the LMS.
 */
public record Goal(
        String id,
        String pairingId,
        String ownerId,
        String title,
        String specific,
        String measure,
        BigDecimal targetValue,
        LocalDate dueDate,
        Status status,
        int progressPercent,
        String externalGoalId,
        List<String> lmsCourseIds) {

    public enum Status {
        NOT_STARTED, IN_PROGRESS, COMPLETED, ABANDONED
    }

    public Goal {
        id = Check.uuid("id", id);
        pairingId = Check.requiredUuid("pairing_id", pairingId);
        ownerId = Check.id("owner_id", ownerId);
        title = Check.text("title", title, 200);
        specific = Check.text("specific", specific, 2000);
        measure = Check.text("measure", measure, 500);
        if (targetValue != null && targetValue.signum() < 0) {
            throw new InvalidValueException("target_value", "must not be negative");
        }
        Check.required("due_date", dueDate);
        Check.required("status", status);
        Check.range("progress_percent", progressPercent, 0, 100);
        if (status == Status.COMPLETED && progressPercent != 100) {
            throw new InvalidValueException("progress_percent", "must be 100 for a COMPLETED goal");
        }
        externalGoalId = Check.optionalText("external_goal_id", externalGoalId, 128);
        lmsCourseIds = Check.texts("lms_course_ids", lmsCourseIds, 50, 128);
    }

    public Goal withId(String newId) {
        return new Goal(newId, pairingId, ownerId, title, specific, measure, targetValue, dueDate, status,
                progressPercent, externalGoalId, lmsCourseIds);
    }
}
