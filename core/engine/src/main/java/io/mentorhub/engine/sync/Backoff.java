package io.mentorhub.engine.sync;

import java.time.Duration;

/**
 * How long to wait before retrying a page after a TRANSIENT failure: the vendor's Retry-After when it gave one, else
 * exponential backoff from {@code initial} (doubling per failure) with "equal jitter" — half the delay fixed, half
 * random — so instances that failed together do not retry together. Nothing waits longer than {@code cap}
 * (retry_after_cap): a vendor asking for an hour gets retried after the cap, and counts toward max_attempts.
 */
public record Backoff(Duration initial, Duration cap) {

    /**
     * @param failures   failed attempts so far for this page (1 after the first failure)
     * @param retryAfter what the vendor asked for, or null
     * @param random     a uniform number in [0, 1)
     */
    public Duration delay(int failures, Duration retryAfter, double random) {
        long capMillis = cap.toMillis();
        if (retryAfter != null) {
            long asked = Math.min(retryAfter.toMillis(), capMillis);
            // At least what the vendor asked; a little jitter on top keeps clients apart, still within the cap.
            return Duration.ofMillis(Math.min(capMillis, asked + (long) (random * asked * 0.1)));
        }
        long exponential = initial.toMillis();
        for (int i = 1; i < failures && exponential < capMillis; i++) {
            exponential *= 2;
        }
        exponential = Math.min(exponential, capMillis);
        return Duration.ofMillis(exponential / 2 + (long) (random * (exponential - exponential / 2)));
    }
}
