package io.mentorhub.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.HubPlugin;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link io.mentorhub.api.matching.MatchingStrategy} obeys. A strategy's test extends this class
 * and returns a configured instance from {@link #strategy()}; the hub relies on each rule checked here.
 */
public abstract class MatchingStrategyContractTest {

    /** A fresh, configured strategy under test. */
    protected abstract io.mentorhub.api.matching.MatchingStrategy strategy();

    @Test
    void hasAValidId() {
        HubPlugin.requireValidId(strategy().id());
    }

    @Test
    void emptyRequestGivesEmptyResult() {
        MatchResult result = strategy().match(new MatchRequest(List.of(), List.of(), List.of(), 1));
        assertTrue(result.pairs().isEmpty());
        assertTrue(result.unmatched().isEmpty());
    }

    @Test
    void menteeWithoutCandidatesIsUnmatchedWithAReason() {
        var request = new MatchRequest(List.of(new MentorSlot("m1", 2)), List.of("e1"), List.of(), 1);
        MatchResult result = strategy().match(request);
        assertTrue(result.pairs().isEmpty());
        assertEquals(List.of("e1"), result.unmatched().stream().map(MatchResult.Unmatched::personId).toList());
    }

    @Test
    void respectsCapacityAndCandidatesOnRandomRequests() {
        for (long seed = 1; seed <= 25; seed++) {
            MatchRequest request = randomRequest(seed);
            assertValid(request, strategy().match(request));
        }
    }

    @Test
    void isDeterministicForASeed() {
        MatchRequest request = randomRequest(42);
        assertEquals(strategy().match(request), strategy().match(request));
    }

    /** Checks a result against its request: the invariants that hold for every strategy. */
    protected static void assertValid(MatchRequest request, MatchResult result) {
        Map<String, Integer> scores = new HashMap<>();
        request.candidates().forEach(c -> scores.put(c.mentorId() + "|" + c.menteeId(), c.score()));
        Map<String, Integer> load = new HashMap<>();
        Set<String> matched = new HashSet<>();
        for (ProposedPair pair : result.pairs()) {
            Integer score = scores.get(pair.mentorId() + "|" + pair.menteeId());
            assertTrue(score != null, "proposed a pair that is not a candidate: " + pair);
            assertEquals(score, pair.score(), "score of " + pair + " must be the candidate's score");
            assertTrue(matched.add(pair.menteeId()), "mentee matched twice: " + pair.menteeId());
            load.merge(pair.mentorId(), 1, Integer::sum);
        }
        for (MentorSlot mentor : request.mentors()) {
            assertTrue(load.getOrDefault(mentor.mentorId(), 0) <= mentor.capacity(),
                    "mentor over capacity: " + mentor.mentorId());
        }
        Set<String> unmatched = new HashSet<>();
        for (MatchResult.Unmatched u : result.unmatched()) {
            assertTrue(request.mentees().contains(u.personId()), "unmatched names unknown mentee " + u.personId());
            assertFalse(matched.contains(u.personId()), "mentee both matched and unmatched: " + u.personId());
            assertTrue(unmatched.add(u.personId()), "mentee listed unmatched twice: " + u.personId());
        }
        assertEquals(request.mentees().size(), matched.size() + unmatched.size(),
                "every mentee must be either matched or unmatched with a reason");
    }

    /** A request with uneven capacities and sparse candidates, reproducible from its seed. */
    protected static MatchRequest randomRequest(long seed) {
        Random random = new Random(seed);
        int mentorCount = 1 + random.nextInt(8);
        int menteeCount = 1 + random.nextInt(20);
        List<MentorSlot> mentors = new ArrayList<>();
        for (int i = 0; i < mentorCount; i++) {
            mentors.add(new MentorSlot("mentor-" + i, random.nextInt(4)));
        }
        List<String> mentees = new ArrayList<>();
        for (int i = 0; i < menteeCount; i++) {
            mentees.add("mentee-" + i);
        }
        List<CandidatePair> candidates = new ArrayList<>();
        for (MentorSlot mentor : mentors) {
            for (String mentee : mentees) {
                if (random.nextInt(3) > 0) {
                    candidates.add(new CandidatePair(mentor.mentorId(), mentee, random.nextInt(100)));
                }
            }
        }
        return new MatchRequest(mentors, mentees, candidates, seed);
    }
}
