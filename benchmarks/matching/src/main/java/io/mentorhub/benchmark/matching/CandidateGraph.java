package io.mentorhub.benchmark.matching;

import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A matching instance as the min-cost-flow network every solver in the benchmark is given. One convention, used by
 * the DIMACS writer and reader and by the OR-Tools loader alike (all through {@link #forEachArc}):
 *
 * <ul>
 *   <li>Nodes, numbered from 1: mentees {@code 1..M} (supply 1 each), mentors {@code M+1..M+N} (supply 0), and the
 *       sink {@code M+N+1} (supply {@code -M}).</li>
 *   <li>Arcs, all with lower bound 0: for each candidate pair, mentee → mentor with capacity 1 and cost
 *       {@code -score}; for each mentee an "unmatched" arc mentee → sink with capacity 1 and cost 0; for each mentor
 *       mentor → sink with its capacity and cost 0.</li>
 * </ul>
 *
 * <p>Every mentee's unit reaches the sink, matched or not, so the problem is always feasible, and its minimum cost is
 * minus the maximum total score. Strategies get the same pairs as a {@link MatchRequest}, with ids whose
 * lexicographic order is the index order (zero-padded), so id tie-breaks mean the same thing on both sides.
 */
public final class CandidateGraph {

    /** Receives the arcs of the network, node numbers from 1 as in DIMACS. */
    @FunctionalInterface
    public interface ArcSink {
        void arc(int tail, int head, int capacity, int cost);
    }

    /** Receives candidate pairs as indexes from 0. */
    @FunctionalInterface
    public interface PairSink {
        void pair(int mentee, int mentor, int score);
    }

    /** Any source of candidate pairs: a stored graph, or scores computed on the fly for the dense optimum. */
    @FunctionalInterface
    public interface PairSource {
        void forEachPair(PairSink sink);
    }

    /** Ids have seven digits, so that their order is the index order. */
    static final int MAX_PEOPLE = 10_000_000;

    private final int mentees;
    private final int[] capacity;
    private final int[] pairMentee;
    private final int[] pairMentor;
    private final int[] pairScore;

    /** The arrays are taken as they are: the caller hands them over. */
    public CandidateGraph(int mentees, int[] capacity, int[] pairMentee, int[] pairMentor, int[] pairScore) {
        if (mentees > MAX_PEOPLE || capacity.length > MAX_PEOPLE) {
            throw new IllegalArgumentException("at most " + MAX_PEOPLE + " mentees and mentors (ids have 7 digits)");
        }
        if (pairMentee.length != pairMentor.length || pairMentee.length != pairScore.length) {
            throw new IllegalArgumentException("pair arrays differ in length");
        }
        for (int k = 0; k < pairMentee.length; k++) {
            if (pairMentee[k] < 0 || pairMentee[k] >= mentees
                    || pairMentor[k] < 0 || pairMentor[k] >= capacity.length) {
                throw new IllegalArgumentException("pair " + k + " names a mentee or mentor out of range");
            }
        }
        this.mentees = mentees;
        this.capacity = capacity;
        this.pairMentee = pairMentee;
        this.pairMentor = pairMentor;
        this.pairScore = pairScore;
    }

    public int mentees() {
        return mentees;
    }

    public int mentors() {
        return capacity.length;
    }

    public int pairs() {
        return pairMentee.length;
    }

    public int capacity(int mentor) {
        return capacity[mentor];
    }

    public int[] capacities() {
        return capacity.clone();
    }

    public int pairMentee(int pair) {
        return pairMentee[pair];
    }

    public int pairMentor(int pair) {
        return pairMentor[pair];
    }

    public int pairScore(int pair) {
        return pairScore[pair];
    }

    public int nodes() {
        return nodes(mentees, capacity.length);
    }

    public int arcs() {
        return pairs() + mentees + capacity.length;
    }

    static int nodes(int mentees, int mentors) {
        return mentees + mentors + 1;
    }

    public void forEachPair(PairSink sink) {
        for (int k = 0; k < pairMentee.length; k++) {
            sink.pair(pairMentee[k], pairMentor[k], pairScore[k]);
        }
    }

    /** Every arc of this graph, in the order the DIMACS writer lists them. */
    public void forEachArc(ArcSink sink) {
        forEachArc(mentees, capacity, this::forEachPair, sink);
    }

    /** The convention itself: candidate arcs in the source's order, then the unmatched arcs, then the capacities. */
    static void forEachArc(int mentees, int[] capacity, PairSource pairs, ArcSink sink) {
        int firstMentor = mentees + 1;
        int sinkNode = nodes(mentees, capacity.length);
        pairs.forEachPair((mentee, mentor, score) -> sink.arc(mentee + 1, firstMentor + mentor, 1, -score));
        for (int j = 0; j < mentees; j++) {
            sink.arc(j + 1, sinkNode, 1, 0);
        }
        for (int i = 0; i < capacity.length; i++) {
            sink.arc(firstMentor + i, sinkNode, capacity[i], 0);
        }
    }

    public static String menteeId(int mentee) {
        return String.format("mentee-%07d", mentee);
    }

    public static String mentorId(int mentor) {
        return String.format("mentor-%07d", mentor);
    }

    /** The same instance as the strategies see it: ids shared, one {@link CandidatePair} per candidate arc. */
    public MatchRequest toRequest(long seed) {
        String[] mentorIds = new String[capacity.length];
        List<MentorSlot> mentors = new ArrayList<>(capacity.length);
        for (int i = 0; i < capacity.length; i++) {
            mentorIds[i] = mentorId(i);
            mentors.add(new MentorSlot(mentorIds[i], capacity[i]));
        }
        String[] menteeIds = new String[mentees];
        for (int j = 0; j < mentees; j++) {
            menteeIds[j] = menteeId(j);
        }
        List<CandidatePair> candidates = new ArrayList<>(pairs());
        forEachPair((mentee, mentor, score) ->
                candidates.add(new CandidatePair(mentorIds[mentor], menteeIds[mentee], score)));
        return new MatchRequest(mentors, Arrays.asList(menteeIds), candidates, seed);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CandidateGraph g && mentees == g.mentees && Arrays.equals(capacity, g.capacity)
                && Arrays.equals(pairMentee, g.pairMentee) && Arrays.equals(pairMentor, g.pairMentor)
                && Arrays.equals(pairScore, g.pairScore);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * mentees + Arrays.hashCode(capacity)) + Arrays.hashCode(pairScore);
    }

    @Override
    public String toString() {
        return String.format("%,d mentees × %,d mentors, %,d candidate pairs", mentees, capacity.length, pairs());
    }
}
