package io.mentorhub.engine.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Delivers outbox entries of some topics to wherever they must go (an SMTP server, a vendor's API). Registered as a
 * service; {@link OutboxDrain} claims each due entry of its topics, calls {@link #deliver} and keeps the books: an
 * entry is delivered at most once by the hub's own hand, retried with backoff up to the configured maximum, then set
 * aside as DEAD with the reason. A delivery never retries itself and never marks entries; it only answers.
 */
public interface OutboxDelivery {

    /** Short name for logs and health, e.g. {@code mail}. */
    String name();

    /** The topics this delivery takes. One delivery per topic: a second one for a topic is ignored (logged). */
    Set<String> topics();

    /**
     * Delivers one entry, or says why it did not. Throw {@link Failure} for a failure the drain should act on;
     * any other exception counts as a transient failure (recorded by its type only, as it may quote data).
     */
    Result deliver(Entry entry) throws Exception;

    /**
     * The most entries {@link #deliverAll} takes at once; 1 (the default) hands them over one by one. A delivery that
     * sends several items in one request (an LRS takes a batch of statements) says more.
     */
    default int batchSize() {
        return 1;
    }

    /**
     * Delivers several entries of its topics at once: one result per entry, in the same order, a {@link Failure}
     * for an entry that failed. Throwing fails them all alike.
     */
    default List<Result> deliverAll(List<Entry> entries) throws Exception {
        List<Result> results = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            try {
                results.add(deliver(entry));
            } catch (Failure failure) {
                results.add(failure);
            }
        }
        return results;
    }

    /** One outbox entry as stored: ids and versions in the payload, never confidential text. */
    record Entry(long id, String topic, String aggregateType, String aggregateId, String idempotencyKey,
            Map<String, Object> payload, int attempts, Instant createdAt) {
    }

    /** What became of an entry: delivered, skipped, deferred, or (within a batch) a {@link Failure}. */
    sealed interface Result {
        /** Handed over: never delivered again. */
        record Delivered() implements Result {
        }

        /** Nothing to deliver any more (e.g. the person opted out, the pairing was dissolved): never tried again. */
        record Skipped(String reason) implements Result {
            public Skipped {
                Objects.requireNonNull(reason, "reason");
            }
        }

        /** Not now (e.g. a rate limit): tried again at {@code until}, not counted as an attempt. */
        record Deferred(Instant until, String reason) implements Result {
            public Deferred {
                Objects.requireNonNull(until, "until");
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    static Result delivered() {
        return new Result.Delivered();
    }

    static Result skipped(String reason) {
        return new Result.Skipped(reason);
    }

    static Result deferred(Instant until, String reason) {
        return new Result.Deferred(until, reason);
    }

    /** A failure in the drain's terms; the message is recorded and logged, so it carries no secret or content. */
    final class Failure extends Exception implements Result {
        private static final long serialVersionUID = 1L;
        private final boolean permanent;
        private final transient Duration retryAfter;

        private Failure(boolean permanent, String message, Duration retryAfter) {
            super(Objects.requireNonNull(message, "message"), null, false, false);
            this.permanent = permanent;
            this.retryAfter = retryAfter;
        }

        /** Will never succeed (e.g. the address does not exist): the entry goes DEAD now. */
        public static Failure permanent(String message) {
            return new Failure(true, message, null);
        }

        /** Worth retrying, after {@code retryAfter} when known (null: the drain's backoff). */
        public static Failure transientFailure(String message, Duration retryAfter) {
            return new Failure(false, message, retryAfter);
        }

        public boolean permanent() {
            return permanent;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
