package io.mentorhub.plugins.matching;

import io.mentorhub.api.matching.CompatibilityScorer;
import io.mentorhub.api.matching.MatchingPool;
import io.mentorhub.api.matching.Participant;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Whether mentor and mentee share a language ({@link Participant#allLanguages()}, by primary language), and
 * whether it is one the mentee prefers. When the mentee listed preferred languages: the mentor speaks the first one
 * 100, another preferred one 90, only a non-preferred shared language 60, nothing shared 0. Without preferences:
 * any shared language 100, none 0. No languages known on either side: neutral 50. In PEER programs each is the
 * other's mentee, so the score is the average of both directions.
 */
@Component
public class LanguageScorer implements CompatibilityScorer {

    static final int DEFAULT_WEIGHT = 10;

    @Override
    public String id() {
        return "language";
    }

    @Override
    public String displayName() {
        return "Shared language";
    }

    @Override
    public int defaultWeight() {
        return DEFAULT_WEIGHT;
    }

    @Override
    public Scoring prepare(MatchingPool pool) {
        Roster roster = Roster.of(pool);
        return new Prepared(roster, LanguageSets.of(roster));
    }

    private static final class Prepared implements Scoring {

        private final Roster roster;
        private final LanguageSets languages;

        Prepared(Roster roster, LanguageSets languages) {
            this.roster = roster;
            this.languages = languages;
        }

        @Override
        public int score(Participant mentor, Participant mentee) {
            int m = roster.indexOf(mentor);
            int e = roster.indexOf(mentee);
            if (roster.peer()) {
                return (toward(m, e) + toward(e, m) + 1) / 2;
            }
            return toward(m, e);
        }

        /** The score of {@code speaker} for {@code learner}'s languages. */
        private int toward(int speaker, int learner) {
            if (!languages.speaksAny(speaker) || !languages.speaksAny(learner)) {
                return Scores.NEUTRAL;
            }
            if (!languages.prefersAny(learner)) {
                return languages.share(speaker, learner) ? 100 : 0;
            }
            if (languages.speaksFirstPreferred(speaker, learner)) {
                return 100;
            }
            if (languages.speaksPreferred(speaker, learner)) {
                return 90;
            }
            return languages.share(speaker, learner) ? 60 : 0;
        }

        @Override
        public String reason(Participant mentor, Participant mentee) {
            int m = roster.indexOf(mentor);
            int e = roster.indexOf(mentee);
            if (!languages.speaksAny(m) || !languages.speaksAny(e)) {
                String whose = !languages.speaksAny(m) && !languages.speaksAny(e) ? "either of you"
                        : !languages.speaksAny(m) ? "the mentor" : "you";
                return "no languages are known for " + whose + ", so language counts as neutral";
            }
            List<String> shared = new ArrayList<>();
            for (String primary : Languages.primaries(mentee.allLanguages())) {
                if (languages.speaks(m, primary)) {
                    shared.add(primary);
                }
            }
            if (shared.isEmpty()) {
                return "you have no language in common";
            }
            String text = "you both speak " + Text.list(Languages.names(shared), 3);
            if (!languages.prefersAny(e)) {
                return text;
            }
            if (languages.speaksFirstPreferred(m, e)) {
                return text + " (" + Languages.name(Languages.primaries(mentee.profile().preferredLanguages()).get(0))
                        + " is your first preferred language)";
            }
            return text + (languages.speaksPreferred(m, e)
                    ? ", including one of your preferred languages" : ", but none of your preferred languages");
        }
    }
}
