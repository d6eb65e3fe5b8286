package io.mentorhub.plugins.optimal;

import io.mentorhub.api.matching.MatchingStrategy;
import java.lang.annotation.Annotation;

/** The optimal strategy with every candidate usable; in this package for its package-private configuration type. */
public final class OptimalForBenchmark {

    private OptimalForBenchmark() {
    }

    public static MatchingStrategy create() {
        return new OptimalStrategy(new OptimalStrategy.Config() {
            @Override
            public int minimumScore() {
                return 0;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return OptimalStrategy.Config.class;
            }
        });
    }
}
