package io.mentorhub.engine.sync;

import io.mentorhub.api.connector.ConnectorException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * An instance's request budget toward its vendor: a bucket of {@code permits} tokens per {@code window} (rate_limit
 * 5 → 5 per second; 0.5 → 1 per 2 seconds). A request takes a token when it starts, and its token returns one
 * window after the vendor <em>answered</em> (or the request failed), not after it started. The vendor therefore never
 * sees more than {@code permits} requests arrive within any window, however the network delays them — a request can
 * only reach the vendor after it was sent, and it is sent only a full window after the answer to the request whose
 * token it reuses. Retries take tokens too. One limiter per instance; an instance runs one job at a time.
 */
public final class RateLimiter {

    private static final long FAR_FUTURE = Long.MAX_VALUE;

    private final int permits;
    private final long windowNanos;
    private final LongSupplier clock;
    /** When each token in use comes back (nanoTime); FAR_FUTURE while its request is still in flight. */
    private final Deque<Long> returns = new ArrayDeque<>();

    public RateLimiter(double perSecond) {
        this(perSecond, System::nanoTime);
    }

    /** A request to the vendor, e.g. one call of a connector facet. */
    public interface Request<T> {
        T send() throws ConnectorException;
    }

    /** Sends one request within the budget: waits for a token, sends, and returns the token after the answer. */
    public <T> T send(Request<T> request) throws ConnectorException, InterruptedException {
        long wait;
        while ((wait = waitNanos()) > 0) {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
        }
        started();
        try {
            return request.send();
        } finally {
            finished();
        }
    }

    RateLimiter(double perSecond, LongSupplier clock) {
        if (perSecond >= 1) {
            this.permits = (int) Math.floor(perSecond);
            this.windowNanos = 1_000_000_000L;
        } else {
            this.permits = 1;
            this.windowNanos = Math.round(1_000_000_000L / perSecond);
        }
        this.clock = clock;
    }

    /** How long to wait before the next request may start; 0 when it may start now. */
    synchronized long waitNanos() {
        long now = clock.getAsLong();
        returns.removeIf(at -> at != FAR_FUTURE && at - now <= 0);
        if (returns.size() < permits) {
            return 0;
        }
        long earliest = FAR_FUTURE;
        for (long at : returns) {
            earliest = Math.min(earliest, at);
        }
        return earliest == FAR_FUTURE ? windowNanos : earliest - now;
    }

    /** Takes a token for a request that starts now; call only after {@link #waitNanos()} answered 0. */
    synchronized void started() {
        returns.addLast(FAR_FUTURE);
    }

    /** The request started last was answered (or failed): its token returns one window from now. */
    synchronized void finished() {
        if (returns.removeLastOccurrence(FAR_FUTURE)) {
            returns.addLast(clock.getAsLong() + windowNanos);
        }
    }

    int permits() {
        return permits;
    }

    long windowNanos() {
        return windowNanos;
    }
}
