package io.mentorhub.plugins.optimal;

import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import io.mentorhub.api.matching.MatchingStrategy;
import io.mentorhub.plugins.greedy.GreedyBaseline;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Benchmark (not a test): solve time and total score of the optimal strategy against greedy on seeded random
 * requests — scores 0..100, capacities 1..5, each mentee with a fixed number of distinct candidate mentors.
 * Times are the best of the repeats and include building the network and checking the certificate.
 * Run with bench/run.sh.
 */
public final class OptimalBench {

    private record Size(int mentors, int mentees, int perMentee) {
    }

    private static final List<Size> SIZES = List.of(
            new Size(1_000, 4_000, 50), new Size(5_000, 20_000, 50), new Size(10_000, 50_000, 30));

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        MatchingStrategy optimal = new OptimalStrategy(new OptimalStrategy.Config() {
            @Override
            public int minimumScore() {
                return 0;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return OptimalStrategy.Config.class;
            }
        });
        MatchingStrategy greedy = GreedyBaseline.withMinimumScore(0);
        MatchRequest warmUp = request(SIZES.get(0), 99);
        optimal.match(warmUp); // for the JIT
        greedy.match(warmUp);

        System.out.printf("%-22s %10s %11s %11s %9s %11s %11s %9s %8s%n", "mentors x mentees", "candidates",
                "optimal ms", "score", "matched", "greedy ms", "score", "matched", "gain");
        for (Size size : SIZES) {
            MatchRequest request = request(size, 1);
            long optimalNanos = Long.MAX_VALUE;
            long greedyNanos = Long.MAX_VALUE;
            MatchResult best = null;
            MatchResult baseline = null;
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                best = optimal.match(request);
                optimalNanos = Math.min(optimalNanos, System.nanoTime() - start);
                start = System.nanoTime();
                baseline = greedy.match(request);
                greedyNanos = Math.min(greedyNanos, System.nanoTime() - start);
            }
            long optimalTotal = total(best);
            long greedyTotal = total(baseline);
            System.out.printf("%-22s %10d %11d %11d %9d %11d %11d %9d %7.2f%%%n",
                    size.mentors() + " x " + size.mentees(), request.candidates().size(), optimalNanos / 1_000_000,
                    optimalTotal, best.pairs().size(), greedyNanos / 1_000_000, greedyTotal, baseline.pairs().size(),
                    100.0 * (optimalTotal - greedyTotal) / greedyTotal);
        }
    }

    private static MatchRequest request(Size size, long seed) {
        Random random = new Random(seed);
        List<MentorSlot> mentors = new ArrayList<>(size.mentors());
        for (int i = 0; i < size.mentors(); i++) {
            mentors.add(new MentorSlot("mentor-" + i, 1 + random.nextInt(5)));
        }
        List<String> mentees = new ArrayList<>(size.mentees());
        List<CandidatePair> candidates = new ArrayList<>(size.mentees() * size.perMentee());
        int[] picked = new int[size.mentors()];
        for (int j = 0; j < size.mentees(); j++) {
            String mentee = "mentee-" + j;
            mentees.add(mentee);
            for (int k = 0; k < size.perMentee(); k++) {
                int mentor = random.nextInt(size.mentors());
                if (picked[mentor] == j + 1) {
                    k--; // distinct mentors per mentee
                    continue;
                }
                picked[mentor] = j + 1;
                candidates.add(new CandidatePair(mentors.get(mentor).mentorId(), mentee, random.nextInt(101)));
            }
        }
        return new MatchRequest(mentors, mentees, candidates, seed);
    }

    private static long total(MatchResult result) {
        return result.pairs().stream().mapToLong(ProposedPair::score).sum();
    }
}
