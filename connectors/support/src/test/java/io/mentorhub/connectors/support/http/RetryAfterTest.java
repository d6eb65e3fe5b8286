package io.mentorhub.connectors.support.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void delaySecondsAreTakenAsGiven() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse("7", null, NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse(" 0 ", null, NOW));
    }

    @Test
    void anHttpDateIsMeasuredFromTheResponsesOwnDate() {
        // The server's clock says 10:05:00 and asks for 10:05:30: 30 s, whatever our clock says.
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse("Mon, 02 Mar 2026 10:05:30 GMT",
                "Mon, 02 Mar 2026 10:05:00 GMT", NOW));
        // Without a Date header our clock is the reference.
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Mon, 02 Mar 2026 10:01:30 GMT", null, NOW));
        // A date already past means retry now.
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Mon, 02 Mar 2026 09:00:00 GMT", null, NOW));
    }

    @Test
    void unreadableHintsAreNoHints() {
        assertEquals(Optional.empty(), RetryAfter.parse(null, null, NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", null, NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("-5", null, NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("99999999999999999999999", null, NOW));
    }
}
