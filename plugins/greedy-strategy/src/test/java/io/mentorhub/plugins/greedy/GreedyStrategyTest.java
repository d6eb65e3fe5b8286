package io.mentorhub.plugins.greedy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
