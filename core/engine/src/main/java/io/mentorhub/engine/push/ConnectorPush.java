package io.mentorhub.engine.push;

import io.mentorhub.api.connector.Capability;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.CourseEnrolments;
import io.mentorhub.api.connector.Delivery;
import io.mentorhub.api.connector.GoalPublisher;
import io.mentorhub.api.connector.LearningRecords;
import io.mentorhub.api.connector.ReviewFeedPublisher;
import io.mentorhub.engine.outbox.OutboxDelivery;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.sync.ConnectorInstance;
import io.mentorhub.engine.sync.ConnectorInstances;
import io.mentorhub.engine.sync.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link PushEntry push entries} to their connector instances, as the {@link OutboxDelivery} of
 * {@value PushEntry#TOPIC}: the outbox drain hands over up to {@link Delivery#MAX_BATCH} due entries at once, each
 * instance's items go to its connector in one call per capability, built from the current state
 * ({@link MentoringContent}), and every item keeps its key, so a retried call is recognised by the target. The drain
 * keeps the books: retries with backoff up to its maximum, then DEAD with the reason — as is an item the target
 * refuses for good ({@code POST /api/connectors/{id}/push/replay} sends DEAD items again).
 *
 * <p>A CONFIG error (bad credentials, an endpoint that does not exist) holds the instance's items back without
 * spending their attempts, until its configuration changes: fixing it is the administrator's job, and nothing is lost
 * meanwhile. A disabled instance's or a missing connector's items wait the same way; those of an instance that
 * does not exist wait a week (its configuration may still be on its way after a start), then are skipped.
 */
@Component(service = {ConnectorPush.class, OutboxDelivery.class}, immediate = true)
public class ConnectorPush implements OutboxDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorPush.class);
    /** How long items wait before a held-back instance is looked at again. */
    static final Duration HOLD = Duration.ofMinutes(5);
    /** How long items wait for an instance that does not exist before they are skipped. */
    static final Duration GONE = Duration.ofDays(7);

    /** Why an instance's items are held back: a CONFIG error under this configuration. */
    public record Hold(String configHash, String reason, Instant since) {
    }

    private final Database database;
    private final ConnectorInstances instances;
    private final Clock clock;
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    @Activate
    public ConnectorPush(@Reference Database database, @Reference ConnectorInstances instances) {
        this(database, instances, Clock.systemUTC());
    }

    public ConnectorPush(Database database, ConnectorInstances instances, Clock clock) {
        this.database = database;
        this.instances = instances;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "connector-push";
    }

    @Override
    public Set<String> topics() {
        return Set.of(PushEntry.TOPIC);
    }

    @Override
    public int batchSize() {
        return Delivery.MAX_BATCH;
    }

    @Override
    public Result deliver(Entry entry) throws Exception {
        return deliverAll(List.of(entry)).get(0);
    }

    @Override
    public List<Result> deliverAll(List<Entry> entries) throws Exception {
        Result[] results = new Result[entries.size()];
        // Items of one instance and capability travel together, in the order they were queued.
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        PushEntry[] pushes = new PushEntry[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            pushes[i] = PushEntry.of(entries.get(i).payload());
            if (pushes[i] == null) {
                results[i] = Failure.permanent("not a push entry (no instance, capability or item key)");
                continue;
            }
            groups.computeIfAbsent(pushes[i].instanceId() + "/" + pushes[i].capability(), k -> new ArrayList<>())
                    .add(i);
        }
        for (List<Integer> group : groups.values()) {
            List<PushEntry> items = group.stream().map(i -> pushes[i]).toList();
            List<Instant> queuedAt = group.stream().map(i -> entries.get(i).createdAt()).toList();
            List<Result> outcome = push(items, queuedAt);
            for (int j = 0; j < group.size(); j++) {
                results[group.get(j)] = outcome.get(j);
            }
        }
        return List.of(results);
    }

    /** Pushes one instance's items of one capability; one result per item, in order. */
    private List<Result> push(List<PushEntry> items, List<Instant> queuedAt) throws Exception {
        PushEntry first = items.get(0);
        ConnectorInstance instance = instances.get(first.instanceId()).orElse(null);
        if (instance == null) {
            // Right after a start the configurations may not have arrived yet: wait, and give up only on an
            // instance gone for long (its configuration was deleted).
            Instant gone = clock.instant().minus(GONE);
            return queuedAt.stream().map(at -> at.isBefore(gone) ? OutboxDelivery.skipped("connector instance "
                    + first.instanceId() + " no longer exists") : OutboxDelivery.deferred(clock.instant().plus(HOLD),
                            "no connector instance " + first.instanceId() + " (yet)")).toList();
        }
        Result waiting = waiting(instance, first.capability());
        if (waiting != null) {
            return all(items, waiting);
        }
        // What to send, as it is now; items no longer true are skipped, and one target object is written once.
        List<MentoringContent.Built> built = database.inTransaction(tx -> {
            List<MentoringContent.Built> list = new ArrayList<>();
            for (PushEntry item : items) {
                list.add(MentoringContent.build(tx, item));
            }
            return list;
        });
        Result[] results = new Result[items.size()];
        List<Delivery.Keyed> send = new ArrayList<>();
        Map<String, Integer> sentAt = new HashMap<>();
        Map<Integer, Integer> sameAs = new HashMap<>();
        Map<String, Integer> byTarget = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            MentoringContent.Built b = built.get(i);
            if (b.item() == null) {
                results[i] = OutboxDelivery.skipped(b.notSent());
                continue;
            }
            String target = b.item() instanceof GoalPublisher.ReviewGoal goal ? goal.externalId() : b.item().key();
            Integer earlier = byTarget.putIfAbsent(target, i);
            if (earlier != null) {
                sameAs.put(i, earlier); // the same goal, sent once as it is now
                continue;
            }
            sentAt.put(b.item().key(), i);
            send.add(b.item());
        }
        if (!send.isEmpty()) {
            List<Delivery> deliveries;
            try {
                deliveries = limiter(instance).send(() -> call(instance, first.capability(), send));
            } catch (ConnectorException e) {
                return all(items, failed(instance, e));
            } catch (RuntimeException e) {
                // A connector's bug: retried like any transient failure, named by its type only (it may quote data).
                return all(items, Failure.transientFailure("connector '" + instance.type() + "' failed with "
                        + e.getClass().getName(), null));
            }
            holds.remove(instance.id());
            Map<String, Delivery> byKey = new HashMap<>();
            if (deliveries != null) {
                deliveries.forEach(d -> byKey.put(d.key(), d));
            }
            for (Map.Entry<String, Integer> sent : sentAt.entrySet()) {
                Delivery d = byKey.get(sent.getKey());
                results[sent.getValue()] = d == null
                        ? Failure.transientFailure("connector '" + instance.type() + "' answered nothing for the item",
                                null)
                        : d.delivered() ? OutboxDelivery.delivered()
                        : Failure.permanent("refused by " + instance.id() + ": " + instance.scrub(d.refusal()));
            }
        }
        sameAs.forEach((i, earlier) -> results[i] = results[earlier]);
        return List.of(results);
    }

    /** Why the instance's items must wait now, or null when they can go. */
    private Result waiting(ConnectorInstance instance, Capability capability) {
        Instant later = clock.instant().plus(HOLD);
        if (instance.state() != ConnectorInstance.State.ACTIVE) {
            return OutboxDelivery.deferred(later, "connector instance " + instance.id() + " is " + instance.state()
                    + (instance.reason() == null ? "" : ": " + instance.scrub(instance.reason())));
        }
        if (!instance.can(capability)) {
            return OutboxDelivery.deferred(later, "connector '" + instance.type() + "' no longer declares "
                    + capability);
        }
        Hold hold = holds.get(instance.id());
        if (hold != null && hold.configHash().equals(instance.configHash())) {
            return OutboxDelivery.deferred(later, "held back until the configuration of " + instance.id()
                    + " changes: " + hold.reason());
        }
        return null;
    }

    private Result failed(ConnectorInstance instance, ConnectorException e) {
        String message = instance.scrub(e.getMessage());
        return switch (e.kind()) {
            case CONFIG -> {
                Hold before = holds.put(instance.id(), new Hold(instance.configHash(), message, clock.instant()));
                if (before == null || !before.reason().equals(message)) {
                    LOG.warn("Connector instance {} refuses the hub's configuration; its pushes wait until it "
                            + "changes: {}", instance.id(), message);
                }
                yield OutboxDelivery.deferred(clock.instant().plus(HOLD), "held back until the configuration of "
                        + instance.id() + " changes: " + message);
            }
            case TRANSIENT -> Failure.transientFailure(instance.id() + ": " + message,
                    e.retryAfter().map(wait -> min(wait, instance.settings().retryAfterCap())).orElse(null));
            case PERMANENT -> Failure.permanent(instance.id() + ": " + message);
        };
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @SuppressWarnings("unchecked")
    private static List<Delivery> call(ConnectorInstance instance, Capability capability, List<Delivery.Keyed> items)
            throws ConnectorException {
        List<? extends Delivery.Keyed> batch = Delivery.requireValidBatch(items);
        return switch (capability) {
            case LEARNING_RECORDS -> instance.facet(capability, LearningRecords.class).record(instance.config(),
                    (List<LearningRecords.LearningRecord>) batch);
            case LEARNING_ENROLMENT -> instance.facet(capability, CourseEnrolments.class).enrol(instance.config(),
                    (List<CourseEnrolments.Enrolment>) batch);
            case PERFORMANCE_GOALS -> instance.facet(capability, GoalPublisher.class).publishGoals(instance.config(),
                    (List<GoalPublisher.ReviewGoal>) batch);
            case REVIEW_FEED -> instance.facet(capability, ReviewFeedPublisher.class).publishReviewFeed(
                    instance.config(), (List<ReviewFeedPublisher.FeedItem>) batch);
            default -> throw ConnectorException.permanent(capability + " is not a push");
        };
    }

    /** One request budget per instance and configuration: {@code rate_limit} holds for pushes as for syncs. */
    private RateLimiter limiter(ConnectorInstance instance) {
        String key = instance.id() + "@" + instance.configHash();
        limiters.keySet().removeIf(k -> k.startsWith(instance.id() + "@") && !k.equals(key));
        return limiters.computeIfAbsent(key, k -> new RateLimiter(instance.settings().rateLimit()));
    }

    private static List<Result> all(List<PushEntry> items, Result result) {
        List<Result> results = new ArrayList<>(items.size());
        items.forEach(i -> results.add(result));
        return results;
    }

    /** Instances whose pushes are held back by a CONFIG error, by id. */
    public Map<String, Hold> holds() {
        return Map.copyOf(holds);
    }
}
