package io.mentorhub.connectors.support.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads HTTP {@code Retry-After} (RFC 9110 §10.2.3): delay-seconds, or an HTTP-date. */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * The delay the server asked for, or empty if the header is absent or unreadable. An HTTP-date is measured from
     * the response's own {@code Date} header when it has one, so a skewed local clock does not stretch or shrink the
     * wait; a date in the past means no wait.
     */
    public static Optional<Duration> parse(String value, String dateHeader, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException e) {
                return Optional.empty(); // more digits than a long: no usable hint
            }
        }
        Optional<Instant> at = httpDate(text);
        if (at.isEmpty()) {
            return Optional.empty();
        }
        Instant reference = httpDate(dateHeader).orElse(now);
        Duration wait = Duration.between(reference, at.get());
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }

    private static Optional<Instant> httpDate(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
