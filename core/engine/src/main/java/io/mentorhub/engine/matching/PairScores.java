package io.mentorhub.engine.matching;

/** Scores of all feasible pairs by dense index; NOT_A_PAIR for forbidden ones; deterministic (may be asked twice). */
@FunctionalInterface
public interface PairScores {
    int NOT_A_PAIR = Integer.MIN_VALUE;

    int score(int mentor, int mentee);
}
