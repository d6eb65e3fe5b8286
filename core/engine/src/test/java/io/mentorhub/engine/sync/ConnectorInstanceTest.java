package io.mentorhub.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.connector.Capability;
import io.mentorhub.api.connector.Connector;
import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorKind;
import io.mentorhub.api.connector.PeoplePage;
import io.mentorhub.api.connector.PeopleQuery;
import io.mentorhub.api.connector.PeopleSource;
import io.mentorhub.api.connector.Setting;
import io.mentorhub.fixtures.syncconnector.PagedJsonConnector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Instances from their configurations: every way one can be wrong is a state with a reason, never an exception. */
class ConnectorInstanceTest {

    private static final String SECRET = "tok-9f8e7d6c5b4a";

    private static Map<String, String> config(Map<String, String> changes) {
        Map<String, String> raw = new HashMap<>(Map.of("type", "paged-json", "base_url", "https://hris.example.com/v1",
                "api_token", SECRET, "service.pid", "io.mentorhub.connector~acme",
                "felix.fileinstall.filename", "file:/opt/hub/etc/io.mentorhub.connector-acme.cfg"));
        raw.putAll(changes);
        raw.values().removeIf(v -> v == null);
        return raw;
    }

    private static ConnectorInstance evaluate(Map<String, String> raw) {
        return ConnectorInstance.evaluate("acme", "io.mentorhub.connector~acme", raw, Map.<String, Connector>of(
                "paged-json", new PagedJsonConnector(), "full-only", new FullOnly())::get);
    }

    @Test
    void aGoodConfigurationIsActiveWithTheHubsDefaultsAndItsSecretMasked() {
        ConnectorInstance instance = evaluate(config(Map.of()));
        assertEquals(ConnectorInstance.State.ACTIVE, instance.state(), instance.reason());
        assertEquals("etc/io.mentorhub.connector-acme.cfg", instance.source());
        assertTrue(instance.fileManaged());
        InstanceSettings settings = instance.settings();
        assertEquals(5, settings.rateLimit());
        assertEquals(200, settings.pageSize());
        assertEquals("15m", settings.incremental().toString());
        assertEquals("daily 02:00", settings.full().toString());
        assertEquals(8, settings.maxAttempts());
        assertEquals(java.time.Duration.ofSeconds(60), settings.retryAfterCap());
        assertFalse(settings.allowHttp());
        assertEquals("****", instance.shownSettings().get("api_token"));
        assertFalse(instance.shownSettings().toString().contains(SECRET));
        assertFalse(instance.shownSettings().containsKey("service.pid"));
        for (var setting : InstanceSettings.SCHEMA) {
            assertTrue(settings.shown().containsKey(setting.id()) || setting.id().equals("folder"), setting.id());
        }
        assertEquals(settings.shown(), InstanceSettings.parse(settings.shown(), new HashMap<>()).shown(), "read back");
    }

    @Test
    void everyProblemMakesItInvalidWithAReasonAndNeverTheSecret() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("rate_limit", "fast");
        cases.put("page_size", "0");
        cases.put("fields", "given_name,salary");
        cases.put("overlap", "a while");
        cases.put("schedule_full", "hourly-ish");
        cases.put("enabled", "yes");
        cases.put("file_pattern", "[");
        cases.put("schedule_completions", "now and then");
        cases.put("schedule_review_feed", "daily 25:00");
        cases.put("review_period", "fortnight");
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            ConnectorInstance instance = evaluate(config(Map.of(bad.getKey(), bad.getValue())));
            assertEquals(ConnectorInstance.State.INVALID, instance.state(), bad.getKey());
            assertTrue(instance.reason().startsWith(bad.getKey()), instance.reason());
        }
        ConnectorInstance noTitle = evaluate(config(Map.of("fields", "id,title")));
        assertTrue(noTitle.reason().contains("given_name and family_name"), noTitle.reason());
        ConnectorInstance plainHttp = evaluate(config(Map.of("base_url", "http://hris.example.com")));
        assertTrue(plainHttp.reason().contains("must use https"), plainHttp.reason());
        ConnectorInstance typo = evaluate(config(Map.of("api_tokn", "x")));
        assertTrue(typo.reason().contains("unknown setting api_tokn"), typo.reason());
        assertEquals("****", typo.shownSettings().get("api_tokn"), "a misspelt key may be a secret");
        ConnectorInstance noToken = evaluate(config(Map.of("api_token", "")));
        assertTrue(noToken.reason().contains("api_token is required"), noToken.reason());
        ConnectorInstance incremental = evaluate(config(Map.of("type", "full-only", "schedule_incremental", "5m")));
        assertTrue(incremental.reason().contains("cannot read only what changed"), incremental.reason());
        assertEquals(ConnectorInstance.State.ACTIVE, evaluate(config(Map.of("type", "full-only"))).state(),
                "the default incremental schedule does not apply to a connector that cannot read changes");
    }

    @Test
    void aConnectorThatOnlyWritesIsAnInstanceAndOneThatDoesNothingIsNot() {
        Connector lrs = new PushOnly(java.util.Set.of(io.mentorhub.api.connector.Capability.LEARNING_RECORDS));
        Connector nothing = new PushOnly(java.util.Set.of());
        Map<String, String> raw = Map.of("type", "push-only", "schedule_review_feed", "daily 04:30",
                "review_period", "quarter");
        ConnectorInstance instance = ConnectorInstance.evaluate("lrs", "io.mentorhub.connector~lrs", raw,
                Map.of("push-only", lrs)::get);
        assertEquals(ConnectorInstance.State.ACTIVE, instance.state(), instance.reason());
        assertTrue(instance.can(io.mentorhub.api.connector.Capability.LEARNING_RECORDS));
        assertFalse(instance.can(io.mentorhub.api.connector.Capability.REVIEW_FEED));
        assertEquals("daily 04:30", instance.settings().reviewFeed().toString());
        assertEquals("6h", instance.settings().completions().toString());
        assertEquals("quarter", instance.settings().reviewPeriod());
        ConnectorInstance idle = ConnectorInstance.evaluate("idle", "io.mentorhub.connector~idle", raw,
                Map.of("push-only", nothing)::get);
        assertEquals(ConnectorInstance.State.INVALID, idle.state());
        assertTrue(idle.reason().contains("declares no capability"), idle.reason());
    }

    /** A connector that writes learning records and reads no people. */
    static final class PushOnly implements Connector, io.mentorhub.api.connector.LearningRecords {
        private final java.util.Set<io.mentorhub.api.connector.Capability> capabilities;

        PushOnly(java.util.Set<io.mentorhub.api.connector.Capability> capabilities) {
            this.capabilities = capabilities;
        }

        @Override
        public String id() {
            return "push-only";
        }

        @Override
        public io.mentorhub.api.connector.ConnectorKind kind() {
            return io.mentorhub.api.connector.ConnectorKind.LMS;
        }

        @Override
        public java.util.Set<io.mentorhub.api.connector.Capability> capabilities() {
            return capabilities;
        }

        @Override
        public java.util.List<io.mentorhub.api.connector.Setting> settings() {
            return java.util.List.of();
        }

        @Override
        public java.util.List<io.mentorhub.api.connector.Delivery> record(
                io.mentorhub.api.connector.ConnectorConfig config, java.util.List<LearningRecord> records) {
            return records.stream().map(r -> io.mentorhub.api.connector.Delivery.delivered(r.key(), r.key())).toList();
        }
    }

    @Test
    void waitingForItsConnectorDisabledOnRequestAndUnnamedConfigurationsExplained() {
        ConnectorInstance waiting = evaluate(config(Map.of("type", "workday")));
        assertEquals(ConnectorInstance.State.WAITING, waiting.state());
        assertEquals("****", waiting.shownSettings().get("api_token"), "without a schema every connector key is masked");
        assertEquals("workday", waiting.shownSettings().get("type"));
        assertEquals(ConnectorInstance.State.DISABLED, evaluate(config(Map.of("enabled", "false"))).state());
        ConnectorInstance unnamed = ConnectorInstance.evaluate(null, "io.mentorhub.connector.4711", config(Map.of()),
                id -> null);
        assertEquals(ConnectorInstance.State.INVALID, unnamed.state());
        assertTrue(unnamed.reason().contains("io.mentorhub.connector-<name>.cfg"));
        assertNull(ConnectorInstances.instanceId("io.mentorhub.connector.4711"));
        assertEquals("acme", ConnectorInstances.instanceId("io.mentorhub.connector~acme"));
    }

    @Test
    void connectorsComingAndGoingChangeTheInstancesStateLive() {
        ConnectorInstances instances = new ConnectorInstances();
        AtomicInteger changes = new AtomicInteger();
        instances.addListener(changes::incrementAndGet);
        instances.updated("io.mentorhub.connector~acme", new Hashtable<>(config(Map.of())));
        assertEquals(ConnectorInstance.State.WAITING, instances.get("acme").orElseThrow().state());
        PagedJsonConnector connector = new PagedJsonConnector();
        instances.bindConnector(connector);
        assertEquals(ConnectorInstance.State.ACTIVE, instances.get("acme").orElseThrow().state());
        instances.unbindConnector(connector);
        assertEquals(ConnectorInstance.State.WAITING, instances.get("acme").orElseThrow().state());
        instances.deleted("io.mentorhub.connector~acme");
        assertTrue(instances.get("acme").isEmpty());
        assertEquals(4, changes.get());
    }

    /** A connector that reads everyone, never only changes. */
    private static final class FullOnly implements Connector, PeopleSource {
        @Override
        public String id() {
            return "full-only";
        }

        @Override
        public ConnectorKind kind() {
            return ConnectorKind.HRIS;
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.PEOPLE_FULL_SYNC);
        }

        @Override
        public List<Setting> settings() {
            return List.of(Setting.required("base_url", "Base URL", Setting.Type.URL, "API root"),
                    Setting.required("api_token", "Token", Setting.Type.SECRET, "Token"));
        }

        @Override
        public PeoplePage fetchPeople(ConnectorConfig config, PeopleQuery query) {
            return new PeoplePage(new ArrayList<>(), List.of(), null);
        }
    }
}
