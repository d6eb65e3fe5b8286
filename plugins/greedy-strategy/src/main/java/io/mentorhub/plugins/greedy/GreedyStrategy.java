package io.mentorhub.plugins.greedy;

import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import io.mentorhub.api.matching.MatchResult.Unmatched;
import io.mentorhub.api.matching.MatchingStrategy;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Takes candidate pairs best score first and keeps each one whose mentor still has room and whose mentee is still
 * free. Fast (n log n) and simple, but not optimal: it is the baseline other strategies are measured against.
 */
@Component(configurationPid = GreedyStrategy.PID)
@Designate(ocd = GreedyStrategy.Config.class)
public class GreedyStrategy implements MatchingStrategy {

    static final String PID = "io.mentorhub.strategy.greedy";

    @ObjectClassDefinition(name = "Greedy matching strategy")
    @interface Config {
        @AttributeDefinition(name = "Minimum score", description = "Candidate pairs scoring below this are never proposed.", min = "0")
        int minimumScore() default 0;
    }

    private volatile int minimumScore;

    @Activate
    public GreedyStrategy(Config config) {
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
        return "greedy";
    }

    @Override
    public String displayName() {
        return "Greedy (highest score first)";
    }

    /**
     * Sorts candidates as packed longs — (score rank, mentor index, mentee index), indexes following sorted ids —
     * rather than as objects: best score first, ties by mentor id then mentee id (so input order never matters), and
     * an order of magnitude faster than sorting a million pair objects.
     */
    @Override
    public MatchResult match(MatchRequest request) {
        int threshold = minimumScore;
        String[] mentorIds = request.mentors().stream().map(MentorSlot::mentorId).sorted().toArray(String[]::new);
        String[] menteeIds = request.mentees().stream().sorted().toArray(String[]::new);
        Map<String, Integer> mentorIndex = index(mentorIds);
        Map<String, Integer> menteeIndex = index(menteeIds);
        int[] room = new int[mentorIds.length];
        for (MentorSlot mentor : request.mentors()) {
            room[mentorIndex.get(mentor.mentorId())] = mentor.capacity();
        }

        // Distinct usable scores, best first: a candidate's rank in this array is its most significant sort key.
        int[] ranked = request.candidates().stream().mapToInt(CandidatePair::score).filter(score -> score >= threshold)
                .map(score -> -score).distinct().sorted().map(score -> -score).toArray();
        int menteeBits = bits(menteeIds.length);
        int mentorBits = bits(mentorIds.length);
        if (bits(ranked.length) + mentorBits + menteeBits > 63) {
            throw new IllegalArgumentException("request too large for the greedy strategy's packed sort");
        }
        long[] keys = new long[request.candidates().size()];
        int count = 0;
        for (CandidatePair candidate : request.candidates()) {
            if (candidate.score() >= threshold) {
                long rank = rankOf(ranked, candidate.score());
                keys[count++] = rank << (mentorBits + menteeBits)
                        | (long) mentorIndex.get(candidate.mentorId()) << menteeBits
                        | menteeIndex.get(candidate.menteeId());
            }
        }
        Arrays.sort(keys, 0, count);

        boolean[] matched = new boolean[menteeIds.length];
        boolean[] hadCandidate = new boolean[menteeIds.length];
        List<ProposedPair> pairs = new ArrayList<>();
        long menteeMask = (1L << menteeBits) - 1;
        long mentorMask = (1L << mentorBits) - 1;
        for (int i = 0; i < count; i++) {
            int mentee = (int) (keys[i] & menteeMask);
            int mentor = (int) (keys[i] >>> menteeBits & mentorMask);
            hadCandidate[mentee] = true;
            if (matched[mentee] || room[mentor] == 0) {
                continue;
            }
            room[mentor]--;
            matched[mentee] = true;
            pairs.add(new ProposedPair(mentorIds[mentor], menteeIds[mentee],
                    ranked[(int) (keys[i] >>> (mentorBits + menteeBits))]));
        }

        List<Unmatched> unmatched = new ArrayList<>();
        for (String mentee : request.mentees()) {
            int index = menteeIndex.get(mentee);
            if (!matched[index]) {
                unmatched.add(new Unmatched(mentee, hadCandidate[index]
                        ? "every compatible mentor was already at capacity"
                        : "no compatible mentor scored at least " + threshold));
            }
        }
        return new MatchResult(pairs, unmatched);
    }

    private static Map<String, Integer> index(String[] sortedIds) {
        Map<String, Integer> index = new HashMap<>(sortedIds.length * 2);
        for (int i = 0; i < sortedIds.length; i++) {
            index.put(sortedIds[i], i);
        }
        return index;
    }

    /** Position of a score in the descending array of distinct scores. */
    private static int rankOf(int[] descending, int score) {
        int low = 0;
        int high = descending.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (descending[middle] > score) {
                low = middle + 1;
            } else if (descending[middle] < score) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        throw new IllegalStateException("score not ranked: " + score);
    }

    /** Bits needed for indexes 0..size-1 (at least one). */
    private static int bits(int size) {
        return size <= 1 ? 1 : 64 - Long.numberOfLeadingZeros(size - 1L);
    }
}
