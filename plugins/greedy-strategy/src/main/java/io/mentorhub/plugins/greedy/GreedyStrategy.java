package io.mentorhub.plugins.greedy;

import io.mentorhub.api.matching.MatchControl;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import io.mentorhub.api.matching.MatchResult.Unmatched;
import io.mentorhub.api.matching.MatchingStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Takes candidate pairs best score first and keeps each one whose mentor still has room and whose mentee is still
 * free. Fast (linear plus a sort of the pairs still open at each score) and simple, but not optimal: it is the
 * baseline other strategies are measured against.
 */
@Component(configurationPid = GreedyStrategy.PID)
@Designate(ocd = GreedyStrategy.Config.class)
public class GreedyStrategy implements MatchingStrategy {

    static final String PID = "io.mentorhub.strategy.greedy";

    /** Loops poll the stop control every this many pairs plus one: a few microseconds apart. */
    static final int POLL_MASK = 4095;

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
     * Takes candidates best score first, ties by mentor id then mentee id (so input order never matters). Rather than
     * sorting every pair, it reads the pair objects once, buckets them by score (a counting sort) and walks the
     * buckets from the top: pairs whose mentor is full or whose mentee is taken are dropped, and only the rest of a
     * bucket is sorted, as packed longs. It stops as soon as every mentee is matched or every place is taken.
     */
    @Override
    public MatchResult match(MatchRequest request) {
        MatchControl control = request.control();
        control.checkpoint();
        int threshold = minimumScore;
        IdIndex mentors = new IdIndex(request.mentors().stream().map(MentorSlot::mentorId).toList());
        IdIndex mentees = new IdIndex(request.mentees());
        int[] room = new int[mentors.size()];
        long freePlaces = 0;
        for (MentorSlot mentor : request.mentors()) {
            room[mentors.indexOf(mentor.mentorId())] = mentor.capacity();
            freePlaces += mentor.capacity();
        }
        List<CandidatePair> candidates = request.candidates();
        ScoreLevels levels = ScoreLevels.of(candidates, threshold, mentors, mentees, control);

        int menteeBits = bits(mentees.size());
        int mentorBits = bits(mentors.size());
        boolean[] matched = new boolean[mentees.size()];
        int matchedCount = 0;
        List<ProposedPair> pairs = new ArrayList<>();
        long[] keys = new long[levels.largest()];
        int[] positionOf = new int[levels.largest()];
        for (int level = 0; level < levels.count()
                && matchedCount < mentees.size() && freePlaces > 0; level++) {
            int localBits = bits(levels.size(level));
            if (mentorBits + menteeBits + localBits > 63) {
                throw new IllegalArgumentException("request too large for the greedy strategy's packed sort: "
                        + mentors.size() + " mentors, " + mentees.size() + " mentees, " + levels.size(level)
                        + " pairs scoring " + levels.score(level));
            }
            // Pairs still possible at this score, keyed (mentor, mentee, position in this list).
            int open = 0;
            for (int k = levels.first(level); k < levels.end(level); k++) {
                if ((k & POLL_MASK) == 0) {
                    control.checkpoint();
                }
                long pair = levels.pair(k);
                int mentor = (int) (pair >>> 32);
                int mentee = (int) pair;
                if (room[mentor] != 0 && !matched[mentee]) {
                    keys[open] = ((long) mentor << menteeBits | mentee) << localBits | open;
                    positionOf[open++] = levels.position(k);
                }
            }
            Arrays.sort(keys, 0, open);
            long localMask = (1L << localBits) - 1;
            long menteeMask = (1L << menteeBits) - 1;
            for (int k = 0; k < open; k++) {
                int mentee = (int) (keys[k] >>> localBits & menteeMask);
                int mentor = (int) (keys[k] >>> (localBits + menteeBits));
                if (matched[mentee] || room[mentor] == 0) {
                    continue;
                }
                control.checkpoint();
                room[mentor]--;
                freePlaces--;
                matched[mentee] = true;
                matchedCount++;
                CandidatePair candidate = candidates.get(positionOf[(int) (keys[k] & localMask)]);
                pairs.add(new ProposedPair(candidate.mentorId(), candidate.menteeId(), candidate.score(),
                        candidate.factors()));
            }
        }

        List<Unmatched> unmatched = new ArrayList<>();
        for (String mentee : request.mentees()) {
            control.checkpoint();
            int index = mentees.indexOf(mentee);
            if (!matched[index]) {
                unmatched.add(new Unmatched(mentee, levels.menteeHasPair(index)
                        ? "every compatible mentor was already at capacity"
                        : "no compatible mentor scored at least " + threshold));
            }
        }
        return new MatchResult(pairs, unmatched);
    }

    /** Bits needed for indexes 0..size-1 (at least one). */
    private static int bits(int size) {
        return size <= 1 ? 1 : 64 - Long.numberOfLeadingZeros(size - 1L);
    }
}
