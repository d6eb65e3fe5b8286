package io.mentorhub.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mentorhub.fixtures.syncconnector.PagedJsonVendor;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connector sync in the built hub: the test connector dropped into {@code deploy/} with a {@code deploy/*.cfg} whose
 * token comes by interpolation, the vendor on WireMock in this JVM. The hub is killed with SIGKILL in the middle of
 * a full sync and started again: the run resumes from its last checkpoint and nobody is lost, duplicated or changed.
 * An instance made through the REST API (Configuration Admin, a secret file) syncs too.
 */
class ConnectorSyncIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int PEOPLE = 3_000;
    private static final int PAGE = 50;

    @TempDir
    Path scratch;

    @Test
    void aHubKilledMidSyncResumesFromItsCheckpointWithNothingLost() throws Exception {
        try (PagedJsonVendor vendor = new PagedJsonVendor()) {
            vendor.seedCompany(PEOPLE, 20261123);
            vendor.answerDelay(120);
            Map<String, String> environment = Map.of("VENDOR_TOKEN", PagedJsonVendor.TOKEN);
            RunningHub first = RunningHub.start(scratch, environment, false, home -> {
                Files.writeString(home.resolve("deploy/io.mentorhub.connector-vendor.cfg"), String.join("\n",
                        "type = paged-json",
                        "base_url = " + vendor.baseUrl(),
                        "api_token = $[env:VENDOR_TOKEN]",
                        "allow_http = true",
                        "schedule_incremental = off",
                        "schedule_full = off",
                        "page_size = " + PAGE,
                        "rate_limit = 50",
                        "fields = " + String.join(",", List.of("id", "employee_number", "given_name", "family_name",
                                "work_email", "title", "grade", "department", "team", "location", "time_zone",
                                "languages", "manager_id", "hire_date", "status", "custom.cost_center")),
                        ""));
            });
            String runId;
            int pagesAtKill;
            try (first) {
                first.await("/health", WAIT, r -> r.status() == 200);
                // The instance waits for its connector, which arrives with the jar.
                first.await("/api/connectors/vendor", WAIT, r -> r.status() == 200
                        && r.body().path("state").asText().equals("WAITING"));
                first.deploy(RunningHub.TEST_PLUGINS.resolve("mentorhub-fixture-sync-connector.jar"),
                        "sync-connector.jar");
                JsonNode active = first.await("/api/connectors/vendor", WAIT, r -> r.status() == 200
                        && r.body().path("state").asText().equals("ACTIVE"));
                assertEquals("****", active.path("settings").path("api_token").asText());
                assertEquals("deploy/io.mentorhub.connector-vendor.cfg", active.path("source").asText());

                RunningHub.Response started = first.send("POST", "/api/connectors/vendor/sync", Map.of("mode", "full"));
                assertEquals(202, started.status(), String.valueOf(started.body()));
                runId = started.body().path("id").asText();
                JsonNode midway = first.await("/api/connectors/vendor/runs/" + runId, WAIT,
                        r -> r.body().path("counts").path("pages").asInt() >= 12);
                first.kill();
                pagesAtKill = midway.path("counts").path("pages").asInt();
                assertFalse(first.log().contains(PagedJsonVendor.TOKEN), "the token never reaches the log");
            }

            vendor.resetJournal();
            vendor.answerDelay(0);
            try (RunningHub second = first.restart(environment)) {
                JsonNode run = second.await("/api/connectors/vendor/runs/" + runId, WAIT,
                        r -> r.status() == 200 && r.body().path("status").asText().equals("SUCCEEDED"));
                assertEquals(PEOPLE / PAGE, run.path("counts").path("pages").asInt(), run.toString());
                assertTrue(run.path("warnings").toString().contains("resumed after page"), run.toString());

                List<LoggedRequest> after = vendor.pageRequests();
                assertTrue(after.size() < PEOPLE / PAGE, "resumed, not read again from the start: " + after.size()
                        + " requests");
                String cursor = after.get(0).queryParameter("cursor").firstValue();
                int resumedAfter = Integer.parseInt(cursor.substring(1)) + 1;
                assertEquals(0, resumedAfter % PAGE, "a page boundary: " + cursor);
                // The last durable page: embedded H2 flushes commits to disk within its write delay (500 ms), so a
                // SIGKILL may take the last page or two back — checkpoint and people together, in one transaction.
                assertTrue(resumedAfter > 0 && resumedAfter <= PAGE * pagesAtKill, "from a checkpoint (killed after "
                        + pagesAtKill + " pages, resumed after person " + resumedAfter + ")");
                assertEquals(PEOPLE / PAGE - resumedAfter / PAGE, after.size(), "each remaining page once");

                Map<String, JsonNode> stored = people(second);
                Map<String, Map<String, String>> source = vendor.people();
                assertEquals(source.keySet(), stored.keySet(), "0 lost, 0 extra");
                source.forEach((id, fields) -> {
                    JsonNode person = stored.get(id);
                    assertEquals(fields.get("title"), person.path("title").asText(null), id);
                    assertEquals(fields.get("family_name"), person.path("family_name").asText(), id);
                    assertEquals(fields.get("manager_id"), person.path("manager_id").asText(null), id);
                    assertEquals(fields.get("status"), person.path("status").asText(), id);
                    assertEquals(fields.get("custom.cost_center"), person.path("custom_attributes")
                            .path("cost_center").asText(), id);
                });
                assertEquals(0, second.get("/api/connectors/vendor/dead-letters").body().path("items").size());
                assertEquals(0, second.stop());
            }
        }
    }

    @Test
    void anInstanceMadeThroughTheApiGetsItsSecretFromASecretFileAndSyncs() throws Exception {
        try (PagedJsonVendor vendor = new PagedJsonVendor()) {
            vendor.seedCompany(120, 3);
            try (RunningHub hub = RunningHub.start(scratch, Map.of(), false, home -> {
                Files.writeString(home.resolve("etc/secrets/vendor.token"), PagedJsonVendor.TOKEN);
                Files.copy(RunningHub.TEST_PLUGINS.resolve("mentorhub-fixture-sync-connector.jar"),
                        home.resolve("deploy/sync-connector.jar"));
            })) {
                hub.await("/api/connector-types", WAIT, r -> r.status() == 200
                        && r.body().path("items").toString().contains("paged-json"));
                Map<String, Object> body = Map.of("id", "vendor", "type", "paged-json", "settings", Map.of(
                        "base_url", vendor.baseUrl(), "api_token", "$[secret:vendor.token]", "allow_http", "true",
                        "schedule_incremental", "off", "schedule_full", "off"));
                RunningHub.Response created = hub.send("POST", "/api/connectors", body);
                assertEquals(201, created.status(), String.valueOf(created.body()));
                hub.await("/api/connectors/vendor", WAIT, r -> r.status() == 200
                        && r.body().path("state").asText().equals("ACTIVE") && r.body().path("editable").asBoolean());
                String runId = hub.send("POST", "/api/connectors/vendor/sync", Map.of()).body().path("id").asText();
                JsonNode run = hub.await("/api/connectors/vendor/runs/" + runId, WAIT,
                        r -> r.body().path("status").asText().equals("SUCCEEDED"));
                assertEquals(120, run.path("counts").path("created").asInt());
                assertEquals("Bearer " + PagedJsonVendor.TOKEN, vendor.pageRequests().get(0).getHeader("Authorization"),
                        "the secret file's content reached the vendor, and only the vendor");
                assertFalse(hub.log().contains(PagedJsonVendor.TOKEN));
                assertFalse(hub.get("/api/connectors/vendor").body().toString().contains("vendor.token"));
                // The push components run in the packaged hub too: an HRIS instance owes nothing and has no task.
                RunningHub.Response push = hub.get("/api/connectors/vendor/push");
                assertEquals(200, push.status(), String.valueOf(push.body()));
                assertTrue(push.body().path("tasks").isEmpty() && push.body().path("items").isEmpty(),
                        push.body().toString());

                assertEquals(200, hub.send("DELETE", "/api/connectors/vendor", null).status());
                hub.await("/api/connectors", WAIT, r -> r.body().path("items").isEmpty());
                assertEquals(0, hub.stop());
            }
        }
    }

    /** Every person through the paged API. */
    private static Map<String, JsonNode> people(RunningHub hub) throws Exception {
        Map<String, JsonNode> people = new TreeMap<>();
        String cursor = null;
        do {
            JsonNode page = hub.get("/api/people?limit=200" + (cursor == null ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))).body();
            for (JsonNode person : page.path("items")) {
                assertTrue(people.put(person.path("id").asText(), person) == null, "listed twice: " + person);
            }
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
        } while (cursor != null);
        return people;
    }
}
