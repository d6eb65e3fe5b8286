package io.mentorhub.plugins.optimal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import io.mentorhub.api.matching.MatchResult.Unmatched;
import io.mentorhub.api.matching.MatchingStrategy;
import io.mentorhub.plugins.greedy.GreedyBaseline;
import io.mentorhub.testkit.MatchingStrategyContractTest;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OptimalStrategyTest extends MatchingStrategyContractTest {

    @Override
    protected MatchingStrategy strategy() {
        return new OptimalStrategy(config(0));
    }

    /** Greedy gives ada to cy (90) and strands di with bob (10); swapping the two gains 65. */
    private static final MatchRequest SHORT_SIGHTED = new MatchRequest(
            List.of(new MentorSlot("ada", 1), new MentorSlot("bob", 1)),
            List.of("cy", "di"),
            List.of(new CandidatePair("ada", "cy", 90), new CandidatePair("bob", "cy", 80),
                    new CandidatePair("ada", "di", 85), new CandidatePair("bob", "di", 10)),
            7);

    @Test
    void beatsGreedyWhereTheBestPairIsNotPartOfTheBestAssignment() {
        assertEquals(100, total(GreedyBaseline.withMinimumScore(0).match(SHORT_SIGHTED)));
        MatchResult result = strategy().match(SHORT_SIGHTED);
        assertEquals(List.of(new ProposedPair("ada", "di", 85), new ProposedPair("bob", "cy", 80)), result.pairs());
        assertTrue(result.unmatched().isEmpty());
    }

    @Test
    void matchesBruteForceOnSmallRandomRequests() {
        for (long seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            MatchRequest request = smallRequest(random);
            int minimumScore = random.nextBoolean() ? 0 : random.nextInt(8);
            MatchResult result = new OptimalStrategy(config(minimumScore)).match(request);
            assertValid(request, result);
            int[] best = bruteForce(request, minimumScore);
            assertEquals(best[0], total(result), "total score, seed " + seed);
            assertEquals(best[1], result.pairs().size(), "matched mentees, seed " + seed);
            assertTrue(result.pairs().stream().allMatch(p -> p.score() >= minimumScore), "seed " + seed);
        }
    }

    @Test
    void resultDoesNotDependOnInputOrder() {
        // Scores 0..3 make equally good assignments plentiful, so the tie-break is what is under test.
        Random random = new Random(11);
        List<MentorSlot> mentors = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            mentors.add(new MentorSlot("mentor-" + i, random.nextInt(4)));
        }
        List<String> mentees = new ArrayList<>();
        List<CandidatePair> candidates = new ArrayList<>();
        for (int j = 0; j < 150; j++) {
            mentees.add("mentee-" + j);
            for (MentorSlot mentor : mentors) {
                if (random.nextInt(5) == 0) {
                    candidates.add(new CandidatePair(mentor.mentorId(), "mentee-" + j, random.nextInt(4)));
                }
            }
        }
        MatchResult expected = strategy().match(new MatchRequest(mentors, mentees, candidates, 3));
        for (long shuffle = 1; shuffle <= 20; shuffle++) {
            Random order = new Random(shuffle);
            List<MentorSlot> m = new ArrayList<>(mentors);
            List<String> e = new ArrayList<>(mentees);
            List<CandidatePair> c = new ArrayList<>(candidates);
            Collections.shuffle(m, order);
            Collections.shuffle(e, order);
            Collections.shuffle(c, order);
            assertEquals(expected, strategy().match(new MatchRequest(m, e, c, 3)), "shuffle " + shuffle);
        }
    }

    @Test
    void respectsCapacityAndMinimumScore() {
        var request = new MatchRequest(
                List.of(new MentorSlot("ada", 2), new MentorSlot("bob", 0), new MentorSlot("cai", 1)),
                List.of("cy", "di", "ed", "flo", "gus", "hal"),
                List.of(new CandidatePair("ada", "cy", 90), new CandidatePair("ada", "di", 80),
                        new CandidatePair("ada", "ed", 70), new CandidatePair("bob", "ed", 99),
                        new CandidatePair("cai", "flo", 40), new CandidatePair("bob", "gus", 95)),
                7);
        MatchResult result = new OptimalStrategy(config(50)).match(request);
        assertEquals(List.of(new ProposedPair("ada", "cy", 90), new ProposedPair("ada", "di", 80)), result.pairs());
        assertEquals(List.of(
                new Unmatched("ed", "every compatible mentor's capacity was used by the highest-scoring assignment"),
                new Unmatched("flo", "no compatible mentor scored at least 50"),
                new Unmatched("gus", "every compatible mentor was already at capacity"),
                new Unmatched("hal", "no compatible mentor")), result.unmatched());
    }

    @Test
    void prefersMoreMatchedMenteesAmongEquallyGoodAssignments() {
        // Score 10 either way: di with ada alone, or cy with ada and di with bob at 0.
        var request = new MatchRequest(List.of(new MentorSlot("ada", 1), new MentorSlot("bob", 1)),
                List.of("cy", "di"),
                List.of(new CandidatePair("ada", "di", 10), new CandidatePair("ada", "cy", 10),
                        new CandidatePair("bob", "di", 0)),
                7);
        MatchResult result = strategy().match(request);
        assertEquals(List.of(new ProposedPair("ada", "cy", 10), new ProposedPair("bob", "di", 0)), result.pairs());
    }

    @Test
    void certificateAcceptsTheSolverAnswerAndRejectsAnyWorseOne() {
        Network net = Network.of(SHORT_SIGHTED, 0);
        Solution optimal = AssignmentSolver.solve(net, io.mentorhub.api.matching.MatchControl.NONE);
        assertDoesNotThrow(() -> Certificate.check(net, optimal));

        // Greedy's assignment (ada-cy, bob-di) is feasible but 65 short: no potentials can certify it.
        int[] greedy = {edge(net, "cy", "ada"), edge(net, "di", "bob")};
        assertThrows(IllegalStateException.class, () -> Certificate.check(net, new Solution(greedy, optimal.potential())));
        assertThrows(IllegalStateException.class, () -> Certificate.check(net, new Solution(greedy, new long[net.nodes()])));

        // Leaving di out keeps ada-cy at 90 but loses score, and a mentor over capacity is not a solution at all.
        int[] partial = {edge(net, "cy", "ada"), -1};
        assertThrows(IllegalStateException.class, () -> Certificate.check(net, new Solution(partial, optimal.potential())));
        int[] crowded = {edge(net, "cy", "ada"), edge(net, "di", "ada")};
        assertThrows(IllegalStateException.class, () -> Certificate.check(net, new Solution(crowded, optimal.potential())));
    }

    @Test
    void certificateRejectsAnAnswerThatCouldMatchMoreAtTheSameScore() {
        // A zero-score pair adds no score but a matched mentee; dropping it keeps the score and loses the mentee.
        var request = new MatchRequest(List.of(new MentorSlot("ada", 1)), List.of("cy"),
                List.of(new CandidatePair("ada", "cy", 0)), 7);
        Network net = Network.of(request, 0);
        Solution optimal = AssignmentSolver.solve(net, io.mentorhub.api.matching.MatchControl.NONE);
        assertEquals(0, optimal.assigned()[0]);
        assertDoesNotThrow(() -> Certificate.check(net, optimal));
        assertThrows(IllegalStateException.class,
                () -> Certificate.check(net, new Solution(new int[] {-1}, new long[net.nodes()])));
    }

    @Test
    void dualPricesProveTheOptimumOnRandomRequests() {
        for (long seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            MatchRequest request = smallRequest(random);
            int minimumScore = random.nextBoolean() ? 0 : random.nextInt(8);
            MatchResult result = new OptimalStrategy(config(minimumScore)).match(request);
            assertEquals(bruteForce(request, minimumScore)[0], total(result), "seed " + seed);
            assertDualsProve(request, minimumScore, result, "seed " + seed);
        }
    }

    @Test
    void dualPricesHoldOnLargerRequestsWithTiesRepeatsAndFullMentors() {
        for (long seed = 1; seed <= 60; seed++) {
            Random random = new Random(seed);
            List<MentorSlot> mentors = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                // capacity 0, and capacities above the mentor's number of pairs, both occur
                mentors.add(new MentorSlot("mentor-" + i, random.nextInt(6)));
            }
            List<String> mentees = new ArrayList<>();
            List<CandidatePair> candidates = new ArrayList<>();
            for (int j = 0; j < 90; j++) {
                mentees.add("mentee-" + j);
                for (MentorSlot mentor : mentors) {
                    if (random.nextInt(4) == 0) {
                        int score = random.nextInt(seed % 2 == 0 ? 4 : 101);
                        candidates.add(new CandidatePair(mentor.mentorId(), "mentee-" + j, score));
                        if (random.nextInt(20) == 0) {
                            candidates.add(new CandidatePair(mentor.mentorId(), "mentee-" + j, random.nextInt(101)));
                        }
                    }
                }
            }
            Collections.shuffle(candidates, random);
            MatchRequest request = new MatchRequest(mentors, mentees, candidates, seed);
            int minimumScore = (int) (seed % 3) * 10;
            assertDualsProve(request, minimumScore, new OptimalStrategy(config(minimumScore)).match(request),
                    "seed " + seed);
        }
    }

    /**
     * The SPI's dual conditions, checked exactly and without the solver: prices at least zero, every candidate at or
     * above the minimum score covered (those below it are not candidates for the solver and need no cover), and no
     * gap: the total equals the sum of capacity times mentor price plus the mentee prices.
     */
    private static void assertDualsProve(MatchRequest request, int minimumScore, MatchResult result, String what) {
        MatchResult.Duals duals = result.duals();
        assertTrue(duals != null, what + ": the optimal strategy returns its duals");
        duals.mentorPrices().values().forEach(p -> assertTrue(p >= 0, what + ": negative mentor price"));
        duals.menteePrices().values().forEach(p -> assertTrue(p >= 0, what + ": negative mentee price"));
        for (CandidatePair c : request.candidates()) {
            if (c.score() >= minimumScore) {
                assertTrue(duals.mentorPrice(c.mentorId()) + duals.menteePrice(c.menteeId()) >= c.score(),
                        what + ": prices do not cover " + c);
            }
        }
        long bound = request.mentees().stream().mapToLong(duals::menteePrice).sum();
        for (MentorSlot mentor : request.mentors()) {
            bound += mentor.capacity() * duals.mentorPrice(mentor.mentorId());
        }
        assertEquals(total(result), bound, what + ": strong duality");
    }

    @Test
    void pricesThatLeaveAGapOrMissAPairAreRefuted() {
        Network net = Network.of(SHORT_SIGHTED, 0);
        Solution optimal = AssignmentSolver.solve(net, io.mentorhub.api.matching.MatchControl.NONE);
        Certificate.Prices prices = Certificate.prices(SHORT_SIGHTED, net, optimal);
        assertDoesNotThrow(() -> Certificate.checkPrices(net, optimal.assigned(), prices));
        long[] raised = prices.mentee().clone();
        raised[0]++;
        assertThrows(IllegalStateException.class,
                () -> Certificate.checkPrices(net, optimal.assigned(), new Certificate.Prices(prices.mentor(), raised)));
        assertThrows(IllegalStateException.class, () -> Certificate.checkPrices(net, optimal.assigned(),
                new Certificate.Prices(new long[net.mentors()], new long[net.mentees()])));
    }

    @Test
    void rejectsNegativeMinimumScore() {
        assertThrows(IllegalArgumentException.class, () -> new OptimalStrategy(config(-1)));
    }

    static OptimalStrategy.Config config(int minimumScore) {
        return new OptimalStrategy.Config() {
            @Override
            public int minimumScore() {
                return minimumScore;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return OptimalStrategy.Config.class;
            }
        };
    }

    private static int total(MatchResult result) {
        return result.pairs().stream().mapToInt(ProposedPair::score).sum();
    }

    private static int edge(Network net, String mentee, String mentor) {
        int j = Arrays.asList(net.menteeIds).indexOf(mentee);
        int i = Arrays.asList(net.mentorIds).indexOf(mentor);
        for (int e = net.firstEdge[j]; e < net.firstEdge[j + 1]; e++) {
            if (net.edgeMentor[e] == i) {
                return e;
            }
        }
        throw new IllegalArgumentException("no pair " + mentor + "/" + mentee);
    }

    /** Up to 4 mentors and 7 mentees, scores 0..12 so that ties are common. */
    private static MatchRequest smallRequest(Random random) {
        int mentorCount = 1 + random.nextInt(4);
        int menteeCount = 1 + random.nextInt(7);
        List<MentorSlot> mentors = new ArrayList<>();
        for (int i = 0; i < mentorCount; i++) {
            mentors.add(new MentorSlot("mentor-" + i, random.nextInt(4)));
        }
        List<String> mentees = new ArrayList<>();
        List<CandidatePair> candidates = new ArrayList<>();
        for (int j = 0; j < menteeCount; j++) {
            mentees.add("mentee-" + j);
            for (MentorSlot mentor : mentors) {
                if (random.nextInt(5) < 3) {
                    candidates.add(new CandidatePair(mentor.mentorId(), "mentee-" + j, random.nextInt(13)));
                }
            }
        }
        return new MatchRequest(mentors, mentees, candidates, random.nextLong());
    }

    /** Every way to give each mentee one of its pairs or none: the best total, then the most matched. */
    private static int[] bruteForce(MatchRequest request, int minimumScore) {
        Map<String, Integer> room = new HashMap<>();
        request.mentors().forEach(m -> room.put(m.mentorId(), m.capacity()));
        Map<String, List<CandidatePair>> pairsOf = new HashMap<>();
        for (CandidatePair c : request.candidates()) {
            if (c.score() >= minimumScore) {
                pairsOf.computeIfAbsent(c.menteeId(), k -> new ArrayList<>()).add(c);
            }
        }
        int[] best = {Integer.MIN_VALUE, 0};
        search(request.mentees(), 0, pairsOf, room, 0, 0, best);
        return best;
    }

    private static void search(List<String> mentees, int next, Map<String, List<CandidatePair>> pairsOf,
            Map<String, Integer> room, int score, int matched, int[] best) {
        if (next == mentees.size()) {
            if (score > best[0] || score == best[0] && matched > best[1]) {
                best[0] = score;
                best[1] = matched;
            }
            return;
        }
        search(mentees, next + 1, pairsOf, room, score, matched, best);
        for (CandidatePair c : pairsOf.getOrDefault(mentees.get(next), List.of())) {
            if (room.get(c.mentorId()) > 0) {
                room.merge(c.mentorId(), -1, Integer::sum);
                search(mentees, next + 1, pairsOf, room, score + c.score(), matched + 1, best);
                room.merge(c.mentorId(), 1, Integer::sum);
            }
        }
    }
}
