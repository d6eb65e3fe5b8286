package io.mentorhub.engine.metrics;

import io.mentorhub.engine.metrics.MetricsReport.Comparison;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    /**
     * The figures for a period. {@code participants}: the program's participants (in the cohort, if one is asked
     * for); {@code enrolled}: everyone enrolled in the program. Both are program-sized; the workforce is counted in
     * the database.
     */
    static Outcomes compute(Tx tx, Set<String> participants, Set<String> enrolled, Period period, GradeLadder ladder,
            int minimumGroupSize) throws SQLException {
        Set<String> excluded = new HashSet<>(enrolled);
        excluded.addAll(participants);
        excluded.addAll(mentoredAnywhere(tx, period));

        long[] everyone = count(tx, period, null);
        long[] participating = count(tx, period, participants);
        long[] notCompared = count(tx, period, excluded);
        long[] others = {everyone[0] - notCompared[0], everyone[1] - notCompared[1]};

        Set<String> promotedParticipants = new HashSet<>();
        Set<String> promotedOthers = new HashSet<>();
        long unranked = 0;
        for (String[] change : tx.query("SELECT c.hris_id, c.old_value, c.new_value FROM person_history c WHERE "
                + "c.field = 'GRADE' AND c.effective_date >= ? AND c.effective_date <= ? AND c.hris_id IN ("
                + "SELECT h.hris_id FROM person_history h WHERE " + EMPLOYED + ") "
                + "ORDER BY c.hris_id, c.effective_date, c.id", row -> new String[] {row.getString("hris_id"), row.getString("old_value"),
                        row.getString("new_value")}, period.from(), period.to(), period.from(), period.from())) {
            boolean participant = participants.contains(change[0]);
            if (!participant && excluded.contains(change[0])) {
                continue;
            }
            GradeLadder.Step step = ladder.step(change[1], change[2]);
            if (step == GradeLadder.Step.UNRANKED) {
                unranked++;
            }
            if (step != GradeLadder.Step.NOT_UP) {
                (participant ? promotedParticipants : promotedOthers).add(change[0]);
            }
        }

        String noParticipants = "no participant was employed when the period started";
        String noOthers = "no non-participant was employed when the period started";
        Comparison retention = Comparison.of(
                Figure.rate(participating[0] - participating[1], participating[0], (int) participating[0],
                        minimumGroupSize, noParticipants),
                Figure.rate(others[0] - others[1], others[0], (int) others[0], minimumGroupSize, noOthers));
        Comparison promotion = Comparison.of(
                Figure.rate(promotedParticipants.size(), participating[0], (int) participating[0], minimumGroupSize,
                        noParticipants),
                Figure.rate(promotedOthers.size(), others[0], (int) others[0], minimumGroupSize, noOthers));
        return new Outcomes(retention, promotion, ladder.describe(), unranked);
    }

    /**
     * Employed at the start ({@code h}: a person_history row; two parameters, the period's first day): the latest
     * STATUS change effective before the period is A or L.
     */
    private static final String EMPLOYED = "h.field = 'STATUS' AND h.effective_date < ? AND h.new_value IN ('A', 'L') "
            + "AND NOT EXISTS (SELECT 1 FROM person_history n WHERE n.hris_id = h.hris_id AND n.field = 'STATUS' AND "
            + "n.effective_date < ? AND (n.effective_date > h.effective_date OR (n.effective_date = h.effective_date "
            + "AND n.id > h.id)))";

    /** Ids per statement when counting a set of people: the store's chunk size for id lists (see PersonStore). */
    private static final int CHUNK = 500;

    /**
     * How many of {@code people} (everyone for null) were employed at the start, and how many of those left during
     * the period. A set is counted in chunks of {@value #CHUNK} ids, each an index lookup on both databases (H2
     * scans an {@code = ANY(?)} array once per row, which is quadratic for large programs).
     */
    private static long[] count(Tx tx, Period period, Set<String> people) throws SQLException {
        String sql = "SELECT COUNT(*) AS people, SUM(CASE WHEN EXISTS (SELECT 1 FROM person_history t WHERE t.hris_id "
                + "= h.hris_id AND t.field = 'STATUS' AND t.new_value = 'T' AND t.effective_date >= ? AND "
                + "t.effective_date <= ?) THEN 1 ELSE 0 END) AS leavers FROM person_history h WHERE " + EMPLOYED;
        List<Object> fixed = List.of(period.from(), period.to(), period.from(), period.from());
        if (people == null) {
            return countOne(tx, sql, fixed);
        }
        List<String> ids = new ArrayList<>(people);
        long[] total = new long[2];
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            List<Object> parameters = new ArrayList<>(fixed);
            parameters.addAll(chunk);
            long[] counted = countOne(tx, sql + " AND h.hris_id IN (" + "?, ".repeat(chunk.size() - 1) + "?)",
                    parameters);
            total[0] += counted[0];
            total[1] += counted[1];
        }
        return total;
    }

    private static long[] countOne(Tx tx, String sql, List<Object> parameters) throws SQLException {
        return tx.one(sql, row -> new long[] {row.getLong("people"), row.getLong("leavers")}, parameters.toArray())
                .orElse(new long[2]);
    }

    /** Everyone in a pairing of any program live on at least one day of the period (both end days are live). */
    private static Set<String> mentoredAnywhere(Tx tx, Period period) throws SQLException {
        Set<String> people = new HashSet<>();
        for (String[] pair : tx.query("SELECT p.mentor_id, m.mentee_id FROM pairing p JOIN pairing_mentee m ON "
                + "m.pairing_id = p.id WHERE p.id IN (SELECT t.pairing_id FROM pairing_transition t GROUP BY "
                + "t.pairing_id HAVING " + ProgramData.LIVE_FROM + " < ? AND (" + ProgramData.LIVE_UNTIL + " IS NULL "
                + "OR " + ProgramData.LIVE_UNTIL + " >= ?))", row -> new String[] {row.getString(1), row.getString(2)},
                period.endExclusive(), period.start())) {
            people.add(pair[0]);
            people.add(pair[1]);
        }
        return people;
    }
}
