package io.mentorhub.engine.metrics;

import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the activity figures of one program read: its enrollments and its pairings with the days each was live.
 * A program holds thousands of these at most, so they are read once and counted in memory.
 *
 * <p>A pairing is live from the day of its first transition to PUBLISHED, TRIAL or ACTIVE to the day of its
 * transition to COMPLETED or DISSOLVED, both days included (UTC days of the recorded transition instants); a
 * pairing never published was never live.
 */
record ProgramData(List<Enrolled> enrollments, List<LivePairing> pairings) {

    /** The instant a pairing became live (t: its pairing_transition rows), shared with {@link WorkforceOutcomes}. */
    static final String LIVE_FROM = "MIN(CASE WHEN t.to_state IN ('PUBLISHED', 'TRIAL', 'ACTIVE') THEN t.at END)";
    /** The instant a pairing stopped being live, or null. */
    static final String LIVE_UNTIL = "MIN(CASE WHEN t.to_state IN ('COMPLETED', 'DISSOLVED') THEN t.at END)";

    /**
     * One enrollment: the person, the day they enrolled (its creation), and for a withdrawn enrollment the day it
     * last changed — the hub keeps no withdrawal date, but it was withdrawn on or before that day.
     */
    record Enrolled(String personId, LocalDate enrolledOn, LocalDate withdrawnBy) {

        YearMonth cohort() {
            return YearMonth.from(enrolledOn);
        }

        /** Enrolled by the end of {@code period} and not certainly withdrawn before it began. */
        boolean enrolledDuring(Period period) {
            return !enrolledOn.isAfter(period.to()) && (withdrawnBy == null || !withdrawnBy.isBefore(period.from()));
        }
    }

    /** A pairing that was live, with its members (mentor first) and its live days ({@code liveTo} null: still live). */
    record LivePairing(String id, List<String> members, LocalDate liveFrom, LocalDate liveTo) {

        boolean liveDuring(Period period) {
            return period.overlapDays(liveFrom, liveTo) > 0;
        }
    }

    static ProgramData load(Tx tx, String programId) throws SQLException {
        List<Enrolled> enrollments = tx.query("SELECT person_id, status, created_at, modified_at FROM enrollment "
                + "WHERE program_id = ? ORDER BY person_id", row -> new Enrolled(row.getString("person_id"),
                day(Tx.instant(row, "created_at")),
                "WITHDRAWN".equals(row.getString("status")) ? day(Tx.instant(row, "modified_at")) : null),
                Tx.uuid(programId));
        Map<String, List<String>> mentees = new HashMap<>();
        for (String[] row : tx.query("SELECT m.pairing_id, m.mentee_id FROM pairing_mentee m "
                + "JOIN pairing p ON p.id = m.pairing_id WHERE p.program_id = ? ORDER BY m.pairing_id, m.position",
                row -> new String[] {Tx.uuid(row, "pairing_id"), row.getString("mentee_id")}, Tx.uuid(programId))) {
            mentees.computeIfAbsent(row[0], id -> new ArrayList<>()).add(row[1]);
        }
        List<LivePairing> pairings = tx.query("SELECT p.id, p.mentor_id, " + LIVE_FROM + " AS live_from, "
                + LIVE_UNTIL + " AS live_until FROM pairing p JOIN pairing_transition t ON t.pairing_id = p.id "
                + "WHERE p.program_id = ? GROUP BY p.id, p.mentor_id HAVING " + LIVE_FROM + " IS NOT NULL "
                + "ORDER BY p.id", row -> {
                    String id = Tx.uuid(row, "id");
                    Set<String> members = new LinkedHashSet<>();
                    members.add(row.getString("mentor_id"));
                    members.addAll(mentees.getOrDefault(id, List.of()));
                    Instant until = Tx.instant(row, "live_until");
                    return new LivePairing(id, List.copyOf(members), day(Tx.instant(row, "live_from")),
                            until == null ? null : day(until));
                }, Tx.uuid(programId));
        return new ProgramData(List.copyOf(enrollments), List.copyOf(pairings));
    }

    static LocalDate day(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** The enrollments in the cohort (all of them for null). */
    List<Enrolled> cohort(YearMonth cohort) {
        return cohort == null ? enrollments : enrollments.stream().filter(e -> e.cohort().equals(cohort)).toList();
    }

    /** The pairings with at least one member among {@code people} (all pairings for null). */
    List<LivePairing> pairingsOf(Set<String> people) {
        return people == null ? pairings
                : pairings.stream().filter(p -> p.members().stream().anyMatch(people::contains)).toList();
    }
}
