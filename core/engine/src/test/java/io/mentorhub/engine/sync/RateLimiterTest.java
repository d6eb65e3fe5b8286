package io.mentorhub.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aTokenReturnsOneWindowAfterTheAnswerNotAfterTheRequest() {
        RateLimiter limiter = new RateLimiter(2, now::get);
        for (int i = 0; i < 2; i++) {
            assertEquals(0, limiter.waitNanos());
            limiter.started();
            now.addAndGet(300_000_000L); // the vendor takes 300 ms to answer
            limiter.finished();
        }
        // Both tokens are out: the first comes back 1 s after its answer (at 1.3 s), i.e. 0.7 s from now (1.6 s).
        assertEquals(700_000_000L, limiter.waitNanos());
        now.addAndGet(700_000_000L);
        assertEquals(0, limiter.waitNanos());
    }

    @Test
    void aRequestStillInFlightHoldsItsToken() {
        RateLimiter limiter = new RateLimiter(1, now::get);
        limiter.started();
        now.addAndGet(5_000_000_000L);
        assertTrue(limiter.waitNanos() > 0, "no answer yet: the token is still out");
        limiter.finished();
        assertEquals(1_000_000_000L, limiter.waitNanos());
    }

    @Test
    void belowOneRequestPerSecondTheWindowStretches() {
        RateLimiter limiter = new RateLimiter(0.25, now::get);
        assertEquals(1, limiter.permits());
        assertEquals(4_000_000_000L, limiter.windowNanos());
        limiter.started();
        limiter.finished();
        assertEquals(4_000_000_000L, limiter.waitNanos());
    }
}
