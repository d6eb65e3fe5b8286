package io.mentorhub.plugins.matching;

import io.mentorhub.api.domain.Enrollment.LearningStyle;
import io.mentorhub.api.matching.CompatibilityScorer;
import io.mentorhub.api.matching.MatchingPool;
import io.mentorhub.api.matching.Participant;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;

/**
 * Whether two people like to learn the same way: the same style scores 100, a compatible pair 60, any other pair
 * 30 ({@link #MATRIX}); a style not given on either side: neutral 50. Symmetric, so PEER needs nothing special.
 */
@Component
public class LearningStyleScorer implements CompatibilityScorer {

    static final int DEFAULT_WEIGHT = 10;

    static final int SAME = 100;
    static final int COMPATIBLE = 60;
    static final int DIFFERENT = 30;

    /**
     * Indexed by {@link LearningStyle#ordinal()}: HANDS_ON, CONVERSATIONAL, STRUCTURED, REFLECTIVE. Compatible:
     * hands-on + structured (practice along a clear plan), conversational + reflective (thinking things through by
     * talking them over), structured + reflective (prepared, considered sessions).
     */
    static final int[][] MATRIX = {
        {SAME, DIFFERENT, COMPATIBLE, DIFFERENT},
        {DIFFERENT, SAME, DIFFERENT, COMPATIBLE},
        {COMPATIBLE, DIFFERENT, SAME, COMPATIBLE},
        {DIFFERENT, COMPATIBLE, COMPATIBLE, SAME},
    };

    @Override
    public String id() {
        return "learning-style";
    }

    @Override
    public String displayName() {
        return "Learning style";
    }

    @Override
    public int defaultWeight() {
        return DEFAULT_WEIGHT;
    }

    @Override
    public Scoring prepare(MatchingPool pool) {
        Roster roster = Roster.of(pool);
        byte[] styles = new byte[roster.size()];
        for (Participant p : roster.people()) {
            LearningStyle style = p.profile().learningStyle();
            styles[p.index()] = (byte) (style == null ? -1 : style.ordinal());
        }
        return new Prepared(roster, styles);
    }

    private static String words(LearningStyle style) {
        return style.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static final class Prepared implements Scoring {

        private final Roster roster;
        private final byte[] styles;

        Prepared(Roster roster, byte[] styles) {
            this.roster = roster;
            this.styles = styles;
        }

        @Override
        public int score(Participant mentor, Participant mentee) {
            int a = styles[roster.indexOf(mentor)];
            int b = styles[roster.indexOf(mentee)];
            return a < 0 || b < 0 ? Scores.NEUTRAL : MATRIX[a][b];
        }

        @Override
        public String reason(Participant mentor, Participant mentee) {
            int score = score(mentor, mentee);
            LearningStyle a = mentor.profile().learningStyle();
            LearningStyle b = mentee.profile().learningStyle();
            if (a == null && b == null) {
                return "neither of you gave a learning style, so it counts as neutral";
            }
            if (a == null || b == null) {
                return (a == null ? "the mentor" : "you") + " gave no learning style, so it counts as neutral";
            }
            if (a == b) {
                return "you both prefer " + words(a) + " learning";
            }
            return words(a) + " and " + words(b) + " learning styles "
                    + (score == COMPATIBLE ? "work well together" : "differ");
        }
    }
}
