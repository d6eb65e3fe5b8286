package io.mentorhub.engine.metrics;

import io.mentorhub.api.domain.Goal;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Goal completion = goals due in the period that are COMPLETED ÷ goals due in the period that were not ABANDONED.
 * An abandoned goal was called off, not failed: it is counted apart, in neither part. A goal counts by its due date
 * and its status today (the hub keeps no completion date), so a goal completed late still counts as completed.
 * People covered: the owners of the goals in the denominator.
 */
final class GoalCompletion {

    /** One goal of the program: its owner, due date and status. */
    record Due(String ownerId, LocalDate dueDate, Goal.Status status) {
    }

    private GoalCompletion() {
    }

    static List<Due> due(Tx tx, String programId, Period period) throws SQLException {
        return tx.query("SELECT g.owner_id, g.due_date, g.status FROM goal g JOIN pairing p ON p.id = g.pairing_id "
                + "WHERE p.program_id = ? AND g.due_date >= ? AND g.due_date <= ? ORDER BY g.due_date, g.id",
                row -> new Due(row.getString("owner_id"), Tx.date(row, "due_date"),
                        Goal.Status.valueOf(row.getString("status"))),
                Tx.uuid(programId), period.from(), period.to());
    }

    /** The figure over the goals due in {@code period} whose owner is among {@code people} (everyone for null). */
    static Figure rate(List<Due> goals, Set<String> people, Period period, int minimumGroupSize) {
        long completed = 0;
        long counted = 0;
        Set<String> owners = new HashSet<>();
        for (Due goal : goals) {
            if (!period.contains(goal.dueDate()) || people != null && !people.contains(goal.ownerId())
                    || goal.status() == Goal.Status.ABANDONED) {
                continue;
            }
            counted++;
            owners.add(goal.ownerId());
            if (goal.status() == Goal.Status.COMPLETED) {
                completed++;
            }
        }
        return Figure.rate(completed, counted, owners.size(), minimumGroupSize,
                "no goal that was not abandoned fell due in the period");
    }

    /** Abandoned goals due in the period (reported beside the rate, which leaves them out). */
    static long abandoned(List<Due> goals, Set<String> people, Period period) {
        return goals.stream().filter(g -> period.contains(g.dueDate()) && g.status() == Goal.Status.ABANDONED
                && (people == null || people.contains(g.ownerId()))).count();
    }
}
