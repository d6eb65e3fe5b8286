package io.mentorhub.engine.matching;

import io.mentorhub.api.matching.MatchControl;
import java.util.Arrays;
import java.util.Objects;

/**
 * Checks a strategy's dual prices ({@code MatchResult.Duals}, by dense index) against every feasible pair, not only
 * the candidates the strategy saw. If every feasible pair is covered ({@code mentorPrice + menteePrice >= score}) and
 * the prices close the gap to the total score, no assignment over all feasible pairs scores more: the candidates
 * lost nothing. A pair that is not covered could improve the answer; adding it back and solving again is the
 * column-generation loop that ends with a certified optimum over all pairs.
 */
public final class DualCertificate {

    private DualCertificate() {
    }

    /**
     * Feasible pairs not in {@code candidates} whose prices do not cover their score, at most {@code limit}, largest
     * shortfall ({@code score - mentorPrice - menteePrice}) first, ties by mentor then mentee index. Mentors without
     * capacity are skipped: their pairs can improve nothing. Polls {@code control} once per mentee row.
     */
    public static CandidateGraph violations(long[] mentorPrice, long[] menteePrice, int[] mentorCapacity,
            int menteeCount, PairScores scores, CandidateGraph candidates, int limit, MatchControl control) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(control, "control");
        if (mentorPrice.length != mentorCapacity.length || menteePrice.length != menteeCount) {
            throw new IllegalArgumentException("prices must have one entry per mentor (" + mentorCapacity.length
                    + ") and per mentee (" + menteeCount + "), had " + mentorPrice.length + " and "
                    + menteePrice.length);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        int[] withRoom = java.util.stream.IntStream.range(0, mentorCapacity.length)
                .filter(i -> mentorCapacity[i] > 0).toArray();
        // The worst `limit` violations, the weakest kept at the root.
        long[] shortfall = new long[limit];
        long[] pair = new long[limit];
        int size = 0;
        for (int j = 0; j < menteeCount; j++) {
            control.checkpoint();
            long v = menteePrice[j];
            for (int i : withRoom) {
                int s = scores.score(i, j);
                if (s == PairScores.NOT_A_PAIR || mentorPrice[i] + v >= s) {
                    continue;
                }
                long gap = s - mentorPrice[i] - v;
                long key = (long) i << 32 | j;
                if (size == limit && (limit == 0 || !weaker(shortfall[0], pair[0], gap, key))
                        || candidates.contains(i, j)) {
                    continue;
                }
                size = offer(shortfall, pair, size, gap, key);
            }
        }

        // Strongest first: sort by (shortfall desc, mentor, mentee).
        Integer[] order = new Integer[size];
        Arrays.setAll(order, k -> k);
        Arrays.sort(order, (a, b) -> shortfall[a] != shortfall[b]
                ? Long.compare(shortfall[b], shortfall[a])
                : Long.compare(pair[a], pair[b]));
        CandidateGraph found = new CandidateGraph(size);
        for (int k : order) {
            int mentor = (int) (pair[k] >>> 32);
            int mentee = (int) pair[k];
            found.add(mentor, mentee, Math.toIntExact(shortfall[k] + mentorPrice[mentor] + menteePrice[mentee]));
        }
        return found;
    }

    /**
     * Strong duality: the prices are all at least zero and {@code totalScore == sum(capacity * mentorPrice) +
     * sum(menteePrice)}, computed exactly (an overflow counts as a gap). With no {@link #violations} this proves the
     * total optimal over all feasible pairs.
     */
    public static boolean closesTheGap(long totalScore, long[] mentorPrice, int[] mentorCapacity, long[] menteePrice) {
        if (mentorPrice.length != mentorCapacity.length) {
            throw new IllegalArgumentException("one price per mentor: " + mentorPrice.length + " prices for "
                    + mentorCapacity.length + " mentors");
        }
        try {
            long bound = 0;
            for (int i = 0; i < mentorPrice.length; i++) {
                if (mentorPrice[i] < 0) {
                    return false;
                }
                bound = Math.addExact(bound, Math.multiplyExact(mentorCapacity[i], mentorPrice[i]));
            }
            for (long price : menteePrice) {
                if (price < 0) {
                    return false;
                }
                bound = Math.addExact(bound, price);
            }
            return bound == totalScore;
        } catch (ArithmeticException overflow) {
            return false;
        }
    }

    /** A min-heap of (shortfall, pair) where the root is the weakest: smallest shortfall, then latest pair. */
    private static int offer(long[] shortfall, long[] pair, int size, long gap, long key) {
        int limit = shortfall.length;
        if (size < limit) {
            int at = size;
            while (at > 0) {
                int parent = (at - 1) >>> 1;
                if (!weaker(gap, key, shortfall[parent], pair[parent])) {
                    break;
                }
                shortfall[at] = shortfall[parent];
                pair[at] = pair[parent];
                at = parent;
            }
            shortfall[at] = gap;
            pair[at] = key;
            return size + 1;
        }
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && weaker(shortfall[child + 1], pair[child + 1], shortfall[child], pair[child])) {
                child++;
            }
            if (!weaker(shortfall[child], pair[child], gap, key)) {
                break;
            }
            shortfall[at] = shortfall[child];
            pair[at] = pair[child];
            at = child;
        }
        shortfall[at] = gap;
        pair[at] = key;
        return size;
    }

    private static boolean weaker(long gap, long key, long otherGap, long otherKey) {
        return gap < otherGap || gap == otherGap && key > otherKey;
    }
}
