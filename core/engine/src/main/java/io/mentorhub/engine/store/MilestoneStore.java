package io.mentorhub.engine.store;

import io.mentorhub.api.domain.Milestone;
import java.sql.ResultSet;
import java.sql.SQLException;

public final class MilestoneStore extends EntityStore<Milestone> {

    public MilestoneStore() {
        super("milestone", "milestone", "id", true, "pairing_id", "goal_id", "title", "due_date", "reached_on");
    }

    @Override
    protected Object[] values(Milestone m) {
        return new Object[] {Tx.uuid(m.pairingId()), Tx.uuid(m.goalId()), m.title(), m.dueDate(), m.reachedOn()};
    }

    @Override
    protected Milestone map(Tx tx, ResultSet row, String id) throws SQLException {
        return new Milestone(id, Tx.uuid(row, "pairing_id"), Tx.uuid(row, "goal_id"), row.getString("title"),
                Tx.date(row, "due_date"), Tx.date(row, "reached_on"));
    }

    @Override
    protected String idOf(Milestone value) {
        return value.id();
    }
}
