package io.mentorhub.engine.matching;

/**
 * The score of every pair of a matching run, by dense index (mentors {@code 0..M-1}, mentees {@code 0..N-1}), or
 * {@link #NOT_A_PAIR} for a pair a hard constraint forbids. Candidate selection and the dual certificate each ask
 * for every pair once, so the answer must be deterministic: the same pair may be asked about twice.
 */
@FunctionalInterface
public interface PairScores {

    /** The answer for a forbidden pair; no real score equals it. */
    int NOT_A_PAIR = Integer.MIN_VALUE;

    int score(int mentor, int mentee);
}
