package io.mentorhub.engine.matching;

import io.mentorhub.api.matching.CompatibilityScorer;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchingConstraint;
import io.mentorhub.api.matching.MatchingPool;
import io.mentorhub.api.matching.MatchingStrategy;
import io.mentorhub.api.matching.Participant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Small, transparent plugins for testing the matching run itself: the engine's pipeline must hold for any plugin,
 * so these make every score and every rule easy to predict. The built-in plugins have their own tests.
 */
final class TestPlugins {

    private TestPlugins() {
    }

    /** 100 × the share of the mentee's development areas the mentor offers. */
    static final class SharedSkills implements CompatibilityScorer {
        @Override
        public String id() {
            return "shared-skills";
        }

        @Override
        public Scoring prepare(MatchingPool pool) {
            return new Scoring() {
                @Override
                public int score(Participant mentor, Participant mentee) {
                    List<String> wanted = mentee.profile().developmentAreas();
                    if (wanted.isEmpty()) {
                        return 0;
                    }
                    Set<String> offered = new HashSet<>(mentor.profile().skillsOffered());
                    return 100 * (int) wanted.stream().filter(offered::contains).count() / wanted.size();
                }

                @Override
                public String reason(Participant mentor, Participant mentee) {
                    return "offers " + score(mentor, mentee) + "% of what the mentee wants to develop";
                }
            };
        }
    }

    /** 100 when the mentor's level is above the mentee's, else 0. */
    static final class Seniority implements CompatibilityScorer {
        @Override
        public String id() {
            return "seniority";
        }

        @Override
        public int defaultWeight() {
            return 1;
        }

        @Override
        public Scoring prepare(MatchingPool pool) {
            return new Scoring() {
                @Override
                public int score(Participant mentor, Participant mentee) {
                    return mentor.level() != null && mentee.level() != null && mentor.level() > mentee.level() ? 100 : 0;
                }

                @Override
                public String reason(Participant mentor, Participant mentee) {
                    return score(mentor, mentee) > 0 ? "more senior" : "not more senior";
                }
            };
        }
    }

    /** Forbids a mentor and mentee in the same team. */
    static final class NotSameTeam implements MatchingConstraint {
        @Override
        public String id() {
            return "not-same-team";
        }

        @Override
        public Rule prepare(MatchingPool pool) {
            return new Rule() {
                @Override
                public boolean allows(Participant mentor, Participant mentee) {
                    return mentor.team() == null || !mentor.team().equals(mentee.team());
                }

                @Override
                public String reason(Participant mentor, Participant mentee) {
                    return "same team";
                }
            };
        }
    }

    /** Polls until stopped: for cancellation and deadline tests. */
    static final class Endless implements MatchingStrategy {
        @Override
        public String id() {
            return "endless";
        }

        @Override
        public MatchResult match(MatchRequest request) {
            while (true) {
                request.control().checkpoint();
                Thread.onSpinWait();
            }
        }
    }

    /** Breaks the rules: proposes the first mentor for every mentee, candidate or not. */
    static final class RuleBreaker implements MatchingStrategy {
        @Override
        public String id() {
            return "rule-breaker";
        }

        @Override
        public MatchResult match(MatchRequest request) {
            return new MatchResult(request.mentees().stream()
                    .map(m -> new MatchResult.ProposedPair(request.mentors().get(0).mentorId(), m, 1)).toList(),
                    List.of());
        }
    }
}
