package io.mentorhub.plugins.greedy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import io.mentorhub.api.matching.MatchingStrategy;
import io.mentorhub.testkit.MatchingStrategyContractTest;
import java.lang.annotation.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;

class GreedyStrategyTest extends MatchingStrategyContractTest {

    @Override
    protected MatchingStrategy strategy() {
        return new GreedyStrategy(config(0));
    }

    @Test
    void takesBestScoresFirstWithinCapacity() {
        var request = new MatchRequest(
                List.of(new MentorSlot("ada", 1), new MentorSlot("bob", 1)),
                List.of("cy", "di", "ed"),
                List.of(new CandidatePair("ada", "cy", 90), new CandidatePair("ada", "di", 80),
                        new CandidatePair("bob", "di", 70), new CandidatePair("bob", "ed", 10)),
                7);
        MatchResult result = strategy().match(request);
        assertEquals(List.of(new ProposedPair("ada", "cy", 90), new ProposedPair("bob", "di", 70)), result.pairs());
        assertEquals("ed", result.unmatched().get(0).personId());
        assertEquals("every compatible mentor was already at capacity", result.unmatched().get(0).reason());
    }

    @Test
    void minimumScoreLeavesWeakPairsUnmatched() {
        var request = new MatchRequest(List.of(new MentorSlot("ada", 3)), List.of("cy", "di"),
                List.of(new CandidatePair("ada", "cy", 90), new CandidatePair("ada", "di", 20)), 7);
        MatchResult result = new GreedyStrategy(config(50)).match(request);
        assertEquals(List.of(new ProposedPair("ada", "cy", 90)), result.pairs());
        assertEquals("no compatible mentor scored at least 50", result.unmatched().get(0).reason());
    }

    @Test
    void bucketedScanGivesTheSameAnswerAsSortingPairObjects() {
        for (long seed = 1; seed <= 300; seed++) {
            MatchRequest request = randomRequest(seed);
            java.util.List<CandidatePair> withRepeats = new java.util.ArrayList<>(request.candidates());
            if (!withRepeats.isEmpty()) {
                withRepeats.add(withRepeats.get((int) (seed % withRepeats.size()))); // a pair named twice
            }
            java.util.Collections.shuffle(withRepeats, new java.util.Random(seed));
            MatchRequest shuffled = new MatchRequest(request.mentors(), request.mentees(), withRepeats, seed);
            int minimum = (int) (seed % 3) * 20;
            assertEquals(reference(shuffled, minimum), new GreedyStrategy(config(minimum)).match(shuffled), "seed " + seed);
        }
    }

    @Test
    void requestsListedByMenteeThenMentorTakeTheSameAnswerInRequestOrder() {
        java.util.Comparator<CandidatePair> byMenteeThenMentor = java.util.Comparator
                .comparing(CandidatePair::menteeId).thenComparing(CandidatePair::mentorId);
        for (long seed = 1; seed <= 300; seed++) {
            MatchRequest request = randomRequest(seed);
            // Half the seeds squeeze scores into 0..3, so that most pairs tie.
            boolean squeeze = seed % 2 == 1;
            java.util.List<CandidatePair> listed = new java.util.ArrayList<>(request.candidates().stream()
                    .map(c -> !squeeze ? c : new CandidatePair(c.mentorId(), c.menteeId(), c.score() % 4,
                            List.of(new MatchRequest.Factor("squeezed", c.score() % 4))))
                    .sorted(byMenteeThenMentor).toList());
            if (!listed.isEmpty()) {
                int twice = (int) (seed % listed.size());
                // A pair named twice, next to itself, with a score of its own.
                CandidatePair again = listed.get(twice);
                int score = again.score() + (int) (seed % 3) - 1;
                listed.add(twice + 1, new CandidatePair(again.mentorId(), again.menteeId(), score,
                        List.of(new MatchRequest.Factor("again", score))));
            }
            MatchRequest ordered = new MatchRequest(request.mentors(), request.mentees(), listed, seed);
            int minimum = (int) (seed % 3);
            assertTrue(levels(ordered, minimum).inMenteeThenMentorOrder(), "seed " + seed + " takes the fast walk");
            assertEquals(reference(ordered, minimum), new GreedyStrategy(config(minimum)).match(ordered), "seed " + seed);

            // The same pairs with each mentee's mentors in reverse: sorted by mentor at every level instead.
            java.util.List<CandidatePair> reversed = new java.util.ArrayList<>(listed);
            reversed.sort(java.util.Comparator.comparing(CandidatePair::menteeId)
                    .thenComparing(CandidatePair::mentorId, java.util.Comparator.reverseOrder()));
            MatchRequest mentorsReversed = new MatchRequest(request.mentors(), request.mentees(), reversed, seed);
            if (!reversed.equals(listed)) {
                assertFalse(levels(mentorsReversed, 0).inMenteeThenMentorOrder(), "seed " + seed);
            }
            assertEquals(reference(mentorsReversed, minimum), new GreedyStrategy(config(minimum)).match(mentorsReversed),
                    "seed " + seed);
        }
    }

    private static ScoreLevels levels(MatchRequest request, int minimum) {
        return ScoreLevels.of(request.candidates(), minimum,
                new IdIndex(request.mentors().stream().map(MentorSlot::mentorId).toList()),
                new IdIndex(request.mentees()), io.mentorhub.api.matching.MatchControl.NONE);
    }

    @Test
    void scoresSpreadWideAreRankedLikeNarrowOnes() {
        for (long seed = 1; seed <= 100; seed++) {
            MatchRequest request = randomRequest(seed);
            // Spread far beyond the counting sort's range, so the distinct-score ranking is used.
            List<CandidatePair> wide = request.candidates().stream()
                    .map(c -> new CandidatePair(c.mentorId(), c.menteeId(), c.score() * 20_000_000, c.factors()))
                    .toList();
            MatchRequest spread = new MatchRequest(request.mentors(), request.mentees(), wide, seed);
            assertEquals(reference(spread, 0), strategy().match(spread), "seed " + seed);
        }
    }

    /** Greedy written the obvious way, with pair objects: the behaviour the fast version must keep. */
    private static MatchResult reference(MatchRequest request, int minimum) {
        java.util.List<CandidatePair> ordered = new java.util.ArrayList<>(request.candidates());
        ordered.sort(java.util.Comparator.comparingInt(CandidatePair::score).reversed()
                .thenComparing(CandidatePair::mentorId).thenComparing(CandidatePair::menteeId));
        java.util.Map<String, Integer> room = new java.util.HashMap<>();
        request.mentors().forEach(m -> room.put(m.mentorId(), m.capacity()));
        java.util.Set<String> matched = new java.util.HashSet<>();
        java.util.Set<String> hadCandidate = new java.util.HashSet<>();
        java.util.List<ProposedPair> pairs = new java.util.ArrayList<>();
        for (CandidatePair c : ordered) {
            if (c.score() < minimum) {
                continue;
            }
            hadCandidate.add(c.menteeId());
            if (!matched.contains(c.menteeId()) && room.get(c.mentorId()) > 0) {
                room.merge(c.mentorId(), -1, Integer::sum);
                matched.add(c.menteeId());
                pairs.add(new ProposedPair(c.mentorId(), c.menteeId(), c.score(), c.factors()));
            }
        }
        java.util.List<MatchResult.Unmatched> unmatched = new java.util.ArrayList<>();
        for (String mentee : request.mentees()) {
            if (!matched.contains(mentee)) {
                unmatched.add(new MatchResult.Unmatched(mentee, hadCandidate.contains(mentee)
                        ? "every compatible mentor was already at capacity"
                        : "no compatible mentor scored at least " + minimum));
            }
        }
        return new MatchResult(pairs, unmatched);
    }

    @Test
    void rejectsNegativeMinimumScore() {
        assertThrows(IllegalArgumentException.class, () -> new GreedyStrategy(config(-1)));
    }

    static GreedyStrategy.Config config(int minimumScore) {
        return new GreedyStrategy.Config() {
            @Override
            public int minimumScore() {
                return minimumScore;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return GreedyStrategy.Config.class;
            }
        };
    }
}
