package io.mentorhub.engine.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mentorhub.engine.TestClock;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.Outbox;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generic outbox delivery route's bookkeeping, with a delivery the test scripts: at most one delivery per entry
 * even with two drains (two hub nodes) at once, retries with doubling delays and a retry-after, DEAD with the reason
 * after the maximum or at once when permanent, skipped and deferred entries, and topics nobody delivers left alone.
 */
class OutboxDrainTest {

    private Database database;
    private final TestClock clock = new TestClock(Instant.parse("2027-01-04T09:00:00Z"));

    /** Counts what it delivers; answers with what the test says for each entry id. */
    static final class Scripted implements OutboxDelivery {
        final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
        volatile Function<Entry, Result> behaviour = e -> OutboxDelivery.delivered();
        final String name;
        final Set<String> topics;

        Scripted(String name, Set<String> topics) {
            this.name = name;
            this.topics = topics;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<String> topics() {
            return topics;
        }

        @Override
        public Result deliver(Entry entry) {
            Result result = behaviour.apply(entry);
            if (result instanceof Result.Delivered) {
                delivered.computeIfAbsent(entry.idempotencyKey(), k -> new AtomicInteger()).incrementAndGet();
            }
            return result;
        }
    }

    @BeforeEach
    void start() throws Exception {
        database = new Database("jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 8);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    private OutboxDrain drain(int maxAttempts) throws Exception {
        return new OutboxDrain(database, null, new OutboxDrain.Settings(1000, 20, maxAttempts, Duration.ofSeconds(10),
                Duration.ofSeconds(40), Duration.ofSeconds(60)), clock);
    }

    private void append(String topic, int count) throws Exception {
        database.inTransaction(tx -> {
            for (int i = 0; i < count; i++) {
                Outbox.append(tx, Outbox.Event.of(topic, "thing", UUID.randomUUID().toString(), 1));
            }
            return null;
        });
    }

    private Map<String, Long> statuses() throws Exception {
        return database.inTransaction(tx -> {
            Map<String, Long> counts = new TreeMap<>();
            tx.query("SELECT status, COUNT(*) FROM outbox GROUP BY status", row -> counts.put(row.getString(1),
                    row.getLong(2)));
            return counts;
        });
    }

    @Test
    void twoNodesDrainingAtOnceDeliverEachEntryOnce() throws Exception {
        append("push.goal", 100);
        Scripted delivery = new Scripted("push", Set.of("push.goal"));
        OutboxDrain a = drain(3);
        OutboxDrain b = drain(3);
        a.bindDelivery(delivery);
        b.bindDelivery(delivery);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        List<Future<Integer>> passes = new ArrayList<>();
        for (OutboxDrain node : List.of(a, b)) {
            passes.add(nodes.submit(() -> {
                go.await();
                int handled = 0;
                for (int pass = 0; pass < 10; pass++) {
                    handled += node.drain();
                }
                return handled;
            }));
        }
        go.countDown();
        int handled = passes.get(0).get() + passes.get(1).get();
        nodes.shutdown();
        assertEquals(100, handled, "each entry claimed by one node");
        assertEquals(100, delivery.delivered.size());
        delivery.delivered.forEach((key, count) -> assertEquals(1, count.get(), key));
        assertEquals(Map.of("DELIVERED", 100L), statuses());
        assertEquals(0, a.drain() + b.drain(), "a delivered entry is never delivered again");
    }

    @Test
    void failuresAreRetriedWithDoublingDelaysThenDeadWithTheReason() throws Exception {
        append("push.goal", 1);
        Scripted delivery = new Scripted("push", Set.of("push.goal"));
        OutboxDrain drain = drain(4);
        drain.bindDelivery(delivery);
        delivery.behaviour = e -> {
            throw new IllegalStateException("vendor said: secret-token-123 rejected");
        };
        List<Instant> retries = new ArrayList<>();
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertEquals(1, drain.drain());
            Instant next = database.inTransaction(tx -> tx.query("SELECT next_attempt_at FROM outbox",
                    row -> io.mentorhub.engine.store.Tx.instant(row, "next_attempt_at")).get(0));
            retries.add(next);
            assertEquals(0, drain.drain(), "not before its retry time");
            clock.advance(Duration.ofMinutes(5));
        }
        Instant start = Instant.parse("2027-01-04T09:00:00Z");
        assertEquals(java.util.Arrays.asList(start.plusSeconds(10), start.plusSeconds(300 + 20),
                start.plusSeconds(600 + 40), null),
                retries, "10 s, 20 s, 40 s (the maximum), then no more");
        assertEquals(Map.of("DEAD", 1L), statuses());
        assertEquals("gave up after 4 attempts: failed with java.lang.IllegalStateException",
                database.inTransaction(tx -> tx.one("SELECT last_error FROM outbox", row -> row.getString(1)))
                        .orElseThrow(), "recorded by type: the exception's message may quote data");
    }

    @Test
    void permanentSkippedDeferredAndRetryAfterAreEachRecorded() throws Exception {
        append("push.goal", 4);
        append("person.updated", 2);
        Scripted delivery = new Scripted("push", Set.of("push.goal"));
        OutboxDrain drain = drain(5);
        drain.bindDelivery(delivery);
        drain.bindDelivery(new Scripted("other", Set.of("push.goal")));
        AtomicInteger n = new AtomicInteger();
        delivery.behaviour = e -> switch (n.incrementAndGet()) {
            case 1 -> sneaky(OutboxDelivery.Failure.permanent("the goal no longer exists at the vendor (404)"));
            case 2 -> OutboxDelivery.skipped("the person left");
            case 3 -> OutboxDelivery.deferred(clock.instant().plusSeconds(3600), "rate limit");
            default -> sneaky(OutboxDelivery.Failure.transientFailure("429", Duration.ofSeconds(120)));
        };
        assertEquals(4, drain.drain());
        Map<String, String> rows = database.inTransaction(tx -> {
            Map<String, String> r = new TreeMap<>();
            tx.query("SELECT id, status, attempts, last_error, next_attempt_at FROM outbox WHERE topic = 'push.goal'",
                    row -> r.put(row.getString("status") + "/" + row.getInt("attempts"), row.getString("last_error")
                            + " @ " + io.mentorhub.engine.store.Tx.instant(row, "next_attempt_at")));
            return r;
        });
        assertEquals(Map.of(
                "DEAD/1", "the goal no longer exists at the vendor (404) @ null",
                "SKIPPED/0", "the person left @ null",
                "PENDING/0", "rate limit @ 2027-01-04T10:00:00Z",
                "PENDING/1", "429 @ 2027-01-04T09:02:00Z"), rows, "retry-after 120 s beats the 10 s backoff");
        assertEquals(2L, (long) database.<Long>inTransaction(tx -> tx.count("SELECT COUNT(*) FROM outbox WHERE topic = "
                + "'person.updated' AND status = 'PENDING' AND attempts = 0")), "topics nobody delivers are left alone");
    }

    /** A delivery that sends several entries per call, as an LRS takes a batch of statements. */
    static final class Batching implements OutboxDelivery {
        final List<Integer> calls = new ArrayList<>();
        volatile Function<List<Entry>, List<Result>> behaviour;

        @Override
        public String name() {
            return "batching";
        }

        @Override
        public Set<String> topics() {
            return Set.of("push.record");
        }

        @Override
        public int batchSize() {
            return 4;
        }

        @Override
        public Result deliver(Entry entry) {
            throw new AssertionError("a batching delivery is handed batches");
        }

        @Override
        public List<Result> deliverAll(List<Entry> entries) {
            calls.add(entries.size());
            return behaviour.apply(entries);
        }
    }

    @Test
    void aBatchingDeliveryGetsBatchesAndAnswersForEachEntry() throws Exception {
        append("push.record", 10);
        Batching delivery = new Batching();
        OutboxDrain drain = drain(3);
        drain.bindDelivery(delivery);
        delivery.behaviour = entries -> {
            List<OutboxDelivery.Result> results = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                results.add(i == 1 ? OutboxDelivery.Failure.permanent("refused: unknown learner")
                        : i == 2 ? OutboxDelivery.Failure.transientFailure("busy", null) : OutboxDelivery.delivered());
            }
            return results;
        };
        assertEquals(10, drain.drain());
        assertEquals(List.of(4, 4, 2), delivery.calls, "at most batchSize entries per call");
        assertEquals(Map.of("DEAD", 3L, "DELIVERED", 5L, "PENDING", 2L), statuses());

        // A whole batch failing (the call threw) fails each of its entries alike, by the exception's type.
        delivery.behaviour = entries -> {
            throw new IllegalStateException("connection reset");
        };
        clock.advance(Duration.ofMinutes(1));
        assertEquals(2, drain.drain());
        assertEquals(2L, (long) database.<Long>inTransaction(tx -> tx.count("SELECT COUNT(*) FROM outbox WHERE "
                + "status = 'PENDING' AND attempts = 2 AND last_error = 'failed with java.lang.IllegalStateException'")));

        // An answer that does not match the batch is a failure of every entry, never a guess.
        delivery.behaviour = entries -> List.of(OutboxDelivery.delivered());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(2, drain.drain());
        assertEquals(Map.of("DEAD", 5L, "DELIVERED", 5L), statuses(), "the third failure is the last of 3");
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> OutboxDelivery.Result sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
