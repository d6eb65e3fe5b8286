package io.mentorhub.engine.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * When an instance syncs on its own: {@code off}, an interval ({@code 15m}, {@code 6h}, {@code 1d}) or a time of day
 * ({@code daily 02:00}, in the hub's time zone). The next run is counted from the last scheduled one, which the
 * database remembers, so a restart neither repeats nor skips a run; a daily run missed while the hub was down runs
 * when it comes back.
 */
public record SyncSchedule(Duration every, LocalTime dailyAt) {

    public static final SyncSchedule OFF = new SyncSchedule(null, null);
    private static final Duration SHORTEST = Duration.ofSeconds(1);

    public static SyncSchedule parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("off")) {
            return OFF;
        }
        if (value.startsWith("daily ")) {
            try {
                return new SyncSchedule(null, LocalTime.parse(value.substring(6).strip()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("must be off, an interval such as 15m or 6h, or daily HH:MM");
            }
        }
        Duration every;
        try {
            every = InstanceSettings.duration(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be off, an interval such as 15m or 6h, or daily HH:MM");
        }
        if (every.compareTo(SHORTEST) < 0) {
            throw new IllegalArgumentException("must be at least 1s apart");
        }
        return new SyncSchedule(every, null);
    }

    public boolean off() {
        return every == null && dailyAt == null;
    }

    /**
     * When the next scheduled run is due: an interval after the last scheduled run (at once if there was none), or
     * the first time of day after it (after {@code activeSince} if there was none). Null when off.
     */
    public Instant due(Instant lastScheduled, Instant activeSince, ZoneId zone) {
        if (off()) {
            return null;
        }
        if (every != null) {
            return lastScheduled == null ? activeSince : lastScheduled.plus(every);
        }
        ZonedDateTime anchor = (lastScheduled != null ? lastScheduled : activeSince).atZone(zone);
        ZonedDateTime next = anchor.with(dailyAt);
        if (!next.isAfter(anchor)) {
            next = anchor.plusDays(1).with(dailyAt);
        }
        return next.toInstant();
    }

    @Override
    public String toString() {
        if (off()) {
            return "off";
        }
        return every != null ? InstanceSettings.format(every) : "daily " + dailyAt;
    }
}
