package io.mentorhub.plugins.optimal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.matching.MatchControl;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import io.mentorhub.api.matching.MatchResult.Unmatched;
import io.mentorhub.api.matching.MatchingStoppedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Cost scaling against successive shortest paths, which shares none of its code but the tie sweep, and the edge
 * cases of scaling: ties everywhere, no room, no candidates, scores below the minimum (negative ones included), and
 * scores too large to scale.
 */
class CostScalingTest {

    @Test
    void agreesWithSuccessiveShortestPathsOnRandomRequests() {
        for (long seed = 1; seed <= 150; seed++) {
            Random random = new Random(seed);
            // Odd seeds: scores 0..3, so that most assignments tie; even seeds: 0..100.
            MatchRequest request = randomRequest(random, 1 + random.nextInt(30), 1 + random.nextInt(120),
                    seed % 2 == 1 ? 4 : 101, 6);
            assertAgrees(request, random.nextBoolean() ? 0 : random.nextInt(40), "seed " + seed);
        }
    }

    @Test
    void agreesInTightMarketsWhereEveryPlaceIsWanted() {
        // As the benchmark's instance b: as many places as mentees, every mentee with a few good mentors.
        for (long seed = 1; seed <= 40; seed++) {
            Random random = new Random(seed);
            int mentorCount = 20 + random.nextInt(30);
            List<MentorSlot> mentors = new ArrayList<>();
            for (int i = 0; i < mentorCount; i++) {
                mentors.add(new MentorSlot("mentor-" + i, 4));
            }
            List<String> mentees = new ArrayList<>();
            List<CandidatePair> candidates = new ArrayList<>();
            for (int j = 0; j < 4 * mentorCount; j++) {
                mentees.add("mentee-" + j);
                for (int k = 0; k < 5; k++) {
                    int mentor = random.nextInt(mentorCount);
                    candidates.add(new CandidatePair("mentor-" + mentor, "mentee-" + j, 40 + random.nextInt(61)));
                }
            }
            assertAgrees(new MatchRequest(mentors, mentees, candidates, seed), 0, "seed " + seed);
        }
    }

    @Test
    void equalScoresEverywhereFillEveryPlace() {
        List<MentorSlot> mentors = new ArrayList<>();
        List<String> mentees = new ArrayList<>();
        List<CandidatePair> candidates = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            mentors.add(new MentorSlot("mentor-" + i, 3));
        }
        for (int j = 0; j < 50; j++) {
            mentees.add("mentee-" + j);
            for (int i = 0; i < 10; i++) {
                candidates.add(new CandidatePair("mentor-" + i, "mentee-" + j, 7));
            }
        }
        MatchRequest request = new MatchRequest(mentors, mentees, candidates, 3);
        MatchResult result = assertAgrees(request, 0, "all 7");
        assertEquals(30, result.pairs().size());
        assertEquals(210, total(result));
    }

    @Test
    void zeroScoresStillMatchEveryoneTheyCan() {
        MatchRequest request = new MatchRequest(List.of(new MentorSlot("ada", 2), new MentorSlot("bob", 1)),
                List.of("cy", "di", "ed", "flo"),
                List.of(new CandidatePair("ada", "cy", 0), new CandidatePair("ada", "di", 0),
                        new CandidatePair("bob", "di", 0), new CandidatePair("bob", "ed", 0),
                        new CandidatePair("ada", "flo", 0)),
                3);
        MatchResult result = assertAgrees(request, 0, "all 0");
        assertEquals(3, result.pairs().size());
        assertEquals(0, total(result));
    }

    @Test
    void mentorsWithoutRoomMatchNobody() {
        MatchRequest request = new MatchRequest(List.of(new MentorSlot("ada", 0), new MentorSlot("bob", 0)),
                List.of("cy", "di"),
                List.of(new CandidatePair("ada", "cy", 50), new CandidatePair("bob", "di", 60)), 3);
        MatchResult result = assertAgrees(request, 0, "no room");
        assertTrue(result.pairs().isEmpty());
        assertEquals(List.of(new Unmatched("cy", "every compatible mentor was already at capacity"),
                new Unmatched("di", "every compatible mentor was already at capacity")), result.unmatched());
    }

    @Test
    void noCandidatesLeaveEveryoneUnmatchedWithoutPrices() {
        MatchRequest request = new MatchRequest(List.of(new MentorSlot("ada", 3)), List.of("cy", "di"), List.of(), 3);
        MatchResult result = assertAgrees(request, 0, "no candidates");
        assertTrue(result.pairs().isEmpty());
        assertTrue(result.duals().mentorPrices().isEmpty() && result.duals().menteePrices().isEmpty());
        assertEquals(List.of(new Unmatched("cy", "no compatible mentor"), new Unmatched("di", "no compatible mentor")),
                result.unmatched());
    }

    @Test
    void negativeScoresAndScoresBelowTheMinimumAreNeverUsed() {
        MatchRequest request = new MatchRequest(List.of(new MentorSlot("ada", 2), new MentorSlot("bob", 1)),
                List.of("cy", "di", "ed"),
                List.of(new CandidatePair("ada", "cy", -5), new CandidatePair("bob", "cy", 12),
                        new CandidatePair("ada", "di", 30), new CandidatePair("bob", "ed", -1)),
                3);
        MatchResult atZero = assertAgrees(request, 0, "minimum 0");
        assertEquals(List.of(new ProposedPair("ada", "di", 30), new ProposedPair("bob", "cy", 12)), atZero.pairs());
        assertEquals(List.of(new Unmatched("ed", "no compatible mentor scored at least 0")), atZero.unmatched());
        // Prices need not cover the pairs below the minimum: bob/ed at -1 is not a candidate.
        assertEquals(0, atZero.duals().menteePrice("ed"));

        MatchResult atTwenty = assertAgrees(request, 20, "minimum 20");
        assertEquals(List.of(new ProposedPair("ada", "di", 30)), atTwenty.pairs());
    }

    @Test
    void scoresTooLargeToScaleAreSolvedBySuccessiveShortestPaths() {
        // Scaled by more than the number of nodes, scores near 2^31 could overflow: 5,000 mentees without pairs
        // make the network large enough for that.
        int big = Integer.MAX_VALUE - 7;
        List<String> mentees = new ArrayList<>(List.of("cy", "di"));
        for (int j = 0; j < 5_000; j++) {
            mentees.add("waiting-" + j);
        }
        MatchRequest request = new MatchRequest(List.of(new MentorSlot("ada", 1), new MentorSlot("bob", 1)), mentees,
                List.of(new CandidatePair("ada", "cy", big), new CandidatePair("bob", "cy", big - 10),
                        new CandidatePair("ada", "di", big - 1), new CandidatePair("bob", "di", 0)),
                3);
        assertFalse(CostScaling.fits(Network.of(request, 0)));
        MatchResult result = new OptimalStrategy(OptimalStrategyTest.config(0)).match(request);
        // ada-di and bob-cy beat ada-cy and bob-di by 2^31 - 18.
        assertEquals(List.of(new ProposedPair("ada", "di", big - 1), new ProposedPair("bob", "cy", big - 10)),
                result.pairs());
        assertTrue(CostScaling.fits(Network.of(new MatchRequest(request.mentors(), List.of("cy", "di"),
                request.candidates(), 3), 0)), "the same scores on a small network are scaled");
    }

    @Test
    void costScalingAloneLeavesExactPotentialsWithTightPairs() {
        for (long seed = 1; seed <= 80; seed++) {
            Random random = new Random(seed);
            MatchRequest request = randomRequest(random, 1 + random.nextInt(20), 1 + random.nextInt(80),
                    seed % 2 == 1 ? 3 : 1000, 5);
            Network net = Network.of(request, 0);
            Solution solution = CostScaling.solve(net, MatchControl.NONE);
            long[] p = solution.potential();
            int sink = net.sink();
            int[] load = new int[net.mentors()];
            for (int j = 0; j < net.mentees(); j++) {
                for (int e = net.firstEdge[j]; e < net.firstEdge[j + 1]; e++) {
                    long reduced = -net.edgeScore[e] + p[j] - p[net.mentorNode(net.edgeMentor[e])];
                    if (e == solution.assigned()[j]) {
                        assertEquals(0, reduced, "seed " + seed + ": a used pair is tight");
                        load[net.edgeMentor[e]]++;
                    } else {
                        assertTrue(reduced >= 0, "seed " + seed + ": an unused pair has reduced cost " + reduced);
                    }
                }
                if (solution.assigned()[j] == -1) {
                    assertEquals(p[sink], p[j], "seed " + seed + ": an unmatched mentee sits at the sink's level");
                } else {
                    assertTrue(p[j] >= p[sink], "seed " + seed);
                }
            }
            for (int i = 0; i < net.mentors(); i++) {
                long place = p[net.mentorNode(i)] - p[sink];
                assertTrue(load[i] <= net.capacity[i], "seed " + seed);
                assertTrue(load[i] == net.capacity[i] || place >= 0, "seed " + seed + ": room must be free");
                assertTrue(load[i] == 0 || place <= 0, "seed " + seed + ": a used place costs nothing");
            }
        }
    }

    @Test
    void stopsMidwayThroughALargeRequest() {
        Random random = new Random(5);
        MatchRequest large = randomRequest(random, 300, 3000, 101, 4);
        AtomicInteger polls = new AtomicInteger();
        MatchControl stopLater = () -> polls.incrementAndGet() > 40;
        OptimalStrategy strategy = new OptimalStrategy(OptimalStrategyTest.config(0));
        assertThrows(MatchingStoppedException.class, () -> strategy.match(large.withControl(stopLater)));
        assertEquals(41, polls.get(), "it stops at the first poll after the stop");
    }

    /** Both solvers' answers certified, equal in total and number matched; returns the strategy's answer. */
    private static MatchResult assertAgrees(MatchRequest request, int minimumScore, String what) {
        Network net = Network.of(request, minimumScore);
        Solution scaled = AssignmentSolver.solve(net, MatchControl.NONE);
        Solution paths = AssignmentSolver.bySuccessiveShortestPaths(net, MatchControl.NONE);
        assertDoesNotThrow(() -> Certificate.check(net, scaled), what);
        assertDoesNotThrow(() -> Certificate.check(net, paths), what);
        assertDoesNotThrow(() -> Certificate.prices(request, net, scaled), what);
        assertEquals(total(net, paths), total(net, scaled), what + ": total score");
        assertEquals(matched(paths), matched(scaled), what + ": mentees matched");
        MatchResult result = new OptimalStrategy(OptimalStrategyTest.config(minimumScore)).match(request);
        assertEquals(total(net, scaled), total(result), what);
        return result;
    }

    /** Mentors with capacity 0..maxCapacity-1, each pair present with probability 1/4, some listed twice. */
    private static MatchRequest randomRequest(Random random, int mentorCount, int menteeCount, int scores,
            int maxCapacity) {
        List<MentorSlot> mentors = new ArrayList<>();
        for (int i = 0; i < mentorCount; i++) {
            mentors.add(new MentorSlot("mentor-" + i, random.nextInt(maxCapacity)));
        }
        List<String> mentees = new ArrayList<>();
        List<CandidatePair> candidates = new ArrayList<>();
        for (int j = 0; j < menteeCount; j++) {
            mentees.add("mentee-" + j);
            for (MentorSlot mentor : mentors) {
                if (random.nextInt(4) == 0) {
                    candidates.add(new CandidatePair(mentor.mentorId(), "mentee-" + j, random.nextInt(scores)));
                    if (random.nextInt(20) == 0) {
                        candidates.add(new CandidatePair(mentor.mentorId(), "mentee-" + j, random.nextInt(scores)));
                    }
                }
            }
        }
        Collections.shuffle(candidates, random);
        return new MatchRequest(mentors, mentees, candidates, random.nextLong());
    }

    private static long total(Network net, Solution solution) {
        long total = 0;
        for (int e : solution.assigned()) {
            total += e == -1 ? 0 : net.edgeScore[e];
        }
        return total;
    }

    private static int matched(Solution solution) {
        int matched = 0;
        for (int e : solution.assigned()) {
            matched += e == -1 ? 0 : 1;
        }
        return matched;
    }

    private static long total(MatchResult result) {
        return result.pairs().stream().mapToLong(ProposedPair::score).sum();
    }
}
