package io.mentorhub.plugins.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.Factor;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import io.mentorhub.api.matching.MatchResult.Unmatched;
import io.mentorhub.api.matching.MatchingStrategy;
import io.mentorhub.testkit.MatchingStrategyContractTest;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PeerStrategyTest extends MatchingStrategyContractTest {

    @Override
    protected MatchingStrategy strategy() {
        return new PeerStrategy(config(0));
    }

    @Test
    void matchesOnlyPeerRequests() {
        assertEquals(Set.of(ProgramFormat.PEER), strategy().formats());
        MatchRequest oneToOne = new MatchRequest(List.of(new MentorSlot("ada", 1)), List.of("bo"),
                List.of(new CandidatePair("ada", "bo", 50)), 1);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> strategy().match(oneToOne));
        assertEquals("the peer strategy matches PEER requests only, not ONE_TO_ONE", refused.getMessage());
    }

    @Test
    void equalsExhaustiveSearchOnSmallRandomPools() {
        for (long seed = 1; seed <= 1500; seed++) {
            Random random = new Random(seed);
            int size = 1 + random.nextInt(10);
            int range = seed % 2 == 0 ? 4 : 100; // narrow ranges: many ties, so "more pairs" decides often
            MatchRequest request = pool(random, size, 0.2 + random.nextDouble() * 0.8, range, seed % 5 == 0);
            int minimum = (int) (seed % 3) * range / 4;
            MatchResult result = new PeerStrategy(config(minimum)).match(request);
            assertValid(request, result);
            long[] best = bruteForce(request, minimum);
            assertEquals(best[0], total(result), "seed " + seed + ": total score");
            assertEquals(best[1], result.pairs().size(), "seed " + seed + ": among the best totals, the most pairs");
        }
    }

    @Test
    void oddCycleOfPeersIsSolvedExactlyWhereGreedyFails() {
        // Five peers in a ring: two pairs at most. Greedy takes ann-ben (100) and is left with a 5; the optimum
        // gives up the best pair for ben-cat and eve-ann (180).
        List<String> ring = List.of("ann", "ben", "cat", "dan", "eve");
        MatchRequest request = peers(ring, List.of(
                both("ann", "ben", 100), both("ben", "cat", 90), both("cat", "dan", 5),
                both("dan", "eve", 5), both("eve", "ann", 90)));
        MatchResult result = strategy().match(request);
        assertValid(request, result);
        assertEquals(105, greedyTotal(request));
        assertEquals(List.of(new ProposedPair("ann", "eve", 90, factors(90)),
                new ProposedPair("ben", "cat", 90, factors(90))), result.pairs());
        assertEquals(List.of(new Unmatched("dan", PeerStrategy.OUTBID)), result.unmatched());
    }

    @Test
    void nestedOddCyclesAreSolvedExactly() {
        // Two triangles joined through a middle triangle: blossoms inside a blossom in the dual solution.
        List<String> people = List.of("a1", "a2", "a3", "b1", "b2", "b3", "c1", "c2", "c3", "d");
        List<List<CandidatePair>> edges = List.of(
                both("a1", "a2", 40), both("a2", "a3", 40), both("a3", "a1", 60),
                both("b1", "b2", 40), both("b2", "b3", 40), both("b3", "b1", 60),
                both("c1", "c2", 55), both("c2", "c3", 55), both("c3", "c1", 50),
                both("a1", "c1", 52), both("b1", "c2", 52), both("c3", "d", 30));
        MatchRequest request = peers(people, edges);
        MatchResult result = strategy().match(request);
        assertValid(request, result);
        assertEquals(bruteForce(request, 0)[0], total(result));
    }

    @Test
    void morePairsWinAmongEqualTotals() {
        // Path ann-ben-cat-dan: {ben-cat} scores 20, as does {ann-ben, cat-dan}: two pairs beat one.
        MatchRequest request = peers(List.of("ann", "ben", "cat", "dan"),
                List.of(both("ann", "ben", 10), both("ben", "cat", 20), both("cat", "dan", 10)));
        MatchResult result = strategy().match(request);
        assertEquals(2, result.pairs().size());
        assertEquals(20, total(result));
        assertTrue(result.unmatched().isEmpty());
    }

    @Test
    void aPairNamedOnceOrWithDifferentScoresIsReportedAsTheCandidateThatStandsForIt() {
        List<String> people = List.of("ann", "ben", "cat", "dan");
        List<Factor> annBen = List.of(new Factor("skills", 30), new Factor("goals", 30));
        List<Factor> benAnn = List.of(new Factor("skills", 40), new Factor("goals", 30));
        List<Factor> danCat = List.of(new Factor("languages", 50));
        MatchRequest request = new MatchRequest(ProgramFormat.PEER, null, slots(people), people, List.of(
                new CandidatePair("ann", "ben", 60, annBen),
                new CandidatePair("ben", "ann", 70, benAnn),
                new CandidatePair("dan", "cat", 50, danCat)), Map.of(), 1, null);
        MatchResult result = strategy().match(request);
        assertValid(request, result);
        assertEquals(List.of(new ProposedPair("ben", "ann", 70, benAnn), new ProposedPair("dan", "cat", 50, danCat)),
                result.pairs());
    }

    @Test
    void givesEachUnpairedPersonTheirReason() {
        List<String> people = List.of("ann", "ben", "cat", "dan", "eve", "fay", "gus");
        List<MentorSlot> slots = new ArrayList<>(slots(people));
        slots.set(people.indexOf("gus"), new MentorSlot("gus", 0));
        List<CandidatePair> candidates = new ArrayList<>();
        List.of(both("ann", "ben", 90), both("ann", "cat", 80), both("dan", "eve", 20), both("fay", "gus", 90))
                .forEach(candidates::addAll);
        MatchRequest request = new MatchRequest(ProgramFormat.PEER, null, slots, people, candidates, Map.of(), 1,
                null);
        MatchResult result = new PeerStrategy(config(50)).match(request);
        assertValid(request, result);
        assertEquals(List.of(new ProposedPair("ann", "ben", 90, factors(90))), result.pairs());
        Map<String, String> reasons = new HashMap<>();
        result.unmatched().forEach(u -> reasons.put(u.personId(), u.reason()));
        assertEquals(Map.of(
                "cat", PeerStrategy.OUTBID,
                "dan", "no candidate peer scored at least 50",
                "eve", "no candidate peer scored at least 50",
                "fay", PeerStrategy.PEERS_NOT_AVAILABLE,
                "gus", PeerStrategy.NOT_AVAILABLE), reasons);
        MatchResult alone = strategy().match(peers(List.of("ann", "ben"), List.of()));
        assertEquals(List.of(new Unmatched("ann", PeerStrategy.NO_CANDIDATE), new Unmatched("ben",
                PeerStrategy.NO_CANDIDATE)), alone.unmatched());
    }

    @Test
    void sameAnswerWhateverTheInputOrderOrSeed() {
        MatchRequest request = randomRequest(ProgramFormat.PEER, 9, 0, 40);
        MatchRequest tied = new MatchRequest(ProgramFormat.PEER, null, request.mentors(), request.mentees(),
                request.candidates().stream().map(c -> new CandidatePair(c.mentorId(), c.menteeId(), 50,
                        factors(50))).toList(), Map.of(), 1, null);
        for (MatchRequest original : List.of(request, tied)) {
            MatchResult expected = strategy().match(original);
            for (long seed = 1; seed <= 10; seed++) {
                Random random = new Random(seed);
                List<MentorSlot> mentors = new ArrayList<>(original.mentors());
                List<String> mentees = new ArrayList<>(original.mentees());
                List<CandidatePair> candidates = new ArrayList<>(original.candidates());
                Collections.shuffle(mentors, random);
                Collections.shuffle(candidates, random);
                Collections.shuffle(mentees, random);
                MatchResult shuffled = strategy().match(new MatchRequest(ProgramFormat.PEER, null, mentors, mentees,
                        candidates, Map.of(), seed * 1000, null));
                assertEquals(expected.pairs(), shuffled.pairs(), "seed " + seed);
                assertEquals(Set.copyOf(expected.unmatched()), Set.copyOf(shuffled.unmatched()), "seed " + seed);
            }
        }
    }

    @Test
    void solvesAPoolOfThreeHundred() {
        Random random = new Random(300);
        MatchRequest request = pool(random, 300, 0.3, 100, false);
        MatchResult result = strategy().match(request);
        assertValid(request, result);
        // The optimum is certified inside the solver; it can only beat taking the best remaining pair each time.
        assertTrue(total(result) >= greedyTotal(request), "optimum " + total(result) + " below greedy");
        assertEquals(300, 2 * result.pairs().size() + result.unmatched().size());
    }

    @Test
    void rejectsNegativeMinimumScore() {
        assertThrows(IllegalArgumentException.class, () -> new PeerStrategy(config(-1)));
    }

    private static long total(MatchResult result) {
        return result.pairs().stream().mapToLong(ProposedPair::score).sum();
    }

    private static long greedyTotal(MatchRequest request) {
        List<CandidatePair> ordered = new ArrayList<>(request.candidates());
        ordered.sort((x, y) -> Integer.compare(y.score(), x.score()));
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

    /**
     * The best (total score, number of pairs) over every pairing of the pool, lexicographically, where a pair
     * scores the higher of its two orientations and needs both people available and the minimum score.
     */
    private static long[] bruteForce(MatchRequest request, int minimum) {
        List<String> people = request.mentees().stream().sorted().toList();
        int n = people.size();
        int[][] score = new int[n][n];
        for (int[] row : score) {
            java.util.Arrays.fill(row, -1);
        }
        Map<String, Integer> capacity = new HashMap<>();
        request.mentors().forEach(m -> capacity.put(m.mentorId(), m.capacity()));
        for (CandidatePair c : request.candidates()) {
            int a = people.indexOf(c.mentorId());
            int b = people.indexOf(c.menteeId());
            if (c.score() >= minimum && capacity.get(c.mentorId()) > 0 && capacity.get(c.menteeId()) > 0) {
                score[a][b] = score[b][a] = Math.max(score[a][b], c.score());
            }
        }
        return best(score, new boolean[n], 0);
    }

    private static long[] best(int[][] score, boolean[] used, int from) {
        int v = from;
        while (v < used.length && used[v]) {
            v++;
        }
        if (v >= used.length) {
            return new long[] {0, 0};
        }
        used[v] = true;
        long[] best = best(score, used, v + 1);
        for (int w = v + 1; w < used.length; w++) {
            if (!used[w] && score[v][w] >= 0) {
                used[w] = true;
                long[] rest = best(score, used, v + 1);
                long[] with = {rest[0] + score[v][w], rest[1] + 1};
                if (with[0] > best[0] || with[0] == best[0] && with[1] > best[1]) {
                    best = with;
                }
                used[w] = false;
            }
        }
        used[v] = false;
        return best;
    }

    /**
     * A random pool: each pair is a candidate with the given probability, in both orientations with equal scores —
     * or, when asymmetric, sometimes only one orientation or two different scores; some people have capacity 0.
     */
    private static MatchRequest pool(Random random, int size, double density, int range, boolean asymmetric) {
        List<String> people = new ArrayList<>();
        List<MentorSlot> slots = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            people.add("peer-" + i);
            slots.add(new MentorSlot("peer-" + i, asymmetric && random.nextInt(8) == 0 ? 0 : 1));
        }
        List<CandidatePair> candidates = new ArrayList<>();
        for (int a = 0; a < size; a++) {
            for (int b = a + 1; b < size; b++) {
                if (random.nextDouble() < density) {
                    int score = random.nextInt(range);
                    int shape = asymmetric ? random.nextInt(4) : 0;
                    if (shape != 1) {
                        candidates.add(new CandidatePair(people.get(a), people.get(b), score, factors(score)));
                    }
                    if (shape != 2) {
                        int other = shape == 3 ? random.nextInt(range) : score;
                        candidates.add(new CandidatePair(people.get(b), people.get(a), other, factors(other)));
                    }
                }
            }
        }
        return new MatchRequest(ProgramFormat.PEER, null, slots, people, candidates, Map.of(), random.nextLong(),
                null);
    }

    private static MatchRequest peers(List<String> people, List<List<CandidatePair>> pairs) {
        List<CandidatePair> candidates = new ArrayList<>();
        pairs.forEach(candidates::addAll);
        return new MatchRequest(ProgramFormat.PEER, null, slots(people), people, candidates, Map.of(), 1, null);
    }

    private static List<MentorSlot> slots(List<String> people) {
        return people.stream().map(p -> new MentorSlot(p, 1)).toList();
    }

    /** A pair of peers named in both orientations with the same score and explanation. */
    private static List<CandidatePair> both(String a, String b, int score) {
        return List.of(new CandidatePair(a, b, score, factors(score)), new CandidatePair(b, a, score, factors(score)));
    }

    private static List<Factor> factors(int score) {
        return List.of(new Factor("skills", score));
    }

    static PeerStrategy.Config config(int minimumScore) {
        return new PeerStrategy.Config() {
            @Override
            public int minimumScore() {
                return minimumScore;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return PeerStrategy.Config.class;
            }
        };
    }
}
