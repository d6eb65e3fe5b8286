package io.mentorhub.plugins.matching;

import io.mentorhub.api.matching.CompatibilityScorer;
import io.mentorhub.api.matching.MatchingPool;
import io.mentorhub.api.matching.Participant;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * How much two people's career goals say the same thing, as the Dice similarity of their goal words:
 * {@code 100 × 2 × shared / (words of mentor + words of mentee)}. Goal words are the distinct words of all of a
 * person's goals, lower case, without stop words and plural "s" ({@link Text#words}), worked out once per person.
 * Symmetric, so PEER programs need nothing special. If either gave no goals: neutral 50.
 */
@Component
public class CareerGoalsScorer implements CompatibilityScorer {

    static final int DEFAULT_WEIGHT = 15;

    @Override
    public String id() {
        return "career-goals";
    }

    @Override
    public String displayName() {
        return "Career goals in common";
    }

    @Override
    public int defaultWeight() {
        return DEFAULT_WEIGHT;
    }

    @Override
    public Scoring prepare(MatchingPool pool) {
        Roster roster = Roster.of(pool);
        List<List<String>> words = new ArrayList<>();
        for (Participant p : roster.people()) {
            words.add(Text.words(p.profile().careerGoals()));
        }
        Vocabulary vocabulary = Vocabulary.of(words);
        TermSet[] goals = new TermSet[roster.size()];
        for (int i = 0; i < words.size(); i++) {
            goals[roster.people().get(i).index()] = vocabulary.setOf(words.get(i));
        }
        return new Prepared(roster, vocabulary, goals);
    }

    private static final class Prepared implements Scoring {

        private final Roster roster;
        private final Vocabulary vocabulary;
        private final TermSet[] goals;

        Prepared(Roster roster, Vocabulary vocabulary, TermSet[] goals) {
            this.roster = roster;
            this.vocabulary = vocabulary;
            this.goals = goals;
        }

        @Override
        public int score(Participant mentor, Participant mentee) {
            TermSet a = goals[roster.indexOf(mentor)];
            TermSet b = goals[roster.indexOf(mentee)];
            if (a.isEmpty() || b.isEmpty()) {
                return Scores.NEUTRAL;
            }
            return Scores.percent(2L * a.intersectionSize(b), a.size() + b.size());
        }

        @Override
        public String reason(Participant mentor, Participant mentee) {
            TermSet a = goals[roster.indexOf(mentor)];
            TermSet b = goals[roster.indexOf(mentee)];
            if (a.isEmpty() && b.isEmpty()) {
                return "neither of you gave career goals, so they count as neutral";
            }
            if (a.isEmpty() || b.isEmpty()) {
                return (a.isEmpty() ? "the mentor" : "you") + " gave no career goals, so they count as neutral";
            }
            List<String> shared = new ArrayList<>();
            for (String word : Text.words(mentee.profile().careerGoals())) {
                int id = vocabulary.id(word);
                if (id >= 0 && a.contains(id)) {
                    shared.add(word);
                }
            }
            return shared.isEmpty()
                    ? "your career goals have no words in common"
                    : "your career goals share " + Text.list(shared, 6);
        }
    }
}
