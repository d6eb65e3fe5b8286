package io.mentorhub.engine.matching;

import io.mentorhub.api.matching.CompatibilityScorer;
import io.mentorhub.api.matching.MatchingConstraint;
import io.mentorhub.api.matching.MatchingStrategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The matching plugins installed when a run starts, by id. A program that names a strategy, constraint or weighted
 * scorer that is not installed does not run: silently skipping a constraint would propose pairs it forbids.
 */
record Plugins(Map<String, MatchingStrategy> strategies, Map<String, MatchingConstraint> allConstraints,
        Map<String, CompatibilityScorer> scorers) {

    Plugins {
        strategies = Map.copyOf(strategies);
        allConstraints = Map.copyOf(allConstraints);
        scorers = new TreeMap<>(scorers);
    }

    MatchingStrategy strategy(String id) {
        MatchingStrategy strategy = strategies.get(id);
        if (strategy == null) {
            throw new MatchingJob.RunRefused("the program's strategy '" + id + "' is not installed; installed: "
                    + new TreeMap<>(strategies).keySet() + " (see GET /api/plugins)");
        }
        return strategy;
    }

    Map<String, MatchingConstraint> constraints(List<String> ids) {
        Map<String, MatchingConstraint> chosen = new LinkedHashMap<>();
        for (String id : ids) {
            MatchingConstraint constraint = allConstraints.get(id);
            if (constraint == null) {
                throw new MatchingJob.RunRefused("the program's constraint '" + id + "' is not installed; installed: "
                        + new TreeMap<>(allConstraints).keySet() + " (see GET /api/plugins)");
            }
            chosen.put(id, constraint);
        }
        return chosen;
    }

    /** Every installed scorer with the program's weight for it, or its default weight. */
    List<Compatibility.Weighted> weightedScorers(Map<String, Integer> weights) {
        for (String id : weights.keySet()) {
            if (!scorers.containsKey(id)) {
                throw new MatchingJob.RunRefused("the program weights scorer '" + id + "', which is not installed; "
                        + "installed: " + scorers.keySet());
            }
        }
        List<Compatibility.Weighted> weighted = new ArrayList<>();
        scorers.forEach((id, scorer) -> weighted.add(new Compatibility.Weighted(scorer,
                weights.getOrDefault(id, Math.max(0, Math.min(100, scorer.defaultWeight()))))));
        if (weighted.stream().noneMatch(w -> w.weight() > 0)) {
            throw new MatchingJob.RunRefused("no compatibility scorer with a weight above 0 is installed");
        }
        return weighted;
    }
}
