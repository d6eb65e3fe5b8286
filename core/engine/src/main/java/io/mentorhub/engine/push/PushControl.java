package io.mentorhub.engine.push;

import io.mentorhub.engine.review.ReviewPeriod;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.Tx;
import io.mentorhub.engine.sync.ConnectorInstance;
import io.mentorhub.engine.sync.ConnectorInstances;
import io.mentorhub.engine.sync.ConnectorSync;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What the API and the shell do with an instance's pushes: show where they stand, send DEAD items again, queue the
 * past for an instance configured late, and run a scheduled task now.
 */
@Component(service = PushControl.class, immediate = true)
public class PushControl {

    /** Where an instance's pushes stand. */
    public record PushStatus(String instanceId, List<String> tasks, Map<String, Long> items, String heldBack,
            List<PushTasks.TaskRun> taskRuns, List<DeadItem> dead) {
    }

    /** An item set aside: its key, why, after how many attempts. */
    public record DeadItem(String key, String reason, int attempts, Instant queuedAt) {
    }

    private static final int DEAD_SHOWN = 50;

    private final Database database;
    private final ConnectorInstances instances;
    private final PushPlanner planner;
    private final ConnectorPush push;
    private final PushTasks tasks;

    @Activate
    public PushControl(@Reference Database database, @Reference ConnectorInstances instances,
            @Reference PushPlanner planner, @Reference ConnectorPush push, @Reference PushTasks tasks) {
        this.database = database;
        this.instances = instances;
        this.planner = planner;
        this.push = push;
        this.tasks = tasks;
    }

    public PushStatus status(String instanceId) throws SQLException {
        ConnectorInstance instance = instance(instanceId);
        Map<String, Long> counts = new TreeMap<>();
        List<DeadItem> dead = database.inTransaction(tx -> {
            tx.query("SELECT status, COUNT(*) AS n FROM outbox WHERE topic = ? AND aggregate_id = ? GROUP BY status",
                    row -> counts.put(row.getString("status"), row.getLong("n")), PushEntry.TOPIC, instanceId);
            return tx.query("SELECT payload, last_error, attempts, created_at FROM outbox WHERE topic = ? "
                    + "AND aggregate_id = ? AND status = 'DEAD' ORDER BY id DESC FETCH FIRST " + DEAD_SHOWN
                    + " ROWS ONLY", row -> new DeadItem(String.valueOf(io.mentorhub.engine.store.EntityStore.json(
                            row.getString("payload"), Map.class).get("item_key")), row.getString("last_error"),
                            row.getInt("attempts"), Tx.instant(row, "created_at")), PushEntry.TOPIC, instanceId);
        });
        ConnectorPush.Hold hold = push.holds().get(instanceId);
        String heldBack = hold != null && hold.configHash().equals(instance.configHash()) ? hold.reason() : null;
        return new PushStatus(instanceId, PushTasks.tasksOf(instance), counts, heldBack, tasks.runs(instanceId), dead);
    }

    /** Sends the instance's DEAD items again, with fresh attempts; returns how many. */
    public int replay(String instanceId) throws SQLException {
        instance(instanceId);
        return database.inTransaction(tx -> tx.update("UPDATE outbox SET status = 'PENDING', attempts = 0, "
                + "next_attempt_at = NULL, last_error = NULL, claimed_by = NULL, claimed_until = NULL "
                + "WHERE topic = ? AND aggregate_id = ? AND status = 'DEAD'", PushEntry.TOPIC, instanceId));
    }

    /** Queues what the instance is owed for everything recorded before it was configured; returns how many. */
    public int backfill(String instanceId) throws SQLException {
        ConnectorInstance instance = instance(instanceId);
        if (instance.state() != ConnectorInstance.State.ACTIVE) {
            throw new ConnectorSync.Refused("not-active", "connector instance " + instanceId + " is "
                    + instance.state());
        }
        return planner.backfill(instance);
    }

    /** Runs a task now; {@code period} only for the review feed (null: the current one). */
    public PushTasks.TaskRun run(String instanceId, String task, ReviewPeriod period) throws SQLException,
            InterruptedException {
        instance(instanceId);
        return tasks.runNow(instanceId, task, period);
    }

    private ConnectorInstance instance(String id) {
        return instances.get(id).orElseThrow(() -> new ConnectorSync.Refused("not-found", "no connector instance "
                + id));
    }
}
