package io.mentorhub.engine.sync;

import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.PeoplePage;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a connector facet for one page the way the hub promises vendors and administrators: within the instance's
 * rate limit (every attempt takes a token), retrying TRANSIENT failures with exponential backoff and jitter or the
 * vendor's Retry-After — capped at retry_after_cap — until max_attempts; CONFIG and PERMANENT go straight back to the
 * run. A connector that throws anything but {@link ConnectorException} is a bug in the connector and fails the run.
 */
final class PageFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(PageFetcher.class);

    /** One call of a connector facet. */
    @FunctionalInterface
    interface Attempt {
        PeoplePage call() throws ConnectorException;
    }

    /** A connector broke its contract (threw something other than ConnectorException, or returned nothing). */
    static final class ConnectorBroke extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConnectorBroke(String message) {
            super(message);
        }
    }

    private final DoubleSupplier random;

    PageFetcher(DoubleSupplier random) {
        this.random = random;
    }

    /** @param limiter the instance's rate limit; null for a source that is not a vendor (a dropped file) */
    PeoplePage fetch(SyncJob job, RateLimiter limiter, String what, Attempt attempt)
            throws ConnectorException, InterruptedException {
        InstanceSettings settings = job.settings;
        Backoff backoff = new Backoff(settings.retryDelay(), settings.retryAfterCap());
        int failures = 0;
        while (true) {
            job.checkStop();
            if (limiter != null) {
                long wait;
                while ((wait = limiter.waitNanos()) > 0) {
                    job.phase("waiting for the rate limit");
                    job.pause(wait);
                }
                limiter.started();
            }
            job.phase("reading " + what);
            long started = System.nanoTime();
            try {
                PeoplePage page = attempt.call();
                if (page == null) {
                    throw new ConnectorBroke("connector '" + job.instance.type() + "' returned no page");
                }
                return page;
            } catch (ConnectorException e) {
                if (e.kind() != ConnectorException.Kind.TRANSIENT) {
                    throw e;
                }
                failures++;
                job.retries++;
                String message = job.redaction.scrub(e.getMessage());
                if (failures >= settings.maxAttempts()) {
                    throw new SyncJob.RetriesExhausted("gave up on " + what + " after " + failures + " attempts; last "
                            + "error: " + message);
                }
                Duration delay = backoff.delay(failures, e.retryAfter().orElse(null), random.getAsDouble());
                LOG.info("Connector instance {}: {} failed ({}); attempt {} of {} in {} ms", job.instanceId(), what,
                        message, failures + 1, settings.maxAttempts(), delay.toMillis());
                job.phase("waiting to retry " + what);
                finish(limiter, job, started);
                started = -1;
                job.pause(delay.toNanos());
            } catch (RuntimeException e) {
                if (e instanceof ConnectorBroke || e instanceof SyncJob.Cancelled
                        || e instanceof LeaseStore.LeaseLost) {
                    throw e;
                }
                throw new ConnectorBroke("connector '" + job.instance.type() + "' failed on " + what + " with "
                        + e.getClass().getName() + " (a connector must report failures as ConnectorException)");
            } finally {
                if (started >= 0) {
                    finish(limiter, job, started);
                }
            }
        }
    }

    private static void finish(RateLimiter limiter, SyncJob job, long started) {
        job.fetchNanos += System.nanoTime() - started;
        if (limiter != null) {
            limiter.finished();
        }
    }
}
