package io.mentorhub.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(60));

    @Test
    void exponentialWithEqualJitter() {
        assertEquals(Duration.ofMillis(50), backoff.delay(1, null, 0));
        assertEquals(Duration.ofMillis(99), backoff.delay(1, null, 0.999_999_9));
        assertEquals(Duration.ofMillis(400), backoff.delay(4, null, 0)); // 800 ms, half of it fixed
        assertEquals(Duration.ofMillis(799), backoff.delay(4, null, 0.999));
    }

    @Test
    void neverLongerThanTheCap() {
        assertEquals(Duration.ofSeconds(30), backoff.delay(40, null, 0));
        assertEquals(Duration.ofMillis(59_999), backoff.delay(40, null, 0.999_999_99));
    }

    @Test
    void retryAfterIsWaitedAtLeastButCapped() {
        assertEquals(Duration.ofSeconds(7), backoff.delay(1, Duration.ofSeconds(7), 0));
        assertEquals(Duration.ofMillis(7_350), backoff.delay(1, Duration.ofSeconds(7), 0.5));
        assertEquals(Duration.ofSeconds(60), backoff.delay(1, Duration.ofHours(1), 0.9));
    }
}
