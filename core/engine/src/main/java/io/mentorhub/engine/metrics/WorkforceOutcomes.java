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
        List<Object> parameters = new ArrayList<>();
        String groups = groups(programId, cohort, period, parameters);

        Map<String, long[]> counts = new HashMap<>();
        List<Object> countParameters = new ArrayList<>(parameters);
        countParameters.add(period.from());
        countParameters.add(period.to());
        for (Object[] row : tx.query(groups + ", counted AS (SELECT g.grp, CASE WHEN EXISTS (SELECT 1 FROM "
                + "person_history t WHERE t.hris_id = g.hris_id AND t.field = 'STATUS' AND t.new_value = 'T' AND "
                + "t.effective_date >= ? AND t.effective_date <= ?) THEN 1 ELSE 0 END AS gone FROM grouped g "
                + "WHERE g.grp <> 'X') SELECT grp, COUNT(*) AS people, SUM(gone) AS leavers FROM counted GROUP BY grp",
                row -> new Object[] {row.getString("grp"), row.getLong("people"), row.getLong("leavers")},
                countParameters.toArray())) {
            counts.put((String) row[0], new long[] {(Long) row[1], (Long) row[2]});
        }

        List<Object> gradeParameters = new ArrayList<>(parameters);
        gradeParameters.add(period.from());
        gradeParameters.add(period.to());
        Map<String, Set<String>> promoted = Map.of("P", new HashSet<>(), "N", new HashSet<>());
        long unranked = 0;
        for (String[] change : tx.query(groups + " SELECT g.grp, c.hris_id, c.old_value, c.new_value FROM grouped g "
                + "JOIN person_history c ON c.hris_id = g.hris_id WHERE g.grp <> 'X' AND c.field = 'GRADE' AND "
                + "c.effective_date >= ? AND c.effective_date <= ? ORDER BY c.hris_id, c.effective_date, c.id",
                row -> new String[] {row.getString("grp"), row.getString("hris_id"), row.getString("old_value"),
                        row.getString("new_value")}, gradeParameters.toArray())) {
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
     * The common table expressions ending in {@code grouped (hris_id, grp)}: everyone employed at the start with
     * their group, P (participant), N (non-participant) or X (neither).
     */
    private static String groups(String programId, YearMonth cohort, Period period, List<Object> parameters) {
        StringBuilder sql = new StringBuilder("WITH live AS (SELECT t.pairing_id, ")
                .append(ProgramData.LIVE_FROM).append(" AS live_from, ").append(ProgramData.LIVE_UNTIL)
                .append(" AS live_until FROM pairing_transition t GROUP BY t.pairing_id), ")
                // Pairings of any program live on at least one day of the period (both end days count as live).
                .append("paired AS (SELECT p.id, p.program_id, p.mentor_id FROM pairing p JOIN live l ON l.pairing_id "
                        + "= p.id WHERE l.live_from < ? AND (l.live_until IS NULL OR l.live_until >= ?)), ")
                .append("mentored AS (SELECT program_id, mentor_id AS person_id FROM paired UNION SELECT d.program_id, "
                        + "m.mentee_id FROM paired d JOIN pairing_mentee m ON m.pairing_id = d.id), ")
                .append("participant AS (SELECT DISTINCT m.person_id FROM mentored m JOIN enrollment e ON "
                        + "e.program_id = m.program_id AND e.person_id = m.person_id WHERE m.program_id = ?");
        parameters.add(period.endExclusive());
        parameters.add(period.start());
        parameters.add(Tx.uuid(programId));
        if (cohort != null) {
            sql.append(" AND e.created_at >= ? AND e.created_at < ?");
            parameters.add(cohort.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            parameters.add(cohort.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        sql.append("), ")
                // The latest STATUS change effective before the period: A or L is employed.
                .append("employed AS (SELECT h.hris_id FROM person_history h WHERE h.field = 'STATUS' AND "
                        + "h.effective_date < ? AND h.new_value IN ('A', 'L') AND NOT EXISTS (SELECT 1 FROM "
                        + "person_history n WHERE n.hris_id = h.hris_id AND n.field = 'STATUS' AND n.effective_date < ? "
                        + "AND (n.effective_date > h.effective_date OR (n.effective_date = h.effective_date AND "
                        + "n.id > h.id)))), ")
                .append("grouped AS (SELECT e.hris_id, CASE WHEN e.hris_id IN (SELECT person_id FROM participant) "
                        + "THEN 'P' WHEN e.hris_id IN (SELECT person_id FROM mentored) OR e.hris_id IN (SELECT "
                        + "person_id FROM enrollment WHERE program_id = ?) THEN 'X' ELSE 'N' END AS grp FROM employed e)");
        parameters.add(period.from());
        parameters.add(period.from());
        parameters.add(Tx.uuid(programId));
        return sql.toString();
    }
}
