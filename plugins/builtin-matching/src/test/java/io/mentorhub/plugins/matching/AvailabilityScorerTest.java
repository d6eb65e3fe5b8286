package io.mentorhub.plugins.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.CompatibilityScorer.Scoring;
import io.mentorhub.api.matching.Participant;
import org.junit.jupiter.api.Test;

class AvailabilityScorerTest {

    private final AvailabilityScorer scorer = new AvailabilityScorer();

    @Test
    void standardOffsetsInQuarterHoursWithoutDaylightSaving() {
        assertEquals(-20, AvailabilityScorer.offsetQuarters("America/New_York"));
        assertEquals(4, AvailabilityScorer.offsetQuarters("Europe/Paris"));
        assertEquals(22, AvailabilityScorer.offsetQuarters("Asia/Kolkata"));
        assertEquals(23, AvailabilityScorer.offsetQuarters("Asia/Kathmandu"));
        assertEquals(0, AvailabilityScorer.offsetQuarters("UTC"));
    }

    @Test
    void sameZoneSlotsWorkingHoursAndTime() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentor = b.mentor("ada").zone("Europe/Paris").availability(4, "MON_AM", "TUE_PM").add();
        Participant mentee = b.mentee("cy").zone("Europe/Berlin").availability(6, "MON_AM", "WED_AM").add();
        Scoring scoring = scorer.prepare(b.pool());
        // MON_AM in common: 4 of the mentee's 8 hours → 0.5; same clock; 4 hours a month each.
        assertEquals(75, scoring.score(mentor, mentee));
        assertEquals("about 4 hours a week of common availability; working hours overlap 8 of 8 hours;"
                + " you can both give at least 4 hours a month", scoring.reason(mentor, mentee));
    }

    @Test
    void slotsAreComparedInUtcAcrossTimeZones() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant tokyo = b.mentor("ada").zone("Asia/Tokyo").availability(8, "MON_AM", "MON_PM").add();
        Participant paris = b.mentee("cy").zone("Europe/Paris").availability(8, "MON_AM").add();
        Scoring scoring = scorer.prepare(b.pool());
        // Tokyo MON 12-17 is 03-08 UTC, Paris MON 08-12 is 07-11 UTC: one hour of the mentee's four in common;
        // the two 9-to-5 days are 8 hours apart and do not overlap.
        assertEquals(33, scoring.score(tokyo, paris)); // 50 × 0.25 + 30 × 0 + 20 × 1 = 32.5
        assertEquals("about 1 hour a week of common availability; working hours do not overlap;"
                + " you can both give at least 8 hours a month", scoring.reason(tokyo, paris));
    }

    @Test
    void theWeekWrapsAroundInUtc() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        // Sunday 17-21 in New York is Sunday 22:00 to Monday 02:00 UTC; Monday 08-12 in Auckland is Sunday 20-24 UTC.
        Participant newYork = b.mentor("ada").zone("America/New_York").availability(2, "SUN_EVE").add();
        Participant auckland = b.mentee("cy").zone("Pacific/Auckland").availability(8, "MON_AM").add();
        Scoring scoring = scorer.prepare(b.pool());
        // 2 of 4 hours in common → 0.5; working days 14-22 and 21-05 UTC share 1 hour → 1/8; 2 of 4 hours a month.
        assertEquals(39, scoring.score(newYork, auckland)); // 25 + 3.75 + 10 = 38.75
        assertEquals("about 2 hours a week of common availability; working hours overlap 1 of 8 hours;"
                + " you can both give at least 2 hours a month", scoring.reason(newYork, auckland));
    }

    @Test
    void halfHourZonesOverlapInQuarterHours() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant london = b.mentor("ada").zone("Europe/London").add();
        Participant india = b.mentee("cy").zone("Asia/Kolkata").add();
        Scoring scoring = scorer.prepare(b.pool());
        // 09-17 in London and in Kolkata (+5:30) share 2.5 hours; slots and hours unknown count half.
        assertEquals(44, scoring.score(london, india)); // 25 + 30 × 2.5 / 8 + 10 = 44.375
        assertEquals("neither of you gave availability slots; working hours overlap 2.5 of 8 hours;"
                + " neither of you gave hours per month", scoring.reason(london, india));
    }

    @Test
    void unknownOrUnrecognisedZoneComparesSlotsAsWritten() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant unknown = b.mentor("ada").availability(4, "MON_AM").add();
        Participant unrecognised = b.mentor("bo").zone("Mars/Olympus_Mons").availability(4, "MON_AM").add();
        Participant tokyo = b.mentee("cy").zone("Asia/Tokyo").availability(4, "MON_AM").add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(85, scoring.score(unknown, tokyo)); // 50 + 30 × 0.5 + 20
        assertEquals(85, scoring.score(unrecognised, tokyo));
        assertEquals("about 4 hours a week of common availability; time zone unknown for the mentor;"
                + " you can both give at least 4 hours a month", scoring.reason(unrecognised, tokyo));
    }

    @Test
    void nothingKnownIsNeutral() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.ONE_TO_ONE);
        Participant mentor = b.mentor("ada").add();
        Participant mentee = b.mentee("cy").add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(50, scoring.score(mentor, mentee));
        assertEquals("neither of you gave availability slots; time zone unknown for both of you;"
                + " neither of you gave hours per month", scoring.reason(mentor, mentee));
    }

    @Test
    void noHoursToGiveCountsAgainst() {
        PoolBuilder b = new PoolBuilder(ProgramFormat.PEER);
        Participant ann = b.peer("ann").zone("UTC").availability(0).add();
        Participant bea = b.peer("bea").zone("UTC").availability(10, "FRI_PM").add();
        Scoring scoring = scorer.prepare(b.pool());
        assertEquals(55, scoring.score(ann, bea)); // 25 + 30 + 0
        assertEquals(scoring.score(ann, bea), scoring.score(bea, ann));
        assertEquals("the mentor gave no availability slots; working hours overlap 8 of 8 hours;"
                + " one of you has no hours a month to give", scoring.reason(ann, bea));
    }
}
