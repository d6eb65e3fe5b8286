package io.mentorhub.plugins.greedy;

import io.mentorhub.api.matching.MatchingStrategy;
import java.lang.annotation.Annotation;

/**
 * The greedy strategy, configured, for comparisons. It lives in the greedy package because its configuration type is
 * package-private, as Declarative Services intends; SCR implements it the same way at runtime.
 */
public final class GreedyBaseline {

    private GreedyBaseline() {
    }

    public static MatchingStrategy withMinimumScore(int minimumScore) {
        return new GreedyStrategy(new GreedyStrategy.Config() {
            @Override
            public int minimumScore() {
                return minimumScore;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return GreedyStrategy.Config.class;
            }
        });
    }
}
