package io.mentorhub.plugins.matching;

import io.mentorhub.api.matching.MatchingConstraint;
import io.mentorhub.api.matching.MatchingPool;
import io.mentorhub.api.matching.Participant;
import org.osgi.service.component.annotations.Component;

/**
 * When a mentee listed preferred languages, the mentor must speak at least one of them
 * ({@link Participant#allLanguages()}, compared by primary language: a mentee preferring "fr-CA" accepts a mentor
 * speaking "fr"). A mentee who listed none accepts any mentor. In PEER programs each is the other's mentee, so the
 * rule holds both ways.
 */
@Component
public class RequiredLanguageConstraint implements MatchingConstraint {

    @Override
    public String id() {
        return "required-language";
    }

    @Override
    public String displayName() {
        return "Mentor speaks a preferred language";
    }

    @Override
    public Rule prepare(MatchingPool pool) {
        Roster roster = Roster.of(pool);
        LanguageSets languages = LanguageSets.of(roster);
        return new Rule() {
            @Override
            public boolean allows(Participant mentor, Participant mentee) {
                int m = roster.indexOf(mentor);
                int e = roster.indexOf(mentee);
                return speaksPreferred(m, e) && (!roster.peer() || speaksPreferred(e, m));
            }

            private boolean speaksPreferred(int speaker, int learner) {
                return !languages.prefersAny(learner) || languages.speaksPreferred(speaker, learner);
            }

            @Override
            public String reason(Participant mentor, Participant mentee) {
                int m = roster.indexOf(mentor);
                int e = roster.indexOf(mentee);
                if (!speaksPreferred(m, e)) {
                    return "the mentor speaks none of the mentee's preferred languages ("
                            + Text.list(Languages.names(Languages.primaries(mentee.profile().preferredLanguages())), 5)
                            + ")";
                }
                if (roster.peer() && !speaksPreferred(e, m)) {
                    return "the mentee speaks none of the mentor's preferred languages ("
                            + Text.list(Languages.names(Languages.primaries(mentor.profile().preferredLanguages())), 5)
                            + ")";
                }
                return "the mentor speaks a language the mentee prefers";
            }
        };
    }
}
