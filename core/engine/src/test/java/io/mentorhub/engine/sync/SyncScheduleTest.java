package io.mentorhub.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SyncScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant ACTIVE = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void anIntervalCountsFromTheLastScheduledRunAndStartsAtOnceWithoutOne() {
        SyncSchedule every = SyncSchedule.parse("15m");
        assertEquals(ACTIVE, every.due(null, ACTIVE, BERLIN));
        assertEquals(Instant.parse("2026-03-10T12:20:00Z"), every.due(Instant.parse("2026-03-10T12:05:00Z"), ACTIVE,
                BERLIN));
        assertEquals("15m", every.toString());
    }

    @Test
    void dailyIsTheNextTimeOfDayInTheHubsZoneAndCatchesUpAMissedDay() {
        SyncSchedule daily = SyncSchedule.parse("daily 02:00");
        // 02:00 in Berlin is 01:00 UTC in March (before summer time).
        assertEquals(Instant.parse("2026-03-11T01:00:00Z"), daily.due(null, ACTIVE, BERLIN));
        assertEquals(Instant.parse("2026-03-11T01:00:00Z"), daily.due(Instant.parse("2026-03-10T01:00:00Z"), ACTIVE,
                BERLIN));
        Instant missed = daily.due(Instant.parse("2026-03-08T01:00:00Z"), ACTIVE, BERLIN);
        assertTrue(missed.isBefore(ACTIVE), "a run missed while the hub was down is due at once");
    }

    @Test
    void offAndNonsense() {
        assertNull(SyncSchedule.parse("off").due(null, ACTIVE, BERLIN));
        for (String bad : new String[] {"sometimes", "daily 25:00", "0s", "-5m", "15 minutes"}) {
            assertThrows(IllegalArgumentException.class, () -> SyncSchedule.parse(bad), bad);
        }
        assertEquals("6h", SyncSchedule.parse("PT6H").toString());
    }
}
