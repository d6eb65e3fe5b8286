package io.mentorhub.benchmark.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.ProposedPair;
import io.mentorhub.api.matching.MatchResult.Unmatched;
import io.mentorhub.plugins.greedy.GreedyForBenchmark;
import io.mentorhub.plugins.optimal.OptimalForBenchmark;
import io.mentorhub.plugins.stable.StableForBenchmark;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditTest {

    /** Mentee 0 likes mentor 0 (90) over mentor 1 (50); mentee 1 has only mentor 0 (60). Capacities 1 and 1. */
    private static final CandidateGraph TWO = new CandidateGraph(2, new int[] {1, 1},
            new int[] {0, 0, 1}, new int[] {0, 1, 0}, new int[] {90, 50, 60});

    @Test
    void theStrategiesPassTheAuditOnEveryKindOfInstance() {
        for (SyntheticInstances.Spec spec : SyntheticInstancesTest.SMALL_SPECS) {
            CandidateGraph graph = SyntheticInstances.generate(spec, 23);
            MatchRequest request = graph.toRequest(23);
            Audit audit = new Audit(graph);
            Audit.Figures optimal = audit.check("optimal", OptimalForBenchmark.create().match(request));
            Audit.Figures greedy = audit.check("greedy", GreedyForBenchmark.create().match(request));
            Audit.Figures stable = audit.check("stable", StableForBenchmark.create().match(request));
            assertTrue(optimal.objective() >= greedy.objective(), spec.name());
            assertEquals(0, stable.blockingPairs(), spec.name());
            assertEquals(0, greedy.blockingPairs(), spec.name() + ": with one score for both sides, greedy is stable too");
        }
    }

    @Test
    void countsBlockingPairs() {
        Audit audit = new Audit(TWO);
        MatchResult swapped = new MatchResult(
                List.of(pair(1, 0, 50), pair(0, 1, 60)), List.of());
        // Mentee 0 and mentor 0 prefer each other (90) to 50 and 60.
        assertEquals(new Audit.Figures(110, 2, 1), audit.check("test", swapped));
        MatchResult stable = new MatchResult(List.of(pair(0, 0, 90)),
                List.of(new Unmatched(CandidateGraph.menteeId(1), "full")));
        assertEquals(new Audit.Figures(90, 1, 0), audit.check("test", stable));
    }

    @Test
    void refusesAnInvalidAnswer() {
        Audit audit = new Audit(TWO);
        Unmatched second = new Unmatched(CandidateGraph.menteeId(1), "none");
        assertThrows(IllegalStateException.class,
                () -> audit.check("x", new MatchResult(List.of(pair(0, 0, 91)), List.of(second))), "wrong score");
        assertThrows(IllegalStateException.class, () -> audit.check("x", new MatchResult(List.of(pair(1, 1, 0)),
                List.of(new Unmatched(CandidateGraph.menteeId(0), "none")))), "not a candidate");
        assertThrows(IllegalStateException.class, () -> audit.check("x", new MatchResult(
                List.of(pair(0, 0, 90), pair(0, 1, 60)), List.of())), "over capacity");
        assertThrows(IllegalStateException.class, () -> audit.check("x", new MatchResult(List.of(pair(0, 0, 90)),
                List.of())), "a mentee left out");
    }

    private static ProposedPair pair(int mentor, int mentee, int score) {
        return new ProposedPair(CandidateGraph.mentorId(mentor), CandidateGraph.menteeId(mentee), score);
    }
}
