package io.mentorhub.engine.metrics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A span of whole days, both ends included, in UTC. The hub stores instants; a day is a UTC calendar day, so
 * {@link #start()} and {@link #endExclusive()} are what SQL compares instants with.
 */
public record Period(LocalDate from, LocalDate to) {

    public Period {
        if (from == null || to == null || to.isBefore(from)) {
            throw new IllegalArgumentException("a period runs from a day to the same or a later day");
        }
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    /** The first instant of the period. */
    public Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the period. */
    public Instant endExclusive() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Days of {@code from..to} (both included, {@code to} null: open-ended) that fall in this period. */
    public long overlapDays(LocalDate otherFrom, LocalDate otherTo) {
        LocalDate first = otherFrom.isAfter(from) ? otherFrom : from;
        LocalDate last = otherTo == null || otherTo.isAfter(to) ? to : otherTo;
        return last.isBefore(first) ? 0 : ChronoUnit.DAYS.between(first, last) + 1;
    }

    /**
     * Pairing-months of a span of live days within this period: each calendar month contributes the live days it
     * holds divided by its length, so a pairing live for all of February counts 1.0 and one live from 16 to 31
     * January counts 16/31.
     */
    public double months(LocalDate liveFrom, LocalDate liveTo) {
        double months = 0;
        YearMonth month = YearMonth.from(liveFrom.isAfter(from) ? liveFrom : from);
        YearMonth last = YearMonth.from(liveTo == null || liveTo.isAfter(to) ? to : liveTo);
        for (; !month.isAfter(last); month = month.plusMonths(1)) {
            Period inMonth = clip(month.atDay(1), month.atEndOfMonth());
            if (inMonth != null) {
                months += inMonth.overlapDays(liveFrom, liveTo) / (double) month.lengthOfMonth();
            }
        }
        return months;
    }

    /** The part of {@code first..last} inside this period, or null if none. */
    public Period clip(LocalDate first, LocalDate last) {
        LocalDate a = first.isAfter(from) ? first : from;
        LocalDate b = last.isAfter(to) ? to : last;
        return b.isBefore(a) ? null : new Period(a, b);
    }

    /** This period cut into calendar months or quarters, the first and last clipped to the period. */
    public List<Bucket> split(Breakdown breakdown) {
        List<Bucket> buckets = new ArrayList<>();
        LocalDate start = breakdown.startOf(from);
        while (!start.isAfter(to)) {
            LocalDate next = breakdown.next(start);
            buckets.add(new Bucket(breakdown.label(start), clip(start, next.minusDays(1))));
            start = next;
        }
        return buckets;
    }

    /** One month or quarter of a period: its label (2027-01, 2027-Q1) and its days within the period. */
    public record Bucket(String label, Period period) {
    }

    /** How the figures are broken down over the period. */
    public enum Breakdown {
        MONTH, QUARTER;

        LocalDate startOf(LocalDate day) {
            return this == MONTH ? day.withDayOfMonth(1)
                    : LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
        }

        LocalDate next(LocalDate start) {
            return start.plusMonths(this == MONTH ? 1 : 3);
        }

        String label(LocalDate start) {
            return this == MONTH ? YearMonth.from(start).toString()
                    : start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
        }
    }
}
