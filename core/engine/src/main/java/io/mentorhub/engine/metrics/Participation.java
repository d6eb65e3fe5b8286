package io.mentorhub.engine.metrics;

import io.mentorhub.engine.metrics.ProgramData.Enrolled;
import io.mentorhub.engine.metrics.ProgramData.LivePairing;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who took part, and how many pairs met the program's promise of a partner.
 *
 * <ul>
 * <li>participation rate = enrolled people in a pairing live during the period ÷ enrolled people. Enrolled: enrolled
 * on or before the period's last day, not certainly withdrawn before its first (a withdrawn enrollment last changed
 * before the period starts is left out). Mentors and mentees alike.
 * <li>active pairings = pairings live on at least one day of the period; their members are the people it covers.
 * </ul>
 */
final class Participation {

    private Participation() {
    }

    static Figure rate(List<Enrolled> enrollments, List<LivePairing> pairings, Period period, int minimumGroupSize) {
        Set<String> paired = new HashSet<>();
        for (LivePairing pairing : pairings) {
            if (pairing.liveDuring(period)) {
                paired.addAll(pairing.members());
            }
        }
        long enrolled = 0;
        long taking = 0;
        for (Enrolled enrollment : enrollments) {
            if (enrollment.enrolledDuring(period)) {
                enrolled++;
                if (paired.contains(enrollment.personId())) {
                    taking++;
                }
            }
        }
        return Figure.rate(taking, enrolled, (int) enrolled, minimumGroupSize, "nobody was enrolled in the period");
    }

    static Figure activePairings(List<LivePairing> pairings, Period period, int minimumGroupSize) {
        Set<String> people = new HashSet<>();
        long live = 0;
        for (LivePairing pairing : pairings) {
            if (pairing.liveDuring(period)) {
                live++;
                people.addAll(pairing.members());
            }
        }
        return Figure.count(live, people.size(), minimumGroupSize);
    }
}
