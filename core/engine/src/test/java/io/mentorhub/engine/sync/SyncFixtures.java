package io.mentorhub.engine.sync;

import io.mentorhub.api.connector.PersonRecord;
import io.mentorhub.engine.store.Database;
import io.mentorhub.fixtures.syncconnector.PagedJsonConnector;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The sync engine for API tests that are about who may do what, not about syncing: the fixture connector installed,
 * instances configured as Configuration Admin would deliver them, and a node that runs no jobs — requested syncs stay
 * QUEUED, so nothing changes the database behind a test's back.
 */
public final class SyncFixtures implements AutoCloseable {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final ConnectorInstances instances = new ConnectorInstances();
    private final Database database;
    private final ConnectorSync sync;

    public SyncFixtures(Database database) throws Exception {
        this.database = database;
        camel.start();
        instances.useStore(new ConnectorInstances.ConfigurationStore() {
            @Override
            public void write(String instanceId, Map<String, String> properties) {
                instances.updated(ConnectorInstances.FACTORY_PID + "~" + instanceId, new Hashtable<>(properties));
            }

            @Override
            public void remove(String instanceId) {
                instances.deleted(ConnectorInstances.FACTORY_PID + "~" + instanceId);
            }
        });
        instances.bindConnector(new PagedJsonConnector());
        sync = new ConnectorSync(database, camel, instances, new JobAssignment() {
            @Override
            public String nodeId() {
                return "api-test-node";
            }

            @Override
            public boolean owns(String instanceId) {
                return false;
            }

            @Override
            public boolean alive(String nodeId) {
                return true;
            }

            @Override
            public void publish(Set<String> activeInstances) {
            }
        }, new ConnectorSync.Settings(1, Duration.ofSeconds(30), 200, 1_000, ZoneOffset.UTC));
    }

    public ConnectorInstances instances() {
        return instances;
    }

    public ConnectorSync sync() {
        return sync;
    }

    /** The settings of an instance made through the API (secrets as references). */
    public static Map<String, Object> instanceBody(String id) {
        Map<String, Object> settings = Map.of("base_url", "https://hris.example.com/v1", "api_token",
                "$[secret:hris.token]", "schedule_incremental", "off", "schedule_full", "off");
        return id == null ? Map.of("type", PagedJsonConnector.ID, "settings", settings)
                : Map.of("id", id, "type", PagedJsonConnector.ID, "settings", settings);
    }

    /** An instance configured in a file. */
    public void configure(String id) {
        Hashtable<String, Object> properties = new Hashtable<>(Map.of("type", PagedJsonConnector.ID, "base_url",
                "https://hris.example.com/v1", "api_token", "fixture-token", "schedule_incremental", "off",
                "schedule_full", "off", "felix.fileinstall.filename", "file:/hub/etc/io.mentorhub.connector-" + id
                        + ".cfg"));
        instances.updated(ConnectorInstances.FACTORY_PID + "~" + id, properties);
    }

    /** A pending dead letter of the instance (a refused record, replayable), in a failed run of its own. */
    public String deadLetter(String instanceId) throws Exception {
        String runId = UUID.randomUUID().toString();
        SyncRunStore runs = new SyncRunStore();
        return database.inTransaction(tx -> {
            runs.insert(tx, runId, instanceId, PagedJsonConnector.ID, SyncRun.Mode.FULL, false, "fixture",
                    SyncRunStore.Options.NONE);
            runs.abandon(tx, runId, SyncRun.Status.FAILED, "fixture");
            new DeadLetterStore().insert(tx, instanceId, runId, List.of(new DeadLetterStore.New(DeadLetter.Kind.RECORD,
                    "person X1", "X1", "hire_date must be a date such as 2026-03-31", DeadLetterStore.Content.of(
                            PersonRecord.of("X1", Map.of("given_name", "Xavi", "family_name", "Fixture"))), null)));
            return tx.one("SELECT id FROM sync_dead_letter WHERE run_id = ?", r -> r.getString(1),
                    io.mentorhub.engine.store.Tx.uuid(runId)).orElseThrow();
        });
    }

    @Override
    public void close() throws Exception {
        sync.stop();
        camel.close();
    }
}
