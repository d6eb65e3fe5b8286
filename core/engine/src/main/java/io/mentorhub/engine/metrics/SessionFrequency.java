package io.mentorhub.engine.metrics;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mentorhub.api.domain.MentoringSession.Attendance;
import io.mentorhub.api.domain.MentoringSession.Presence;
import io.mentorhub.engine.metrics.ProgramData.LivePairing;
import io.mentorhub.engine.store.EntityStore;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How often pairs meet: sessions per pairing per month = sessions held ÷ pairing-months live.
 *
 * <ul>
 * <li>held: a session of the pairing that starts on a day of the period and at which the mentor and at least one
 * mentee are recorded ATTENDED (a session without attendance, or where a side was absent or excused, was not held);
 * <li>pairing-months: for each pairing, each calendar month's live days within the period ÷ that month's length
 * (see {@link Period#months}); a pairing live all of a 31-day month is 1.0.
 * </ul>
 * People covered: the members of the pairings live in the period.
 */
final class SessionFrequency {

    private static final TypeReference<List<Attendance>> ATTENDANCE = new TypeReference<>() {
    };

    /** A session's pairing and day, for sessions that were held. */
    record Held(String pairingId, LocalDate day) {
    }

    private SessionFrequency() {
    }

    /** The sessions of the program held during the period (one query; attendance is a JSON column). */
    static List<Held> held(Tx tx, String programId, Map<String, LivePairing> pairings, Period period)
            throws SQLException {
        return tx.query("SELECT s.pairing_id, s.starts_at, s.attendance FROM mentoring_session s "
                + "JOIN pairing p ON p.id = s.pairing_id WHERE p.program_id = ? AND s.starts_at >= ? "
                + "AND s.starts_at < ? ORDER BY s.starts_at, s.id", row -> {
                    String pairingId = Tx.uuid(row, "pairing_id");
                    LivePairing pairing = pairings.get(pairingId);
                    boolean held = pairing != null && wasHeld(pairing,
                            EntityStore.json(row.getString("attendance"), ATTENDANCE));
                    return held ? new Held(pairingId, ProgramData.day(Tx.instant(row, "starts_at"))) : null;
                }, Tx.uuid(programId), period.start(), period.endExclusive())
                .stream().filter(java.util.Objects::nonNull).toList();
    }

    static boolean wasHeld(LivePairing pairing, List<Attendance> attendance) {
        Map<String, Presence> presence = new HashMap<>();
        attendance.forEach(a -> presence.put(a.personId(), a.presence()));
        String mentor = pairing.members().get(0);
        return presence.get(mentor) == Presence.ATTENDED && pairing.members().stream().skip(1)
                .anyMatch(mentee -> presence.get(mentee) == Presence.ATTENDED);
    }

    static Figure perPairingMonth(List<LivePairing> pairings, List<Held> held, Period period, int minimumGroupSize) {
        Set<String> scoped = new HashSet<>();
        Set<String> people = new HashSet<>();
        double months = 0;
        for (LivePairing pairing : pairings) {
            double live = period.overlapDays(pairing.liveFrom(), pairing.liveTo()) > 0
                    ? period.months(pairing.liveFrom(), pairing.liveTo()) : 0;
            if (live > 0) {
                months += live;
                people.addAll(pairing.members());
            }
            scoped.add(pairing.id());
        }
        long sessions = held.stream().filter(h -> scoped.contains(h.pairingId()) && period.contains(h.day())).count();
        return Figure.ratio(sessions, months, people.size(), minimumGroupSize,
                "no pairing was live in the period", 1, 4);
    }
}
