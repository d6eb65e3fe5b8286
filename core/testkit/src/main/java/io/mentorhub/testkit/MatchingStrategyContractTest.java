package io.mentorhub.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.HubPlugin;
import io.mentorhub.api.domain.Program.GroupSize;
import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.MatchControl;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.Factor;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import io.mentorhub.api.matching.MatchingStoppedException;
import io.mentorhub.api.matching.MatchingStrategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link MatchingStrategy} obeys. A strategy's test extends this class and returns a configured
 * instance from {@link #strategy()}; each rule is checked for every format the strategy declares, and the hub relies
 * on each of them: capacities and group sizes honoured, only candidates proposed (so no constraint is violated and
 * nobody is paired with themselves or an unknown id), every pair explained, every other mentee unmatched with a
 * reason, the same answer for the same seed, and a stop request honoured.
 */
public abstract class MatchingStrategyContractTest {

    /** A fresh, configured strategy under test. */
    protected abstract MatchingStrategy strategy();

    @Test
    void hasAValidIdAndDeclaresFormats() {
        HubPlugin.requireValidId(strategy().id());
        assertFalse(strategy().formats().isEmpty(), "a strategy matches at least one format");
    }

    @Test
    void emptyRequestGivesEmptyResult() {
        for (ProgramFormat format : strategy().formats()) {
            MatchResult result = strategy().match(request(format, List.of(), List.of(), List.of(), 1));
            assertTrue(result.pairs().isEmpty(), format.name());
            assertTrue(result.unmatched().isEmpty(), format.name());
        }
    }

    @Test
    void personWithoutCandidatesIsUnmatchedWithAReason() {
        for (ProgramFormat format : strategy().formats()) {
            List<MentorSlot> mentors = format == ProgramFormat.PEER
                    ? List.of(new MentorSlot("p1", 1), new MentorSlot("p2", 1))
                    : List.of(new MentorSlot("m1", 6));
            List<String> mentees = format == ProgramFormat.PEER ? List.of("p1", "p2") : List.of("e1");
            MatchResult result = strategy().match(request(format, mentors, mentees, List.of(), 1));
            assertTrue(result.pairs().isEmpty(), format.name());
            assertEquals(Set.copyOf(mentees),
                    Set.copyOf(result.unmatched().stream().map(MatchResult.Unmatched::personId).toList()),
                    format.name());
        }
    }

    @Test
    void mentorsWithoutCapacityTakeNobody() {
        for (ProgramFormat format : strategy().formats()) {
            if (format == ProgramFormat.PEER) {
                continue;
            }
            MatchRequest request = request(format, List.of(new MentorSlot("m1", 0)), List.of("e1", "e2"),
                    List.of(new CandidatePair("m1", "e1", 90), new CandidatePair("m1", "e2", 80)), 3);
            MatchResult result = strategy().match(request);
            assertValid(request, result);
            assertTrue(result.pairs().isEmpty(), format.name());
        }
    }

    @Test
    void honoursTheRulesOnRandomRequests() {
        for (ProgramFormat format : strategy().formats()) {
            for (long seed = 1; seed <= 40; seed++) {
                MatchRequest request = randomRequest(format, seed, 8, 24);
                assertValid(request, strategy().match(request));
            }
        }
    }

    @Test
    void tiedScoresStillGiveAValidAnswer() {
        for (ProgramFormat format : strategy().formats()) {
            MatchRequest random = randomRequest(format, 7, 6, 18);
            List<CandidatePair> tied = random.candidates().stream()
                    .map(c -> new CandidatePair(c.mentorId(), c.menteeId(), 50, c.factors())).toList();
            MatchRequest request = new MatchRequest(format, random.groupSize(), random.mentors(), random.mentees(),
                    tied, random.menteeRankings(), 7, null);
            assertValid(request, strategy().match(request));
        }
    }

    @Test
    void isDeterministicForASeed() {
        for (ProgramFormat format : strategy().formats()) {
            MatchRequest request = randomRequest(format, 42, 10, 30);
            assertEquals(strategy().match(request), strategy().match(request), format.name());
        }
    }

    @Test
    void everyProposedPairCarriesItsCandidatesExplanation() {
        for (ProgramFormat format : strategy().formats()) {
            MatchRequest request = randomRequest(format, 11, 8, 24);
            MatchResult result = strategy().match(request);
            assertFalse(result.pairs().isEmpty(), format.name() + ": the random request has feasible pairs");
            for (ProposedPair pair : result.pairs()) {
                assertFalse(pair.factors().isEmpty(), "unexplained pair " + pair);
                assertEquals(pair.score(), pair.factors().stream().mapToInt(Factor::points).sum(),
                        "the factors add up to the score of " + pair);
            }
        }
    }

    @Test
    void stopsWhenAsked() {
        for (ProgramFormat format : strategy().formats()) {
            AtomicInteger polls = new AtomicInteger();
            MatchControl stopNow = () -> {
                polls.incrementAndGet();
                return true;
            };
            MatchRequest request = randomRequest(format, 5, 60, 200).withControl(stopNow);
            assertThrows(MatchingStoppedException.class, () -> strategy().match(request), format.name());
            assertTrue(polls.get() > 0, format.name());
        }
    }

    @Test
    void keepsPollingAndFinishesWhenNotStopped() {
        for (ProgramFormat format : strategy().formats()) {
            AtomicInteger polls = new AtomicInteger();
            MatchControl never = () -> {
                polls.incrementAndGet();
                return false;
            };
            MatchRequest request = randomRequest(format, 5, 60, 200);
            MatchResult result = strategy().match(request.withControl(never));
            assertValid(request, result);
            assertEquals(strategy().match(request), result, "polling must not change the answer");
            assertTrue(polls.get() >= request.mentees().size() / 10,
                    format.name() + ": a strategy polls as it goes, polled " + polls.get() + " times");
        }
    }

    /** Checks a result against its request: the invariants that hold for every strategy. */
    protected static void assertValid(MatchRequest request, MatchResult result) {
        Map<String, CandidatePair> candidates = new HashMap<>();
        request.candidates().forEach(c -> candidates.put(c.mentorId() + "|" + c.menteeId(), c));
        Map<String, Integer> load = new HashMap<>();
        Set<String> matched = new HashSet<>();
        boolean peer = request.format() == ProgramFormat.PEER;
        for (ProposedPair pair : result.pairs()) {
            CandidatePair candidate = candidates.get(pair.mentorId() + "|" + pair.menteeId());
            assertTrue(candidate != null, "proposed a pair that is not a candidate: " + pair);
            assertEquals(candidate.score(), pair.score(), "score of " + pair + " must be the candidate's score");
            assertEquals(candidate.factors(), pair.factors(), "factors of " + pair + " must be the candidate's");
            assertTrue(matched.add(pair.menteeId()), "mentee matched twice: " + pair.menteeId());
            if (peer) {
                assertTrue(matched.add(pair.mentorId()), "peer in two pairs: " + pair.mentorId());
            }
            load.merge(pair.mentorId(), 1, Integer::sum);
        }
        for (MentorSlot mentor : request.mentors()) {
            int taken = load.getOrDefault(mentor.mentorId(), 0);
            assertTrue(taken <= mentor.capacity(), "mentor over capacity: " + mentor.mentorId());
            if (request.format() == ProgramFormat.GROUP && taken > 0) {
                assertTrue(taken >= request.groupSize().min() && taken <= request.groupSize().max(),
                        "group of " + mentor.mentorId() + " has " + taken + " mentees, outside "
                                + request.groupSize());
            }
        }
        Set<String> unmatched = new HashSet<>();
        for (MatchResult.Unmatched u : result.unmatched()) {
            assertTrue(request.mentees().contains(u.personId()), "unmatched names unknown mentee " + u.personId());
            assertFalse(matched.contains(u.personId()), "person both matched and unmatched: " + u.personId());
            assertTrue(unmatched.add(u.personId()), "person listed unmatched twice: " + u.personId());
        }
        assertEquals(request.mentees().size(), matched.size() + unmatched.size(),
                "every mentee must be either matched or unmatched with a reason");
    }

    /** A request of the given format with no rankings. */
    protected static MatchRequest request(ProgramFormat format, List<MentorSlot> mentors, List<String> mentees,
            List<CandidatePair> candidates, long seed) {
        return new MatchRequest(format, groupSize(format), mentors, mentees, candidates, Map.of(), seed, null);
    }

    private static GroupSize groupSize(ProgramFormat format) {
        return format == ProgramFormat.GROUP ? new GroupSize(2, 4) : null;
    }

    /**
     * A request with uneven capacities, sparse explained candidates and partial mentee rankings, reproducible from
     * its seed. PEER requests pair one pool with symmetric scores; GROUP requests use groups of 2 to 4.
     */
    protected static MatchRequest randomRequest(ProgramFormat format, long seed, int maxMentors, int maxMentees) {
        Random random = new Random(seed);
        if (format == ProgramFormat.PEER) {
            int size = 2 + random.nextInt(maxMentees - 1);
            List<String> pool = new ArrayList<>();
            List<MentorSlot> slots = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                pool.add("peer-" + i);
                slots.add(new MentorSlot("peer-" + i, 1));
            }
            List<CandidatePair> candidates = new ArrayList<>();
            for (int a = 0; a < size; a++) {
                for (int b = a + 1; b < size; b++) {
                    if (random.nextInt(3) > 0) {
                        int skills = random.nextInt(60);
                        int goals = random.nextInt(40);
                        List<Factor> factors = List.of(new Factor("skills", skills), new Factor("goals", goals));
                        candidates.add(new CandidatePair(pool.get(a), pool.get(b), skills + goals, factors));
                        candidates.add(new CandidatePair(pool.get(b), pool.get(a), skills + goals, factors));
                    }
                }
            }
            return new MatchRequest(format, null, slots, pool, candidates, Map.of(), seed, null);
        }
        int mentorCount = 1 + random.nextInt(maxMentors);
        int menteeCount = 1 + random.nextInt(maxMentees);
        GroupSize groupSize = groupSize(format);
        List<MentorSlot> mentors = new ArrayList<>();
        for (int i = 0; i < mentorCount; i++) {
            int capacity = format == ProgramFormat.GROUP ? groupSize.max() - random.nextInt(2) : random.nextInt(4);
            mentors.add(new MentorSlot("mentor-" + i, capacity));
        }
        List<String> mentees = new ArrayList<>();
        for (int i = 0; i < menteeCount; i++) {
            mentees.add("mentee-" + i);
        }
        List<CandidatePair> candidates = new ArrayList<>();
        Map<String, List<String>> rankings = new LinkedHashMap<>();
        for (String mentee : mentees) {
            List<String> ranked = new ArrayList<>();
            for (MentorSlot mentor : mentors) {
                if (random.nextInt(3) > 0) {
                    int skills = random.nextInt(60);
                    int goals = random.nextInt(40);
                    candidates.add(new CandidatePair(mentor.mentorId(), mentee, skills + goals,
                            List.of(new Factor("skills", skills), new Factor("goals", goals))));
                    if (random.nextBoolean()) {
                        ranked.add(mentor.mentorId());
                    }
                }
            }
            if (!ranked.isEmpty()) {
                java.util.Collections.shuffle(ranked, random);
                rankings.put(mentee, ranked);
            }
        }
        return new MatchRequest(format, groupSize, mentors, mentees, candidates, rankings, seed, null);
    }

    /** A one-to-one random request (kept for strategy tests written before formats). */
    protected static MatchRequest randomRequest(long seed) {
        return randomRequest(ProgramFormat.ONE_TO_ONE, seed, 8, 20);
    }
}
