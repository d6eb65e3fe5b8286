package io.mentorhub.engine.matching;

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
import io.mentorhub.api.matching.MatchingStoppedException;
import io.mentorhub.api.matching.MatchingStrategy;
import io.mentorhub.engine.matching.CandidateSelectionTest.Instance;
import io.mentorhub.engine.matching.CandidateSelectionTest.Pair;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DualCertificateTest {

    @Test
    void findsExactlyTheUncoveredPairsOutsideTheCandidates() {
        for (long seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            Instance instance = Instance.random(random);
            long[] mentorPrice = random.longs(instance.capacity().length, 0, 12).toArray();
            long[] menteePrice = random.longs(instance.mentees(), 0, 12).toArray();
            CandidateGraph candidates = new CandidateGraph();
            for (int i = 0; i < instance.capacity().length; i++) {
                for (int j = 0; j < instance.mentees(); j++) {
                    int s = instance.score()[i][j];
                    if (s != PairScores.NOT_A_PAIR && random.nextInt(3) == 0) {
                        candidates.add(i, j, s);
                    }
                }
            }
            int limit = random.nextInt(8);
            CandidateGraph found = DualCertificate.violations(mentorPrice, menteePrice, instance.capacity(),
                    instance.mentees(), instance.scores(), candidates, limit, MatchControl.NONE);

            List<Pair> expected = new ArrayList<>();
            for (int i = 0; i < instance.capacity().length; i++) {
                for (int j = 0; j < instance.mentees(); j++) {
                    int s = instance.score()[i][j];
                    if (instance.capacity()[i] > 0 && s != PairScores.NOT_A_PAIR && !candidates.contains(i, j)
                            && mentorPrice[i] + menteePrice[j] < s) {
                        expected.add(new Pair(i, j, s));
                    }
                }
            }
            expected.sort(Comparator.<Pair>comparingLong(p -> mentorPrice[p.mentor()] + menteePrice[p.mentee()]
                    - p.score()).thenComparingInt(Pair::mentor).thenComparingInt(Pair::mentee));
            assertEquals(expected.subList(0, Math.min(limit, expected.size())),
                    CandidateSelectionTest.pairs(found), "seed " + seed);
        }
    }

    @Test
    void strongDualityNeedsNonNegativePricesAndNoGap() {
        int[] capacity = {2, 1};
        assertTrue(DualCertificate.closesTheGap(17, new long[] {3, 4}, capacity, new long[] {5, 2}));
        assertFalse(DualCertificate.closesTheGap(18, new long[] {3, 4}, capacity, new long[] {5, 2}));
        assertFalse(DualCertificate.closesTheGap(7, new long[] {-3, 4}, capacity, new long[] {5, 4}));
        assertFalse(DualCertificate.closesTheGap(0, new long[] {Long.MAX_VALUE, 0}, capacity, new long[0]));
        assertThrows(IllegalArgumentException.class,
                () -> DualCertificate.closesTheGap(0, new long[1], capacity, new long[0]));
    }

    @Test
    void stopsWhenAskedAndRefusesPricesOfTheWrongShape() {
        int[] capacity = {1};
        assertThrows(MatchingStoppedException.class, () -> DualCertificate.violations(new long[1], new long[3],
                capacity, 3, (m, e) -> 1, new CandidateGraph(), 5, () -> true));
        assertThrows(IllegalArgumentException.class, () -> DualCertificate.violations(new long[2], new long[3],
                capacity, 3, (m, e) -> 1, new CandidateGraph(), 5, MatchControl.NONE));
    }

    /**
     * The loop the matching run performs: select from both sides, solve exactly, look for feasible pairs the prices
     * do not cover, add them back, solve again. It must end with the optimum over all feasible pairs, proven by
     * prices that cover every feasible pair and close the gap.
     */
    @Test
    void selectSolveCertifyLoopReachesTheDenseOptimum() {
        MatchingStrategy optimal = optimalStrategy();
        int improvedByTheLoop = 0;
        for (long seed = 1; seed <= 120; seed++) {
            Random random = new Random(seed);
            int mentors = 2 + random.nextInt(10);
            int mentees = 1 + random.nextInt(40);
            int[] capacity = new int[mentors];
            for (int i = 0; i < mentors; i++) {
                capacity[i] = random.nextInt(4);
            }
            int[][] score = new int[mentors][mentees];
            for (int[] row : score) {
                for (int j = 0; j < mentees; j++) {
                    row[j] = random.nextInt(6) == 0 ? PairScores.NOT_A_PAIR : random.nextInt(60);
                }
            }
            PairScores scores = (mentor, mentee) -> score[mentor][mentee];

            CandidateGraph candidates = CandidateSelection.select(capacity, mentees, scores, 1, 1,
                    MatchControl.NONE).candidates();
            MatchResult result = optimal.match(request(capacity, mentees, candidates));
            long firstTotal = total(result);
            for (int round = 0; ; round++) {
                long[] mentorPrice = new long[mentors];
                long[] menteePrice = new long[mentees];
                for (int i = 0; i < mentors; i++) {
                    mentorPrice[i] = result.duals().mentorPrice(mentorId(i));
                }
                for (int j = 0; j < mentees; j++) {
                    menteePrice[j] = result.duals().menteePrice(menteeId(j));
                }
                assertTrue(DualCertificate.closesTheGap(total(result), mentorPrice, capacity, menteePrice),
                        "seed " + seed + ": the solver's prices close its own gap");
                CandidateGraph missing = DualCertificate.violations(mentorPrice, menteePrice, capacity, mentees,
                        scores, candidates, 3, MatchControl.NONE);
                if (missing.size() == 0) {
                    break;
                }
                assertTrue(round < mentors * mentees, "seed " + seed + ": the loop ends");
                candidates.addAll(missing);
                result = optimal.match(request(capacity, mentees, candidates));
            }
            CandidateGraph all = new CandidateGraph();
            for (int i = 0; i < mentors; i++) {
                for (int j = 0; j < mentees; j++) {
                    if (score[i][j] != PairScores.NOT_A_PAIR) {
                        all.add(i, j, score[i][j]);
                    }
                }
            }
            long dense = total(optimal.match(request(capacity, mentees, all)));
            assertEquals(dense, total(result), "seed " + seed + ": certified total = dense optimum");
            improvedByTheLoop += total(result) > firstTotal ? 1 : 0;
        }
        assertTrue(improvedByTheLoop > 0, "some instances need pairs added back, or the loop is not exercised");
    }

    private static MatchRequest request(int[] capacity, int mentees, CandidateGraph graph) {
        List<MentorSlot> mentors = new ArrayList<>();
        for (int i = 0; i < capacity.length; i++) {
            mentors.add(new MentorSlot(mentorId(i), capacity[i]));
        }
        List<String> menteeIds = new ArrayList<>();
        for (int j = 0; j < mentees; j++) {
            menteeIds.add(menteeId(j));
        }
        List<CandidatePair> pairs = new ArrayList<>();
        for (int k = 0; k < graph.size(); k++) {
            pairs.add(new CandidatePair(mentorId(graph.mentor(k)), menteeId(graph.mentee(k)), graph.score(k)));
        }
        return new MatchRequest(mentors, menteeIds, pairs, 1);
    }

    private static long total(MatchResult result) {
        return result.pairs().stream().mapToLong(ProposedPair::score).sum();
    }

    private static String mentorId(int i) {
        return String.format("mentor-%03d", i);
    }

    private static String menteeId(int j) {
        return String.format("mentee-%03d", j);
    }

    /**
     * The optimal strategy with minimum score 0, configured as Declarative Services would: its configuration type is
     * package-private, so it gets a proxy, just as SCR builds component property types.
     */
    static MatchingStrategy optimalStrategy() {
        try {
            Class<?> strategy = Class.forName("io.mentorhub.plugins.optimal.OptimalStrategy");
            Class<?> config = Class.forName("io.mentorhub.plugins.optimal.OptimalStrategy$Config");
            Object settings = Proxy.newProxyInstance(config.getClassLoader(), new Class<?>[] {config},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "minimumScore" -> 0;
                        case "annotationType" -> config;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            return (MatchingStrategy) strategy.getConstructor(config).newInstance(settings);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the optimal strategy is a test dependency of the engine", e);
        }
    }
}
