package io.mentorhub.api.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.HubPlugin;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchRequestTest {

    @Test
    void rejectsCandidatesNamingUnknownPeople() {
        var mentors = List.of(new MentorSlot("m1", 1));
        var e = assertThrows(IllegalArgumentException.class, () ->
                new MatchRequest(mentors, List.of("e1"), List.of(new CandidatePair("m2", "e1", 3)), 0));
        assertTrue(e.getMessage().contains("m2"));
        assertThrows(IllegalArgumentException.class, () ->
                new MatchRequest(mentors, List.of("e1"), List.of(new CandidatePair("m1", "e9", 3)), 0));
    }

    @Test
    void rejectsDuplicatesAndNegativeCapacity() {
        assertThrows(IllegalArgumentException.class, () ->
                new MatchRequest(List.of(new MentorSlot("m1", 1), new MentorSlot("m1", 2)), List.of(), List.of(), 0));
        assertThrows(IllegalArgumentException.class, () ->
                new MatchRequest(List.of(), List.of("e1", "e1"), List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new MentorSlot("m1", -1));
    }

    @Test
    void isImmutable() {
        var mentees = new ArrayList<>(List.of("e1"));
        var request = new MatchRequest(List.of(), mentees, List.of(), 0);
        mentees.add("e2");
        assertEquals(List.of("e1"), request.mentees());
        assertThrows(UnsupportedOperationException.class, () -> request.mentees().add("e3"));
    }

    @Test
    void unmatchedNeedsAReason() {
        assertThrows(IllegalArgumentException.class, () -> new MatchResult.Unmatched("e1", " "));
    }

    @Test
    void pluginIdsAreChecked() {
        assertEquals("greedy", HubPlugin.requireValidId("greedy"));
        assertThrows(IllegalArgumentException.class, () -> HubPlugin.requireValidId("Greedy Strategy"));
        assertThrows(IllegalArgumentException.class, () -> HubPlugin.requireValidId(null));
    }
}
