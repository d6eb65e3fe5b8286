package io.mentorhub.plugins.matching;

import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.CompatibilityScorer;
import io.mentorhub.api.matching.CompatibilityScorer.Scoring;
import io.mentorhub.api.matching.MatchingConstraint;
import io.mentorhub.api.matching.MatchingConstraint.Rule;
import io.mentorhub.api.matching.MatchingPool;
import io.mentorhub.api.matching.Participant;
import java.util.List;

/**
 * Benchmark (not a test): prepare time and time per pair of every built-in scorer and constraint on seeded random
 * pools (the test suite's {@code RandomPools}), all mentor × mentee pairs, best of the repeats. Run with bench/run.sh.
 */
public final class ScorerBench {

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        for (int size : new int[] {2_000, 5_000}) {
            MatchingPool pool = RandomPools.pool(size, ProgramFormat.ONE_TO_ONE, size, size);
            long pairs = (long) size * size;
            System.out.printf("%,d mentors x %,d mentees (%,d pairs)%n", size, size, pairs);
            System.out.printf("%-26s %12s %12s %10s%n", "id", "prepare ms", "all pairs ms", "ns/pair");
            for (CompatibilityScorer scorer : BuiltinMatchingTest.scorers()) {
                long bestPrepare = Long.MAX_VALUE;
                long bestPairs = Long.MAX_VALUE;
                long sink = 0;
                for (int r = 0; r < repeats; r++) {
                    long t0 = System.nanoTime();
                    Scoring scoring = scorer.prepare(pool);
                    long t1 = System.nanoTime();
                    for (Participant mentor : pool.mentors()) {
                        for (Participant mentee : pool.mentees()) {
                            sink += scoring.score(mentor, mentee);
                        }
                    }
                    long t2 = System.nanoTime();
                    bestPrepare = Math.min(bestPrepare, t1 - t0);
                    bestPairs = Math.min(bestPairs, t2 - t1);
                }
                print(scorer.id(), bestPrepare, bestPairs, pairs, sink);
            }
            List<MatchingConstraint> constraints = BuiltinMatchingTest.constraints();
            for (MatchingConstraint constraint : constraints) {
                long bestPrepare = Long.MAX_VALUE;
                long bestPairs = Long.MAX_VALUE;
                long sink = 0;
                for (int r = 0; r < repeats; r++) {
                    long t0 = System.nanoTime();
                    Rule rule = constraint.prepare(pool);
                    long t1 = System.nanoTime();
                    for (Participant mentor : pool.mentors()) {
                        for (Participant mentee : pool.mentees()) {
                            sink += rule.allows(mentor, mentee) ? 1 : 0;
                        }
                    }
                    long t2 = System.nanoTime();
                    bestPrepare = Math.min(bestPrepare, t1 - t0);
                    bestPairs = Math.min(bestPairs, t2 - t1);
                }
                print(constraint.id(), bestPrepare, bestPairs, pairs, sink);
            }
        }
    }

    private static void print(String id, long prepare, long allPairs, long pairs, long sink) {
        System.out.printf("%-26s %12.1f %12.0f %10.1f   (checksum %d)%n", id, prepare / 1e6, allPairs / 1e6,
                (double) allPairs / pairs, sink);
    }
}
