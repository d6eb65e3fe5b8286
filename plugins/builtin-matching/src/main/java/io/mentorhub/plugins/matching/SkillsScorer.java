package io.mentorhub.plugins.matching;

import io.mentorhub.api.matching.CompatibilityScorer;
import io.mentorhub.api.matching.MatchingPool;
import io.mentorhub.api.matching.Participant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * How many of the mentee's development areas the mentor offers as skills: {@code 100 × covered / areas}. Terms
 * match case-insensitively after trimming ("Public speaking" = "public  speaking "). In PEER programs each offers
 * what the other wants, so both directions count: {@code 100 × (covered both ways) / (areas of both)}. A mentee
 * who listed no development areas gives nothing to compare: neutral 50.
 */
@Component
public class SkillsScorer implements CompatibilityScorer {

    static final int DEFAULT_WEIGHT = 30;

    @Override
    public String id() {
        return "skills";
    }

    @Override
    public String displayName() {
        return "Skills offered for development areas";
    }

    @Override
    public int defaultWeight() {
        return DEFAULT_WEIGHT;
    }

    @Override
    public Scoring prepare(MatchingPool pool) {
        Roster roster = Roster.of(pool);
        List<List<String>> skills = new ArrayList<>();
        List<List<String>> areas = new ArrayList<>();
        for (Participant p : roster.people()) {
            skills.add(Text.keys(p.profile().skillsOffered()));
            areas.add(Text.keys(p.profile().developmentAreas()));
        }
        List<List<String>> allTerms = new ArrayList<>(skills);
        allTerms.addAll(areas);
        Vocabulary vocabulary = Vocabulary.of(allTerms);
        TermSet[] offered = new TermSet[roster.size()];
        TermSet[] wanted = new TermSet[roster.size()];
        for (int i = 0; i < skills.size(); i++) {
            int index = roster.people().get(i).index();
            offered[index] = vocabulary.setOf(skills.get(i));
            wanted[index] = vocabulary.setOf(areas.get(i));
        }
        return new Prepared(roster, vocabulary, offered, wanted);
    }

    private static final class Prepared implements Scoring {

        private final Roster roster;
        private final Vocabulary vocabulary;
        private final TermSet[] offered;
        private final TermSet[] wanted;

        Prepared(Roster roster, Vocabulary vocabulary, TermSet[] offered, TermSet[] wanted) {
            this.roster = roster;
            this.vocabulary = vocabulary;
            this.offered = offered;
            this.wanted = wanted;
        }

        @Override
        public int score(Participant mentor, Participant mentee) {
            int m = roster.indexOf(mentor);
            int e = roster.indexOf(mentee);
            int areas = wanted[e].size();
            int covered = offered[m].intersectionSize(wanted[e]);
            if (roster.peer()) {
                areas += wanted[m].size();
                covered += offered[e].intersectionSize(wanted[m]);
            }
            return areas == 0 ? Scores.NEUTRAL : Scores.percent(covered, areas);
        }

        @Override
        public String reason(Participant mentor, Participant mentee) {
            int m = roster.indexOf(mentor);
            int e = roster.indexOf(mentee);
            if (!roster.peer()) {
                return wanted[e].isEmpty()
                        ? "you listed no development areas, so skills count as neutral"
                        : coverage(m, mentee, true);
            }
            if (wanted[e].isEmpty() && wanted[m].isEmpty()) {
                return "neither of you listed development areas, so skills count as neutral";
            }
            if (wanted[m].isEmpty()) {
                return coverage(m, mentee, true) + "; they listed no development areas";
            }
            if (wanted[e].isEmpty()) {
                return "you listed no development areas; " + coverage(e, mentor, false);
            }
            return coverage(m, mentee, true) + "; " + coverage(e, mentor, false);
        }

        /** "covers 3 of your 4 development areas: SQL, ...", naming the areas in the learner's own words. */
        private String coverage(int giver, Participant learner, boolean learnerIsMentee) {
            List<String> covered = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String area : learner.profile().developmentAreas()) {
                String key = Text.key(area);
                int id = vocabulary.id(key);
                if (seen.add(key) && id >= 0 && offered[giver].contains(id)) {
                    covered.add(area);
                }
            }
            String text = learnerIsMentee
                    ? "covers " + covered.size() + " of your " + Text.count(seen.size(), "development area",
                            "development areas")
                    : "you cover " + covered.size() + " of their " + seen.size();
            return covered.isEmpty() ? text : text + ": " + Text.list(covered, 5);
        }
    }
}
