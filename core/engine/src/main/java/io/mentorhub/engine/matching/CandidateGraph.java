package io.mentorhub.engine.matching;

import java.util.Arrays;

/**
 * Candidate pairs of a matching run as parallel int arrays of (mentor, mentee, score) by dense index, in the order
 * they were added; growable, and each pair at most once. Membership is answered by a hash of packed pairs, built on
 * the first {@link #contains} and kept up to date from then on, so a graph that is only filled and read pays nothing
 * for it.
 */
public final class CandidateGraph {

    private int[] mentor;
    private int[] mentee;
    private int[] score;
    private int size;
    // Open addressing over (mentor << 32 | mentee) + 1, so that 0 marks a free slot; null until first needed.
    private long[] index;
    private int indexMask;

    public CandidateGraph() {
        this(16);
    }

    public CandidateGraph(int expectedPairs) {
        if (expectedPairs < 0) {
            throw new IllegalArgumentException("expectedPairs must be >= 0, was " + expectedPairs);
        }
        int length = Math.max(1, expectedPairs);
        mentor = new int[length];
        mentee = new int[length];
        score = new int[length];
    }

    public int size() {
        return size;
    }

    public int mentor(int pair) {
        return mentor[check(pair)];
    }

    public int mentee(int pair) {
        return mentee[check(pair)];
    }

    public int score(int pair) {
        return score[check(pair)];
    }

    /** Adds a pair that is not in the graph yet; a pair added twice is a caller's bug and is refused. */
    public void add(int mentorIndex, int menteeIndex, int pairScore) {
        if (mentorIndex < 0 || menteeIndex < 0) {
            throw new IllegalArgumentException("indexes must be >= 0, were " + mentorIndex + "/" + menteeIndex);
        }
        if (pairScore == PairScores.NOT_A_PAIR) {
            throw new IllegalArgumentException("pair " + mentorIndex + "/" + menteeIndex + " is not a pair");
        }
        if (index != null && !insert(key(mentorIndex, menteeIndex))) {
            throw new IllegalArgumentException("pair " + mentorIndex + "/" + menteeIndex + " is already a candidate");
        }
        if (size == mentor.length) {
            int grown = (int) Math.min(Integer.MAX_VALUE - 8, size + (size >> 1) + 16L);
            mentor = Arrays.copyOf(mentor, grown);
            mentee = Arrays.copyOf(mentee, grown);
            score = Arrays.copyOf(score, grown);
        }
        mentor[size] = mentorIndex;
        mentee[size] = menteeIndex;
        score[size] = pairScore;
        size++;
    }

    /** Adds every pair of {@code other}, in its order: how pairs found by the dual certificate are put back. */
    public void addAll(CandidateGraph other) {
        for (int k = 0; k < other.size; k++) {
            add(other.mentor[k], other.mentee[k], other.score[k]);
        }
    }

    public boolean contains(int mentorIndex, int menteeIndex) {
        if (mentorIndex < 0 || menteeIndex < 0) {
            return false;
        }
        if (index == null) {
            buildIndex();
        }
        long key = key(mentorIndex, menteeIndex);
        for (int slot = slot(key); index[slot] != 0; slot = slot + 1 & indexMask) {
            if (index[slot] == key) {
                return true;
            }
        }
        return false;
    }

    private void buildIndex() {
        index = new long[tableSize(size)];
        indexMask = index.length - 1;
        for (int k = 0; k < size; k++) {
            if (!insert(key(mentor[k], mentee[k]))) {
                throw new IllegalStateException("pair " + mentor[k] + "/" + mentee[k] + " is in the graph twice");
            }
        }
    }

    /** Inserts a key unless present; keeps the table at most half full. */
    private boolean insert(long key) {
        if (2L * (size + 1) > index.length) {
            long[] old = index;
            index = new long[tableSize(size + 1)];
            indexMask = index.length - 1;
            for (long k : old) {
                if (k != 0) {
                    int slot = slot(k);
                    while (index[slot] != 0) {
                        slot = slot + 1 & indexMask;
                    }
                    index[slot] = k;
                }
            }
        }
        int slot = slot(key);
        while (index[slot] != 0) {
            if (index[slot] == key) {
                return false;
            }
            slot = slot + 1 & indexMask;
        }
        index[slot] = key;
        return true;
    }

    private static int tableSize(int pairs) {
        long wanted = Math.max(16L, 2L * pairs + 2);
        if (wanted > 1L << 30) {
            throw new IllegalStateException("too many candidate pairs to index: " + pairs);
        }
        return Integer.highestOneBit((int) wanted - 1) << 1;
    }

    private static long key(int mentorIndex, int menteeIndex) {
        return ((long) mentorIndex << 32 | menteeIndex) + 1;
    }

    private int slot(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ h >>> 32) & indexMask;
    }

    private int check(int pair) {
        if (pair < 0 || pair >= size) {
            throw new IndexOutOfBoundsException("pair " + pair + " of " + size);
        }
        return pair;
    }

    @Override
    public String toString() {
        return "CandidateGraph[" + size + " pairs]";
    }
}
