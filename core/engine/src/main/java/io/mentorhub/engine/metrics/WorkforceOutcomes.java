package io.mentorhub.engine.metrics;

import io.mentorhub.engine.metrics.MetricsReport.Comparison;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Retention and promotion of participants against non-participants over the same period, from the dated HRIS
 * history (person_history). Computed in SQL: the comparison group is the whole workforce.
 *
 * <ul>
 * <li>employed at the start: the person's latest STATUS change effective before the period's first day is A or L
 * (on leave is still employed). People hired during the period are left out of both groups.
 * <li>participants: employed at the start, enrolled in the program (in the cohort, if one is asked for) and a
 * member of one of its pairings live during the period.
 * <li>non-participants: employed at the start, not enrolled in the program, and in no pairing of any program live
 * during the period. Enrolled people without a live pairing, and people mentored in other programs, are in neither
 * group.
 * <li>retention = people of the group with no STATUS change to T effective in the period ÷ people of the group. A
 * leaver rehired within the period still left.
 * <li>promotion = people of the group with an upward GRADE change effective in the period ÷ people of the group,
 * "upward" as {@link GradeLadder} says.
 * </ul>
 */
final class WorkforceOutcomes {

    /** Retention, promotion and how promotions were told apart. */
    record Outcomes(Comparison retention, Comparison promotion, String promotionRule, long unrankedGradeChanges) {
    }

    private WorkforceOutcomes() {
    }

    static Outcomes compute(Tx tx, String programId, YearMonth cohort, Period period, GradeLadder ladder,
            int minimumGroupSize) throws SQLException {
        Sql counted = new Sql("SELECT g.grp, COUNT(*) AS people, SUM(CASE WHEN EXISTS (SELECT 1 FROM person_history t "
                + "WHERE t.hris_id = g.hris_id AND t.field = 'STATUS' AND t.new_value = 'T' AND t.effective_date >= ? "
                + "AND t.effective_date <= ?) THEN 1 ELSE 0 END) AS leavers FROM ", period.from(), period.to())
                .append(grouped(programId, cohort, period)).append(" g WHERE g.grp <> 'X' GROUP BY g.grp");
        Map<String, long[]> counts = new HashMap<>();
        for (Object[] row : tx.query(counted.text(), row -> new Object[] {row.getString("grp"), row.getLong("people"),
                row.getLong("leavers")}, counted.parameters())) {
            counts.put((String) row[0], new long[] {(Long) row[1], (Long) row[2]});
        }

        Sql changes = new Sql("SELECT g.grp, c.hris_id, c.old_value, c.new_value FROM ")
                .append(grouped(programId, cohort, period))
                .append(new Sql(" g JOIN person_history c ON c.hris_id = g.hris_id WHERE g.grp <> 'X' AND c.field = "
                        + "'GRADE' AND c.effective_date >= ? AND c.effective_date <= ? ORDER BY c.hris_id, "
                        + "c.effective_date, c.id", period.from(), period.to()));
        Map<String, Set<String>> promoted = Map.of("P", new HashSet<>(), "N", new HashSet<>());
        long unranked = 0;
        for (String[] change : tx.query(changes.text(), row -> new String[] {row.getString("grp"),
                row.getString("hris_id"), row.getString("old_value"), row.getString("new_value")},
                changes.parameters())) {
            GradeLadder.Step step = ladder.step(change[2], change[3]);
            if (step == GradeLadder.Step.UNRANKED) {
                unranked++;
            }
            if (step != GradeLadder.Step.NOT_UP) {
                promoted.get(change[0]).add(change[1]);
            }
        }

        long[] participants = counts.getOrDefault("P", new long[2]);
        long[] others = counts.getOrDefault("N", new long[2]);
        String noParticipants = "no participant was employed when the period started";
        String noOthers = "no non-participant was employed when the period started";
        Comparison retention = Comparison.of(
                Figure.rate(participants[0] - participants[1], participants[0], (int) participants[0],
                        minimumGroupSize, noParticipants),
                Figure.rate(others[0] - others[1], others[0], (int) others[0], minimumGroupSize, noOthers));
        Comparison promotion = Comparison.of(
                Figure.rate(promoted.get("P").size(), participants[0], (int) participants[0], minimumGroupSize,
                        noParticipants),
                Figure.rate(promoted.get("N").size(), others[0], (int) others[0], minimumGroupSize, noOthers));
        return new Outcomes(retention, promotion, ladder.describe(), unranked);
    }

    /**
     * A derived table {@code (hris_id, grp)}: everyone employed at the start with their group, P (participant), N
     * (non-participant) or X (neither). Subqueries rather than WITH: H2 2.3 keeps the first execution's parameters
     * inside WITH clauses of a cached statement (h2database issue 4228), which would mix programs up.
     */
    private static Sql grouped(String programId, YearMonth cohort, Period period) {
        Sql participant = new Sql("SELECT e.person_id FROM enrollment e WHERE e.program_id = ?", Tx.uuid(programId));
        if (cohort != null) {
            participant.append(new Sql(" AND e.created_at >= ? AND e.created_at < ?",
                    cohort.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    cohort.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        participant.append(new Sql(" AND (e.person_id IN (SELECT p.mentor_id FROM pairing p WHERE p.program_id = ? "
                + "AND p.id IN (", Tx.uuid(programId))).append(paired(period))
                .append(new Sql(")) OR e.person_id IN (SELECT m.mentee_id FROM pairing_mentee m JOIN pairing p ON "
                        + "p.id = m.pairing_id WHERE p.program_id = ? AND p.id IN (", Tx.uuid(programId)))
                .append(paired(period)).append(")))");
        Sql mentored = new Sql("SELECT p.mentor_id FROM pairing p WHERE p.id IN (").append(paired(period))
                .append(") UNION SELECT m.mentee_id FROM pairing_mentee m WHERE m.pairing_id IN (")
                .append(paired(period)).append(")");
        return new Sql("(SELECT h.hris_id, CASE WHEN h.hris_id IN (").append(participant)
                .append(") THEN 'P' WHEN h.hris_id IN (").append(mentored)
                .append(new Sql(") OR h.hris_id IN (SELECT person_id FROM enrollment WHERE program_id = ?) THEN 'X' "
                        + "ELSE 'N' END AS grp FROM person_history h "
                        // The latest STATUS change effective before the period: A or L is employed.
                        + "WHERE h.field = 'STATUS' AND h.effective_date < ? AND h.new_value IN ('A', 'L') AND NOT "
                        + "EXISTS (SELECT 1 FROM person_history n WHERE n.hris_id = h.hris_id AND n.field = 'STATUS' "
                        + "AND n.effective_date < ? AND (n.effective_date > h.effective_date OR (n.effective_date = "
                        + "h.effective_date AND n.id > h.id))))", Tx.uuid(programId), period.from(), period.from()));
    }

    /** Ids of the pairings, of any program, live on at least one day of the period (both end days are live). */
    private static Sql paired(Period period) {
        return new Sql("SELECT t.pairing_id FROM pairing_transition t GROUP BY t.pairing_id HAVING "
                + ProgramData.LIVE_FROM + " < ? AND (" + ProgramData.LIVE_UNTIL + " IS NULL OR "
                + ProgramData.LIVE_UNTIL + " >= ?)", period.endExclusive(), period.start());
    }

    /** SQL text with its parameters in the order of their placeholders, so fragments compose safely. */
    private static final class Sql {
        private final StringBuilder text;
        private final List<Object> parameters = new ArrayList<>();

        Sql(String text, Object... parameters) {
            this.text = new StringBuilder(text);
            this.parameters.addAll(List.of(parameters));
        }

        Sql append(String more) {
            text.append(more);
            return this;
        }

        Sql append(Sql more) {
            text.append(more.text);
            parameters.addAll(more.parameters);
            return this;
        }

        String text() {
            return text.toString();
        }

        Object[] parameters() {
            return parameters.toArray();
        }
    }
}
