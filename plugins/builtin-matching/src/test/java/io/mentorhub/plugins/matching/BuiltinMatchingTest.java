package io.mentorhub.plugins.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.HubPlugin;
import io.mentorhub.api.domain.Enrollment.Profile;
import io.mentorhub.api.domain.Enrollment.Role;
import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.CompatibilityScorer;
import io.mentorhub.api.matching.CompatibilityScorer.Scoring;
import io.mentorhub.api.matching.MatchingConstraint;
import io.mentorhub.api.matching.MatchingConstraint.Rule;
import io.mentorhub.api.matching.MatchingPool;
import io.mentorhub.api.matching.Participant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What holds for every built-in scorer and constraint. */
class BuiltinMatchingTest {

    static List<CompatibilityScorer> scorers() {
        return List.of(new SkillsScorer(), new CareerGoalsScorer(), new SeniorityScorer(), new LearningStyleScorer(),
                new AvailabilityScorer(), new LanguageScorer());
    }

    static List<MatchingConstraint> constraints() {
        return List.of(ManagerChainConstraintTest.constraint(10), new SameTeamConstraint(),
                new RequiredLanguageConstraint(), new PreviouslyDissolvedConstraint(),
                new DiversityPreferenceConstraint());
    }

    @Test
    void idsNamesAndDefaultWeights() {
        assertEquals(List.of("skills", "career-goals", "seniority", "learning-style", "availability", "language"),
                scorers().stream().map(HubPlugin::id).toList());
        assertEquals(List.of(30, 15, 15, 10, 20, 10),
                scorers().stream().map(CompatibilityScorer::defaultWeight).toList());
        assertEquals(List.of("not-in-manager-chain", "not-same-team", "required-language",
                "not-previously-dissolved", "diversity-preference"), constraints().stream().map(HubPlugin::id).toList());
        List<HubPlugin> all = new ArrayList<>(scorers());
        all.addAll(constraints());
        for (HubPlugin plugin : all) {
            HubPlugin.requireValidId(plugin.id());
            assertFalse(plugin.displayName().isBlank(), plugin.id());
            assertFalse(plugin.displayName().equals(plugin.id()), plugin.id() + " has a display name of its own");
        }
    }

    @Test
    void scoresStayInRangeAndReasonsNeverShowConsentedValues() {
        for (ProgramFormat format : ProgramFormat.values()) {
            for (long seed = 1; seed <= 20; seed++) {
                MatchingPool pool = RandomPools.pool(seed, format, 25, 35);
                for (CompatibilityScorer scorer : scorers()) {
                    Scoring scoring = scorer.prepare(pool);
                    for (Participant mentor : pool.mentors()) {
                        for (Participant mentee : pool.mentees()) {
                            String where = scorer.id() + " " + format + " seed " + seed + " " + mentor + mentee;
                            int score = scoring.score(mentor, mentee);
                            assertTrue(score >= 0 && score <= 100, where + ": " + score);
                            assertClean(scoring.reason(mentor, mentee), where);
                        }
                    }
                }
                for (MatchingConstraint constraint : constraints()) {
                    Rule rule = constraint.prepare(pool);
                    for (Participant mentor : pool.mentors()) {
                        for (Participant mentee : pool.mentees()) {
                            if (!rule.allows(mentor, mentee)) {
                                assertClean(rule.reason(mentor, mentee), constraint.id() + " " + format);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void assertClean(String reason, String where) {
        assertFalse(reason == null || reason.isBlank(), where + ": no reason");
        assertFalse(reason.toLowerCase(Locale.ROOT).contains(RandomPools.SENSITIVE_MARKER), where + ": " + reason);
    }

    @Test
    void everyRuleForbidsSomeRandomPairsAndAllowsOthers() {
        MatchingPool pool = RandomPools.pool(7, ProgramFormat.ONE_TO_ONE, 200, 200);
        for (MatchingConstraint constraint : constraints()) {
            Rule rule = constraint.prepare(pool);
            int allowed = 0;
            for (Participant mentor : pool.mentors()) {
                for (Participant mentee : pool.mentees()) {
                    allowed += rule.allows(mentor, mentee) ? 1 : 0;
                }
            }
            assertTrue(allowed > 0 && allowed < 200 * 200, constraint.id() + " allowed " + allowed);
        }
    }

    @Test
    void sameAnswersWhateverTheOrderPeopleAreListedIn() {
        for (ProgramFormat format : ProgramFormat.values()) {
            MatchingPool pool = RandomPools.pool(11, format, 30, 40);
            List<Participant> mentors = new ArrayList<>(pool.mentors());
            List<Participant> mentees = new ArrayList<>(pool.mentees());
            Collections.shuffle(mentors, new Random(3));
            Collections.shuffle(mentees, new Random(4));
            MatchingPool shuffled = new MatchingPool(pool.programId(), format, mentors, mentees, pool.excludedPairs(),
                    pool.size());
            for (CompatibilityScorer scorer : scorers()) {
                assertEquals(answers(scorer.prepare(pool), pool), answers(scorer.prepare(pool), pool), scorer.id());
                assertEquals(answers(scorer.prepare(pool), pool), answers(scorer.prepare(shuffled), pool), scorer.id());
            }
            for (MatchingConstraint constraint : constraints()) {
                assertEquals(answers(constraint.prepare(pool), pool), answers(constraint.prepare(shuffled), pool),
                        constraint.id());
            }
        }
    }

    private static List<String> answers(Scoring scoring, MatchingPool pool) {
        List<String> answers = new ArrayList<>();
        for (Participant mentor : pool.mentors()) {
            for (Participant mentee : pool.mentees()) {
                answers.add(scoring.score(mentor, mentee) + " " + scoring.reason(mentor, mentee));
            }
        }
        return answers;
    }

    private static List<String> answers(Rule rule, MatchingPool pool) {
        List<String> answers = new ArrayList<>();
        for (Participant mentor : pool.mentors()) {
            for (Participant mentee : pool.mentees()) {
                answers.add(rule.allows(mentor, mentee) ? "allowed" : rule.reason(mentor, mentee));
            }
        }
        return answers;
    }

    @Test
    void aParticipantFromAnotherPoolIsRefused() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentor = b.mentor("ada").add();
        b.mentee("cy").add();
        MatchingPool pool = b.pool();
        Participant stranger = new Participant(1, "zed", Role.MENTEE, new Profile(null, null, null, null, null, null),
                0, null, null, null, null, null, null);
        Participant outside = new Participant(7, "cy", Role.MENTEE, new Profile(null, null, null, null, null, null),
                0, null, null, null, null, null, null);
        for (CompatibilityScorer scorer : scorers()) {
            Scoring scoring = scorer.prepare(pool);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> scoring.score(mentor, stranger), scorer.id());
            assertEquals("Participant[zed, MENTEE, #1] is not in the pool this was prepared for", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> scoring.score(mentor, outside), scorer.id());
            assertThrows(NullPointerException.class, () -> scorer.prepare(null), scorer.id());
        }
        for (MatchingConstraint constraint : constraints()) {
            Rule rule = constraint.prepare(pool);
            assertThrows(IllegalArgumentException.class, () -> rule.allows(mentor, stranger), constraint.id());
            assertThrows(NullPointerException.class, () -> constraint.prepare(null), constraint.id());
        }
    }

    @Test
    void aPoolGivingOneIndexToTwoPeopleIsRefused() {
        Profile empty = new Profile(null, null, null, null, null, null);
        Participant ada = new Participant(0, "ada", Role.MENTOR, empty, 1, null, null, null, null, null, null);
        Participant cy = new Participant(0, "cy", Role.MENTEE, empty, 0, null, null, null, null, null, null);
        MatchingPool pool = new MatchingPool("p", ProgramFormat.ONE_TO_ONE, List.of(ada), List.of(cy), Set.of(), 1);
        for (CompatibilityScorer scorer : scorers()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> scorer.prepare(pool));
            assertEquals("pool index 0 is given to both ada and cy", e.getMessage());
        }
    }

    @Test
    void emptyPoolPrepares() {
        MatchingPool pool = new MatchingPool("p", ProgramFormat.PEER, List.of(), List.of(), Set.of(), 0);
        scorers().forEach(scorer -> scorer.prepare(pool));
        constraints().forEach(constraint -> constraint.prepare(pool));
    }

    /**
     * A large run: 2,000 mentors × 2,000 mentees, every scorer and rule prepared once and asked about all 4 million
     * pairs. No timing is asserted (see the README for figures); it shows the prepared data fits and every answer
     * stays in range.
     */
    @Test
    void twoThousandByTwoThousandPool() {
        MatchingPool pool = RandomPools.pool(2024, ProgramFormat.ONE_TO_ONE, 2_000, 2_000);
        List<Participant> mentors = pool.mentors();
        List<Participant> mentees = pool.mentees();
        for (CompatibilityScorer scorer : scorers()) {
            Scoring scoring = scorer.prepare(pool);
            int[] histogram = new int[101];
            for (Participant mentor : mentors) {
                for (Participant mentee : mentees) {
                    histogram[scoring.score(mentor, mentee)]++;
                }
            }
            long pairs = 0;
            int distinct = 0;
            for (int count : histogram) {
                pairs += count;
                distinct += count > 0 ? 1 : 0;
            }
            assertEquals(4_000_000L, pairs, scorer.id());
            assertTrue(distinct > 3, scorer.id() + " gives " + distinct + " distinct scores");
        }
        for (MatchingConstraint constraint : constraints()) {
            Rule rule = constraint.prepare(pool);
            long allowed = 0;
            for (Participant mentor : mentors) {
                for (Participant mentee : mentees) {
                    allowed += rule.allows(mentor, mentee) ? 1 : 0;
                }
            }
            assertTrue(allowed > 0 && allowed < 4_000_000L, constraint.id() + " allowed " + allowed);
        }
    }
}
