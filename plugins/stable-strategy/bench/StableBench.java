package io.mentorhub.plugins.stable;

import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Benchmark (not a test): times {@link StableStrategy#match} on programs of 1k×4k, 5k×20k and 10k×50k
 * mentors×mentees, each mentee with 30–50 candidate mentors scored 0..100, capacities 1..5. Prints the first
 * (cold) run, the best of five warm runs, how many mentees were matched, and the blocking pairs found (always 0).
 * Run with {@code bench/run.sh}.
 */
public final class StableBench {

    private static final int[][] SIZES = {{1_000, 4_000}, {5_000, 20_000}, {10_000, 50_000}};
    private static final int WARM_RUNS = 5;

    public static void main(String[] args) {
        StableStrategy strategy = new StableStrategy(StableStrategyTest.config(0));
        System.out.printf("%-16s %10s %10s %10s %10s %9s%n", "mentors×mentees", "candidates", "cold ms", "warm ms",
                "matched", "blocking");
        for (int[] size : SIZES) {
            MatchRequest request = program(size[0], size[1], 20_261_123L + size[1]);
            long start = System.nanoTime();
            MatchResult result = strategy.match(request);
            long cold = System.nanoTime() - start;
            long warm = Long.MAX_VALUE;
            for (int run = 0; run < WARM_RUNS; run++) {
                start = System.nanoTime();
                MatchResult again = strategy.match(request);
                warm = Math.min(warm, System.nanoTime() - start);
                if (!again.equals(result)) {
                    throw new IllegalStateException("same request, different result");
                }
            }
            System.out.printf("%-16s %10d %10d %10d %10d %9d%n", size[0] + "×" + size[1], request.candidates().size(),
                    cold / 1_000_000, warm / 1_000_000, result.pairs().size(),
                    strategy.blockingPairs(request, result).size());
        }
    }

    /** Seeded, so every run times the same program. */
    private static MatchRequest program(int mentorCount, int menteeCount, long seed) {
        Random random = new Random(seed);
        List<MentorSlot> mentors = new ArrayList<>(mentorCount);
        for (int i = 0; i < mentorCount; i++) {
            mentors.add(new MentorSlot("mentor-" + i, 1 + random.nextInt(5)));
        }
        List<String> mentees = new ArrayList<>(menteeCount);
        List<CandidatePair> candidates = new ArrayList<>(menteeCount * 40);
        for (int e = 0; e < menteeCount; e++) {
            String mentee = "mentee-" + e;
            mentees.add(mentee);
            int[] chosen = random.ints(0, mentorCount).distinct().limit(30 + random.nextInt(21)).toArray();
            for (int mentor : chosen) {
                candidates.add(new CandidatePair(mentors.get(mentor).mentorId(), mentee, random.nextInt(101)));
            }
        }
        return new MatchRequest(mentors, mentees, candidates, seed);
    }
}
