package io.mentorhub.engine.matching;

import io.mentorhub.api.domain.Pairing.FactorScore;
import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.CompatibilityScorer;
import io.mentorhub.api.matching.MatchRequest.Factor;
import io.mentorhub.api.matching.MatchingConstraint;
import io.mentorhub.api.matching.MatchingPool;
import io.mentorhub.api.matching.Participant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A program's hard constraints and weighted scorers, prepared for one run: the integer score of any (mentor, mentee)
 * pair by index, or {@link PairScores#NOT_A_PAIR} when a constraint forbids it, the pair was excluded before, or it
 * is one person. A pair's score is the sum over scorers of weight × score (0..100).
 */
final class Compatibility implements PairScores {

    record Weighted(CompatibilityScorer scorer, int weight) {
    }

    private final Participant[] mentors;
    private final Participant[] mentees;
    private final String[] ruleIds;
    private final MatchingConstraint.Rule[] rules;
    private final String[] scorerIds;
    private final CompatibilityScorer.Scoring[] scorings;
    private final int[] weights;
    /** Per mentor, the sorted pool indexes of mentees they must not be proposed with again; null if none. */
    private final int[][] excluded;
    /** PEER re-match: only pairs with at least one affected person count. */
    private final boolean[] affected;

    Compatibility(MatchingPool pool, Map<String, MatchingConstraint> constraints, List<Weighted> scorers,
            Set<String> affectedPeople) {
        this.mentors = pool.mentors().toArray(Participant[]::new);
        this.mentees = pool.mentees().toArray(Participant[]::new);
        this.ruleIds = constraints.keySet().toArray(String[]::new);
        this.rules = new MatchingConstraint.Rule[ruleIds.length];
        for (int r = 0; r < ruleIds.length; r++) {
            MatchingConstraint constraint = constraints.get(ruleIds[r]);
            rules[r] = prepare(ruleIds[r], () -> constraint.prepare(pool));
        }
        List<Weighted> used = scorers.stream().filter(w -> w.weight() > 0).toList();
        this.scorerIds = used.stream().map(w -> w.scorer().id()).toArray(String[]::new);
        this.weights = used.stream().mapToInt(Weighted::weight).toArray();
        this.scorings = new CompatibilityScorer.Scoring[used.size()];
        for (int s = 0; s < scorings.length; s++) {
            CompatibilityScorer scorer = used.get(s).scorer();
            scorings[s] = prepare(scorerIds[s], () -> scorer.prepare(pool));
        }
        Map<String, Integer> menteeIndex = new HashMap<>();
        for (int j = 0; j < mentees.length; j++) {
            menteeIndex.put(mentees[j].personId(), j);
        }
        Map<String, Integer> mentorIndex = new HashMap<>();
        for (int i = 0; i < mentors.length; i++) {
            mentorIndex.put(mentors[i].personId(), i);
        }
        Map<Integer, List<Integer>> byMentor = new HashMap<>();
        boolean peer = pool.format() == ProgramFormat.PEER;
        pool.excludedPairs().forEach(pair -> {
            exclude(byMentor, mentorIndex.get(pair.mentorId()), menteeIndex.get(pair.menteeId()));
            if (peer) {
                exclude(byMentor, mentorIndex.get(pair.menteeId()), menteeIndex.get(pair.mentorId()));
            }
        });
        this.excluded = new int[mentors.length][];
        byMentor.forEach((mentor, list) -> excluded[mentor] = list.stream().mapToInt(Integer::intValue).sorted().toArray());
        if (affectedPeople == null) {
            this.affected = null;
        } else {
            this.affected = new boolean[pool.size()];
            for (Participant p : mentees) {
                affected[p.index()] = affectedPeople.contains(p.personId());
            }
        }
    }

    private static void exclude(Map<Integer, List<Integer>> byMentor, Integer mentor, Integer mentee) {
        if (mentor != null && mentee != null) {
            byMentor.computeIfAbsent(mentor, m -> new ArrayList<>()).add(mentee);
        }
    }

    private interface Preparation<T> {
        T run();
    }

    private static <T> T prepare(String pluginId, Preparation<T> preparation) {
        try {
            T prepared = preparation.run();
            if (prepared == null) {
                throw new PluginFailure(pluginId, "prepared nothing (returned null)");
            }
            return prepared;
        } catch (PluginFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PluginFailure(pluginId, "failed to prepare: " + e);
        }
    }

    /** A plugin misbehaved; the run fails naming it. */
    static final class PluginFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PluginFailure(String pluginId, String message) {
            super("plugin '" + pluginId + "' " + message);
        }
    }

    @Override
    public int score(int mentor, int mentee) {
        Participant m = mentors[mentor];
        Participant e = mentees[mentee];
        if (m.index() == e.index() || isExcluded(mentor, mentee)
                || (affected != null && !affected[m.index()] && !affected[e.index()])) {
            return NOT_A_PAIR;
        }
        for (MatchingConstraint.Rule rule : rules) {
            if (!rule.allows(m, e)) {
                return NOT_A_PAIR;
            }
        }
        int total = 0;
        for (int s = 0; s < scorings.length; s++) {
            total += weights[s] * clamp(scorings[s].score(m, e));
        }
        return total;
    }

    private boolean isExcluded(int mentor, int mentee) {
        int[] list = excluded[mentor];
        return list != null && Arrays.binarySearch(list, mentee) >= 0;
    }

    /** Each scorer's weighted points for a pair; they add up to its score. */
    List<Factor> factors(int mentor, int mentee) {
        List<Factor> factors = new ArrayList<>(scorings.length);
        for (int s = 0; s < scorings.length; s++) {
            factors.add(new Factor(scorerIds[s], weights[s] * clamp(scorings[s].score(mentors[mentor], mentees[mentee]))));
        }
        return factors;
    }

    /** The explanation a person reads: each factor's points and the scorer's reason. */
    List<FactorScore> explain(int mentor, int mentee, String prefix) {
        List<FactorScore> explanation = new ArrayList<>(scorings.length);
        for (int s = 0; s < scorings.length; s++) {
            Participant m = mentors[mentor];
            Participant e = mentees[mentee];
            String reason;
            try {
                reason = scorings[s].reason(m, e);
            } catch (RuntimeException ex) {
                throw new PluginFailure(scorerIds[s], "failed to explain a score: " + ex);
            }
            reason = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
            explanation.add(new FactorScore(prefix + scorerIds[s], weights[s] * clamp(scorings[s].score(m, e)),
                    reason.length() > 500 ? reason.substring(0, 497) + "..." : reason));
        }
        return explanation;
    }

    /**
     * Why nobody could be paired with this mentee: how many mentors each constraint ruled out. Only called for
     * mentees without any candidate, so its cost does not matter.
     */
    String whyNoCandidate(int mentee) {
        if (mentors.length == 0) {
            return "no mentor with a free place in this program";
        }
        Map<String, Integer> forbidden = new LinkedHashMap<>();
        Participant e = mentees[mentee];
        for (int i = 0; i < mentors.length; i++) {
            Participant m = mentors[i];
            if (m.index() == e.index()) {
                continue;
            }
            if (isExcluded(i, mentee)) {
                forbidden.merge("paired with them before (dissolved, rejected or declined)", 1, Integer::sum);
                continue;
            }
            for (int r = 0; r < rules.length; r++) {
                if (!rules[r].allows(m, e)) {
                    forbidden.merge("constraint " + ruleIds[r], 1, Integer::sum);
                    break;
                }
            }
        }
        StringBuilder reason = new StringBuilder("no candidate mentor: ");
        forbidden.forEach((why, count) -> reason.append(count).append(" ruled out by ").append(why).append("; "));
        if (forbidden.isEmpty()) {
            return "no candidate";
        }
        return reason.substring(0, reason.length() - 2);
    }

    private static int clamp(int score) {
        return Math.max(0, Math.min(100, score));
    }
}
