package io.mentorhub.api.survey;

import io.mentorhub.api.domain.InvalidValueException;
import io.mentorhub.api.domain.Program.SurveyPlan;
import io.mentorhub.api.domain.Program.SurveyTrigger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * When a program's surveys fall due: a pure function (no clock, no I/O) from the program's
 * {@link io.mentorhub.api.domain.Program#surveySchedule() survey plans} and the dated events so far to every
 * survey occurrence up to a date. The hub runs it as often as it likes and creates one invitation batch per
 * occurrence it has not seen, by {@link Occurrence#key()}.
 *
 * <p>A plan fires for each event of its trigger: first {@code offsetDays} after the event, then, if it repeats, every
 * {@code repeatEveryDays} — "30 days after pairing, then every 60 days" is {@code PAIRING_STARTED, 30, 60};
 * "quarterly from development start" is {@code DEVELOPMENT_STARTED, 0, 91} (13 weeks, so the weekday holds).
 * Occurrences stop after the event's {@link Event#endsOn()} (the pairing closed, the program ended) and after
 * {@code until}.
 */
public final class SurveySchedule {

    /** More than this many occurrences means the horizon is far beyond any program: refused, not computed. */
    public static final int MAX_OCCURRENCES = 100_000;

    private SurveySchedule() {
    }

    /**
     * Every occurrence on or before {@code until}, ordered by date, then kind, pairing, session and sequence. An
     * event listed twice counts once; two different events for the same trigger and pairing (or session, or
     * program) are refused, since one of them must be wrong.
     */
    public static List<Occurrence> occurrences(List<SurveyPlan> plans, List<Event> events, LocalDate until) {
        Objects.requireNonNull(plans, "plans");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(until, "until");
        Set<Event> distinct = new LinkedHashSet<>();
        java.util.Map<String, Event> bySubject = new java.util.HashMap<>();
        for (Event e : events) {
            distinct.add(Objects.requireNonNull(e, "event"));
            Event before = bySubject.putIfAbsent(e.trigger() + "|" + e.pairingId() + "|" + e.sessionId(), e);
            if (before != null && !before.equals(e)) {
                throw new IllegalArgumentException("two different " + e.trigger() + " events for "
                        + (e.pairingId() == null ? "the program" : "pairing " + e.pairingId()) + ": " + before.on()
                        + " and " + e.on());
            }
        }
        List<Occurrence> result = new ArrayList<>();
        for (SurveyPlan plan : plans) {
            Objects.requireNonNull(plan, "plan");
            for (Event event : distinct) {
                if (event.trigger() != plan.trigger()) {
                    continue;
                }
                LocalDate last = event.endsOn() == null || event.endsOn().isAfter(until) ? until : event.endsOn();
                LocalDate date = event.on().plusDays(plan.offsetDays());
                for (int sequence = 0; !date.isAfter(last); sequence++) {
                    if (result.size() == MAX_OCCURRENCES) {
                        throw new IllegalArgumentException("more than " + MAX_OCCURRENCES
                                + " survey occurrences up to " + until + ": ask for a nearer date");
                    }
                    result.add(new Occurrence(plan.kind(), date, event.trigger(), plan.offsetDays(),
                            event.pairingId(), event.sessionId(), sequence));
                    if (plan.repeatEveryDays() == null) {
                        break;
                    }
                    date = date.plusDays(plan.repeatEveryDays());
                }
            }
        }
        result.sort(ORDER);
        return List.copyOf(result);
    }

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<Occurrence> ORDER = Comparator.comparing(Occurrence::on)
            .thenComparing(Occurrence::kind)
            .thenComparing(Occurrence::pairingId, NULLS_FIRST)
            .thenComparing(Occurrence::sessionId, NULLS_FIRST)
            .thenComparing(Occurrence::trigger)
            .thenComparingInt(Occurrence::offsetDays)
            .thenComparingInt(Occurrence::sequence);

    /**
     * Something that happened on a date and may start surveys. PAIRING_STARTED and SESSION_HELD belong to a pairing
     * (SESSION_HELD also names the session); DEVELOPMENT_STARTED and PROGRAM_COMPLETED are program-wide (the hub
     * invites every active participant). {@code endsOn}, if set, is the last date a survey from this event may fall
     * on: when the pairing closed, or the program's end.
     */
    public record Event(SurveyTrigger trigger, LocalDate on, String pairingId, String sessionId, LocalDate endsOn) {
        public Event {
            Values.required("trigger", trigger);
            Values.required("on", on);
            Values.optionalId("pairing_id", pairingId);
            Values.optionalId("session_id", sessionId);
            boolean pairing = trigger == SurveyTrigger.PAIRING_STARTED || trigger == SurveyTrigger.SESSION_HELD;
            if (pairing != (pairingId != null)) {
                throw new InvalidValueException("pairing_id",
                        pairing ? "is required for " + trigger : "is not given for program-wide " + trigger);
            }
            if ((trigger == SurveyTrigger.SESSION_HELD) != (sessionId != null)) {
                throw new InvalidValueException("session_id", trigger == SurveyTrigger.SESSION_HELD
                        ? "is required for SESSION_HELD" : "is only given for SESSION_HELD");
            }
            if (endsOn != null && endsOn.isBefore(on)) {
                throw new InvalidValueException("ends_on", "must not be before on");
            }
        }

        public static Event pairingStarted(String pairingId, LocalDate on, LocalDate endsOn) {
            return new Event(SurveyTrigger.PAIRING_STARTED, on, pairingId, null, endsOn);
        }

        public static Event sessionHeld(String pairingId, String sessionId, LocalDate on, LocalDate endsOn) {
            return new Event(SurveyTrigger.SESSION_HELD, on, pairingId, sessionId, endsOn);
        }

        public static Event developmentStarted(LocalDate on, LocalDate endsOn) {
            return new Event(SurveyTrigger.DEVELOPMENT_STARTED, on, null, null, endsOn);
        }

        public static Event programCompleted(LocalDate on) {
            return new Event(SurveyTrigger.PROGRAM_COMPLETED, on, null, null, null);
        }
    }

    /**
     * A survey due on a date: for a pairing (and a session), or program-wide when {@code pairingId} is null.
     * {@code offsetDays} is the plan's, telling two plans of one kind and trigger apart; {@code sequence} counts
     * repeats from 0.
     */
    public record Occurrence(SurveyKind kind, LocalDate on, SurveyTrigger trigger, int offsetDays, String pairingId,
            String sessionId, int sequence) {
        public Occurrence {
            Values.required("kind", kind);
            Values.required("on", on);
            Values.required("trigger", trigger);
            if (sequence < 0) {
                throw new InvalidValueException("sequence", "must not be negative");
            }
        }

        /**
         * Stable identity of this occurrence across runs, e.g. {@code QUARTERLY_PULSE|PAIRING_STARTED+30|p-1||2}: the
         * hub's idempotency key for creating its invitations. Dates are not part of it, so a corrected event date
         * moves the surveys still to come rather than doubling them.
         */
        public String key() {
            return kind + "|" + trigger + "+" + offsetDays + "|" + (pairingId == null ? "" : pairingId) + "|"
                    + (sessionId == null ? "" : sessionId) + "|" + sequence;
        }
    }
}
