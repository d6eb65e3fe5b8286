/**
 * Candidate pairs for large matching runs, chosen and then certified without trusting the choice.
 *
 * <p>The loop a matching run performs: {@link io.mentorhub.engine.matching.CandidateSelection#select} scores every
 * feasible pair once ({@link io.mentorhub.engine.matching.PairScores}) and keeps each mentee's best mentors and each
 * mentor's best mentees per place; a strategy that claims the maximum total returns dual prices
 * ({@code MatchResult.Duals}); {@link io.mentorhub.engine.matching.DualCertificate#violations} lists feasible pairs
 * outside the candidates that the prices do not cover; they are added back and the strategy runs again. When none is
 * left and {@link io.mentorhub.engine.matching.DualCertificate#closesTheGap} holds, the answer is optimal over all
 * feasible pairs. A strategy's {@code minimumScore} must be reflected in the scores (a pair below it is
 * {@code NOT_A_PAIR}), because the strategy's prices do not cover pairs it was not allowed to use.
 */
package io.mentorhub.engine.matching;
