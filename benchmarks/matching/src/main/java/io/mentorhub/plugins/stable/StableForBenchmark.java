package io.mentorhub.plugins.stable;

import io.mentorhub.api.matching.MatchingStrategy;
import java.lang.annotation.Annotation;

/** The stable strategy with every candidate acceptable; in this package for its package-private configuration type. */
public final class StableForBenchmark {

    private StableForBenchmark() {
    }

    public static MatchingStrategy create() {
        return new StableStrategy(new StableStrategy.Config() {
            @Override
            public int minimumScore() {
                return 0;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return StableStrategy.Config.class;
            }
        });
    }
}
