package io.mentorhub.engine.outbox;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mentorhub.engine.flow.FlowRuntime;
import io.mentorhub.engine.health.ComponentHealth;
import io.mentorhub.engine.health.HealthIndicator;
import io.mentorhub.engine.outbox.OutboxDelivery.Entry;
import io.mentorhub.engine.outbox.OutboxDelivery.Failure;
import io.mentorhub.engine.outbox.OutboxDelivery.Result;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.EntityStore;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox: every due PENDING entry of a topic that an {@link OutboxDelivery} takes is claimed for a lease
 * (so a second hub node never delivers it at the same time), delivered, and marked — DELIVERED, SKIPPED with the
 * reason, PENDING again after a backoff (honouring a retry-after), or DEAD with the reason once it failed
 * permanently or {@code maxAttempts} times. An entry marked DELIVERED is never delivered again. The one window for a
 * repeat is a node stopping between the receiver's acceptance and the mark (or a delivery outliving its lease): the
 * entry is then delivered again after the lease, with the same idempotency key for the receiver to recognise.
 */
@Component(service = {OutboxDrain.class, HealthIndicator.class}, configurationPid = OutboxDrain.PID, immediate = true)
@Designate(ocd = OutboxDrain.Config.class)
public class OutboxDrain implements HealthIndicator {

    static final String PID = "io.mentorhub.outbox";
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDrain.class);
    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };

    @ObjectClassDefinition(name = "Outbox delivery", description = "How entries that must leave the hub are delivered")
    public @interface Config {
        @AttributeDefinition(description = "How often due entries are looked for, in milliseconds", min = "100")
        long periodMillis() default 2000;

        @AttributeDefinition(description = "Entries claimed per topic group and pass", min = "1", max = "1000")
        int batchSize() default 50;

        @AttributeDefinition(description = "Failed attempts before an entry is set aside as DEAD", min = "1",
                max = "100")
        int maxAttempts() default 8;

        @AttributeDefinition(description = "First retry delay in seconds; doubled at each attempt", min = "1")
        int retryBaseSeconds() default 30;

        @AttributeDefinition(description = "Longest retry delay in seconds", min = "1")
        int retryMaxSeconds() default 3600;

        @AttributeDefinition(description = "How long a node holds a claimed entry; longer than any one delivery",
                min = "10")
        int leaseSeconds() default 300;
    }

    /** The settings, with a test's clock. */
    public record Settings(long periodMillis, int batchSize, int maxAttempts, Duration retryBase, Duration retryMax,
            Duration lease) {
        public static Settings of(Config c) {
            if (c.maxAttempts() < 1 || c.batchSize() < 1 || c.retryBaseSeconds() < 1 || c.leaseSeconds() < 10
                    || c.retryMaxSeconds() < c.retryBaseSeconds()) {
                throw new IllegalArgumentException("outbox settings out of range: maxAttempts and batchSize at least 1, "
                        + "retryMaxSeconds at least retryBaseSeconds, leaseSeconds at least 10");
            }
            return new Settings(c.periodMillis(), c.batchSize(), c.maxAttempts(),
                    Duration.ofSeconds(c.retryBaseSeconds()), Duration.ofSeconds(c.retryMaxSeconds()),
                    Duration.ofSeconds(c.leaseSeconds()));
        }
    }

    private final Database database;
    private final CamelContext camel;
    private final Settings settings;
    private final Clock clock;
    private final String owner = "node-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, OutboxDelivery> byTopic = new ConcurrentHashMap<>();
    private final Map<String, String> lastErrors = new ConcurrentHashMap<>();
    private volatile Instant lastPass;

    @Activate
    public OutboxDrain(@Reference Database database, @Reference FlowRuntime flows, Config config) throws Exception {
        this(database, flows.camel(), Settings.of(config), Clock.systemUTC());
    }

    public OutboxDrain(Database database, CamelContext camel, Settings settings, Clock clock) throws Exception {
        this.database = database;
        this.camel = camel;
        this.settings = settings;
        this.clock = clock;
        if (camel != null) {
            camel.addRoutes(new OutboxDrainRoute(this, settings.periodMillis()));
        }
    }

    @Deactivate
    public void stop() throws Exception {
        if (camel != null) {
            camel.getRouteController().stopRoute(OutboxDrainRoute.ROUTE_ID);
            camel.removeRoute(OutboxDrainRoute.ROUTE_ID);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindDelivery(OutboxDelivery delivery) {
        for (String topic : delivery.topics()) {
            OutboxDelivery before = byTopic.putIfAbsent(topic, delivery);
            if (before != null && before != delivery) {
                LOG.warn("Outbox topic {} is delivered by {}; {} is ignored for it", topic, before.name(),
                        delivery.name());
            }
        }
    }

    public void unbindDelivery(OutboxDelivery delivery) {
        byTopic.entrySet().removeIf(e -> e.getValue() == delivery);
    }

    /** One pass: every due entry of every delivered topic, up to the batch size per delivery. */
    public int drain() throws SQLException {
        Map<OutboxDelivery, List<String>> topics = new LinkedHashMap<>();
        byTopic.forEach((topic, delivery) -> topics.computeIfAbsent(delivery, d -> new ArrayList<>()).add(topic));
        int handled = 0;
        for (Map.Entry<OutboxDelivery, List<String>> group : topics.entrySet()) {
            OutboxDelivery delivery = group.getKey();
            int batch = Math.max(1, delivery.batchSize());
            List<Entry> claimed = new ArrayList<>();
            for (Entry entry : due(group.getValue())) {
                if (claim(entry)) {
                    claimed.add(entry);
                }
                if (claimed.size() == batch) {
                    handled += handle(delivery, claimed);
                    claimed.clear();
                }
            }
            if (!claimed.isEmpty()) {
                handled += handle(delivery, claimed);
            }
        }
        lastPass = now();
        return handled;
    }

    private List<Entry> due(List<String> topics) throws SQLException {
        Instant now = now();
        StringJoiner marks = new StringJoiner(", ");
        List<Object> parameters = new ArrayList<>(topics);
        topics.forEach(t -> marks.add("?"));
        parameters.add(now);
        parameters.add(now);
        return database.inTransaction(tx -> tx.query("SELECT id, topic, aggregate_type, aggregate_id, idempotency_key, "
                + "payload, attempts, created_at FROM outbox WHERE status = 'PENDING' AND topic IN (" + marks + ") "
                + "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND (claimed_until IS NULL OR claimed_until < ?) "
                + "ORDER BY id FETCH FIRST " + settings.batchSize() + " ROWS ONLY",
                row -> new Entry(row.getLong("id"), row.getString("topic"), row.getString("aggregate_type"),
                        row.getString("aggregate_id"), row.getString("idempotency_key"),
                        EntityStore.json(row.getString("payload"), PAYLOAD), row.getInt("attempts"),
                        Tx.instant(row, "created_at")), parameters.toArray()));
    }

    /** Takes the entry for a lease if it is still pending and nobody holds it; false if another node was faster. */
    private boolean claim(Entry entry) throws SQLException {
        Instant now = now();
        return database.inTransaction(tx -> tx.update("UPDATE outbox SET claimed_by = ?, claimed_until = ? WHERE id = ? "
                + "AND status = 'PENDING' AND (claimed_until IS NULL OR claimed_until < ?)", owner,
                now.plus(settings.lease()), entry.id(), now)) == 1;
    }

    /** Delivers claimed entries (one call for a batch) and records each outcome. */
    private int handle(OutboxDelivery delivery, List<Entry> entries) throws SQLException {
        List<Result> results;
        try {
            results = delivery.deliverAll(List.copyOf(entries));
            if (results == null || results.size() != entries.size()) {
                throw new IllegalStateException("answered " + (results == null ? "nothing" : results.size()
                        + " results") + " for " + entries.size() + " entries");
            }
        } catch (Failure failure) {
            results = Collections.nCopies(entries.size(), failure);
        } catch (Exception e) {
            Failure failure = Failure.transientFailure("failed with " + e.getClass().getName(), null);
            results = Collections.nCopies(entries.size(), failure);
        }
        for (int i = 0; i < entries.size(); i++) {
            record(delivery, entries.get(i), results.get(i));
        }
        return entries.size();
    }

    private void record(OutboxDelivery delivery, Entry entry, Result result) throws SQLException {
        if (result instanceof Failure failure) {
            failed(delivery, entry, failure.getMessage(), failure.permanent(), failure.retryAfter());
        } else if (result instanceof Result.Skipped skipped) {
            mark(entry, "SKIPPED", null, null, limit(skipped.reason()), entry.attempts());
            LOG.info("Outbox entry {} ({}) skipped: {}", entry.id(), entry.topic(), skipped.reason());
        } else if (result instanceof Result.Deferred deferred) {
            mark(entry, "PENDING", null, deferred.until(), limit(deferred.reason()), entry.attempts());
        } else if (result instanceof Result.Delivered) {
            mark(entry, "DELIVERED", now(), null, null, entry.attempts());
        } else {
            failed(delivery, entry, "answered no result", false, null);
        }
    }

    private void failed(OutboxDelivery delivery, Entry entry, String reason, boolean permanent, Duration retryAfter)
            throws SQLException {
        int attempts = entry.attempts() + 1;
        String why = limit(reason);
        lastErrors.put(delivery.name(), why);
        if (permanent || attempts >= settings.maxAttempts()) {
            String dead = permanent ? why : limit("gave up after " + attempts + " attempts: " + why);
            mark(entry, "DEAD", null, null, dead, attempts);
            LOG.warn("Outbox entry {} ({}) is DEAD: {}", entry.id(), entry.topic(), dead);
            return;
        }
        Duration wait = backoff(attempts);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        Instant next = now().plus(wait).truncatedTo(ChronoUnit.MILLIS);
        mark(entry, "PENDING", null, next, why, attempts);
        LOG.info("Outbox entry {} ({}) attempt {} failed, retrying at {}: {}", entry.id(), entry.topic(), attempts,
                next, why);
    }

    /** retryBase doubled per attempt already made, at most retryMax. */
    Duration backoff(int attempts) {
        Duration wait = settings.retryBase();
        for (int i = 1; i < attempts && wait.compareTo(settings.retryMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : wait;
    }

    /** Records the outcome if this node still holds the claim (a lease that ran out may have passed to another). */
    private void mark(Entry entry, String status, Instant deliveredAt, Instant nextAttempt, String error, int attempts)
            throws SQLException {
        int updated = database.inTransaction(tx -> tx.update("UPDATE outbox SET status = ?, published_at = ?, "
                + "next_attempt_at = ?, last_error = ?, attempts = ?, claimed_by = NULL, claimed_until = NULL "
                + "WHERE id = ? AND claimed_by = ?", status, deliveredAt, nextAttempt, error, attempts, entry.id(),
                owner));
        if (updated == 0) {
            LOG.warn("Outbox entry {} ({}) was taken over by another node before its outcome ({}) was recorded; "
                    + "a longer leaseSeconds avoids this", entry.id(), entry.topic(), status);
        }
    }

    private static String limit(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }

    public Set<String> topics() {
        return Set.copyOf(byTopic.keySet());
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public String healthName() {
        return "outbox";
    }

    /** Up while passes run; counts per status of the delivered topics, and each delivery's last error. */
    @Override
    public ComponentHealth health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("topics", new java.util.TreeSet<>(byTopic.keySet()));
        try {
            Map<String, Long> counts = new java.util.TreeMap<>();
            List<String> topics = List.copyOf(byTopic.keySet());
            if (!topics.isEmpty()) {
                StringJoiner marks = new StringJoiner(", ");
                topics.forEach(t -> marks.add("?"));
                database.inTransaction(tx -> tx.query("SELECT status, COUNT(*) AS n FROM outbox WHERE topic IN ("
                        + marks + ") GROUP BY status", row -> counts.put(row.getString("status"), row.getLong("n")),
                        topics.toArray()));
            }
            details.put("entries", counts);
        } catch (SQLException e) {
            return ComponentHealth.down("cannot read the outbox (SQLState " + e.getSQLState() + ")");
        }
        if (!lastErrors.isEmpty()) {
            details.put("lastErrors", new java.util.TreeMap<>(lastErrors));
        }
        if (lastPass != null) {
            details.put("lastPass", lastPass.toString());
        }
        return ComponentHealth.up(details);
    }

    /** The clock's instant at the microsecond precision both databases store, so stored and compared times agree. */
    private java.time.Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
