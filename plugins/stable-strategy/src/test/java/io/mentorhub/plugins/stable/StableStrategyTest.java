package io.mentorhub.plugins.stable;

import io.mentorhub.plugins.deferredacceptance.MenteeProposing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.domain.Program.GroupSize;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StableStrategyTest extends MatchingStrategyContractTest {

    @Override
    protected MatchingStrategy strategy() {
        return new StableStrategy(config(0));
    }

    @Test
    void leavesNoBlockingPairOnRandomRequestsWithAndWithoutRankings() {
        for (long seed = 1; seed <= 600; seed++) {
            Random random = new Random(seed);
            // Mostly small programs; every tenth a wider one, where mentors hold many mentees at once.
            boolean wide = seed % 10 == 0;
            int minimumScore = List.of(0, 0, 2, 50).get(random.nextInt(4));
            double rankingShare = seed % 2 == 0 ? 0 : List.of(0.3, 0.7, 1.0).get(random.nextInt(3));
            MatchRequest request = randomRequest(random,
                    wide ? 20 + random.nextInt(40) : 1 + random.nextInt(12),
                    wide ? 100 + random.nextInt(300) : 1 + random.nextInt(40),
                    wide ? 21 : 5,
                    List.of(0.05, 0.2, 0.6, 1.0).get(random.nextInt(4)),
                    random.nextBoolean() ? 4 : 100,
                    rankingShare);
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
        for (long seed = 1; seed <= 400; seed++) {
            Random random = new Random(seed);
            int minimumScore = random.nextBoolean() ? 0 : 2;
            boolean ranked = seed % 2 == 1;
            StableStrategy strategy = new StableStrategy(config(minimumScore));
            MatchRequest request = randomRequest(random, 1 + random.nextInt(3), 1 + random.nextInt(5), 3, 0.6, 4,
                    ranked ? 0.8 : 0);
            List<Map<String, ProposedPair>> stable = new ArrayList<>();
            everyMatching(request, strategy, minimumScore, new ArrayList<>(), stable);

            MatchResult result = strategy.match(request);
            Map<String, ProposedPair> found = new HashMap<>();
            result.pairs().forEach(pair -> found.put(pair.menteeId(), pair));
            assertTrue(stable.contains(found), "seed " + seed + ": result is not among the stable matchings");
            for (String mentee : request.mentees()) {
                Comparator<String> prefers = menteePreference(request, mentee);
                ProposedPair best = null;
                for (Map<String, ProposedPair> matching : stable) {
                    ProposedPair pair = matching.get(mentee);
                    if (pair != null && (best == null || prefers.compare(pair.mentorId(), best.mentorId()) < 0)) {
                        best = pair;
                    }
                }
                assertEquals(best, found.get(mentee), "seed " + seed + ", mentee " + mentee);
            }
            if (!ranked) {
                // One score ranks a pair for both sides (ties by one seed order per side), so preferences cannot
                // cycle and only one stable matching exists. Rankings can make several.
                assertEquals(1, stable.size(), "seed " + seed);
            }
        }
    }

    @Test
    void workedExampleWithReleasesAndEveryReason() {
        // Asking in id order (any order gives the same answer): ed -> ada (held); fay -> ada, who releases ed
        // (80 < 90); ed -> bo (held); gus -> ada (refused, 70), gus -> bo (held); hal -> bo, full with better
        // (refused, 40), hal -> cyd (held); ivy -> ada (refused, 85), ivy -> cyd (refused, 30 < 45); jo has no
        // candidate; lu -> kim, who takes nobody. No score ties, so the seed plays no part.
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
    void aMenteesRankingChangesTheOutcomeAndIgnoringItWouldBeUnstable() {
        List<MentorSlot> mentors = List.of(new MentorSlot("ada", 1), new MentorSlot("bo", 1));
        List<CandidatePair> candidates = List.of(new CandidatePair("ada", "ed", 90),
                new CandidatePair("bo", "ed", 75), new CandidatePair("ada", "fay", 80),
                new CandidatePair("bo", "fay", 70));
        var scoresOnly = new MatchRequest(ProgramFormat.ONE_TO_ONE, null, mentors, List.of("ed", "fay"), candidates,
                Map.of(), 7, null);
        var edRanksBo = new MatchRequest(ProgramFormat.ONE_TO_ONE, null, mentors, List.of("ed", "fay"), candidates,
                Map.of("ed", List.of("bo")), 7, null);

        MatchResult byScore = strategy().match(scoresOnly);
        assertEquals(List.of(new ProposedPair("ada", "ed", 90), new ProposedPair("bo", "fay", 70)), byScore.pairs());
        MatchResult byRanking = strategy().match(edRanksBo);
        assertEquals(List.of(new ProposedPair("ada", "fay", 80), new ProposedPair("bo", "ed", 75)),
                byRanking.pairs());
        // Once ed's ranking counts, the score-only answer is blocked: ed would rather have bo, and bo ed (75 > 70).
        StableStrategy strategy = new StableStrategy(config(0));
        assertEquals(List.of(new CandidatePair("bo", "ed", 75)), strategy.blockingPairs(edRanksBo, byScore));
        assertEquals(List.of(), strategy.blockingPairs(edRanksBo, byRanking));
    }

    @Test
    void onRandomProgramsRankingsOftenChangeTheAnswerThatScoresAloneWouldGive() {
        int changed = 0;
        int scoreOnlyUnstable = 0;
        int programs = 200;
        StableStrategy strategy = new StableStrategy(config(0));
        for (long seed = 1; seed <= programs; seed++) {
            MatchRequest ranked = randomRequest(new Random(seed), 8, 16, 4, 0.5, 100, 0.8);
            MatchRequest scoresOnly = new MatchRequest(ranked.format(), null, ranked.mentors(), ranked.mentees(),
                    ranked.candidates(), Map.of(), ranked.seed(), null);
            MatchResult byRanking = strategy.match(ranked);
            MatchResult byScore = strategy.match(scoresOnly);
            assertEquals(List.of(), strategy.blockingPairs(ranked, byRanking), "seed " + seed);
            if (!byRanking.equals(byScore)) {
                changed++;
            }
            if (!strategy.blockingPairs(ranked, byScore).isEmpty()) {
                scoreOnlyUnstable++;
            }
        }
        // A sanity bound, not a target (161 and 158 of 200 when written): with four in five mentees ranking part of
        // their candidates, rankings matter in most programs.
        assertTrue(changed > programs / 2, changed + " of " + programs + " answers changed");
        assertTrue(scoreOnlyUnstable > programs / 2, scoreOnlyUnstable + " of " + programs + " score-only answers "
                + "are unstable under the rankings");
    }

    @Test
    void rankedMentorsWhoAreNotCandidatesAreSkipped() {
        // cy ranked zed (unknown here), bo (no candidate pair: e.g. excluded after a decline) and then ada.
        var request = new MatchRequest(ProgramFormat.ONE_TO_ONE, null,
                List.of(new MentorSlot("ada", 1), new MentorSlot("bo", 1), new MentorSlot("dee", 1)),
                List.of("cy"),
                List.of(new CandidatePair("ada", "cy", 10), new CandidatePair("dee", "cy", 90)),
                Map.of("cy", List.of("zed", "bo", "ada")), 7, null);
        assertEquals(List.of(new ProposedPair("ada", "cy", 10)), strategy().match(request).pairs());
    }

    @Test
    void resultIgnoresInputOrder() {
        for (long seed = 1; seed <= 50; seed++) {
            Random random = new Random(seed);
            // Scores 0..4 make ties common, so only the seed order can keep the results equal.
            MatchRequest request = randomRequest(random, 1 + random.nextInt(10), 1 + random.nextInt(30), 4, 0.5, 4,
                    seed % 2 == 0 ? 0 : 0.5);
            List<MentorSlot> mentors = new ArrayList<>(request.mentors());
            List<String> mentees = new ArrayList<>(request.mentees());
            List<CandidatePair> candidates = new ArrayList<>(request.candidates());
            Collections.shuffle(mentors, random);
            Collections.shuffle(mentees, random);
            Collections.shuffle(candidates, random);
            var shuffled = new MatchRequest(ProgramFormat.ONE_TO_ONE, null, mentors, mentees, candidates,
                    request.menteeRankings(), request.seed(), null);
            assertEquals(strategy().match(request), strategy().match(shuffled), "seed " + seed);
        }
    }

    @Test
    void theSeedOnlyBreaksTies() {
        List<MentorSlot> mentors = new ArrayList<>();
        List<String> mentees = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            mentors.add(new MentorSlot("mentor-" + i, 1));
            mentees.add("mentee-" + i);
        }
        List<CandidatePair> distinct = new ArrayList<>();
        List<CandidatePair> tied = new ArrayList<>();
        for (int m = 0; m < 6; m++) {
            for (int e = 0; e < 6; e++) {
                distinct.add(new CandidatePair("mentor-" + m, "mentee-" + e, (6 * m + e) * 7 % 36));
                tied.add(new CandidatePair("mentor-" + m, "mentee-" + e, 50));
            }
        }
        assertEquals(36, distinct.stream().map(CandidatePair::score).distinct().count());
        StableStrategy strategy = new StableStrategy(config(0));
        MatchResult first = strategy.match(new MatchRequest(mentors, mentees, distinct, 1));
        Set<MatchResult> tiedAnswers = new HashSet<>();
        for (long seed = 1; seed <= 20; seed++) {
            assertEquals(first, strategy.match(new MatchRequest(mentors, mentees, distinct, seed)));
            MatchRequest allTied = new MatchRequest(mentors, mentees, tied, seed);
            MatchResult answer = strategy.match(allTied);
            assertEquals(answer, strategy.match(allTied), "same seed, same answer");
            assertEquals(List.of(), strategy.blockingPairs(allTied, answer));
            tiedAnswers.add(answer);
        }
        assertTrue(tiedAnswers.size() > 1, "with every score tied, the seed decides who pairs with whom");
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
        // A ranking does not make an unacceptable pair acceptable.
        var ranked = new MatchRequest(ProgramFormat.ONE_TO_ONE, null, request.mentors(), request.mentees(),
                request.candidates(), Map.of("di", List.of("bo")), 7, null);
        assertEquals(result, strict.match(ranked));
    }

    @Test
    void pairNamedTwiceCountsAtItsBestScoreWithThatCandidatesFactors() {
        List<Factor> best = List.of(new Factor("skills", 50), new Factor("goals", 20));
        var request = new MatchRequest(List.of(new MentorSlot("ada", 1), new MentorSlot("bo", 1)), List.of("cy"),
                List.of(new CandidatePair("ada", "cy", 30, List.of(new Factor("skills", 30))),
                        new CandidatePair("bo", "cy", 50), new CandidatePair("ada", "cy", 70, best)),
                7);
        assertEquals(List.of(new ProposedPair("ada", "cy", 70, best)), strategy().match(request).pairs());
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
        var halfEmpty = new MatchResult(List.of(new ProposedPair("ada", "ed", 90)),
                List.of(new Unmatched("fay", "left out on purpose")));
        assertEquals(List.of(new CandidatePair("bo", "fay", 60)), strategy.blockingPairs(request, halfEmpty));
        assertEquals(List.of(), strategy.blockingPairs(request, strategy.match(request)));
        // Ranking ada first does not let fay displace ed: ada prefers ed (90 > 50), so the answer stays stable.
        var fayRanksAda = new MatchRequest(ProgramFormat.ONE_TO_ONE, null, request.mentors(), request.mentees(),
                request.candidates(), Map.of("fay", List.of("ada")), 7, null);
        assertEquals(List.of(), strategy.blockingPairs(fayRanksAda, strategy.match(request)));
        assertThrows(IllegalArgumentException.class, () -> strategy.blockingPairs(request,
                new MatchResult(List.of(new ProposedPair("bo", "zed", 1)), List.of())));
    }

    @Test
    void refusesFormatsItDoesNotMatch() {
        var group = new MatchRequest(ProgramFormat.GROUP, new GroupSize(2, 4), List.of(new MentorSlot("ada", 4)),
                List.of("cy"), List.of(), Map.of(), 7, null);
        var error = assertThrows(IllegalArgumentException.class, () -> strategy().match(group));
        assertTrue(error.getMessage().contains("GROUP"), error.getMessage());
    }

    @Test
    void rejectsNegativeMinimumScore() {
        assertThrows(IllegalArgumentException.class, () -> new StableStrategy(config(-1)));
    }

    @Test
    void declaresOneToOneAndReverse() {
        assertEquals(Set.of(ProgramFormat.ONE_TO_ONE, ProgramFormat.REVERSE), strategy().formats());
        assertEquals("stable", strategy().id());
    }

    /** A mentee's order over mentors, from the definition: ranking, then score, then the seed order. */
    private static Comparator<String> menteePreference(MatchRequest request, String mentee) {
        List<String> ranking = request.menteeRankings().getOrDefault(mentee, List.of());
        Map<String, Integer> score = new HashMap<>();
        request.candidates().stream().filter(c -> c.menteeId().equals(mentee))
                .forEach(c -> score.merge(c.mentorId(), c.score(), Math::max));
        List<String> seedOrder = List.of(MenteeProposing.SeedOrder.of(
                request.mentors().stream().map(MentorSlot::mentorId), MenteeProposing.tieBreak(request.seed())).ids());
        return Comparator.<String>comparingInt(m -> ranking.contains(m) ? ranking.indexOf(m) : Integer.MAX_VALUE)
                .thenComparing(score::get, Comparator.reverseOrder())
                .thenComparingInt(seedOrder::indexOf);
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
                    pairs.add(new ProposedPair(mentor.mentorId(), mentee, candidate.score(), candidate.factors()));
                    everyMatching(request, strategy, minimumScore, next + 1, load, pairs, stable);
                    pairs.remove(pairs.size() - 1);
                    load.merge(mentor.mentorId(), -1, Integer::sum);
                }
            }
        }
    }

    /**
     * Capacities 0..maxCapacity-1, each pair a candidate with the given density, scores 0..maxScore, no pair twice.
     * A share of the mentees rank a random part of their candidate mentors, now and then with a mentor that is not
     * their candidate (as after a decline), which must be skipped.
     */
    private static MatchRequest randomRequest(Random random, int mentorCount, int menteeCount, int maxCapacity,
            double density, int maxScore, double rankingShare) {
        List<MentorSlot> mentors = new ArrayList<>();
        for (int i = 0; i < mentorCount; i++) {
            mentors.add(new MentorSlot("mentor-" + i, random.nextInt(maxCapacity)));
        }
        List<String> mentees = new ArrayList<>();
        for (int i = 0; i < menteeCount; i++) {
            mentees.add("mentee-" + i);
        }
        List<CandidatePair> candidates = new ArrayList<>();
        Map<String, List<String>> rankings = new LinkedHashMap<>();
        for (String mentee : mentees) {
            List<String> ranking = new ArrayList<>();
            boolean ranks = random.nextDouble() < rankingShare;
            for (MentorSlot mentor : mentors) {
                if (random.nextDouble() < density) {
                    int skills = random.nextInt(maxScore + 1);
                    candidates.add(new CandidatePair(mentor.mentorId(), mentee, skills,
                            List.of(new Factor("skills", skills))));
                    if (ranks && random.nextBoolean()) {
                        ranking.add(mentor.mentorId());
                    }
                } else if (ranks && random.nextInt(8) == 0) {
                    ranking.add(mentor.mentorId());
                }
            }
            if (ranks) {
                Collections.shuffle(ranking, random);
                rankings.put(mentee, ranking);
            }
        }
        return new MatchRequest(ProgramFormat.ONE_TO_ONE, null, mentors, mentees, candidates, rankings,
                random.nextLong(), null);
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
