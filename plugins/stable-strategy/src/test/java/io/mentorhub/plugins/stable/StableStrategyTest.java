package io.mentorhub.plugins.stable;

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
import io.mentorhub.testkit.MatchingStrategyContractTest;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StableStrategyTest extends MatchingStrategyContractTest {

    @Override
    protected MatchingStrategy strategy() {
        return new StableStrategy(config(0));
    }

    @Test
    void leavesNoBlockingPairOnRandomRequests() {
        for (long seed = 1; seed <= 500; seed++) {
            Random random = new Random(seed);
            // Mostly small programs; every tenth a wider one, where mentors hold many mentees at once.
            boolean wide = seed % 10 == 0;
            int minimumScore = List.of(0, 0, 2, 50).get(random.nextInt(4));
            MatchRequest request = randomRequest(random,
                    wide ? 20 + random.nextInt(40) : 1 + random.nextInt(12),
                    wide ? 100 + random.nextInt(300) : 1 + random.nextInt(40),
                    wide ? 21 : 5,
                    List.of(0.05, 0.2, 0.6, 1.0).get(random.nextInt(4)),
                    random.nextBoolean() ? 4 : 100);
            StableStrategy strategy = new StableStrategy(config(minimumScore));
            MatchResult result = strategy.match(request);
            assertValid(request, result);
            assertEquals(List.of(), strategy.blockingPairs(request, result), "seed " + seed);
            for (ProposedPair pair : result.pairs()) {
                assertTrue(pair.score() >= minimumScore, "seed " + seed + ": " + pair);
            }
        }
    }

    @Test
    void givesEveryMenteeTheirBestStablePartner() {
        for (long seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            int minimumScore = random.nextBoolean() ? 0 : 2;
            StableStrategy strategy = new StableStrategy(config(minimumScore));
            MatchRequest request = randomRequest(random, 1 + random.nextInt(3), 1 + random.nextInt(5), 3, 0.6, 4);
            List<Map<String, ProposedPair>> stable = new ArrayList<>();
            everyMatching(request, strategy, minimumScore, new ArrayList<>(), stable);

            MatchResult result = strategy.match(request);
            Map<String, ProposedPair> found = new HashMap<>();
            result.pairs().forEach(pair -> found.put(pair.menteeId(), pair));
            assertTrue(stable.contains(found), "seed " + seed + ": result is not among the stable matchings");
            for (String mentee : request.mentees()) {
                ProposedPair best = null;
                for (Map<String, ProposedPair> matching : stable) {
                    ProposedPair pair = matching.get(mentee);
                    if (pair != null && (best == null || pair.score() > best.score()
                            || pair.score() == best.score() && pair.mentorId().compareTo(best.mentorId()) < 0)) {
                        best = pair;
                    }
                }
                assertEquals(best, found.get(mentee), "seed " + seed + ", mentee " + mentee);
            }
            // One score ranks a pair for both sides, so preferences cannot cycle and only one stable matching exists.
            assertEquals(1, stable.size(), "seed " + seed);
        }
    }

    @Test
    void workedExampleWithReleasesAndEveryReason() {
        // Asking in id order: ed -> ada (held); fay -> ada, who releases ed (80 < 90); ed -> bo (held);
        // gus -> ada (refused, 70), gus -> bo (held); hal -> bo, full with better (refused, 40), hal -> cyd (held);
        // ivy -> ada (refused, 85), ivy -> cyd (refused, 30 < 45); jo has no candidate; lu -> kim, who takes nobody.
        var request = new MatchRequest(
                List.of(new MentorSlot("ada", 1), new MentorSlot("bo", 2), new MentorSlot("cyd", 1),
                        new MentorSlot("kim", 0)),
                List.of("ed", "fay", "gus", "hal", "ivy", "jo", "lu"),
                List.of(new CandidatePair("ada", "ed", 80), new CandidatePair("bo", "ed", 60),
                        new CandidatePair("ada", "fay", 90), new CandidatePair("cyd", "fay", 50),
                        new CandidatePair("ada", "gus", 70), new CandidatePair("bo", "gus", 65),
                        new CandidatePair("cyd", "gus", 55),
                        new CandidatePair("bo", "hal", 40), new CandidatePair("cyd", "hal", 45),
                        new CandidatePair("ada", "ivy", 85), new CandidatePair("cyd", "ivy", 30),
                        new CandidatePair("kim", "lu", 99)),
                7);
        MatchResult result = strategy().match(request);
        assertEquals(new MatchResult(
                List.of(new ProposedPair("ada", "fay", 90), new ProposedPair("bo", "gus", 65),
                        new ProposedPair("bo", "ed", 60), new ProposedPair("cyd", "hal", 45)),
                List.of(new Unmatched("ivy", StableStrategy.OUTRANKED),
                        new Unmatched("jo", StableStrategy.NO_ACCEPTABLE_MENTOR),
                        new Unmatched("lu", StableStrategy.NO_CAPACITY))),
                result);
    }

    @Test
    void resultIgnoresInputOrderAndSeed() {
        for (long seed = 1; seed <= 50; seed++) {
            Random random = new Random(seed);
            // Scores 0..4 make ties common, so only the id tie-breaks can keep the results equal.
            MatchRequest request = randomRequest(random, 1 + random.nextInt(10), 1 + random.nextInt(30), 4, 0.5, 4);
            List<MentorSlot> mentors = new ArrayList<>(request.mentors());
            List<String> mentees = new ArrayList<>(request.mentees());
            List<CandidatePair> candidates = new ArrayList<>(request.candidates());
            Collections.shuffle(mentors, random);
            Collections.shuffle(mentees, random);
            Collections.shuffle(candidates, random);
            var shuffled = new MatchRequest(mentors, mentees, candidates, seed + 1000);
            assertEquals(strategy().match(request), strategy().match(shuffled), "seed " + seed);
        }
    }

    @Test
    void minimumScoreMakesWeakPairsUnacceptableToBothSides() {
        var request = new MatchRequest(List.of(new MentorSlot("ada", 2), new MentorSlot("bo", 1)),
                List.of("cy", "di"),
                List.of(new CandidatePair("ada", "cy", 90), new CandidatePair("ada", "di", 40),
                        new CandidatePair("bo", "di", 45)),
                7);
        StableStrategy strict = new StableStrategy(config(50));
        MatchResult result = strict.match(request);
        assertEquals(List.of(new ProposedPair("ada", "cy", 90)), result.pairs());
        assertEquals(List.of(new Unmatched("di", StableStrategy.NO_ACCEPTABLE_MENTOR)), result.unmatched());
        assertEquals(List.of(), strict.blockingPairs(request, result));
        // Without the threshold, di and bo (both with room) would rather be together.
        assertEquals(List.of(new CandidatePair("ada", "di", 40), new CandidatePair("bo", "di", 45)),
                new StableStrategy(config(0)).blockingPairs(request, result));
    }

    @Test
    void pairNamedTwiceCountsAtItsBestScore() {
        var request = new MatchRequest(List.of(new MentorSlot("ada", 1), new MentorSlot("bo", 1)), List.of("cy"),
                List.of(new CandidatePair("ada", "cy", 30), new CandidatePair("bo", "cy", 50),
                        new CandidatePair("ada", "cy", 70)),
                7);
        assertEquals(List.of(new ProposedPair("ada", "cy", 70)), strategy().match(request).pairs());
    }

    @Test
    void checkerFindsThePairsThatBlockAnUnstableMatching() {
        var request = new MatchRequest(List.of(new MentorSlot("ada", 1), new MentorSlot("bo", 1)),
                List.of("ed", "fay"),
                List.of(new CandidatePair("ada", "ed", 90), new CandidatePair("bo", "ed", 10),
                        new CandidatePair("ada", "fay", 50), new CandidatePair("bo", "fay", 60)),
                7);
        var swapped = new MatchResult(List.of(new ProposedPair("ada", "fay", 50), new ProposedPair("bo", "ed", 10)),
                List.of());
        StableStrategy strategy = new StableStrategy(config(0));
        assertEquals(List.of(new CandidatePair("ada", "ed", 90), new CandidatePair("bo", "fay", 60)),
                strategy.blockingPairs(request, swapped));
        var halfEmpty = new MatchResult(List.of(new ProposedPair("ada", "ed", 90)), List.of(new Unmatched("fay", "left out on purpose")));
        assertEquals(List.of(new CandidatePair("bo", "fay", 60)), strategy.blockingPairs(request, halfEmpty));
        assertEquals(List.of(), strategy.blockingPairs(request, strategy.match(request)));
    }

    @Test
    void rejectsNegativeMinimumScore() {
        assertThrows(IllegalArgumentException.class, () -> new StableStrategy(config(-1)));
    }

    /** Adds to {@code stable}, by brute force, every matching of acceptable pairs within capacity that nothing blocks. */
    private static void everyMatching(MatchRequest request, StableStrategy strategy, int minimumScore,
            List<ProposedPair> pairs, List<Map<String, ProposedPair>> stable) {
        everyMatching(request, strategy, minimumScore, 0, new HashMap<>(), pairs, stable);
    }

    private static void everyMatching(MatchRequest request, StableStrategy strategy, int minimumScore, int next,
            Map<String, Integer> load, List<ProposedPair> pairs, List<Map<String, ProposedPair>> stable) {
        if (next == request.mentees().size()) {
            if (strategy.blockingPairs(request, new MatchResult(pairs, List.of())).isEmpty()) {
                Map<String, ProposedPair> matching = new HashMap<>();
                pairs.forEach(pair -> matching.put(pair.menteeId(), pair));
                stable.add(matching);
            }
            return;
        }
        String mentee = request.mentees().get(next);
        everyMatching(request, strategy, minimumScore, next + 1, load, pairs, stable);
        for (MentorSlot mentor : request.mentors()) {
            for (CandidatePair candidate : request.candidates()) {
                if (candidate.mentorId().equals(mentor.mentorId()) && candidate.menteeId().equals(mentee)
                        && candidate.score() >= minimumScore
                        && load.getOrDefault(mentor.mentorId(), 0) < mentor.capacity()) {
                    load.merge(mentor.mentorId(), 1, Integer::sum);
                    pairs.add(new ProposedPair(mentor.mentorId(), mentee, candidate.score()));
                    everyMatching(request, strategy, minimumScore, next + 1, load, pairs, stable);
                    pairs.remove(pairs.size() - 1);
                    load.merge(mentor.mentorId(), -1, Integer::sum);
                }
            }
        }
    }

    /** Capacities 0..maxCapacity-1, each pair a candidate with the given density, scores 0..maxScore, no pair twice. */
    private static MatchRequest randomRequest(Random random, int mentorCount, int menteeCount, int maxCapacity,
            double density, int maxScore) {
        List<MentorSlot> mentors = new ArrayList<>();
        for (int i = 0; i < mentorCount; i++) {
            mentors.add(new MentorSlot("mentor-" + i, random.nextInt(maxCapacity)));
        }
        List<String> mentees = new ArrayList<>();
        for (int i = 0; i < menteeCount; i++) {
            mentees.add("mentee-" + i);
        }
        List<CandidatePair> candidates = new ArrayList<>();
        for (MentorSlot mentor : mentors) {
            for (String mentee : mentees) {
                if (random.nextDouble() < density) {
                    candidates.add(new CandidatePair(mentor.mentorId(), mentee, random.nextInt(maxScore + 1)));
                }
            }
        }
        return new MatchRequest(mentors, mentees, candidates, random.nextLong());
    }

    static StableStrategy.Config config(int minimumScore) {
        return new StableStrategy.Config() {
            @Override
            public int minimumScore() {
                return minimumScore;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return StableStrategy.Config.class;
            }
        };
    }
}
