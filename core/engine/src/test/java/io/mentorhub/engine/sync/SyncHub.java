package io.mentorhub.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorhub.api.connector.Connector;
import io.mentorhub.api.domain.Person;
import io.mentorhub.engine.api.ApiTestSupport;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.PersonStore;
import io.mentorhub.engine.store.Stored;
import io.mentorhub.fixtures.syncconnector.PagedJsonConnector;
import io.mentorhub.fixtures.syncconnector.PagedJsonVendor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A hub for sync tests: the REST API over Jetty on H2 (or PostgreSQL), a real Camel context, the connector instances
 * (configurations delivered as Configuration Admin would), the sync engine on a single node with short periods, the
 * fixture connector — and its vendor on WireMock.
 */
public final class SyncHub implements AutoCloseable {

    public final ApiTestSupport api;
    final DefaultCamelContext camel = new DefaultCamelContext();
    final ConnectorInstances instances = new ConnectorInstances();
    public final PagedJsonVendor vendor;
    final String node;
    public ConnectorSync sync;

    public ConnectorInstances instances() {
        return instances;
    }

    public SyncHub() throws Exception {
        this(new ApiTestSupport(), new PagedJsonVendor(), "node-a");
    }

    SyncHub(ApiTestSupport api, PagedJsonVendor vendor, String node) throws Exception {
        this.api = api;
        this.vendor = vendor;
        this.node = node;
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
        start();
    }

    /** Starts (again) the sync engine of this node. */
    void start() throws Exception {
        sync = new ConnectorSync(api.database, camel, instances, JobAssignment.singleNode(node),
                new ConnectorSync.Settings(2, Duration.ofSeconds(30), 100, 500, ZoneOffset.UTC));
        api.connectorSync = sync;
    }

    Database database() {
        return api.database;
    }

    void install(Connector connector) {
        instances.bindConnector(connector);
    }

    /** An instance of the fixture connector against the vendor: no schedules, fast retries. */
    public void configure(String id, Map<String, String> overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("type", PagedJsonConnector.ID);
        settings.put("base_url", vendor.baseUrl());
        settings.put("api_token", PagedJsonVendor.TOKEN);
        settings.put("allow_http", "true");
        settings.put("schedule_incremental", "off");
        settings.put("schedule_full", "off");
        settings.put("rate_limit", "1000");
        settings.put("page_size", "50");
        settings.put("retry_delay", "10ms");
        settings.put("retry_after_cap", "2s");
        settings.put("timeout_ms", "2000");
        settings.put("fields", InstanceSettings.DEFAULT_FIELDS + ",custom.cost_center");
        settings.putAll(overrides);
        settings.values().removeIf(v -> v == null);
        deliver(id, settings);
    }

    /** Delivers a configuration as Configuration Admin does (the PID names the instance). */
    void deliver(String id, Map<String, String> settings) {
        Hashtable<String, Object> properties = new Hashtable<>(settings);
        properties.put("service.pid", ConnectorInstances.FACTORY_PID + "~" + id);
        properties.put("service.factoryPid", ConnectorInstances.FACTORY_PID);
        instances.updated(ConnectorInstances.FACTORY_PID + "~" + id, properties);
    }

    String adminKey() {
        return api.keys.get("hr_admin");
    }

    /** Starts a sync through the API and returns its run id. */
    String startSync(String id, Map<String, Object> body) throws Exception {
        ApiTestSupport.Response response = api.call("POST", "/api/connectors/" + id + "/sync", adminKey(), body);
        assertEquals(202, response.status(), response.toString());
        return response.body().path("id").asText();
    }

    /** Polls the run through the API until it has finished; returns it. */
    JsonNode awaitRun(String id, String runId, Duration timeout) throws Exception {
        return awaitRun(id, runId, timeout, run -> !List.of("QUEUED", "RUNNING").contains(run.path("status").asText()));
    }

    JsonNode awaitRun(String id, String runId, Duration timeout, Predicate<JsonNode> condition) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode run = null;
        while (Instant.now().isBefore(deadline)) {
            ApiTestSupport.Response response = api.call("GET", "/api/connectors/" + id + "/runs/" + runId, adminKey(),
                    null);
            assertEquals(200, response.status(), response.toString());
            run = response.body();
            if (condition.test(run)) {
                return run;
            }
            Thread.sleep(20);
        }
        return fail("run " + runId + " did not get there within " + timeout + "; last: " + run);
    }

    /** Runs a sync to its end and returns the run, which must have succeeded. */
    public JsonNode syncOk(String id, Map<String, Object> body) throws Exception {
        JsonNode run = awaitRun(id, startSync(id, body), Duration.ofSeconds(120));
        assertEquals("SUCCEEDED", run.path("status").asText(), run.toString());
        return run;
    }

    /** Every stored person by id. */
    Map<String, Person> people() throws Exception {
        return api.database.inTransaction(tx -> {
            Map<String, Person> people = new TreeMap<>();
            for (String id : tx.query("SELECT hris_id FROM person", r -> r.getString(1))) {
                people.put(id, null);
            }
            Map<String, Stored<Person>> stored = new PersonStore().load(tx, people.keySet());
            Map<String, Person> result = new TreeMap<>();
            stored.forEach((k, v) -> result.put(k, v.value()));
            return result;
        });
    }

    long count(String sql, Object... parameters) throws Exception {
        return api.database.inTransaction(tx -> tx.count(sql, parameters));
    }

    /** Row counts of every table, to show something changed nothing. */
    Map<String, Long> rows() throws Exception {
        return new HashMap<>(api.rowCounts());
    }

    @Override
    public void close() throws Exception {
        if (sync != null) {
            sync.stop();
        }
        camel.close();
        vendor.close();
        api.close();
    }
}
