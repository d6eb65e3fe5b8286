package io.mentorhub.plugins.peer;

import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.Factor;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Benchmark (not a test): seeded PEER pools, each pair a candidate in both orientations with a score 0..100, either
 * every pair (dense) or a fixed number of random peers per person. Reports the best of the given repeats and the
 * total a best-pair-first greedy pairing reaches on the same pool.
 */
public final class PeerBench {

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int[][] pools = {{300, 299}, {1_000, 30}, {3_000, 30}, {10_000, 30}};
        PeerStrategy strategy = new PeerStrategy(new PeerStrategy.Config() {
            @Override
            public int minimumScore() {
                return 0;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return PeerStrategy.Config.class;
            }
        });
        System.out.println("| pool | peers each | candidates | time | pairs | total score | greedy total |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int[] pool : pools) {
            MatchRequest request = pool(pool[0], pool[1], 42);
            long best = Long.MAX_VALUE;
            MatchResult result = null;
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                result = strategy.match(request);
                best = Math.min(best, System.nanoTime() - start);
            }
            long total = result.pairs().stream().mapToLong(ProposedPair::score).sum();
            long greedy = greedy(request);
            System.out.printf("| %,d | %s | %,d | %s | %,d | %,d | %,d (%+.2f %%) |%n", pool[0],
                    pool[1] >= pool[0] - 1 ? "all" : String.valueOf(pool[1]), request.candidates().size(), time(best),
                    result.pairs().size(), total, greedy, 100.0 * (greedy - total) / total);
        }
    }

    private static String time(long nanos) {
        return nanos >= 1_000_000_000L ? String.format("%.2f s", nanos / 1e9) : String.format("%d ms", nanos / 1_000_000);
    }

    private static long greedy(MatchRequest request) {
        List<CandidatePair> ordered = new ArrayList<>(request.candidates());
        ordered.sort(Comparator.comparingInt(CandidatePair::score).reversed());
        Set<String> taken = new HashSet<>();
        long total = 0;
        for (CandidatePair c : ordered) {
            if (!taken.contains(c.mentorId()) && !taken.contains(c.menteeId())) {
                taken.add(c.mentorId());
                taken.add(c.menteeId());
                total += c.score();
            }
        }
        return total;
    }

    static MatchRequest pool(int size, int peersEach, long seed) {
        Random random = new Random(seed);
        List<String> people = new ArrayList<>();
        List<MentorSlot> slots = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            people.add(String.format("peer-%06d", i));
            slots.add(new MentorSlot(people.get(i), 1));
        }
        Set<Long> pairs = new HashSet<>();
        List<CandidatePair> candidates = new ArrayList<>();
        for (int a = 0; a < size; a++) {
            for (int j = 0; j < Math.min(peersEach, size - 1); j++) {
                int b = peersEach >= size - 1 ? (a + 1 + j) % size : random.nextInt(size);
                if (b == a || !pairs.add((long) Math.min(a, b) * size + Math.max(a, b))) {
                    continue;
                }
                int skills = random.nextInt(61);
                int goals = random.nextInt(41);
                List<Factor> factors = List.of(new Factor("skills", skills), new Factor("goals", goals));
                candidates.add(new CandidatePair(people.get(a), people.get(b), skills + goals, factors));
                candidates.add(new CandidatePair(people.get(b), people.get(a), skills + goals, factors));
            }
        }
        return new MatchRequest(ProgramFormat.PEER, null, slots, people, candidates, Map.of(), seed, null);
    }
}
