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
     * buckets from the top. A request listed by mentee, then mentor is walked in its own order, which takes the same
     * pairs; any other has each bucket's open pairs sorted by mentor, then mentee. It stops as soon as every mentee is
     * matched or every place is taken.
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
        for (int k = 0; k < request.mentors().size(); k++) {
            MentorSlot mentor = request.mentors().get(k);
            room[mentors.givenSorted() ? k : mentors.indexOf(mentor.mentorId())] = mentor.capacity();
            freePlaces += mentor.capacity();
        }
        List<CandidatePair> candidates = request.candidates();
        ScoreLevels levels = ScoreLevels.of(candidates, threshold, mentors, mentees, control);

        int menteeBits = bits(mentees.size());
        int mentorBits = bits(mentors.size());
        boolean[] matched = new boolean[mentees.size()];
        List<ProposedPair> pairs = new ArrayList<>();
        if (levels.inMenteeThenMentorOrder()) {
            takeInRequestOrder(levels, candidates, room, freePlaces, matched, menteeBits, pairs, control);
        } else {
            takeInMentorOrder(levels, candidates, room, freePlaces, matched, mentorBits, menteeBits, pairs, control);
        }

        List<Unmatched> unmatched = new ArrayList<>();
        for (int k = 0; k < request.mentees().size(); k++) {
            control.checkpoint();
            String mentee = request.mentees().get(k);
            int index = mentees.givenSorted() ? k : mentees.indexOf(mentee);
            if (!matched[index]) {
                unmatched.add(new Unmatched(mentee, levels.menteeHasPair(index)
                        ? "every compatible mentor was already at capacity"
                        : "no compatible mentor scored at least " + threshold));
            }
        }
        return new MatchResult(pairs, unmatched);
    }

    /**
     * The walk for a request listed by mentee, then mentor (as a scored pool usually is): each level's pairs are taken
     * in request order. That takes the same pairs as mentor, then mentee order would: within one score every mentor
     * prefers lower mentee indexes and every mentee lower mentor indexes, and both orders find the one stable
     * assignment such common preferences have. Only the pairs taken are then put in mentor, mentee order.
     */
    private static void takeInRequestOrder(ScoreLevels levels, List<CandidatePair> candidates, int[] room,
            long freePlaces, boolean[] matched, int menteeBits, List<ProposedPair> pairs, MatchControl control) {
        int menteeCount = matched.length;
        int matchedCount = 0;
        long[] taken = new long[Math.min(levels.largest(), menteeCount)];
        int[] positionOf = new int[menteeCount];
        long menteeMask = (1L << menteeBits) - 1;
        for (int level = 0; level < levels.count() && matchedCount < menteeCount && freePlaces > 0; level++) {
            int count = 0;
            for (int k = levels.first(level); k < levels.end(level); k++) {
                if ((k & POLL_MASK) == 0) {
                    control.checkpoint();
                }
                long pair = levels.pair(k);
                int mentor = (int) (pair >>> 32);
                int mentee = (int) pair;
                if (room[mentor] != 0 && !matched[mentee]) {
                    control.checkpoint();
                    room[mentor]--;
                    freePlaces--;
                    matched[mentee] = true;
                    matchedCount++;
                    positionOf[mentee] = levels.position(k);
                    taken[count++] = (long) mentor << menteeBits | mentee;
                }
            }
            Arrays.sort(taken, 0, count);
            for (int t = 0; t < count; t++) {
                CandidatePair candidate = candidates.get(positionOf[(int) (taken[t] & menteeMask)]);
                pairs.add(new ProposedPair(candidate.mentorId(), candidate.menteeId(), candidate.score(),
                        candidate.factors()));
            }
        }
    }

    /** The walk for any other order: each level's open pairs are sorted by mentor, then mentee, then taken. */
    private static void takeInMentorOrder(ScoreLevels levels, List<CandidatePair> candidates, int[] room,
            long freePlaces, boolean[] matched, int mentorBits, int menteeBits, List<ProposedPair> pairs,
            MatchControl control) {
        int menteeCount = matched.length;
        int matchedCount = 0;
        long[] openPair = new long[levels.largest()];
        int[] openPosition = new int[levels.largest()];
        int[] order = new int[levels.largest()];
        long[] keys = new long[levels.largest()];
        int[] perMentor = new int[room.length + 1];
        for (int level = 0; level < levels.count() && matchedCount < menteeCount && freePlaces > 0; level++) {
            // Pairs still possible at this score, in request order.
            int open = 0;
            for (int k = levels.first(level); k < levels.end(level); k++) {
                if ((k & POLL_MASK) == 0) {
                    control.checkpoint();
                }
                long pair = levels.pair(k);
                if (room[(int) (pair >>> 32)] != 0 && !matched[(int) pair]) {
                    openPair[open] = pair;
                    openPosition[open++] = levels.position(k);
                }
            }
            orderByMentorThenMentee(levels, level, open, openPair, mentorBits, menteeBits, keys, perMentor, order);
            for (int t = 0; t < open; t++) {
                int local = order[t];
                int mentor = (int) (openPair[local] >>> 32);
                int mentee = (int) openPair[local];
                if (matched[mentee] || room[mentor] == 0) {
                    continue;
                }
                control.checkpoint();
                room[mentor]--;
                freePlaces--;
                matched[mentee] = true;
                matchedCount++;
                CandidatePair candidate = candidates.get(openPosition[local]);
                pairs.add(new ProposedPair(candidate.mentorId(), candidate.menteeId(), candidate.score(),
                        candidate.factors()));
            }
        }
    }

    /**
     * Fills {@code order[0 .. open)} with the open pairs' local numbers sorted by mentor, then mentee, then request
     * order. When the request lists pairs by mentee (as a scored pool usually does), a level already is in mentee
     * order, so a stable counting sort by mentor suffices; otherwise the pairs are sorted as packed longs.
     */
    private static void orderByMentorThenMentee(ScoreLevels levels, int level, int open, long[] openPair,
            int mentorBits, int menteeBits, long[] keys, int[] perMentor, int[] order) {
        int mentors = perMentor.length - 1;
        if (levels.inMenteeOrder() && open > mentors / 8) {
            for (int t = 0; t < open; t++) {
                perMentor[(int) (openPair[t] >>> 32) + 1]++;
            }
            for (int i = 0; i < mentors; i++) {
                perMentor[i + 1] += perMentor[i];
            }
            for (int t = 0; t < open; t++) {
                order[perMentor[(int) (openPair[t] >>> 32)]++] = t;
            }
            Arrays.fill(perMentor, 0);
            return;
        }
        int localBits = bits(open);
        if (mentorBits + menteeBits + localBits > 63) {
            throw new IllegalArgumentException("request too large for the greedy strategy's packed sort: "
                    + mentors + " mentors, " + (1L << menteeBits) + " mentees, " + open + " pairs scoring "
                    + levels.score(level));
        }
        for (int t = 0; t < open; t++) {
            keys[t] = ((openPair[t] >>> 32) << menteeBits | (int) openPair[t]) << localBits | t;
        }
        Arrays.sort(keys, 0, open);
        long localMask = (1L << localBits) - 1;
        for (int t = 0; t < open; t++) {
            order[t] = (int) (keys[t] & localMask);
        }
    }

    /** Bits needed for indexes 0..size-1 (at least one). */
    private static int bits(int size) {
        return size <= 1 ? 1 : 64 - Long.numberOfLeadingZeros(size - 1L);
    }
}
