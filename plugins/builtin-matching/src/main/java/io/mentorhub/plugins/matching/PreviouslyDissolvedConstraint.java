package io.mentorhub.plugins.matching;

import io.mentorhub.api.matching.MatchingConstraint;
import io.mentorhub.api.matching.MatchingPool;
import io.mentorhub.api.matching.MatchingPool.ExcludedPair;
import io.mentorhub.api.matching.Participant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Component;

/**
 * Never proposes again a pair that was dissolved, rejected or declined in this program
 * ({@link MatchingPool#excludedPairs()}). In PEER programs a pair is the same whichever way round it was recorded.
 * Excluded pairs naming someone outside this run are ignored: they cannot be proposed anyway.
 */
@Component
public class PreviouslyDissolvedConstraint implements MatchingConstraint {

    @Override
    public String id() {
        return "not-previously-dissolved";
    }

    @Override
    public String displayName() {
        return "Not a pair that ended before";
    }

    @Override
    public Rule prepare(MatchingPool pool) {
        Roster roster = Roster.of(pool);
        // Per mentor index, the sorted indexes of mentees they may not meet again: a binary search per pair.
        Map<Integer, TreeSet<Integer>> excluded = new HashMap<>();
        Map<Long, TreeSet<String>> reasons = new HashMap<>();
        for (ExcludedPair pair : pool.excludedPairs()) {
            int m = roster.indexOfId(pair.mentorId());
            int e = roster.indexOfId(pair.menteeId());
            if (m < 0 || e < 0) {
                continue;
            }
            record(excluded, reasons, m, e, pair.reason());
            if (roster.peer()) {
                record(excluded, reasons, e, m, pair.reason());
            }
        }
        int[][] menteesOf = new int[roster.size()][];
        excluded.forEach((m, mentees) -> menteesOf[m] = mentees.stream().mapToInt(Integer::intValue).toArray());
        return new Rule() {
            @Override
            public boolean allows(Participant mentor, Participant mentee) {
                int[] mentees = menteesOf[roster.indexOf(mentor)];
                int e = roster.indexOf(mentee);
                return mentees == null || Arrays.binarySearch(mentees, e) < 0;
            }

            @Override
            public String reason(Participant mentor, Participant mentee) {
                if (allows(mentor, mentee)) {
                    return "this pair has not ended before in this program";
                }
                TreeSet<String> recorded = reasons.get(key(mentor.index(), mentee.index()));
                String why = "this pair ended or was turned down before in this program";
                return recorded.isEmpty() ? why : why + " (" + String.join("; ", List.copyOf(recorded)) + ")";
            }
        };
    }

    private static void record(Map<Integer, TreeSet<Integer>> excluded, Map<Long, TreeSet<String>> reasons,
            int mentor, int mentee, String reason) {
        excluded.computeIfAbsent(mentor, m -> new TreeSet<>()).add(mentee);
        TreeSet<String> recorded = reasons.computeIfAbsent(key(mentor, mentee), k -> new TreeSet<>());
        if (reason != null && !reason.isBlank()) {
            recorded.add(reason.strip());
        }
    }

    private static long key(int mentor, int mentee) {
        return (long) mentor << 32 | mentee;
    }
}
