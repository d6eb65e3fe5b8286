package io.mentorhub.plugins.stable;

import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.Factor;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark (not a test): times {@link StableStrategy#match} on programs of 1k×4k, 5k×20k and 10k×50k
 * mentors×mentees, each mentee with 30–50 candidate mentors scored 0..100 (two explaining factors), capacities
 * 1..5; once without rankings and once with half of the mentees ranking 5 of their candidates. Prints the first
 * (cold) run, the best of five warm runs, how many mentees were matched, and the blocking pairs found (always 0).
 * Run with {@code bench/run.sh}.
 */
public final class StableBench {

    private static final int[][] SIZES = {{1_000, 4_000}, {5_000, 20_000}, {10_000, 50_000}};
    private static final int WARM_RUNS = 5;

    public static void main(String[] args) {
        StableStrategy strategy = new StableStrategy(StableStrategyTest.config(0));
        System.out.printf("%-16s %8s %10s %10s %10s %10s %9s%n", "mentors×mentees", "rankings", "candidates",
                "cold ms", "warm ms", "matched", "blocking");
        for (boolean ranked : new boolean[] {false, true}) {
            for (int[] size : SIZES) {
                time(strategy, size[0], size[1], ranked);
            }
        }
    }

    private static void time(StableStrategy strategy, int mentors, int mentees, boolean ranked) {
        MatchRequest request = program(mentors, mentees, 20_261_123L + mentees, ranked);
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
        System.out.printf("%-16s %8s %10d %10d %10d %10d %9d%n", mentors + "×" + mentees, ranked ? "half" : "none",
                request.candidates().size(), cold / 1_000_000, warm / 1_000_000, result.pairs().size(),
                strategy.blockingPairs(request, result).size());
    }

    /** Seeded, so every run times the same program. */
    private static MatchRequest program(int mentorCount, int menteeCount, long seed, boolean ranked) {
        Random random = new Random(seed);
        List<MentorSlot> mentors = new ArrayList<>(mentorCount);
        for (int i = 0; i < mentorCount; i++) {
            mentors.add(new MentorSlot("mentor-" + i, 1 + random.nextInt(5)));
        }
        List<String> mentees = new ArrayList<>(menteeCount);
        List<CandidatePair> candidates = new ArrayList<>(menteeCount * 40);
        Map<String, List<String>> rankings = new HashMap<>();
        for (int e = 0; e < menteeCount; e++) {
            String mentee = "mentee-" + e;
            mentees.add(mentee);
            int[] chosen = random.ints(0, mentorCount).distinct().limit(30 + random.nextInt(21)).toArray();
            for (int mentor : chosen) {
                int skills = random.nextInt(61);
                int goals = random.nextInt(41);
                candidates.add(new CandidatePair(mentors.get(mentor).mentorId(), mentee, skills + goals,
                        List.of(new Factor("skills", skills), new Factor("goals", goals))));
            }
            if (ranked && random.nextBoolean()) {
                List<String> ranking = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    ranking.add(mentors.get(chosen[i]).mentorId());
                }
                rankings.put(mentee, ranking);
            }
        }
        return new MatchRequest(ProgramFormat.ONE_TO_ONE, null, mentors, mentees, candidates, rankings, seed, null);
    }
}
