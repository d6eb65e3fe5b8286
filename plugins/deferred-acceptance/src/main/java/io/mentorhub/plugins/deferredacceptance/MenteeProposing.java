package io.mentorhub.plugins.deferredacceptance;

import io.mentorhub.api.matching.MatchControl;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Mentee-proposing deferred acceptance with mentor capacities (Gale–Shapley in Roth's hospitals/residents form), on
 * per-side preferences built from the request. Each free mentee asks their best mentor not yet asked; a mentor holds
 * its best askers up to capacity and releases the worst one held when a better one asks. The result is stable under
 * these preferences and, among stable matchings, the best one for every mentee.
 *
 * <p>A mentee prefers the mentors they ranked, in their order, to every other; the others by score; equal scores by
 * the seed order. A mentor prefers by score (or, with {@link Rules#mentorsFavourRankers}, first the mentees who ranked
 * them higher), equal ones by the seed order: the sorted ids shuffled from the seed ({@link #tieBreak}), so
 * the result never depends on input order, and the seed only decides real ties.
 *
 * <p>Preferences are packed into longs — (ranking position, score rank, other side's index), indexes following the
 * seed order — so one signed comparison is the whole preference and sorting needs no objects. Each mentee asks each
 * acceptable mentor at most once and each mentor keeps its holds in a heap bounded by its capacity: O(P log P) for P
 * candidate pairs.
 *
 * <p>Shared by the stable and mentee-choice strategies. Plugins share nothing at run time but the API, so this is a
 * plain library that bnd copies privately into each bundle ({@code -conditionalpackage}): one source, no extra bundle.
 */
public final class MenteeProposing {

    /** Polling the control this often in inner loops keeps a stop request answered within a few milliseconds. */
    private static final int POLL_EVERY = 4096;

    /**
     * How candidate pairs become preferences. A ranked candidate is acceptable if it scores at least
     * {@code rankedMinimum}; an unranked one if {@code fallback} is on and it scores at least {@code fallbackMinimum}.
     */
    public record Rules(boolean mentorsFavourRankers, int rankedMinimum, boolean fallback, int fallbackMinimum) {
    }

    private MenteeProposing() {
    }

    /**
     * The random source of the seed order. The seed is scrambled first (the SplitMix64 finalizer): {@link Random}'s
     * first draws from nearby seeds are nearly equal, and consecutive run seeds should not all settle ties alike.
     * {@link Random}'s algorithm is specified, so the same seed gives the same order on every JVM.
     */
    public static Random tieBreak(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    /**
     * The order that settles ties: the sorted ids shuffled by {@code random} (Fisher–Yates, as
     * {@link java.util.Collections#shuffle(List, Random)}), and for each id-order position the id's place in it.
     */
    public record SeedOrder(String[] ids, int[] byId) {

        public static SeedOrder of(Stream<String> ids, Random random) {
            String[] sorted = ids.sorted().toArray(String[]::new);
            int[] order = new int[sorted.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            String[] shuffled = new String[sorted.length];
            int[] byId = new int[sorted.length];
            for (int i = 0; i < order.length; i++) {
                shuffled[i] = sorted[order[i]];
                byId[order[i]] = i;
            }
            return new SeedOrder(shuffled, byId);
        }
    }

    public static Outcome run(MatchRequest request, Rules rules) {
        MatchControl control = request.control();
        Random tieBreak = tieBreak(request.seed());
        SeedOrder mentorOrder = SeedOrder.of(request.mentors().stream().map(MentorSlot::mentorId), tieBreak);
        SeedOrder menteeOrder = SeedOrder.of(request.mentees().stream(), tieBreak);
        String[] mentorIds = mentorOrder.ids();
        String[] menteeIds = menteeOrder.ids();
        Map<String, Integer> mentorIndex = indexes(mentorIds);
        Map<String, Integer> menteeIndex = indexes(menteeIds);
        int mentors = mentorIds.length;
        int mentees = menteeIds.length;
        int[] capacity = new int[mentors];
        for (MentorSlot mentor : request.mentors()) {
            capacity[mentorIndex.get(mentor.mentorId())] = mentor.capacity();
        }

        // The candidates as arrays, then grouped by mentee in one array sliced per mentee (a counting sort).
        List<CandidatePair> candidates = request.candidates();
        int count = candidates.size();
        int[] mentorOf = new int[count];
        int[] menteeOf = new int[count];
        int[] scoreOf = new int[count];
        int[] from = new int[mentees + 1];
        for (int i = 0; i < count; i++) {
            pollSometimes(control, i);
            CandidatePair candidate = candidates.get(i);
            mentorOf[i] = mentorIndex.get(candidate.mentorId());
            menteeOf[i] = menteeIndex.get(candidate.menteeId());
            scoreOf[i] = candidate.score();
            from[menteeOf[i] + 1]++;
        }
        for (int e = 0; e < mentees; e++) {
            from[e + 1] += from[e];
        }
        int[] grouped = new int[count];
        int[] fill = Arrays.copyOf(from, mentees);
        for (int i = 0; i < count; i++) {
            grouped[fill[menteeOf[i]]++] = i;
        }
        List<String>[] rankingOf = rankings(request, menteeIndex);
        // Ranking position `unranked` sorts after every real one.
        int unranked = Arrays.stream(rankingOf).mapToInt(ranking -> ranking == null ? 0 : ranking.size()).max()
                .orElse(0);
        ScoreRanks scoreRanks = new ScoreRanks(scoreOf);

        int rankBits = bits(unranked + 1);
        int scoreBits = bits(scoreRanks.size());
        int mentorBits = bits(mentors);
        int menteeBits = bits(mentees);
        int mentorKeyBits = (rules.mentorsFavourRankers() ? rankBits : 0) + scoreBits + menteeBits;
        if (rankBits + scoreBits + mentorBits > 63 || mentorKeyBits > 63) {
            throw new IllegalArgumentException("request too large to pack preferences in 63 bits: " + mentors
                    + " mentors, " + mentees + " mentees, " + scoreRanks.size() + " score ranks, rankings of "
                    + "up to " + unranked + " mentors");
        }
        long mentorMask = (1L << mentorBits) - 1;
        long menteeMask = (1L << menteeBits) - 1;
        long scoreMask = (1L << scoreBits) - 1;

        // Per mentee: a pair named twice counts once, at its best score (the first named among equal ones); each
        // mentor gets the position the mentee ranked them at; the rules say which pairs are acceptable; and the
        // acceptable mentors, best first, become the mentee's choices as (ranking position, score rank, mentor).
        // `seenBy` and `seenAt` find a mentor already met in this mentee's slice without sorting or hashing.
        int[] slotCandidate = new int[count];
        int[] rankOf = new int[count];
        long[] choices = new long[count];
        int[] end = new int[mentees];
        int[] last = new int[mentees];
        int[] seenBy = new int[mentors];
        int[] seenAt = new int[mentors];
        Arrays.fill(seenBy, -1);
        int[] acceptors = new int[mentors];
        int[] rankedCount = new int[mentees];
        int[] otherCount = new int[mentees];
        int[] withheldCount = new int[mentees];
        for (int e = 0; e < mentees; e++) {
            pollSometimes(control, e);
            int write = from[e];
            for (int k = from[e]; k < from[e + 1]; k++) {
                int candidate = grouped[k];
                int mentor = mentorOf[candidate];
                if (seenBy[mentor] == e) {
                    if (scoreOf[candidate] > scoreOf[slotCandidate[seenAt[mentor]]]) {
                        slotCandidate[seenAt[mentor]] = candidate;
                    }
                } else {
                    seenBy[mentor] = e;
                    seenAt[mentor] = write;
                    slotCandidate[write] = candidate;
                    rankOf[write] = unranked;
                    write++;
                }
            }
            end[e] = write;
            if (rankingOf[e] != null) {
                for (int position = 0; position < rankingOf[e].size(); position++) {
                    Integer mentor = mentorIndex.get(rankingOf[e].get(position));
                    if (mentor != null && seenBy[mentor] == e) {
                        rankOf[seenAt[mentor]] = position;
                    }
                }
            }
            int choice = from[e];
            for (int slot = from[e]; slot < end[e]; slot++) {
                int score = scoreOf[slotCandidate[slot]];
                int mentor = mentorOf[slotCandidate[slot]];
                boolean ranked = rankOf[slot] < unranked;
                if (ranked ? score >= rules.rankedMinimum() : rules.fallback() && score >= rules.fallbackMinimum()) {
                    choices[choice++] = (long) rankOf[slot] << (scoreBits + mentorBits)
                            | (long) scoreRanks.rank(score) << mentorBits | mentor;
                    acceptors[mentor]++;
                    if (ranked) {
                        rankedCount[e]++;
                    } else {
                        otherCount[e]++;
                    }
                } else if (!ranked) {
                    withheldCount[e]++;
                }
            }
            last[e] = choice;
            Arrays.sort(choices, from[e], choice);
        }

        // A mentor never holds more than its capacity, nor more than the mentees who find it acceptable.
        int[] heapFrom = new int[mentors + 1];
        for (int m = 0; m < mentors; m++) {
            heapFrom[m + 1] = heapFrom[m] + Math.min(capacity[m], acceptors[m]);
        }
        long[] holds = new long[heapFrom[mentors]];
        int[] held = new int[mentors];
        int[] next = Arrays.copyOf(from, mentees);
        long proposals = 0;
        for (int e = 0; e < mentees; e++) {
            control.checkpoint();
            // The mentee asks down their list; whoever a mentor releases asks next, so no queue is needed.
            int asking = e;
            while (asking >= 0 && next[asking] < last[asking]) {
                if (++proposals % POLL_EVERY == 0) {
                    control.checkpoint();
                }
                long choice = choices[next[asking]++];
                int mentor = (int) (choice & mentorMask);
                long rankPart = rules.mentorsFavourRankers() ? choice >>> (scoreBits + mentorBits) : 0;
                long offer = (rankPart << scoreBits | (choice >>> mentorBits & scoreMask)) << menteeBits | asking;
                int base = heapFrom[mentor];
                int size = heapFrom[mentor + 1] - base;
                if (held[mentor] < size) {
                    siftUp(holds, base, held[mentor]++, offer);
                    asking = -1;
                } else if (size > 0 && offer < holds[base]) {
                    int released = (int) (holds[base] & menteeMask);
                    siftDown(holds, base, size, offer);
                    asking = released;
                }
                // Otherwise refused: the mentor is full of mentees it prefers, and the mentee asks on.
            }
        }

        // Mentors in id order, each one's mentees best first: the same request always reads the same.
        boolean[] placed = new boolean[mentees];
        List<ProposedPair> pairs = new ArrayList<>();
        for (int m : mentorOrder.byId()) {
            long[] mine = Arrays.copyOfRange(holds, heapFrom[m], heapFrom[m] + held[m]);
            Arrays.sort(mine);
            for (long hold : mine) {
                int e = (int) (hold & menteeMask);
                int slot = from[e];
                while (mentorOf[slotCandidate[slot]] != m) {
                    slot++;
                }
                placed[e] = true;
                CandidatePair candidate = candidates.get(slotCandidate[slot]);
                pairs.add(new ProposedPair(mentorIds[m], menteeIds[e], candidate.score(), candidate.factors()));
            }
        }

        List<Unplaced> unplaced = new ArrayList<>();
        for (int e : menteeOrder.byId()) {
            if (!placed[e]) {
                boolean room = false;
                for (int k = from[e]; k < last[e]; k++) {
                    room |= capacity[(int) (choices[k] & mentorMask)] > 0;
                }
                unplaced.add(new Unplaced(menteeIds[e], rankingOf[e] == null ? 0 : rankingOf[e].size(),
                        rankedCount[e], otherCount[e], withheldCount[e], room));
            }
        }
        return new Outcome(pairs, unplaced);
    }

    /** The proposed pairs, and every mentee left without a mentor, by id. */
    public record Outcome(List<ProposedPair> pairs, List<Unplaced> unplaced) {
    }

    /**
     * What a mentee left without a mentor could have had: the length of their ranking, how many ranked and other
     * mentors were acceptable, how many unranked candidates the rules withheld, and whether any acceptable mentor
     * had capacity at all in this run.
     */
    public record Unplaced(String menteeId, int rankingSize, int rankedAcceptable, int othersAcceptable, int othersWithheld,
            boolean anyCapacity) {

        public int acceptable() {
            return rankedAcceptable + othersAcceptable;
        }
    }

    private static void pollSometimes(MatchControl control, int mentee) {
        if (mentee % POLL_EVERY == 0) {
            control.checkpoint();
        }
    }

    private static Map<String, Integer> indexes(String[] ids) {
        Map<String, Integer> index = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        return index;
    }

    /** The mentees' rankings by mentee index; null for a mentee who ranked nobody. */
    @SuppressWarnings("unchecked")
    private static List<String>[] rankings(MatchRequest request, Map<String, Integer> menteeIndex) {
        List<String>[] rankingOf = new List[menteeIndex.size()];
        request.menteeRankings().forEach((mentee, ranking) -> rankingOf[menteeIndex.get(mentee)] = ranking);
        return rankingOf;
    }

    /**
     * Ranks scores best (highest) first, so that a smaller rank is a better score. Scores usually span a small
     * range (weighted points), and then a score's rank is simply its distance below the highest; a wide range is
     * ranked densely by binary search in the sorted distinct scores, so it still packs into few bits.
     */
    private static final class ScoreRanks {

        /** Ranges up to this wide rank by distance: 24 bits, well within the 63 a preference has. */
        private static final long DIRECT_RANGE = 1 << 24;

        private final int highest;
        private final int[] ascending;
        private final int size;

        ScoreRanks(int[] scores) {
            int low = Integer.MAX_VALUE;
            int high = Integer.MIN_VALUE;
            for (int score : scores) {
                low = Math.min(low, score);
                high = Math.max(high, score);
            }
            long range = scores.length == 0 ? 0 : (long) high - low + 1;
            highest = high;
            if (range <= DIRECT_RANGE) {
                ascending = null;
                size = (int) range;
            } else {
                ascending = Arrays.stream(scores).sorted().distinct().toArray();
                size = ascending.length;
            }
        }

        /** Ranks are 0..size-1. */
        int size() {
            return size;
        }

        int rank(int score) {
            return ascending == null ? highest - score : size - 1 - Arrays.binarySearch(ascending, score);
        }
    }

    /** Bits needed for values 0..size-1 (at least one). */
    private static int bits(int size) {
        return size <= 1 ? 1 : 64 - Long.numberOfLeadingZeros(size - 1L);
    }

    /* A mentor's holds form a max-heap in holds[base, base + size): the least preferred mentee is on top. */

    private static void siftUp(long[] heap, int base, int at, long value) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (heap[base + parent] >= value) {
                break;
            }
            heap[base + at] = heap[base + parent];
            at = parent;
        }
        heap[base + at] = value;
    }

    /** Replaces the top with value and restores the heap. */
    private static void siftDown(long[] heap, int base, int size, long value) {
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[base + child + 1] > heap[base + child]) {
                child++;
            }
            if (heap[base + child] <= value) {
                break;
            }
            heap[base + at] = heap[base + child];
            at = child;
        }
        heap[base + at] = value;
    }
}
