package io.mentorhub.engine.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mentorhub.api.domain.Goal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

public final class GoalStore extends EntityStore<Goal> {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    public GoalStore() {
        super("goal", "goal", "id", true, "pairing_id", "owner_id", "title", "specific_text", "measure",
                "target_value", "due_date", "status", "progress_percent", "external_goal_id", "lms_course_ids");
    }

    @Override
    protected Object[] values(Goal g) {
        return new Object[] {Tx.uuid(g.pairingId()), g.ownerId(), g.title(), g.specific(), g.measure(),
                g.targetValue(), g.dueDate(), g.status(), g.progressPercent(), g.externalGoalId(),
                json(g.lmsCourseIds())};
    }

    @Override
    protected Goal map(Tx tx, ResultSet row, String id) throws SQLException {
        java.math.BigDecimal target = row.getBigDecimal("target_value");
        return new Goal(id, Tx.uuid(row, "pairing_id"), row.getString("owner_id"), row.getString("title"),
                row.getString("specific_text"), row.getString("measure"),
                target == null ? null : target.stripTrailingZeros(), Tx.date(row, "due_date"),
                Goal.Status.valueOf(row.getString("status")), row.getInt("progress_percent"),
                row.getString("external_goal_id"), json(row.getString("lms_course_ids"), STRINGS));
    }

    @Override
    protected String idOf(Goal value) {
        return value.id();
    }
}
