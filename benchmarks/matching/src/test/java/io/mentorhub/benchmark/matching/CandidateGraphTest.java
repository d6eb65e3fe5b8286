package io.mentorhub.benchmark.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchRequest.CandidatePair;
import io.mentorhub.api.matching.MatchRequest.MentorSlot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidateGraphTest {

    /**
     * OR-Tools gets arcs through {@link OrToolsFlow#forEachArc} (no natives needed to list them); strategies get
     * {@link CandidateGraph#toRequest}. Both must be the same pairs, at the same scores, with the same capacities.
     */
    @Test
    void orToolsAndTheStrategiesAreGivenTheSamePairs() {
        for (SyntheticInstances.Spec spec : SyntheticInstancesTest.SMALL_SPECS) {
            CandidateGraph graph = SyntheticInstances.generate(spec, 17);
            MatchRequest request = graph.toRequest(17);

            int mentees = graph.mentees();
            int sink = graph.nodes() - 1; // OR-Tools numbers nodes from 0
            Map<String, Integer> orToolsPairs = new HashMap<>();
            Map<String, Integer> orToolsCapacity = new HashMap<>();
            int[] unmatchedArcs = new int[mentees];
            List<int[]> arcs = new ArrayList<>();
            OrToolsFlow.forEachArc(mentees, graph.capacities(), graph::forEachPair,
                    (tail, head, capacity, cost) -> arcs.add(new int[] {tail, head, capacity, cost}));
            assertEquals(graph.arcs(), arcs.size(), spec.name());
            for (int[] arc : arcs) {
                int tail = arc[0];
                int head = arc[1];
                if (tail < mentees && head >= mentees && head < sink) {
                    assertEquals(1, arc[2], "a candidate arc carries one mentee");
                    orToolsPairs.merge(CandidateGraph.mentorId(head - mentees) + "/" + CandidateGraph.menteeId(tail),
                            -arc[3], (a, b) -> { throw new AssertionError("pair twice"); });
                } else if (tail < mentees && head == sink) {
                    assertEquals(1, arc[2]);
                    assertEquals(0, arc[3]);
                    unmatchedArcs[tail]++;
                } else {
                    assertTrue(tail >= mentees && tail < sink && head == sink, "mentor to sink");
                    assertEquals(0, arc[3]);
                    orToolsCapacity.put(CandidateGraph.mentorId(tail - mentees), arc[2]);
                }
            }
            for (int count : unmatchedArcs) {
                assertEquals(1, count, "one 'unmatched' arc per mentee");
            }

            Map<String, Integer> requestPairs = new HashMap<>();
            for (CandidatePair pair : request.candidates()) {
                requestPairs.put(pair.mentorId() + "/" + pair.menteeId(), pair.score());
            }
            Map<String, Integer> requestCapacity = new HashMap<>();
            for (MentorSlot mentor : request.mentors()) {
                requestCapacity.put(mentor.mentorId(), mentor.capacity());
            }
            assertEquals(request.candidates().size(), orToolsPairs.size(), spec.name());
            assertEquals(requestPairs, orToolsPairs, spec.name());
            assertEquals(requestCapacity, orToolsCapacity, spec.name());
            assertEquals(mentees, request.mentees().size());
        }
    }

    @Test
    void idsSortInIndexOrderSoTieBreaksAgree() {
        List<String> ids = new ArrayList<>();
        for (int k : new int[] {0, 9, 10, 99, 100, 999_999, 1_000_000, CandidateGraph.MAX_PEOPLE - 1}) {
            ids.add(CandidateGraph.menteeId(k));
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(ids, sorted);
    }
}
