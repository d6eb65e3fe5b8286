package io.mentorhub.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.domain.Program;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MetricsQueryTest {

    @Test
    void readsDatesCohortAndBreakdown() {
        MetricsQuery query = MetricsQuery.parse("2027-01-01", "2027-06-30", "2026-12", "QUARTER");
        assertEquals(new MetricsQuery(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 6, 30), YearMonth.of(2026, 12),
                Period.Breakdown.QUARTER), query);
        assertEquals(new MetricsQuery(null, null, null, Period.Breakdown.MONTH), MetricsQuery.parse(null, null, null,
                null));
    }

    @Test
    void refusesWhatIsNotADateAMonthOrABreakdown() {
        for (String[] bad : new String[][] {{"2027-1-1", null}, {"2027-02-30", null}, {"27-01-01", null},
                {"2027-01-01T00:00:00Z", null}, {"", null}, {null, "tomorrow"}, {null, "+2027-01-01"}}) {
            MetricsQuery.Invalid refused = assertThrows(MetricsQuery.Invalid.class,
                    () -> MetricsQuery.parse(bad[0], bad[1], null, null));
            assertEquals("invalid-parameter", refused.code());
        }
        for (String cohort : new String[] {"2027-13", "2027", "2027-1", "january"}) {
            assertEquals("invalid-parameter", assertThrows(MetricsQuery.Invalid.class,
                    () -> MetricsQuery.parse(null, null, cohort, null)).code());
        }
        assertThrows(MetricsQuery.Invalid.class, () -> MetricsQuery.parse(null, null, null, "week"));
    }

    @Test
    void fromMustNotBeAfterToAndThePeriodIsAtMostTenYears() {
        MetricsQuery.Invalid reversed = assertThrows(MetricsQuery.Invalid.class,
                () -> MetricsQuery.parse("2027-07-01", "2027-06-30", null, null));
        assertTrue(reversed.getMessage().contains("from (2027-07-01) is after to (2027-06-30)"), reversed.getMessage());
        MetricsQuery.parse("2027-06-30", "2027-06-30", null, null);
        assertThrows(MetricsQuery.Invalid.class, () -> MetricsQuery.parse("2017-01-01", "2027-06-30", null, null));
    }

    @Test
    void onlyFromGivenAfterTheProgramEndIsRefused() {
        Program program = MetricsDataSet.program(UUID.randomUUID().toString(), "Program");
        MetricsQuery late = MetricsQuery.parse("2028-03-01", null, null, null);
        MetricsQuery.Invalid refused = assertThrows(MetricsQuery.Invalid.class,
                () -> late.period(program, LocalDate.of(2028, 6, 1)));
        assertTrue(refused.getMessage().contains("after the program's end (2027-12-31)"), refused.getMessage());
        // With to given, any period goes (e.g. retention a year after the program).
        assertEquals(new Period(LocalDate.of(2028, 3, 1), LocalDate.of(2028, 12, 31)),
                MetricsQuery.parse("2028-03-01", "2028-12-31", null, null).period(program, LocalDate.of(2028, 6, 1)));
        // Only to given: from the program's launch.
        assertEquals(new Period(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 3, 31)),
                MetricsQuery.parse(null, "2027-03-31", null, null).period(program, LocalDate.of(2028, 6, 1)));
        // Only to given, before the launch.
        assertThrows(MetricsQuery.Invalid.class, () -> MetricsQuery.parse(null, "2026-12-31", null, null)
                .period(program, LocalDate.of(2028, 6, 1)));
    }
}
