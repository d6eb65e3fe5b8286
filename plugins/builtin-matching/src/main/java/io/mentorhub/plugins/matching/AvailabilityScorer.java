package io.mentorhub.plugins.matching;

import io.mentorhub.api.domain.Enrollment.Availability;
import io.mentorhub.api.matching.CompatibilityScorer;
import io.mentorhub.api.matching.MatchingPool;
import io.mentorhub.api.matching.Participant;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Whether two people can find time together, from three parts, each 0..1 (0.5 when unknown on either side):
 * <ul>
 * <li>slots (weight 50): the share of the scarcer person's availability slots the other also has, compared on one
 * weekly clock of quarter hours in UTC (AM is 08–12, PM 12–17, EVE 17–21 local time), so MON_AM in Tokyo and
 * MON_AM in Paris do not count as common. When either time zone is unknown the slots are compared as written;</li>
 * <li>working hours (weight 30): how much of two 09–17 working days overlap given the two time zones,
 * {@code max(0, 8h - clock distance) / 8h};</li>
 * <li>time (weight 20): the hours per month both can give, against a monthly hour of mentoring per week:
 * {@code min(4, smaller hours) / 4}.</li>
 * </ul>
 * Score: {@code round(50 × slots + 30 × working hours + 20 × time)}. Time zones are read without a clock: the
 * zone's standard offset (no daylight saving) at {@link #REFERENCE}, to the nearest quarter hour; a zone this JVM
 * does not know counts as unknown (zones are validated when stored, but another node's tz data may be newer).
 */
@Component
public class AvailabilityScorer implements CompatibilityScorer {

    static final int DEFAULT_WEIGHT = 20;

    /** The fixed instant standard offsets are read at, so scores never depend on when a run happens. */
    static final Instant REFERENCE = Instant.parse("2025-01-01T00:00:00Z");

    static final int QUARTERS_PER_DAY = 96;
    static final int QUARTERS_PER_WEEK = 7 * QUARTERS_PER_DAY;
    static final int WORDS = (QUARTERS_PER_WEEK + 63) / 64;
    static final int WORKING_DAY = 8 * 4;
    static final int ENOUGH_HOURS = 4;
    private static final int UNKNOWN = Integer.MIN_VALUE;
    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    @Override
    public String id() {
        return "availability";
    }

    @Override
    public String displayName() {
        return "Availability and time zones";
    }

    @Override
    public int defaultWeight() {
        return DEFAULT_WEIGHT;
    }

    /** The standard offset of a zone in quarter hours, or UNKNOWN. */
    static int offsetQuarters(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return UNKNOWN;
        }
        try {
            int seconds = ZoneId.of(timeZone.strip()).getRules().getStandardOffset(REFERENCE).getTotalSeconds();
            return Math.round(seconds / 900f);
        } catch (DateTimeException e) {
            return UNKNOWN;
        }
    }

    @Override
    public Scoring prepare(MatchingPool pool) {
        Roster roster = Roster.of(pool);
        int n = roster.size();
        long[] local = new long[n * WORDS];
        long[] utc = new long[n * WORDS];
        int[] slotQuarters = new int[n];
        int[] offsets = new int[n];
        int[] hours = new int[n];
        for (Participant p : roster.people()) {
            int i = p.index();
            offsets[i] = offsetQuarters(p.timeZone());
            Availability availability = p.profile().availability();
            hours[i] = availability == null ? UNKNOWN : availability.hoursPerMonth();
            if (availability == null) {
                continue;
            }
            int shift = offsets[i] == UNKNOWN ? 0 : offsets[i];
            for (String slot : availability.slots()) {
                int day = DAYS.indexOf(slot.substring(0, 3));
                String part = slot.substring(4);
                int from = part.equals("AM") ? 8 * 4 : part.equals("PM") ? 12 * 4 : 17 * 4;
                int to = part.equals("AM") ? 12 * 4 : part.equals("PM") ? 17 * 4 : 21 * 4;
                for (int q = day * QUARTERS_PER_DAY + from; q < day * QUARTERS_PER_DAY + to; q++) {
                    set(local, i, q);
                    set(utc, i, Math.floorMod(q - shift, QUARTERS_PER_WEEK));
                }
            }
            slotQuarters[i] = common(local, i, local, i);
        }
        return new Prepared(roster, local, utc, slotQuarters, offsets, hours);
    }

    private static void set(long[] masks, int person, int quarter) {
        masks[person * WORDS + (quarter >>> 6)] |= 1L << (quarter & 63);
    }

    private static int common(long[] a, int i, long[] b, int j) {
        int count = 0;
        for (int w = 0; w < WORDS; w++) {
            count += Long.bitCount(a[i * WORDS + w] & b[j * WORDS + w]);
        }
        return count;
    }

    private static final class Prepared implements Scoring {

        private final Roster roster;
        private final long[] local;
        private final long[] utc;
        private final int[] slotQuarters;
        private final int[] offsets;
        private final int[] hours;

        Prepared(Roster roster, long[] local, long[] utc, int[] slotQuarters, int[] offsets, int[] hours) {
            this.roster = roster;
            this.local = local;
            this.utc = utc;
            this.slotQuarters = slotQuarters;
            this.offsets = offsets;
            this.hours = hours;
        }

        @Override
        public int score(Participant mentor, Participant mentee) {
            int m = roster.indexOf(mentor);
            int e = roster.indexOf(mentee);
            double slots = 0.5;
            int fewer = Math.min(slotQuarters[m], slotQuarters[e]);
            if (fewer > 0) {
                slots = (double) commonQuarters(m, e) / fewer;
            }
            double working = 0.5;
            if (offsets[m] != UNKNOWN && offsets[e] != UNKNOWN) {
                working = (double) workingOverlap(m, e) / WORKING_DAY;
            }
            double time = 0.5;
            if (hours[m] != UNKNOWN && hours[e] != UNKNOWN) {
                time = (double) Math.min(ENOUGH_HOURS, Math.min(hours[m], hours[e])) / ENOUGH_HOURS;
            }
            return (int) Math.round(50 * slots + 30 * working + 20 * time);
        }

        private int commonQuarters(int m, int e) {
            boolean zonesKnown = offsets[m] != UNKNOWN && offsets[e] != UNKNOWN;
            return zonesKnown ? common(utc, m, utc, e) : common(local, m, local, e);
        }

        /** Quarter hours two 09–17 days share, by the distance of the two zones on a 24-hour clock. */
        private int workingOverlap(int m, int e) {
            int distance = Math.floorMod(offsets[m] - offsets[e], QUARTERS_PER_DAY);
            distance = Math.min(distance, QUARTERS_PER_DAY - distance);
            return Math.max(0, WORKING_DAY - distance);
        }

        @Override
        public String reason(Participant mentor, Participant mentee) {
            int m = roster.indexOf(mentor);
            int e = roster.indexOf(mentee);
            List<String> parts = new ArrayList<>();
            if (slotQuarters[m] > 0 && slotQuarters[e] > 0) {
                int common = commonQuarters(m, e);
                parts.add(common == 0 ? "no common availability slots"
                        : common < 4 ? "under an hour a week of common availability"
                        : "about " + Text.count(Math.round(common / 4f), "hour", "hours")
                                + " a week of common availability");
            } else {
                parts.add(missing(slotQuarters[m] == 0, slotQuarters[e] == 0, "availability slots"));
            }
            if (offsets[m] != UNKNOWN && offsets[e] != UNKNOWN) {
                int overlap = workingOverlap(m, e);
                parts.add(overlap == 0 ? "working hours do not overlap"
                        : "working hours overlap " + hours(overlap) + " of 8 hours");
            } else {
                parts.add("time zone unknown for " + (offsets[m] == UNKNOWN && offsets[e] == UNKNOWN ? "both of you"
                        : offsets[m] == UNKNOWN ? "the mentor" : "you"));
            }
            if (hours[m] != UNKNOWN && hours[e] != UNKNOWN) {
                int both = Math.min(hours[m], hours[e]);
                parts.add(both == 0 ? "one of you has no hours a month to give"
                        : "you can both give at least " + Text.count(both, "hour", "hours") + " a month");
            } else {
                parts.add(missing(hours[m] == UNKNOWN, hours[e] == UNKNOWN, "hours per month"));
            }
            return String.join("; ", parts);
        }

        private static String missing(boolean mentor, boolean mentee, String what) {
            String who = mentor && mentee ? "neither of you gave " : mentor ? "the mentor gave no " : "you gave no ";
            return who + what;
        }

        private static String hours(int quarters) {
            return quarters % 4 == 0 ? String.valueOf(quarters / 4) : String.valueOf(quarters / 4f);
        }
    }
}
