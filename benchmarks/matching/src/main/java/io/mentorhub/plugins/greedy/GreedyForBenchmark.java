package io.mentorhub.plugins.greedy;

import io.mentorhub.api.matching.MatchingStrategy;
import java.lang.annotation.Annotation;

/**
 * The greedy strategy with every candidate usable (minimum score 0), as the benchmark runs it. It lives in the greedy
 * package because the configuration type is package-private, as Declarative Services intends; the optimal plugin's
 * tests reach it the same way. The benchmark is a plain class-path program, so the split package is harmless.
 */
public final class GreedyForBenchmark {

    private GreedyForBenchmark() {
    }

    public static MatchingStrategy create() {
        return new GreedyStrategy(new GreedyStrategy.Config() {
            @Override
            public int minimumScore() {
                return 0;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return GreedyStrategy.Config.class;
            }
        });
    }
}
