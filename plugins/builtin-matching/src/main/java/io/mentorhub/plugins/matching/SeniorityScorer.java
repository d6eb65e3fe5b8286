package io.mentorhub.plugins.matching;

import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.CompatibilityScorer;
import io.mentorhub.api.matching.MatchingPool;
import io.mentorhub.api.matching.Participant;
import org.osgi.service.component.annotations.Component;

/**
 * The grade gap between mentor and mentee ({@link Participant#level()}). The ideal is a mentor 1 to 3 levels above
 * the mentee; in REVERSE programs 1 to 3 levels below (the junior colleague mentors); in PEER programs the same
 * level. See {@link #directed} and {@link #peer} for the full tables. An unknown level on either side: neutral 50.
 */
@Component
public class SeniorityScorer implements CompatibilityScorer {

    static final int DEFAULT_WEIGHT = 15;

    /** Outside the int range, so no real level is mistaken for it. */
    private static final long UNKNOWN = Long.MIN_VALUE;

    @Override
    public String id() {
        return "seniority";
    }

    @Override
    public String displayName() {
        return "Seniority gap";
    }

    @Override
    public int defaultWeight() {
        return DEFAULT_WEIGHT;
    }

    /**
     * Score of a gap measured the way the format wants it (mentor above mentee, or below in REVERSE): 1..3 → 100,
     * 4 → 75, 5 → 50, 6 or more → 25 (a wide gap still helps, but the mentor may be far from the mentee's daily
     * work); 0 → 40, -1 → 15, -2 or less → 0.
     */
    static int directed(long gap) {
        if (gap >= 1 && gap <= 3) {
            return 100;
        }
        if (gap > 3) {
            return gap == 4 ? 75 : gap == 5 ? 50 : 25;
        }
        return gap == 0 ? 40 : gap == -1 ? 15 : 0;
    }

    /** Score of the distance between peers: 0 → 100, 1 → 70, 2 → 35, 3 or more → 0. */
    static int peer(long distance) {
        return distance == 0 ? 100 : distance == 1 ? 70 : distance == 2 ? 35 : 0;
    }

    @Override
    public Scoring prepare(MatchingPool pool) {
        Roster roster = Roster.of(pool);
        long[] levels = new long[roster.size()];
        for (Participant p : roster.people()) {
            levels[p.index()] = p.level() == null ? UNKNOWN : p.level();
        }
        return new Prepared(roster, levels);
    }

    private static final class Prepared implements Scoring {

        private final Roster roster;
        private final long[] levels;

        Prepared(Roster roster, long[] levels) {
            this.roster = roster;
            this.levels = levels;
        }

        @Override
        public int score(Participant mentor, Participant mentee) {
            long above = levels[roster.indexOf(mentor)];
            long below = levels[roster.indexOf(mentee)];
            if (above == UNKNOWN || below == UNKNOWN) {
                return Scores.NEUTRAL;
            }
            long gap = above - below;
            return switch (roster.format()) {
                case PEER -> peer(Math.abs(gap));
                case REVERSE -> directed(-gap);
                case ONE_TO_ONE, GROUP -> directed(gap);
            };
        }

        @Override
        public String reason(Participant mentor, Participant mentee) {
            roster.indexOf(mentor);
            roster.indexOf(mentee);
            if (mentor.level() == null && mentee.level() == null) {
                return "neither grade is known, so seniority counts as neutral";
            }
            if (mentor.level() == null || mentee.level() == null) {
                return (mentor.level() == null ? "the mentor's" : "your") + " grade is not known, so seniority"
                        + " counts as neutral";
            }
            long gap = (long) mentor.level() - mentee.level();
            if (roster.format() == ProgramFormat.PEER) {
                return (gap == 0 ? "you are at the same level" : "you are " + Text.count(Math.abs(gap), "level",
                        "levels") + " apart") + " (the same level is ideal for peers)";
            }
            String relation = gap == 0 ? "the mentor is at your level"
                    : "the mentor is " + Text.count(Math.abs(gap), "level", "levels") + (gap > 0 ? " above" : " below")
                            + " you";
            return relation + (roster.format() == ProgramFormat.REVERSE
                    ? " (1 to 3 levels below is ideal in reverse mentoring)"
                    : " (1 to 3 levels above is ideal)");
        }
    }
}
