package io.mentorhub.plugins.menteechoice;

import io.mentorhub.plugins.deferredacceptance.MenteeProposing;
import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.MatchRequest;
import io.mentorhub.api.matching.MatchResult;
import io.mentorhub.api.matching.MatchResult.Unmatched;
import io.mentorhub.api.matching.MatchingStrategy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Mentee choice: mentees rank the mentors they were suggested ({@link MatchRequest#menteeRankings()}), and each is
 * proposed to the highest-ranked mentor who still has a place. When more mentees want a mentor than it has places,
 * the places go to those who ranked that mentor higher, then to higher scores, then by an order drawn from the seed.
 * A mentee who ranked nobody, or whose ranked mentors are all taken, is then offered the free candidate mentors by
 * score; such a fallback never takes a place from someone who ranked that mentor.
 *
 * <p>That is mentee-proposing deferred acceptance in which a mentor prefers the mentees who ranked them higher, so
 * the answer is stable under those preferences: no mentee and mentor would both rather be together. Mentors then
 * accept or decline each proposal in the hub, which re-runs this strategy for declined mentees with the declined
 * pairs no longer among the candidates — a mentee then moves on to their next choice.
 */
@Component(configurationPid = MenteeChoiceStrategy.PID)
@Designate(ocd = MenteeChoiceStrategy.Config.class)
public class MenteeChoiceStrategy implements MatchingStrategy {

    static final String PID = "io.mentorhub.strategy.mentee-choice";

    @ObjectClassDefinition(name = "Mentee-choice matching strategy")
    @interface Config {
        @AttributeDefinition(name = "Fall back to scores", description = "Offer mentees who ranked nobody, or whose "
                + "ranked mentors are all taken, the free candidate mentors by score. Off: only ranked choices are "
                + "proposed.")
        boolean fallbackToScores() default true;

        @AttributeDefinition(name = "Minimum fallback score", description = "A mentor the mentee did not rank is "
                + "offered only if the pair scores at least this. Ranked choices are always offered.", min = "0")
        int minimumFallbackScore() default 0;
    }

    private volatile MenteeProposing.Rules rules;

    @Activate
    public MenteeChoiceStrategy(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        if (config.minimumFallbackScore() < 0) {
            throw new IllegalArgumentException("minimumFallbackScore must be >= 0, was "
                    + config.minimumFallbackScore());
        }
        // A ranked candidate is always acceptable: the mentee chose it from their suggestions.
        this.rules = new MenteeProposing.Rules(true, Integer.MIN_VALUE, config.fallbackToScores(),
                config.minimumFallbackScore());
    }

    /** Mentors accept or decline each proposal; the hub re-matches mentees whose proposal was declined. */
    @Override
    public boolean mentorsConfirm() {
        return true;
    }

    @Override
    public String id() {
        return "mentee-choice";
    }

    @Override
    public String displayName() {
        return "Mentee choice (mentees rank suggested mentors)";
    }

    @Override
    public Set<ProgramFormat> formats() {
        return EnumSet.of(ProgramFormat.ONE_TO_ONE, ProgramFormat.REVERSE);
    }

    @Override
    public MatchResult match(MatchRequest request) {
        if (!formats().contains(request.format())) {
            throw new IllegalArgumentException("the mentee-choice strategy matches " + formats() + " programs, not "
                    + request.format());
        }
        MenteeProposing.Rules current = rules;
        MenteeProposing.Outcome outcome = MenteeProposing.run(request, current);
        List<Unmatched> unmatched = new ArrayList<>();
        for (MenteeProposing.Unplaced mentee : outcome.unplaced()) {
            unmatched.add(new Unmatched(mentee.menteeId(), reason(mentee, current)));
        }
        return new MatchResult(outcome.pairs(), unmatched);
    }

    /**
     * Why a mentee has no mentor, in words the mentee can read: what became of the mentors they ranked, then of
     * everyone else. Ranked mentors who are not candidates (declined, left the program, excluded by a rule) are
     * "no longer available"; those who are, were all taken by mentees they were ranked higher by or who scored higher.
     */
    static String reason(MenteeProposing.Unplaced mentee, MenteeProposing.Rules rules) {
        int ranked = mentee.rankingSize();
        int available = mentee.rankedAcceptable();
        int gone = ranked - available;
        int others = mentee.othersAcceptable() + mentee.othersWithheld();
        if (ranked == 0 && others == 0) {
            return "no mentor is a candidate for you";
        }
        String choices;
        if (ranked == 0) {
            choices = "you ranked no mentor";
        } else if (gone == 0) {
            choices = ranked == 1 ? "the mentor you ranked has no place left"
                    : "none of the " + ranked + " mentors you ranked has a place left";
        } else if (available == 0) {
            choices = ranked == 1 ? "the mentor you ranked is no longer available to you"
                    : "none of the " + ranked + " mentors you ranked is still available to you";
        } else {
            choices = "of the " + ranked + " mentors you ranked, " + gone + (gone == 1 ? " is" : " are")
                    + " no longer available to you and " + (available == 1 ? "the other has" : "the other " + available
                    + " have") + " no place left";
        }
        String other = ranked == 0 ? "" : "other ";
        String rest;
        if (!rules.fallback()) {
            rest = "this program proposes ranked choices only";
        } else if (others == 0) {
            rest = "you have no other candidate mentor";
        } else if (mentee.othersAcceptable() == 0) {
            rest = "no " + other + "candidate mentor scores at least " + rules.fallbackMinimum();
        } else {
            rest = "no " + other + "candidate mentor is free";
        }
        return choices + " and " + rest;
    }
}
