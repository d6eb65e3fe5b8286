package io.mentorhub.plugins.group;

import io.mentorhub.api.domain.Program.GroupSize;
import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.Factor;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Benchmark (not a test): seeded GROUP programs with groups of 4..6, mentor capacities 3..8 and a fixed number of
 * random candidate mentors per mentee scored 0..100. Reports the best of the given repeats, with the local search on
 * (the default 300 moves) and off; sizes differ by at most one (the default).
 */
public final class GroupBench {

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int[][] sizes = {{150, 500, 20}, {750, 2_500, 20}, {3_000, 10_000, 20}};
        System.out.println("| mentors × mentees | candidates | moves | time | placed | groups | sizes | total score |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int[] size : sizes) {
            MatchRequest request = request(size[0], size[1], size[2], 42);
            for (int budget : new int[] {300, 0}) {
                GroupStrategy strategy = new GroupStrategy(config(budget));
                long best = Long.MAX_VALUE;
                MatchResult result = null;
                for (int r = 0; r < repeats; r++) {
                    long start = System.nanoTime();
                    result = strategy.match(request);
                    best = Math.min(best, System.nanoTime() - start);
                }
                Map<String, Integer> groups = new TreeMap<>();
                result.pairs().forEach(p -> groups.merge(p.mentorId(), 1, Integer::sum));
                Set<Integer> distinct = new HashSet<>(groups.values());
                System.out.printf("| %,d × %,d | %,d | %s | %s | %,d | %,d | %s | %,d |%n", size[0], size[1],
                        request.candidates().size(), budget == 0 ? "off" : budget, time(best),
                        result.pairs().size(), groups.size(), distinct,
                        result.pairs().stream().mapToLong(ProposedPair::score).sum());
            }
        }
    }

    private static String time(long nanos) {
        return nanos >= 1_000_000_000L ? String.format("%.2f s", nanos / 1e9) : String.format("%d ms", nanos / 1_000_000);
    }

    static MatchRequest request(int mentorCount, int menteeCount, int perMentee, long seed) {
        Random random = new Random(seed);
        List<MentorSlot> mentors = new ArrayList<>();
        for (int m = 0; m < mentorCount; m++) {
            mentors.add(new MentorSlot(String.format("mentor-%06d", m), 3 + random.nextInt(6)));
        }
        List<String> mentees = new ArrayList<>();
        List<CandidatePair> candidates = new ArrayList<>();
        for (int e = 0; e < menteeCount; e++) {
            String mentee = String.format("mentee-%06d", e);
            mentees.add(mentee);
            Set<Integer> chosen = new HashSet<>();
            while (chosen.size() < Math.min(perMentee, mentorCount)) {
                chosen.add(random.nextInt(mentorCount));
            }
            for (int m : chosen) {
                int skills = random.nextInt(61);
                int goals = random.nextInt(41);
                candidates.add(new CandidatePair(mentors.get(m).mentorId(), mentee, skills + goals,
                        List.of(new Factor("skills", skills), new Factor("goals", goals))));
            }
        }
        return new MatchRequest(ProgramFormat.GROUP, new GroupSize(4, 6), mentors, mentees, candidates, Map.of(),
                seed, null);
    }

    private static GroupStrategy.Config config(int budget) {
        return new GroupStrategy.Config() {
            @Override
            public int minimumScore() {
                return 0;
            }

            @Override
            public int improvementMoves() {
                return budget;
            }

            @Override
            public int maxSizeDifference() {
                return 1;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return GroupStrategy.Config.class;
            }
        };
    }
}
