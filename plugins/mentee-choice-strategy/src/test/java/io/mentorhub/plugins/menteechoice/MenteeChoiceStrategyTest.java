package io.mentorhub.plugins.menteechoice;

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

class MenteeChoiceStrategyTest extends MatchingStrategyContractTest {

    @Override
    protected MatchingStrategy strategy() {
        return new MenteeChoiceStrategy(config(true, 0));
    }

    @Test
    void firstChoicesAreHonouredWhenUncontendedWhateverTheScores() {
        // Scores alone would pair ann with maya, ben with noor and cal with otto; the rankings say otherwise.
        var request = request(List.of(new MentorSlot("maya", 1), new MentorSlot("noor", 1), new MentorSlot("otto", 2)),
                List.of("ann", "ben", "cal"),
                List.of(pair("maya", "ann", 90), pair("otto", "ann", 20), pair("maya", "ben", 30),
                        pair("noor", "ben", 95), pair("noor", "cal", 10), pair("otto", "cal", 99)),
                Map.of("ann", List.of("otto", "maya"), "ben", List.of("maya"), "cal", List.of("noor", "otto")));
        MatchResult result = strategy().match(request);
        assertEquals(List.of(proposed("maya", "ben", 30), proposed("noor", "cal", 10), proposed("otto", "ann", 20)),
                result.pairs());
        assertEquals(List.of(), result.unmatched());
    }

    @Test
    void contentionGoesToWhoRankedTheMentorHigherThenToTheHigherScore() {
        // maya: ann ranked her first (40), ben second (90) after otto, who has no place: ann wins on rank.
        // noor: cal and dee both ranked her first: cal wins on score (70 > 60). dee's 99 with maya, whom she did not
        // rank, cannot take maya's place from ann, who ranked her.
        var request = request(List.of(new MentorSlot("maya", 1), new MentorSlot("noor", 1), new MentorSlot("otto", 0)),
                List.of("ann", "ben", "cal", "dee"),
                List.of(pair("maya", "ann", 40), pair("otto", "ben", 80), pair("maya", "ben", 90),
                        pair("noor", "cal", 70), pair("noor", "dee", 60), pair("maya", "dee", 99)),
                Map.of("ann", List.of("maya"), "ben", List.of("otto", "maya"), "cal", List.of("noor"),
                        "dee", List.of("noor")));
        MatchResult result = strategy().match(request);
        assertEquals(List.of(proposed("maya", "ann", 40), proposed("noor", "cal", 70)), result.pairs());
        assertEquals(List.of(
                new Unmatched("ben", "none of the 2 mentors you ranked has a place left and you have no other "
                        + "candidate mentor"),
                new Unmatched("dee", "the mentor you ranked has no place left and no other candidate mentor is free")),
                result.unmatched());
    }

    @Test
    void equalRankAndScoreAreSettledByTheSeed() {
        var base = request(List.of(new MentorSlot("maya", 1)), List.of("ann", "ben"),
                List.of(pair("maya", "ann", 50), pair("maya", "ben", 50)),
                Map.of("ann", List.of("maya"), "ben", List.of("maya")));
        Set<String> winners = new HashSet<>();
        for (long seed = 1; seed <= 20; seed++) {
            MatchRequest request = withSeed(base, seed);
            MatchResult result = strategy().match(request);
            assertEquals(result, strategy().match(request), "same seed, same answer");
            assertEquals(1, result.pairs().size());
            winners.add(result.pairs().get(0).menteeId());
        }
        assertEquals(Set.of("ann", "ben"), winners, "the seed, not the id, decides a real tie");
    }

    @Test
    void aRerunWithTheDeclinedPairRemovedMovesTheMenteeToTheirNextChoice() {
        List<CandidatePair> candidates = List.of(pair("maya", "ann", 60), pair("noor", "ann", 80),
                pair("noor", "ben", 70), pair("otto", "ann", 95));
        var request = request(List.of(new MentorSlot("maya", 1), new MentorSlot("noor", 2), new MentorSlot("otto", 1)),
                List.of("ann", "ben"), candidates,
                Map.of("ann", List.of("maya", "noor"), "ben", List.of("noor")));
        assertEquals(List.of(proposed("maya", "ann", 60), proposed("noor", "ben", 70)),
                strategy().match(request).pairs());

        // maya declines ann. The hub re-runs for ann alone, with what is left of each mentor and without that pair;
        // ann's ranking still names maya, who is no longer a candidate for her.
        List<CandidatePair> withoutDeclined = candidates.stream()
                .filter(c -> c.menteeId().equals("ann") && !c.mentorId().equals("maya")).toList();
        var rerun = request(List.of(new MentorSlot("maya", 1), new MentorSlot("noor", 1), new MentorSlot("otto", 1)),
                List.of("ann"), withoutDeclined, Map.of("ann", List.of("maya", "noor")));
        assertEquals(List.of(proposed("noor", "ann", 80)), strategy().match(rerun).pairs());

        // Were noor declined too, ann falls back to her other candidate, otto, by score.
        var second = request(List.of(new MentorSlot("otto", 1)), List.of("ann"),
                List.of(pair("otto", "ann", 95)), Map.of("ann", List.of("maya", "noor")));
        assertEquals(List.of(proposed("otto", "ann", 95)), strategy().match(second).pairs());
        // And with otto full, the reason says what became of each choice.
        var none = request(List.of(new MentorSlot("otto", 0)), List.of("ann"),
                List.of(pair("otto", "ann", 95)), Map.of("ann", List.of("maya", "noor")));
        assertEquals(List.of(new Unmatched("ann", "none of the 2 mentors you ranked is still available to you and "
                + "no other candidate mentor is free")), strategy().match(none).unmatched());
    }

    @Test
    void menteesWithoutARankingFallBackByScoreAfterRankedChoicesAreSettled() {
        // eve ranked nobody and scores best with maya, but fin ranked maya: eve gets the place left, noor.
        var request = request(List.of(new MentorSlot("maya", 1), new MentorSlot("noor", 1)), List.of("eve", "fin"),
                List.of(pair("maya", "eve", 99), pair("noor", "eve", 50), pair("maya", "fin", 10)),
                Map.of("fin", List.of("maya")));
        assertEquals(List.of(proposed("maya", "fin", 10), proposed("noor", "eve", 50)),
                strategy().match(request).pairs());

        MatchResult rankedOnly = new MenteeChoiceStrategy(config(false, 0)).match(request);
        assertEquals(List.of(proposed("maya", "fin", 10)), rankedOnly.pairs());
        assertEquals(List.of(new Unmatched("eve", "you ranked no mentor and this program proposes ranked choices "
                + "only")), rankedOnly.unmatched());

        MatchResult demanding = new MenteeChoiceStrategy(config(true, 60)).match(request);
        assertEquals(List.of(proposed("maya", "fin", 10)), demanding.pairs());
        assertEquals(List.of(new Unmatched("eve", "you ranked no mentor and no candidate mentor is free")),
                demanding.unmatched());
        MatchResult stricter = new MenteeChoiceStrategy(config(true, 100)).match(request);
        assertEquals(List.of(new Unmatched("eve", "you ranked no mentor and no candidate mentor scores at least "
                + "100")), stricter.unmatched());
    }

    @Test
    void aMenteeWhoseRankedMentorsAreTakenFallsBackToOtherCandidates() {
        var request = request(List.of(new MentorSlot("maya", 1), new MentorSlot("noor", 1), new MentorSlot("otto", 1)),
                List.of("ann", "ben"),
                List.of(pair("maya", "ann", 50), pair("maya", "ben", 40), pair("noor", "ben", 30),
                        pair("otto", "ben", 20)),
                Map.of("ann", List.of("maya"), "ben", List.of("maya")));
        // ben loses maya on score and is offered the free candidates best score first: noor.
        assertEquals(List.of(proposed("maya", "ann", 50), proposed("noor", "ben", 30)),
                strategy().match(request).pairs());
    }

    @Test
    void unmatchedReasonsSayWhy() {
        // ann, hal, ivy and jo take maya, noor, otto and pia as their first choices; everyone else is told why not.
        var request = request(
                List.of(new MentorSlot("maya", 1), new MentorSlot("noor", 1), new MentorSlot("otto", 1),
                        new MentorSlot("pia", 1)),
                List.of("ann", "hal", "ivy", "jo", "bea", "cy", "dan", "eli", "flo", "gus"),
                List.of(pair("maya", "ann", 90), pair("noor", "hal", 90), pair("otto", "ivy", 90),
                        pair("pia", "jo", 90),
                        pair("maya", "bea", 10), pair("noor", "bea", 10), pair("otto", "bea", 10),
                        pair("pia", "bea", 10),
                        pair("maya", "cy", 10), pair("pia", "cy", 5),
                        pair("maya", "dan", 10), pair("noor", "dan", 10),
                        pair("maya", "flo", 10)),
                Map.of("ann", List.of("maya"), "hal", List.of("noor"), "ivy", List.of("otto"), "jo", List.of("pia"),
                        "bea", List.of("maya", "noor", "otto"), "cy", List.of("maya"),
                        "dan", List.of("gone", "maya"), "eli", List.of("gone")));
        MatchResult result = strategy().match(request);
        assertEquals(List.of(proposed("maya", "ann", 90), proposed("noor", "hal", 90), proposed("otto", "ivy", 90),
                proposed("pia", "jo", 90)), result.pairs());
        assertEquals(Map.of(
                "bea", "none of the 3 mentors you ranked has a place left and no other candidate mentor is free",
                "cy", "the mentor you ranked has no place left and no other candidate mentor is free",
                "dan", "of the 2 mentors you ranked, 1 is no longer available to you and the other has no place left "
                        + "and no other candidate mentor is free",
                "eli", "the mentor you ranked is no longer available to you and you have no other candidate mentor",
                "flo", "you ranked no mentor and no candidate mentor is free",
                "gus", "no mentor is a candidate for you"),
                reasons(result));
    }

    @Test
    void leavesNoBlockingPairUnderMenteeChoicePreferences() {
        for (long seed = 1; seed <= 400; seed++) {
            Random random = new Random(seed);
            boolean fallback = seed % 4 != 0;
            int minimum = List.of(0, 0, 30, 70).get(random.nextInt(4));
            MenteeChoiceStrategy strategy = new MenteeChoiceStrategy(config(fallback, minimum));
            boolean wide = seed % 10 == 0;
            MatchRequest request = randomRequest(random, wide ? 40 : 1 + random.nextInt(10),
                    wide ? 300 : 1 + random.nextInt(40), wide ? 12 : 4, List.of(0.1, 0.4, 0.8).get(random.nextInt(3)),
                    random.nextBoolean() ? 3 : 100, List.of(0.0, 0.5, 1.0).get(random.nextInt(3)));
            MatchResult result = strategy.match(request);
            assertValid(request, result);
            assertEquals(List.of(), blockingPairs(request, result, fallback, minimum), "seed " + seed);
        }
    }

    @Test
    void isDeterministicAndIgnoresInputOrder() {
        for (long seed = 1; seed <= 60; seed++) {
            Random random = new Random(seed);
            MatchRequest request = randomRequest(random, 1 + random.nextInt(10), 1 + random.nextInt(30), 4, 0.5, 4,
                    0.7);
            List<MentorSlot> mentors = new ArrayList<>(request.mentors());
            List<String> mentees = new ArrayList<>(request.mentees());
            List<CandidatePair> candidates = new ArrayList<>(request.candidates());
            Collections.shuffle(mentors, random);
            Collections.shuffle(mentees, random);
            Collections.shuffle(candidates, random);
            var shuffled = new MatchRequest(ProgramFormat.ONE_TO_ONE, null, mentors, mentees, candidates,
                    request.menteeRankings(), request.seed(), null);
            MatchResult result = strategy().match(request);
            assertEquals(result, strategy().match(request), "seed " + seed);
            assertEquals(result, strategy().match(shuffled), "seed " + seed);
        }
    }

    @Test
    void configurationDefaultsAndValidation() throws ReflectiveOperationException {
        assertEquals(true, MenteeChoiceStrategy.Config.class.getMethod("fallbackToScores").getDefaultValue());
        assertEquals(0, MenteeChoiceStrategy.Config.class.getMethod("minimumFallbackScore").getDefaultValue());
        var error = assertThrows(IllegalArgumentException.class, () -> new MenteeChoiceStrategy(config(true, -1)));
        assertTrue(error.getMessage().contains("minimumFallbackScore"), error.getMessage());
    }

    @Test
    void declaresItselfAndRefusesOtherFormats() {
        assertEquals("mentee-choice", strategy().id());
        assertEquals(Set.of(ProgramFormat.ONE_TO_ONE, ProgramFormat.REVERSE), strategy().formats());
        var peer = new MatchRequest(ProgramFormat.PEER, null, List.of(new MentorSlot("a", 1), new MentorSlot("b", 1)),
                List.of("a", "b"), List.of(), Map.of(), 7, null);
        var error = assertThrows(IllegalArgumentException.class, () -> strategy().match(peer));
        assertTrue(error.getMessage().contains("PEER"), error.getMessage());
        var group = new MatchRequest(ProgramFormat.GROUP, new GroupSize(2, 4), List.of(new MentorSlot("a", 4)),
                List.of("b"), List.of(), Map.of(), 7, null);
        assertThrows(IllegalArgumentException.class, () -> strategy().match(group));
    }

    /**
     * The pairs that block {@code result} under mentee-choice preferences, from the definition and independently of
     * the strategy: a mentee prefers ranked mentors in ranking order, then by score, then by seed order; a mentor
     * prefers the mentees who ranked them higher (unranked last), then by score, then by seed order. Ranked pairs
     * are acceptable; unranked ones only with fallback on and at least the minimum score.
     */
    private static List<List<String>> blockingPairs(MatchRequest request, MatchResult result, boolean fallback,
            int minimum) {
        Map<List<String>, Integer> score = new HashMap<>();
        request.candidates().forEach(c -> score.merge(List.of(c.mentorId(), c.menteeId()), c.score(), Math::max));
        Random tieBreak = MenteeProposing.tieBreak(request.seed());
        List<String> mentorTie = List.of(MenteeProposing.SeedOrder.of(
                request.mentors().stream().map(MentorSlot::mentorId), tieBreak).ids());
        List<String> menteeTie = List.of(MenteeProposing.SeedOrder.of(request.mentees().stream(), tieBreak).ids());
        Comparator<Integer> rankFirst = Comparator.naturalOrder();
        java.util.function.BiFunction<String, String, Integer> position = (mentor, mentee) -> {
            List<String> ranking = request.menteeRankings().getOrDefault(mentee, List.of());
            return ranking.contains(mentor) ? ranking.indexOf(mentor) : Integer.MAX_VALUE;
        };
        java.util.function.BiPredicate<String, String> acceptable = (mentor, mentee) ->
                score.containsKey(List.of(mentor, mentee)) && (position.apply(mentor, mentee) < Integer.MAX_VALUE
                        || fallback && score.get(List.of(mentor, mentee)) >= minimum);

        Map<String, String> mentorOf = new HashMap<>();
        Map<String, List<String>> menteesOf = new HashMap<>();
        for (ProposedPair pair : result.pairs()) {
            assertTrue(acceptable.test(pair.mentorId(), pair.menteeId()), "unacceptable pair proposed: " + pair);
            mentorOf.put(pair.menteeId(), pair.mentorId());
            menteesOf.computeIfAbsent(pair.mentorId(), m -> new ArrayList<>()).add(pair.menteeId());
        }
        Map<String, Integer> capacity = new HashMap<>();
        request.mentors().forEach(m -> capacity.put(m.mentorId(), m.capacity()));
        List<List<String>> blocking = new ArrayList<>();
        for (List<String> key : score.keySet()) {
            String mentor = key.get(0);
            String mentee = key.get(1);
            if (!acceptable.test(mentor, mentee) || mentor.equals(mentorOf.get(mentee))) {
                continue;
            }
            Comparator<String> menteePrefers = Comparator.<String, Integer>comparing(m -> position.apply(m, mentee),
                            rankFirst)
                    .thenComparing(m -> score.get(List.of(m, mentee)), Comparator.reverseOrder())
                    .thenComparing(mentorTie::indexOf);
            Comparator<String> mentorPrefers = Comparator.<String, Integer>comparing(e -> position.apply(mentor, e),
                            rankFirst)
                    .thenComparing(e -> score.get(List.of(mentor, e)), Comparator.reverseOrder())
                    .thenComparing(menteeTie::indexOf);
            String current = mentorOf.get(mentee);
            boolean menteeWants = current == null || menteePrefers.compare(mentor, current) < 0;
            List<String> given = menteesOf.getOrDefault(mentor, List.of());
            boolean mentorWants = given.size() < capacity.get(mentor)
                    || given.stream().anyMatch(other -> mentorPrefers.compare(mentee, other) < 0);
            if (menteeWants && mentorWants) {
                blocking.add(key);
            }
        }
        return blocking;
    }

    /**
     * Capacities 0..maxCapacity-1, candidates at the given density with scores 0..maxScore, and a share of the
     * mentees ranking part of their candidates, now and then naming a mentor who is not their candidate.
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
            boolean ranks = random.nextDouble() < rankingShare;
            List<String> ranking = new ArrayList<>();
            for (MentorSlot mentor : mentors) {
                if (random.nextDouble() < density) {
                    candidates.add(pair(mentor.mentorId(), mentee, random.nextInt(maxScore + 1)));
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

    private static Map<String, String> reasons(MatchResult result) {
        Map<String, String> reasons = new HashMap<>();
        result.unmatched().forEach(u -> reasons.put(u.personId(), u.reason()));
        return reasons;
    }

    private static MatchRequest request(List<MentorSlot> mentors, List<String> mentees,
            List<CandidatePair> candidates, Map<String, List<String>> rankings) {
        return new MatchRequest(ProgramFormat.ONE_TO_ONE, null, mentors, mentees, candidates, rankings, 7, null);
    }

    private static MatchRequest withSeed(MatchRequest request, long seed) {
        return new MatchRequest(request.format(), request.groupSize(), request.mentors(), request.mentees(),
                request.candidates(), request.menteeRankings(), seed, request.control());
    }

    /** A candidate explained by one factor, so the test also sees the factors carried through. */
    private static CandidatePair pair(String mentor, String mentee, int score) {
        return new CandidatePair(mentor, mentee, score, List.of(new Factor("skills", score)));
    }

    private static ProposedPair proposed(String mentor, String mentee, int score) {
        return new ProposedPair(mentor, mentee, score, List.of(new Factor("skills", score)));
    }

    static MenteeChoiceStrategy.Config config(boolean fallbackToScores, int minimumFallbackScore) {
        return new MenteeChoiceStrategy.Config() {
            @Override
            public boolean fallbackToScores() {
                return fallbackToScores;
            }

            @Override
            public int minimumFallbackScore() {
                return minimumFallbackScore;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return MenteeChoiceStrategy.Config.class;
            }
        };
    }
}
