package io.mentorhub.engine.matching;

import io.mentorhub.api.domain.Pairing;
import io.mentorhub.api.domain.Person;
import io.mentorhub.engine.store.PairingStore;
import io.mentorhub.engine.store.PersonStore;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A run in a few lines for people at a console: outcome, pairs, mean score, unmatched by reason, one explanation. */
public final class MatchingSummary {

    private MatchingSummary() {
    }

    public static String render(Tx tx, MatchingRun run) throws SQLException {
        StringBuilder out = new StringBuilder();
        out.append(String.format("matching run %s: %s", run.id(), run.status()));
        if (run.startedAt() != null && run.finishedAt() != null) {
            out.append(String.format(" in %.1f s", Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0));
        }
        out.append(String.format(" (strategy %s, seed %d)%n", run.strategy(), run.seed()));
        if (run.error() != null) {
            out.append("  ").append(run.error()).append('\n');
        }
        Map<String, Object> counts = run.counts();
        if (run.status() != MatchingRun.Status.SUCCEEDED) {
            return out.toString();
        }
        out.append(String.format("  pairs: %s   matched mentees: %s of %s   mean score: %s of %s   candidates: %s%n",
                counts.get("proposed_pairings"), counts.get("matched_mentees"), counts.get("mentees"),
                counts.get("mean_score"), counts.get("best_possible_score"), counts.get("candidates")));
        if (Boolean.TRUE.equals(counts.get("certified_optimal"))) {
            out.append("  certified optimal over every feasible pair (dual prices checked)\n");
        }
        if (!run.unmatched().isEmpty()) {
            out.append(String.format("  unmatched: %d, by reason:%n", run.unmatched().size()));
            Map<String, Long> byReason = run.unmatched().stream().collect(Collectors.groupingBy(
                    MatchingRun.UnmatchedPerson::reason, TreeMap::new, Collectors.counting()));
            byReason.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                    .forEach(e -> out.append(String.format("    %4d × %s%n", e.getValue(), e.getKey())));
        }
        PairingStore pairings = new PairingStore();
        List<String> proposals = new MatchingRunStore().proposals(tx, run.id());
        Pairing best = null;
        for (String id : proposals) {
            Pairing pairing = pairings.get(tx, id).value();
            if (best == null || pairing.score() > best.score()) {
                best = pairing;
            }
        }
        if (best != null) {
            PersonStore people = new PersonStore();
            out.append(String.format("  example — %s mentors %s (score %d):%n", name(tx, people, best.mentorId()),
                    best.menteeIds().stream().map(id -> name(tx, people, id)).collect(Collectors.joining(", ")),
                    best.score()));
            best.explanation().stream().sorted(Comparator.comparingInt(Pairing.FactorScore::score).reversed())
                    .forEach(f -> out.append(String.format("    %-16s %5d  %s%n", f.factor(), f.score(), f.reason())));
        }
        return out.toString();
    }

    private static String name(Tx tx, PersonStore people, String id) {
        try {
            Person person = people.get(tx, id).value();
            return person.givenName() + " " + person.familyName() + " (" + id + ")";
        } catch (SQLException | RuntimeException e) {
            return id;
        }
    }
}
