package io.mentorhub.engine.matching;

import io.mentorhub.api.matching.CompatibilityScorer;
import io.mentorhub.api.matching.MatchingConstraint;
import io.mentorhub.api.matching.MatchingStrategy;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

/**
 * The shipped matching plugins (test dependencies of the engine), created as Declarative Services would: a
 * component whose configuration type is package-private gets a proxy answering its defaults.
 */
public final class Builtins {

    private static final String PACKAGE = "io.mentorhub.plugins.matching.";

    private Builtins() {
    }

    /** Matching on its own Camel context over the database, with every built-in plugin and the optimal strategy. */
    public record Running(org.apache.camel.impl.DefaultCamelContext camel, MatchingRuns runs) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            runs.stop();
            camel.close();
        }
    }

    public static Running start(io.mentorhub.engine.store.Database database) throws Exception {
        org.apache.camel.impl.DefaultCamelContext camel = new org.apache.camel.impl.DefaultCamelContext();
        camel.start();
        MatchingRuns runs = new MatchingRuns(database, camel, MatchingRuns.Settings.DEFAULT);
        bindAll(runs, optimal());
        return new Running(camel, runs);
    }

    /** The optimal strategy with minimum score 0. */
    public static MatchingStrategy optimal() {
        return (MatchingStrategy) create("io.mentorhub.plugins.optimal.OptimalStrategy", Map.of("minimumScore", 0));
    }

    /** Binds every built-in scorer and constraint, and the given strategies, to the runs. */
    public static void bindAll(MatchingRuns runs, MatchingStrategy... strategies) {
        for (String scorer : List.of("SkillsScorer", "CareerGoalsScorer", "SeniorityScorer", "LearningStyleScorer",
                "AvailabilityScorer", "LanguageScorer")) {
            runs.bindScorer((CompatibilityScorer) create(PACKAGE + scorer, Map.of()));
        }
        for (String constraint : List.of("ManagerChainConstraint", "SameTeamConstraint", "RequiredLanguageConstraint",
                "PreviouslyDissolvedConstraint", "DiversityPreferenceConstraint")) {
            runs.bindConstraint((MatchingConstraint) create(PACKAGE + constraint, Map.of("depth", 10)));
        }
        for (MatchingStrategy strategy : strategies) {
            runs.bindStrategy(strategy);
        }
    }

    /** A plugin by class name; if its constructor takes a configuration, a proxy answers from {@code values}. */
    static Object create(String className, Map<String, Object> values) {
        try {
            Class<?> type = Class.forName(className);
            var constructor = type.getConstructors()[0];
            if (constructor.getParameterCount() == 0) {
                return constructor.newInstance();
            }
            Class<?> config = constructor.getParameterTypes()[0];
            Object settings = Proxy.newProxyInstance(config.getClassLoader(), new Class<?>[] {config},
                    (proxy, method, args) -> method.getName().equals("annotationType") ? config
                            : values.getOrDefault(method.getName(), method.getDefaultValue()));
            return constructor.newInstance(settings);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create plugin " + className, e);
        }
    }
}
