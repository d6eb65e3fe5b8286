package io.mentorhub.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorhub.engine.api.ApiTestSupport;
import io.mentorhub.fixtures.syncconnector.PagedJsonVendor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connector types and instances through the REST API: created, shown masked, replaced, refused, deleted. */
class ConnectorsApiTest {

    private final SyncHub hub;

    ConnectorsApiTest() throws Exception {
        hub = new SyncHub();
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
    }

    private Map<String, Object> instance(String id, Map<String, String> changes) {
        Map<String, String> settings = new HashMap<>(Map.of("base_url", hub.vendor.baseUrl(), "api_token",
                "$[secret:" + id + ".token]", "allow_http", "true", "schedule_incremental", "off", "schedule_full",
                "off"));
        settings.putAll(changes);
        Map<String, Object> body = new HashMap<>(Map.of("type", "paged-json", "settings", settings));
        if (id != null) {
            body.put("id", id);
        }
        return body;
    }

    @Test
    void typesDescribeTheConnectorsAndTheHubsSettings() throws Exception {
        JsonNode types = hub.api.call("GET", "/api/connector-types", hub.api.keys.get("integration"), null).body()
                .path("items");
        JsonNode pagedJson = types.get(0);
        assertEquals("paged-json", pagedJson.path("id").asText());
        assertEquals("HRIS", pagedJson.path("kind").asText());
        assertEquals("[\"PEOPLE_FULL_SYNC\",\"PEOPLE_INCREMENTAL_SYNC\"]", pagedJson.path("capabilities").toString());
        assertTrue(pagedJson.path("settings").toString().contains("\"id\":\"api_token\",\"name\":\"API token\""));
        assertTrue(pagedJson.path("settings").toString().contains("\"type\":\"SECRET\""));
        String hubSettings = pagedJson.path("hub_settings").toString();
        assertTrue(hubSettings.contains("\"id\":\"retry_after_cap\"") && hubSettings.contains("\"default_value\":\"60s\""),
                hubSettings);
        assertFalse(hubSettings.contains("\"folder\""), "no drop folder for a connector that reads no files");
    }

    @Test
    void anInstanceIsCreatedShownMaskedReplacedAndDeleted() throws Exception {
        ApiTestSupport.Response created = hub.api.admin("POST", "/api/connectors", instance("acme", Map.of()));
        assertEquals(201, created.status(), created.toString());
        assertEquals("/api/connectors/acme", created.header("Location"));
        assertEquals("ACTIVE", created.body().path("state").asText(), created.toString());
        assertEquals("api", created.body().path("source").asText());
        assertTrue(created.body().path("editable").asBoolean());
        assertEquals("****", created.body().path("settings").path("api_token").asText());
        JsonNode shown = hub.api.call("GET", "/api/connectors/acme", hub.api.keys.get("integration"), null).body();
        assertFalse(shown.toString().contains("acme.token"), "not even the reference is shown: " + shown);
        assertEquals("true", shown.path("settings").path("allow_http").asText());

        assertEquals(409, hub.api.admin("POST", "/api/connectors", instance("acme", Map.of())).status());
        ApiTestSupport.Response replaced = hub.api.admin("PUT", "/api/connectors/acme",
                instance(null, Map.of("rate_limit", "2")));
        assertEquals(200, replaced.status(), replaced.toString());
        assertEquals("2", replaced.body().path("settings").path("rate_limit").asText());
        assertTrue(hub.api.admin("GET", "/api/audit", null).body().toString().contains("connector.replaced"));

        assertEquals(200, hub.api.admin("DELETE", "/api/connectors/acme", null).status());
        assertEquals(404, hub.api.admin("GET", "/api/connectors/acme", null).status());
        assertEquals(404, hub.api.admin("POST", "/api/connectors/acme/sync", Map.of()).status());
    }

    @Test
    void secretsAreOnlyTakenAsReferencesAndBadSettingsAreRefusedByName() throws Exception {
        ApiTestSupport.Response plain = hub.api.admin("POST", "/api/connectors",
                instance("acme", Map.of("api_token", PagedJsonVendor.TOKEN)));
        assertEquals(422, plain.status(), plain.toString());
        assertEquals("settings.api_token", plain.body().path("errors").get(0).path("field").asText());
        assertFalse(plain.toString().contains(PagedJsonVendor.TOKEN), "the refusal does not echo the secret");

        ApiTestSupport.Response bad = hub.api.admin("POST", "/api/connectors",
                instance("acme", Map.of("rate_limit", "lots", "page_size", "0")));
        assertEquals(422, bad.status(), bad.toString());
        assertEquals("settings.page_size", bad.body().path("errors").get(0).path("field").asText());
        assertEquals("settings.rate_limit", bad.body().path("errors").get(1).path("field").asText());

        ApiTestSupport.Response https = hub.api.admin("POST", "/api/connectors",
                instance("acme", Map.of("allow_http", "false")));
        assertEquals(422, https.status());
        assertTrue(https.body().path("detail").asText().contains("must use https"), https.toString());
        assertEquals(422, hub.api.admin("POST", "/api/connectors", instance("Not An Id", Map.of())).status());
        Map<String, Object> unknownType = instance("acme", Map.of());
        unknownType.put("type", "workday");
        ApiTestSupport.Response waiting = hub.api.admin("POST", "/api/connectors", unknownType);
        assertEquals(422, waiting.status());
        assertTrue(waiting.body().path("detail").asText().contains("not installed"));
        assertEquals(0, hub.instances.all().size(), "nothing refused was stored");
    }

    @Test
    void anInstanceConfiguredInAFileIsEditedThereAndABrokenOneIsShownWithItsReason() throws Exception {
        Map<String, String> file = new HashMap<>(Map.of("type", "paged-json", "base_url", hub.vendor.baseUrl(),
                "api_token", "s3cret-from-file", "allow_http", "true", "felix.fileinstall.filename",
                "file:/opt/mentorhub/etc/io.mentorhub.connector-payroll.cfg"));
        hub.deliver("payroll", file);
        JsonNode view = hub.api.admin("GET", "/api/connectors/payroll", null).body();
        assertEquals("etc/io.mentorhub.connector-payroll.cfg", view.path("source").asText());
        assertFalse(view.path("editable").asBoolean());
        assertFalse(view.toString().contains("s3cret-from-file"));
        ApiTestSupport.Response put = hub.api.admin("PUT", "/api/connectors/payroll", instance(null, Map.of()));
        assertEquals(409, put.status());
        assertEquals("file-managed", put.code());
        assertEquals(409, hub.api.admin("DELETE", "/api/connectors/payroll", null).status());

        file.put("page_size", "huge");
        hub.deliver("payroll", file);
        JsonNode invalid = hub.api.admin("GET", "/api/connectors", null).body().path("items").get(0);
        assertEquals("INVALID", invalid.path("state").asText());
        assertEquals("page_size must be a whole number from 1 to 10000", invalid.path("reason").asText());
        ApiTestSupport.Response sync = hub.api.admin("POST", "/api/connectors/payroll/sync", Map.of());
        assertEquals(409, sync.status());
        assertEquals("not-active", sync.code());
    }

    @Test
    void syncRequestsAreCheckedAndRepeatedOnesShareTheQueuedRun() throws Exception {
        hub.configure("acme", Map.of());
        assertEquals(422, hub.api.admin("POST", "/api/connectors/acme/sync", Map.of("mode", "sometimes")).status());
        assertEquals(400, hub.api.admin("POST", "/api/connectors/acme/sync", Map.of("dryrun", true)).status());
        assertEquals(404, hub.api.admin("GET", "/api/connectors/acme/runs/" + java.util.UUID.randomUUID(), null)
                .status());
        assertEquals(404, hub.api.admin("GET", "/api/connectors/acme/runs/not-a-run", null).status());
        hub.sync.stop(); // nothing takes queued runs now
        hub.api.connectorSync = new ConnectorSync(hub.database(), hub.camel, hub.instances,
                new JobAssignment() {
                    @Override
                    public String nodeId() {
                        return "node-z";
                    }

                    @Override
                    public boolean owns(String instanceId) {
                        return false; // another node runs it
                    }

                    @Override
                    public boolean alive(String nodeId) {
                        return true;
                    }

                    @Override
                    public void publish(java.util.Set<String> activeInstances) {
                    }
                }, new ConnectorSync.Settings(1, java.time.Duration.ofSeconds(30), 100, 500, java.time.ZoneOffset.UTC));
        hub.sync = hub.api.connectorSync;
        ApiTestSupport.Response first = hub.api.admin("POST", "/api/connectors/acme/sync", Map.of());
        ApiTestSupport.Response second = hub.api.admin("POST", "/api/connectors/acme/sync", Map.of());
        assertEquals(first.body().path("id").asText(), second.body().path("id").asText());
        assertEquals("queued", second.body().path("phase").asText());
        assertEquals("QUEUED", hub.api.admin("GET", "/api/connectors/acme/runs/" + first.body().path("id").asText(),
                null).body().path("status").asText());
    }
}
