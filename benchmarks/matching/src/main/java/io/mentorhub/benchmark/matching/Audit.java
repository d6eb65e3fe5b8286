package io.mentorhub.benchmark.matching;

import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import io.mentorhub.api.matching.MatchResult.Unmatched;
import java.util.Arrays;

/**
 * Checks a strategy's answer against the graph before any of its figures are printed — every pair a candidate at its
 * score, no mentee twice, no mentor over capacity, every other mentee reported unmatched — and counts blocking pairs.
 * Works on indexes, not maps of strings, so auditing the largest instance costs well under a second.
 */
final class Audit {

    /** Total score, mentees matched, and pairs that block stability under the stable strategy's preferences. */
    record Figures(long objective, int matched, long blockingPairs) {
    }

    private final CandidateGraph graph;
    /** Candidates of mentee j, as (mentor << 32 | MAX - score) sorted: a mentor's best score comes first. */
    private final int[] first;
    private final long[] keys;

    Audit(CandidateGraph graph) {
        this.graph = graph;
        first = new int[graph.mentees() + 1];
        for (int k = 0; k < graph.pairs(); k++) {
            first[graph.pairMentee(k) + 1]++;
        }
        for (int j = 0; j < graph.mentees(); j++) {
            first[j + 1] += first[j];
        }
        keys = new long[graph.pairs()];
        int[] fill = Arrays.copyOf(first, graph.mentees());
        for (int k = 0; k < graph.pairs(); k++) {
            keys[fill[graph.pairMentee(k)]++] = (long) graph.pairMentor(k) << 32
                    | (Integer.MAX_VALUE - graph.pairScore(k));
        }
        for (int j = 0; j < graph.mentees(); j++) {
            Arrays.sort(keys, first[j], first[j + 1]);
        }
    }

    /** Throws {@link IllegalStateException} if the result is not a valid matching of this graph. */
    Figures check(String solver, MatchResult result) {
        int[] mentorOf = new int[graph.mentees()];
        int[] scoreOf = new int[graph.mentees()];
        Arrays.fill(mentorOf, -1);
        int[] load = new int[graph.mentors()];
        // The lowest score among the mentees each mentor got.
        int[] worstScore = new int[graph.mentors()];
        long objective = 0;
        for (ProposedPair pair : result.pairs()) {
            int mentee = index(solver, pair.menteeId(), "mentee-", graph.mentees());
            int mentor = index(solver, pair.mentorId(), "mentor-", graph.mentors());
            int best = bestScore(mentee, mentor);
            if (best == Integer.MIN_VALUE || pair.score() != best) {
                throw wrong(solver, "proposes " + pair + ", which is not a candidate at that score");
            }
            if (mentorOf[mentee] != -1) {
                throw wrong(solver, "matches " + pair.menteeId() + " twice");
            }
            if (++load[mentor] > graph.capacity(mentor)) {
                throw wrong(solver, "gives " + pair.mentorId() + " more than its capacity " + graph.capacity(mentor));
            }
            mentorOf[mentee] = mentor;
            scoreOf[mentee] = best;
            if (load[mentor] == 1 || best < worstScore[mentor]) {
                worstScore[mentor] = best;
            }
            objective += best;
        }
        boolean[] reported = new boolean[graph.mentees()];
        for (Unmatched unmatched : result.unmatched()) {
            int mentee = index(solver, unmatched.personId(), "mentee-", graph.mentees());
            if (mentorOf[mentee] != -1 || reported[mentee]) {
                throw wrong(solver, "reports " + unmatched.personId() + " unmatched twice, or unmatched and matched");
            }
            reported[mentee] = true;
        }
        if (result.pairs().size() + result.unmatched().size() != graph.mentees()) {
            throw wrong(solver, "accounts for " + (result.pairs().size() + result.unmatched().size()) + " of "
                    + graph.mentees() + " mentees");
        }

        // Blocking: both strictly prefer each other to what they have (a free place counts as preferring anyone).
        // Equal scores are ties, not preferences: the stable strategy breaks them by its seed, and a matching with
        // no strictly blocking pair is (weakly) stable whichever way the ties went.
        long blocking = 0;
        for (int j = 0; j < graph.mentees(); j++) {
            for (int k = first[j]; k < first[j + 1]; k++) {
                int mentor = (int) (keys[k] >>> 32);
                int score = Integer.MAX_VALUE - (int) keys[k];
                if (k > first[j] && mentor == (int) (keys[k - 1] >>> 32)) {
                    continue; // a pair listed twice counts once, at its best score
                }
                boolean menteeWants = mentorOf[j] == -1 || score > scoreOf[j];
                boolean mentorWants = load[mentor] < graph.capacity(mentor) || load[mentor] > 0
                        && score > worstScore[mentor];
                if (menteeWants && mentorWants) {
                    blocking++;
                }
            }
        }
        return new Figures(objective, result.pairs().size(), blocking);
    }

    private int bestScore(int mentee, int mentor) {
        int at = Arrays.binarySearch(keys, first[mentee], first[mentee + 1], (long) mentor << 32);
        int k = at >= 0 ? at : -at - 1;
        if (k < first[mentee + 1] && (int) (keys[k] >>> 32) == mentor) {
            return Integer.MAX_VALUE - (int) keys[k];
        }
        return Integer.MIN_VALUE;
    }

    /** Ids are {@code prefix} and seven digits, as {@link CandidateGraph} makes them. */
    private static int index(String solver, String id, String prefix, int count) {
        if (id.length() == prefix.length() + 7 && id.startsWith(prefix)) {
            try {
                int index = Integer.parseInt(id, prefix.length(), id.length(), 10);
                if (index >= 0 && index < count) {
                    return index;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw wrong(solver, "names " + id + ", which is not in the instance");
    }

    private static IllegalStateException wrong(String solver, String what) {
        return new IllegalStateException(solver + " " + what);
    }
}
