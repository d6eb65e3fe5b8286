package io.mentorhub.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeriodTest {

    static LocalDate d(String text) {
        return LocalDate.parse(text);
    }

    @Test
    void aPairingLiveAWholeMonthIsOnePairingMonth() {
        Period year = new Period(d("2027-01-01"), d("2027-12-31"));
        assertEquals(1.0, year.months(d("2027-02-01"), d("2027-02-28")), 1e-12);
        // 16 to 31 January: 16 of 31 days.
        assertEquals(16 / 31.0, year.months(d("2027-01-16"), d("2027-01-31")), 1e-12);
        // Open-ended from 10 May: May 22/31, then June to December.
        assertEquals(22 / 31.0 + 7, year.months(d("2027-05-10"), null), 1e-12);
        // Leap February.
        assertEquals(14 / 29.0, new Period(d("2028-02-01"), d("2028-02-29")).months(d("2028-02-16"), null), 1e-12);
    }

    @Test
    void pairingMonthsAreClippedToThePeriod() {
        Period march = new Period(d("2027-03-10"), d("2027-03-20"));
        // Live all of March, but only 11 days of it fall in the period.
        assertEquals(11 / 31.0, march.months(d("2027-01-01"), null), 1e-12);
        assertEquals(0, march.months(d("2027-04-01"), null), 1e-12);
        assertEquals(0, march.overlapDays(d("2027-01-01"), d("2027-03-09")));
        assertEquals(1, march.overlapDays(d("2027-01-01"), d("2027-03-10")));
    }

    @Test
    void splitsIntoClippedMonthsAndQuarters() {
        Period period = new Period(d("2027-02-10"), d("2027-07-05"));
        assertEquals(List.of(
                new Period.Bucket("2027-Q1", new Period(d("2027-02-10"), d("2027-03-31"))),
                new Period.Bucket("2027-Q2", new Period(d("2027-04-01"), d("2027-06-30"))),
                new Period.Bucket("2027-Q3", new Period(d("2027-07-01"), d("2027-07-05")))),
                period.split(Period.Breakdown.QUARTER));
        List<Period.Bucket> months = period.split(Period.Breakdown.MONTH);
        assertEquals(6, months.size());
        assertEquals(new Period.Bucket("2027-02", new Period(d("2027-02-10"), d("2027-02-28"))), months.get(0));
        assertEquals(new Period.Bucket("2027-07", new Period(d("2027-07-01"), d("2027-07-05"))), months.get(5));
    }

    @Test
    void instantsAreUtcDayBoundaries() {
        Period day = new Period(d("2027-03-31"), d("2027-03-31"));
        assertEquals("2027-03-31T00:00:00Z", day.start().toString());
        assertEquals("2027-04-01T00:00:00Z", day.endExclusive().toString());
        assertEquals(1, day.days());
    }

    @Test
    void aPeriodCannotEndBeforeItStarts() {
        assertThrows(IllegalArgumentException.class, () -> new Period(d("2027-02-01"), d("2027-01-31")));
    }
}
