package io.mentorhub.plugins.stable;

import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import io.mentorhub.api.matching.MatchResult.Unmatched;
import io.mentorhub.api.matching.MatchingStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Mentee-proposing deferred acceptance with mentor capacities (Gale–Shapley, in Roth's hospitals/residents form).
 * Each free mentee asks their best mentor not yet asked; a mentor holds the best mentees up to capacity and releases
 * the worst held one when a better one asks. The result is stable — no mentor and mentee would both rather be
 * together than with what they got — and, among stable matchings, the best one for every mentee.
 *
 * <p>Both sides rank by the candidate's score, ties broken by the other side's id, so the result never depends on
 * input order or on the seed. Because one score ranks a pair for both sides, the stable matching is in fact unique,
 * and it equals what best-score-first greedy finds with the same tie-breaks; this strategy states and checks
 * stability instead of relying on that coincidence, and says why a mentee stayed unmatched.
 *
 * <p>Runs in O(P log P) for P candidate pairs: each mentee asks each acceptable mentor at most once, and each mentor
 * keeps its holds in a heap bounded by its capacity.
 */
@Component(configurationPid = StableStrategy.PID)
@Designate(ocd = StableStrategy.Config.class)
public class StableStrategy implements MatchingStrategy {

    static final String PID = "io.mentorhub.strategy.stable";

    static final String NO_ACCEPTABLE_MENTOR = "no acceptable mentor";
    static final String NO_CAPACITY = "every acceptable mentor has no capacity in this run";
    static final String OUTRANKED = "every acceptable mentor preferred mentees it already holds";

    @ObjectClassDefinition(name = "Stable matching strategy")
    @interface Config {
        @AttributeDefinition(name = "Minimum score", description = "Candidate pairs scoring below this are unacceptable to both mentor and mentee.", min = "0")
        int minimumScore() default 0;
    }

    private volatile int minimumScore;

    @Activate
    public StableStrategy(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        if (config.minimumScore() < 0) {
            throw new IllegalArgumentException("minimumScore must be >= 0, was " + config.minimumScore());
        }
        this.minimumScore = config.minimumScore();
    }

    @Override
    public String id() {
        return "stable";
    }

    @Override
    public String displayName() {
        return "Stable (mentee-proposing deferred acceptance)";
    }

    /*
     * A preference is a long: the high half is ~score (so a higher score sorts first, without overflow for any int)
     * and the low half is the other side's index. Indexes follow sorted ids, so one signed comparison of two longs
     * is "higher score, then smaller id" — the whole tie-break — and sorting needs no objects.
     */
    private static final long SCORE_HALF = 0xFFFF_FFFF_0000_0000L;

    private static long preference(int score, int otherIndex) {
        return ((long) ~score << 32) | otherIndex;
    }

    private static int scoreOf(long preference) {
        return ~(int) (preference >>> 32);
    }

    private static int indexOf(long preference) {
        return (int) preference;
    }

    @Override
    public MatchResult match(MatchRequest request) {
        int threshold = minimumScore;
        String[] mentorIds = request.mentors().stream().map(MentorSlot::mentorId).sorted().toArray(String[]::new);
        String[] menteeIds = request.mentees().stream().sorted().toArray(String[]::new);
        Map<String, Integer> mentorIndex = indexes(mentorIds);
        Map<String, Integer> menteeIndex = indexes(menteeIds);
        int[] capacity = new int[mentorIds.length];
        for (MentorSlot mentor : request.mentors()) {
            capacity[mentorIndex.get(mentor.mentorId())] = mentor.capacity();
        }

        // Each mentee's acceptable mentors, best first, in one array sliced per mentee (a counting sort by mentee).
        List<CandidatePair> candidates = request.candidates();
        int[] menteeOfCandidate = new int[candidates.size()];
        int[] from = new int[menteeIds.length + 1];
        for (int i = 0; i < candidates.size(); i++) {
            CandidatePair candidate = candidates.get(i);
            if (candidate.score() >= threshold) {
                int mentee = menteeIndex.get(candidate.menteeId());
                menteeOfCandidate[i] = mentee;
                from[mentee + 1]++;
            } else {
                menteeOfCandidate[i] = -1;
            }
        }
        for (int e = 0; e < menteeIds.length; e++) {
            from[e + 1] += from[e];
        }
        long[] choices = new long[from[menteeIds.length]];
        int[] fill = Arrays.copyOf(from, menteeIds.length);
        int[] acceptors = new int[mentorIds.length];
        for (int i = 0; i < candidates.size(); i++) {
            if (menteeOfCandidate[i] >= 0) {
                CandidatePair candidate = candidates.get(i);
                int mentor = mentorIndex.get(candidate.mentorId());
                acceptors[mentor]++;
                choices[fill[menteeOfCandidate[i]]++] = preference(candidate.score(), mentor);
            }
        }
        // A pair named twice is asked at its best score first; asking again at a lower score is always refused,
        // since a mentor that refused or released a mentee only ever fills up with better ones.
        for (int e = 0; e < menteeIds.length; e++) {
            Arrays.sort(choices, from[e], from[e + 1]);
        }

        // A mentor never holds more than its capacity, nor more than the mentees who find it acceptable.
        int[] heapFrom = new int[mentorIds.length + 1];
        for (int m = 0; m < mentorIds.length; m++) {
            heapFrom[m + 1] = heapFrom[m] + Math.min(capacity[m], acceptors[m]);
        }
        long[] holds = new long[heapFrom[mentorIds.length]];
        int[] held = new int[mentorIds.length];

        int[] next = Arrays.copyOf(from, menteeIds.length);
        for (int e = 0; e < menteeIds.length; e++) {
            // The mentee asks down their list; whoever a mentor releases asks next, so no queue is needed.
            int asking = e;
            while (asking >= 0 && next[asking] < from[asking + 1]) {
                long choice = choices[next[asking]++];
                int mentor = indexOf(choice);
                int base = heapFrom[mentor];
                int size = heapFrom[mentor + 1] - base;
                long offer = (choice & SCORE_HALF) | asking;
                if (held[mentor] < size) {
                    siftUp(holds, base, held[mentor]++, offer);
                    asking = -1;
                } else if (size > 0 && offer < holds[base]) {
                    int released = indexOf(holds[base]);
                    siftDown(holds, base, size, offer);
                    asking = released;
                }
            }
        }

        // Mentors in id order, each one's mentees best first: the same request always reads the same.
        boolean[] matched = new boolean[menteeIds.length];
        List<ProposedPair> pairs = new ArrayList<>();
        for (int m = 0; m < mentorIds.length; m++) {
            long[] mine = Arrays.copyOfRange(holds, heapFrom[m], heapFrom[m] + held[m]);
            Arrays.sort(mine);
            for (long hold : mine) {
                matched[indexOf(hold)] = true;
                pairs.add(new ProposedPair(mentorIds[m], menteeIds[indexOf(hold)], scoreOf(hold)));
            }
        }

        List<Unmatched> unmatched = new ArrayList<>();
        for (int e = 0; e < menteeIds.length; e++) {
            if (!matched[e]) {
                unmatched.add(new Unmatched(menteeIds[e], reason(choices, from[e], from[e + 1], capacity)));
            }
        }
        return new MatchResult(pairs, unmatched);
    }

    private static String reason(long[] choices, int from, int to, int[] capacity) {
        if (from == to) {
            return NO_ACCEPTABLE_MENTOR;
        }
        for (int i = from; i < to; i++) {
            if (capacity[indexOf(choices[i])] > 0) {
                return OUTRANKED;
            }
        }
        return NO_CAPACITY;
    }

    private static Map<String, Integer> indexes(String[] sortedIds) {
        Map<String, Integer> index = new HashMap<>(sortedIds.length * 2);
        for (int i = 0; i < sortedIds.length; i++) {
            index.put(sortedIds[i], i);
        }
        return index;
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

    /**
     * The pairs that block {@code result} under this strategy's preferences: an acceptable candidate pair whose
     * mentee prefers its mentor to their assignment (or has none) and whose mentor has room or prefers the mentee to
     * the worst one it was given. A stable result has none. Written independently of {@link #match} — plain maps,
     * one pass per candidate — so the tests check the algorithm against the definition, not against itself.
     */
    List<CandidatePair> blockingPairs(MatchRequest request, MatchResult result) {
        int threshold = minimumScore;
        Map<List<String>, Integer> best = new HashMap<>();
        for (CandidatePair candidate : request.candidates()) {
            if (candidate.score() >= threshold) {
                best.merge(List.of(candidate.mentorId(), candidate.menteeId()), candidate.score(), Math::max);
            }
        }
        Map<String, Integer> capacity = new HashMap<>();
        request.mentors().forEach(mentor -> capacity.put(mentor.mentorId(), mentor.capacity()));
        Map<String, ProposedPair> assignment = new HashMap<>();
        Map<String, Integer> load = new HashMap<>();
        Map<String, ProposedPair> worstHeld = new HashMap<>();
        for (ProposedPair pair : result.pairs()) {
            ProposedPair scored = new ProposedPair(pair.mentorId(), pair.menteeId(),
                    best.getOrDefault(List.of(pair.mentorId(), pair.menteeId()), pair.score()));
            assignment.put(pair.menteeId(), scored);
            load.merge(pair.mentorId(), 1, Integer::sum);
            worstHeld.merge(pair.mentorId(), scored,
                    (a, b) -> mentorPrefers(a.score(), a.menteeId(), b.score(), b.menteeId()) ? b : a);
        }
        List<CandidatePair> blocking = new ArrayList<>();
        for (Map.Entry<List<String>, Integer> pair : best.entrySet()) {
            String mentor = pair.getKey().get(0);
            String mentee = pair.getKey().get(1);
            int score = pair.getValue();
            ProposedPair current = assignment.get(mentee);
            boolean menteeWants = current == null || menteePrefers(score, mentor, current.score(), current.mentorId());
            ProposedPair worst = worstHeld.get(mentor);
            boolean mentorWants = load.getOrDefault(mentor, 0) < capacity.getOrDefault(mentor, 0)
                    || worst != null && mentorPrefers(score, mentee, worst.score(), worst.menteeId());
            if (menteeWants && mentorWants) {
                blocking.add(new CandidatePair(mentor, mentee, score));
            }
        }
        blocking.sort(Comparator.comparing(CandidatePair::mentorId).thenComparing(CandidatePair::menteeId));
        return blocking;
    }

    private static boolean menteePrefers(int score, String mentor, int otherScore, String otherMentor) {
        return score > otherScore || score == otherScore && mentor.compareTo(otherMentor) < 0;
    }

    private static boolean mentorPrefers(int score, String mentee, int otherScore, String otherMentee) {
        return score > otherScore || score == otherScore && mentee.compareTo(otherMentee) < 0;
    }
}
