package io.mentorhub.api.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.domain.InvalidValueException;
import io.mentorhub.api.domain.Program.SurveyPlan;
import io.mentorhub.api.domain.Program.SurveyTrigger;
import io.mentorhub.api.survey.SurveySchedule.Event;
import io.mentorhub.api.survey.SurveySchedule.Occurrence;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SurveyScheduleTest {

    static final LocalDate PAIRED = LocalDate.of(2026, 1, 10);

    @Test
    void thirtyDaysAfterPairingThenEverySixtyDays() {
        var plan = new SurveyPlan(SurveyKind.QUARTERLY_PULSE, SurveyTrigger.PAIRING_STARTED, 30, 60);
        List<Occurrence> due = SurveySchedule.occurrences(List.of(plan),
                List.of(Event.pairingStarted("p-1", PAIRED, null)), LocalDate.of(2026, 8, 1));
        assertEquals(List.of(LocalDate.of(2026, 2, 9), LocalDate.of(2026, 4, 10), LocalDate.of(2026, 6, 9)),
                due.stream().map(Occurrence::on).toList());
        assertEquals(List.of(0, 1, 2), due.stream().map(Occurrence::sequence).toList());
        assertTrue(due.stream().allMatch(o -> "p-1".equals(o.pairingId()) && o.sessionId() == null));
    }

    @Test
    void quarterlyFromDevelopmentStartIsProgramWideAndStopsAtTheProgramsEnd() {
        var plan = new SurveyPlan(SurveyKind.QUARTERLY_PULSE, SurveyTrigger.DEVELOPMENT_STARTED, 0, 91);
        LocalDate start = LocalDate.of(2026, 3, 2); // a Monday
        LocalDate end = LocalDate.of(2026, 12, 31);
        List<Occurrence> due = SurveySchedule.occurrences(List.of(plan),
                List.of(Event.developmentStarted(start, end)), LocalDate.of(2030, 1, 1));
        assertEquals(List.of(start, start.plusDays(91), start.plusDays(182), start.plusDays(273)),
                due.stream().map(Occurrence::on).toList());
        assertTrue(due.stream().allMatch(o -> o.pairingId() == null && o.on().getDayOfWeek() == start.getDayOfWeek()));
    }

    @Test
    void untilIsInclusiveAndNothingFallsAfterIt() {
        var plan = new SurveyPlan(SurveyKind.NPS, SurveyTrigger.PAIRING_STARTED, 30, null);
        var event = Event.pairingStarted("p-1", PAIRED, null);
        assertEquals(1, SurveySchedule.occurrences(List.of(plan), List.of(event), PAIRED.plusDays(30)).size());
        assertEquals(0, SurveySchedule.occurrences(List.of(plan), List.of(event), PAIRED.plusDays(29)).size());
    }

    @Test
    void aClosedPairingGetsNoSurveyAfterItClosed() {
        var plan = new SurveyPlan(SurveyKind.QUARTERLY_PULSE, SurveyTrigger.PAIRING_STARTED, 30, 60);
        var closedEarly = Event.pairingStarted("p-1", PAIRED, PAIRED.plusDays(20));
        assertEquals(List.of(), SurveySchedule.occurrences(List.of(plan), List.of(closedEarly), PAIRED.plusYears(1)));
        var closedLater = Event.pairingStarted("p-2", PAIRED, PAIRED.plusDays(90));
        assertEquals(List.of(PAIRED.plusDays(30), PAIRED.plusDays(90)), SurveySchedule
                .occurrences(List.of(plan), List.of(closedLater), PAIRED.plusYears(1)).stream().map(Occurrence::on).toList());
    }

    @Test
    void eachSessionGetsItsReflectionAndTheFirstSessionFitComesFromThePairing() {
        var reflection = new SurveyPlan(SurveyKind.POST_SESSION, SurveyTrigger.SESSION_HELD, 0, null);
        var fit = new SurveyPlan(SurveyKind.FIRST_SESSION_FIT, SurveyTrigger.PAIRING_STARTED, 14, null);
        var completion = new SurveyPlan(SurveyKind.PROGRAM_COMPLETION, SurveyTrigger.PROGRAM_COMPLETED, 1, null);
        List<Event> events = List.of(Event.pairingStarted("p-1", PAIRED, null),
                Event.sessionHeld("p-1", "s-1", PAIRED.plusDays(3), null),
                Event.sessionHeld("p-1", "s-2", PAIRED.plusDays(17), null),
                Event.programCompleted(PAIRED.plusDays(300)));
        List<Occurrence> due = SurveySchedule.occurrences(List.of(reflection, fit, completion), events,
                PAIRED.plusDays(400));
        assertEquals(List.of("POST_SESSION s-1 " + PAIRED.plusDays(3), "FIRST_SESSION_FIT null " + PAIRED.plusDays(14),
                "POST_SESSION s-2 " + PAIRED.plusDays(17), "PROGRAM_COMPLETION null " + PAIRED.plusDays(301)),
                due.stream().map(o -> o.kind() + " " + o.sessionId() + " " + o.on()).toList());
    }

    @Test
    void keysAreDistinctStableAndIgnoreDates() {
        var pulse = new SurveyPlan(SurveyKind.QUARTERLY_PULSE, SurveyTrigger.PAIRING_STARTED, 30, 60);
        var second = new SurveyPlan(SurveyKind.QUARTERLY_PULSE, SurveyTrigger.PAIRING_STARTED, 45, 60);
        List<Occurrence> due = SurveySchedule.occurrences(List.of(pulse, second),
                List.of(Event.pairingStarted("p-1", PAIRED, null), Event.pairingStarted("p-2", PAIRED, null)),
                PAIRED.plusYears(1));
        Set<String> keys = new HashSet<>();
        due.forEach(o -> assertTrue(keys.add(o.key()), "duplicate key " + o.key()));
        assertEquals("QUARTERLY_PULSE|PAIRING_STARTED+30|p-1||0", due.get(0).key());
        // A corrected start date moves the surveys still to come but keeps their keys.
        List<Occurrence> moved = SurveySchedule.occurrences(List.of(pulse),
                List.of(Event.pairingStarted("p-1", PAIRED.plusDays(5), null)), PAIRED.plusYears(1));
        assertEquals(SurveySchedule.occurrences(List.of(pulse), List.of(Event.pairingStarted("p-1", PAIRED, null)),
                PAIRED.plusYears(1)).stream().map(Occurrence::key).toList().subList(0, moved.size()),
                moved.stream().map(Occurrence::key).toList());
    }

    @Test
    void inputOrderAndRepeatedEventsDoNotChangeTheAnswer() {
        var plans = List.of(new SurveyPlan(SurveyKind.POST_SESSION, SurveyTrigger.SESSION_HELD, 0, null),
                new SurveyPlan(SurveyKind.QUARTERLY_PULSE, SurveyTrigger.PAIRING_STARTED, 30, 60),
                new SurveyPlan(SurveyKind.NPS, SurveyTrigger.DEVELOPMENT_STARTED, 90, 180));
        List<Event> events = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            events.add(Event.pairingStarted("p-" + p, PAIRED.plusDays(p), null));
            for (int s = 0; s < 4; s++) {
                events.add(Event.sessionHeld("p-" + p, "s-" + p + "-" + s, PAIRED.plusDays(p + 14L * s), null));
            }
        }
        events.add(Event.developmentStarted(PAIRED, PAIRED.plusYears(1)));
        List<Occurrence> expected = SurveySchedule.occurrences(plans, events, PAIRED.plusYears(2));
        for (long seed = 1; seed <= 20; seed++) {
            List<Event> shuffled = new ArrayList<>(events);
            shuffled.add(events.get((int) (seed % events.size())));
            Collections.shuffle(shuffled, new Random(seed));
            List<SurveyPlan> plansShuffled = new ArrayList<>(plans);
            Collections.shuffle(plansShuffled, new Random(seed));
            assertEquals(expected, SurveySchedule.occurrences(plansShuffled, shuffled, PAIRED.plusYears(2)));
        }
    }

    @Test
    void refusesContradictoryEventsAndUnboundedHorizons() {
        var plan = new SurveyPlan(SurveyKind.QUARTERLY_PULSE, SurveyTrigger.SESSION_HELD, 0, 7);
        var twice = List.of(Event.pairingStarted("p-1", PAIRED, null), Event.pairingStarted("p-1", PAIRED.plusDays(1), null));
        var e = assertThrows(IllegalArgumentException.class, () -> SurveySchedule.occurrences(List.of(plan), twice, PAIRED));
        assertTrue(e.getMessage().contains("p-1"), e.getMessage());
        List<Event> sessions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sessions.add(Event.sessionHeld("p-1", "s-" + i, PAIRED, null));
        }
        assertThrows(IllegalArgumentException.class,
                () -> SurveySchedule.occurrences(List.of(plan), sessions, LocalDate.of(2999, 1, 1)));
    }

    @Test
    void eventsSayWhatTheyBelongTo() {
        assertThrows(InvalidValueException.class,
                () -> new Event(SurveyTrigger.PAIRING_STARTED, PAIRED, null, null, null));
        assertThrows(InvalidValueException.class,
                () -> new Event(SurveyTrigger.DEVELOPMENT_STARTED, PAIRED, "p-1", null, null));
        assertThrows(InvalidValueException.class,
                () -> new Event(SurveyTrigger.SESSION_HELD, PAIRED, "p-1", null, null));
        assertThrows(InvalidValueException.class,
                () -> new Event(SurveyTrigger.PAIRING_STARTED, PAIRED, "p-1", "s-1", null));
        assertThrows(InvalidValueException.class, () -> Event.pairingStarted("p-1", PAIRED, PAIRED.minusDays(1)));
    }
}
