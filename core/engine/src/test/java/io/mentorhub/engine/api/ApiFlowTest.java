package io.mentorhub.engine.api;

import static io.mentorhub.engine.api.MentorshipFixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The life of a program through the API, and the properties every client relies on. Runs on embedded H2; the
 * subclass {@link PostgresApiFlowIT} runs the same on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiFlowTest {

    ApiTestSupport api;
    MentorshipFixture fixture;

    /** The API on the database under test. */
    protected ApiTestSupport createSupport() throws Exception {
        return new ApiTestSupport();
    }

    @BeforeAll
    void start() throws Exception {
        api = createSupport();
        fixture = new MentorshipFixture(api);
    }

    @AfterAll
    void stop() throws Exception {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void everyCallNeedsAKey() throws Exception {
        var anonymous = api.call("GET", "/api/programs", null, null);
        assertEquals(401, anonymous.status());
        assertEquals("unauthenticated", anonymous.code());
        assertTrue(anonymous.header("Content-Type").startsWith("application/problem+json"));
        assertTrue(anonymous.header("WWW-Authenticate").startsWith("Bearer"));
        assertEquals(401, api.call("GET", "/api/programs", "mh_not-a-real-key-at-all-aaaaaaaaaaaaaaaaaaaaaaa", null).status());
        assertEquals(401, api.call("GET", "/api/nowhere", null, null).status(), "no probing of routes without a key");
    }

    @Test
    void bulkUpsertCreatesUpdatesAndKeepsDatedHistory() throws Exception {
        var first = expect(200, api.call("POST", "/api/people/bulk", fixture.key.get("integration"), Map.of("people",
                List.of(MentorshipFixture.person("hist-1", "Hana", "History", "Ops")), "effective_date", "2026-01-01")));
        assertEquals(1, first.body().path("created").asInt());
        Map<String, Object> promoted = MentorshipFixture.person("hist-1", "Hana", "History", "Ops");
        promoted.put("title", "Senior Engineer");
        promoted.put("grade", "L5");
        var second = expect(200, api.call("POST", "/api/people/bulk", fixture.key.get("integration"),
                Map.of("people", List.of(promoted), "effective_date", "2026-07-01")));
        assertEquals(1, second.body().path("updated").asInt());
        var same = expect(200, api.call("POST", "/api/people/bulk", fixture.key.get("integration"),
                Map.of("people", List.of(promoted))));
        assertEquals(1, same.body().path("unchanged").asInt());
        Map<String, Object> left = new java.util.LinkedHashMap<>(promoted);
        left.put("status", "T");
        expect(200, api.call("POST", "/api/people/bulk", fixture.key.get("integration"),
                Map.of("people", List.of(left), "effective_date", "2026-09-30")));

        JsonNode history = expect(200, api.admin("GET", "/api/people/hist-1/history", null)).body().path("items");
        List<String> changes = new ArrayList<>();
        history.forEach(c -> changes.add(c.path("field").asText() + ":" + c.path("old_value").asText(null) + "->"
                + c.path("new_value").asText() + "@" + c.path("effective_date").asText()));
        assertEquals(List.of("STATUS:null->A@2020-01-15", "TITLE:Engineer->Senior Engineer@2026-07-01",
                "GRADE:null->L5@2026-07-01", "STATUS:A->T@2026-09-30"), changes);
        var person = expect(200, api.admin("GET", "/api/people/hist-1", null));
        assertEquals("T", person.body().path("status").asText(), "a leaver stays, with status T");
        assertEquals("\"3\"", person.header("ETag"));
    }

    @Test
    void pagesWithCursorsAndModifiedAfterSeeEveryPersonOnce() throws Exception {
        List<Object> people = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            people.add(MentorshipFixture.person(String.format("page-%02d", i), "P" + i, "Pager", "Ops"));
        }
        expect(200, api.call("POST", "/api/people/bulk", fixture.key.get("integration"), Map.of("people", people)));
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = expect(200, api.admin("GET", "/api/people?limit=7" + (cursor == null ? "" : "&cursor=" + cursor), null));
            page.body().path("items").forEach(p -> assertTrue(seen.add(p.path("id").asText()), "duplicate " + p));
            cursor = page.body().path("next_cursor").isNull() ? null : page.body().path("next_cursor").asText();
            pages++;
        } while (cursor != null);
        assertTrue(seen.containsAll(people.stream().map(p -> (String) ((Map<?, ?>) p).get("id")).toList()));
        assertTrue(pages >= 4);

        var all = expect(200, api.admin("GET", "/api/people?limit=200", null)).body().path("items");
        String lastModified = all.get(all.size() - 1).path("modified_at").asText();
        var later = expect(200, api.admin("GET", "/api/people?modified_after=" + lastModified, null));
        assertEquals(0, later.body().path("items").size(), "nothing changed after the newest row");
    }

    @Test
    void optimisticConcurrencyRefusesStaleWrites() throws Exception {
        var program = expect(200, api.admin("GET", "/api/programs/" + fixture.programId, null));
        String etag = program.header("ETag");
        Map<String, Object> body = MentorshipFixture.program("Engineering mentoring", "pm-1");
        body.put("trial_period_days", 45);
        var updated = expect(200, api.call("PUT", "/api/programs/" + fixture.programId, fixture.key.get("pm"), body,
                Map.of("If-Match", etag)));
        assertEquals(45, updated.body().path("trial_period_days").asInt());
        var stale = api.call("PUT", "/api/programs/" + fixture.programId, fixture.key.get("pm"), body,
                Map.of("If-Match", etag));
        assertEquals(412, stale.status(), stale.toString());
        assertEquals("version-mismatch", stale.code());
    }

    @Test
    void pairingStateMachineIsEnforcedAndRecorded() throws Exception {
        var transitions = expect(200, api.admin("GET", "/api/pairings/" + fixture.pairing1 + "/transitions", null))
                .body().path("items");
        List<String> path = new ArrayList<>();
        transitions.forEach(t -> path.add(t.path("to").asText()));
        assertEquals(List.of("PROPOSED", "PUBLISHED", "TRIAL", "ACTIVE"), path);
        assertTrue(transitions.get(3).path("actor").asText().contains("mentee-1"), "who is recorded");
        assertNotNull(transitions.get(3).path("at").asText(null));

        var backwards = api.call("POST", "/api/pairings/" + fixture.pairing1 + "/publish", fixture.key.get("pm"), null);
        assertEquals(409, backwards.status());
        assertEquals("invalid-transition", backwards.code());
        var noReason = api.call("POST", "/api/pairings/" + fixture.pairing2 + "/dissolve", fixture.key.get("mentee-2"),
                Map.of());
        assertEquals(422, noReason.status());
    }

    @Test
    void aDissolvedPairIsNeverProposedAgain() throws Exception {
        expect(200, api.call("POST", "/api/people/bulk", fixture.key.get("integration"), Map.of("people", List.of(
                MentorshipFixture.person("mentor-9", "Nia", "Mentor", "Ops"),
                MentorshipFixture.person("mentee-9", "Ned", "Mentee", "Ops")))));
        for (String[] e : new String[][] {{"mentor-9", "MENTOR", "1"}, {"mentee-9", "MENTEE", "0"}}) {
            expect(201, api.admin("POST", "/api/programs/" + fixture.programId + "/enrollments", Map.of(
                    "person_id", e[0], "role", e[1], "capacity", Integer.parseInt(e[2]), "status", "ACTIVE")));
        }
        Map<String, Object> proposal = Map.of("mentor_id", "mentor-9", "mentee_ids", List.of("mentee-9"), "score", 50);
        String id = expect(201, api.admin("POST", "/api/programs/" + fixture.programId + "/pairings", proposal))
                .body().path("id").asText();
        expect(200, api.admin("POST", "/api/pairings/" + id + "/publish", null));
        expect(200, api.admin("POST", "/api/pairings/" + id + "/start-trial", null));
        expect(200, api.admin("POST", "/api/pairings/" + id + "/dissolve", Map.of("reason", "schedules never align")));
        var again = api.admin("POST", "/api/programs/" + fixture.programId + "/pairings", proposal);
        assertEquals(409, again.status());
        assertEquals("previously-dissolved", again.code());
    }

    @Test
    void changesAreAnnouncedInTheOutboxWithoutConfidentialText() throws Exception {
        List<String> payloads = api.database.inTransaction(tx -> tx.query("SELECT payload FROM outbox", r -> r.getString(1)));
        assertTrue(payloads.stream().anyMatch(p -> p.contains("reflection.created")));
        assertTrue(payloads.stream().anyMatch(p -> p.contains("pairing.active")));
        assertFalse(payloads.stream().anyMatch(p -> p.contains("Confidential")), "no reflection text leaves via outbox");
    }

    @Test
    void keyAndRoleChangesAreAudited() throws Exception {
        List<String> actions = api.database.inTransaction(tx -> tx.query(
                "SELECT action, target_id FROM audit_log ORDER BY id", r -> r.getString(1) + " " + r.getString(2)));
        assertTrue(actions.stream().anyMatch(a -> a.startsWith("key.created")));
        assertTrue(actions.contains("program.managers.changed " + fixture.programId), actions.toString());
        String key = expect(201, api.admin("POST", "/api/keys", Map.of("name", "temp", "role", "integration")))
                .body().path("key").path("id").asText();
        expect(200, api.admin("DELETE", "/api/keys/" + key, null));
        assertEquals(1L, (long) api.database.<Long>inTransaction(tx -> tx.count(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'key.revoked' AND target_id = ?", key)));
    }

    @Test
    void reflectionReadsAreAudited() throws Exception {
        long before = api.database.inTransaction(tx -> tx.count("SELECT COUNT(*) FROM audit_log WHERE action = 'reflection.read'"));
        expect(200, api.call("GET", "/api/reflections/" + fixture.reflection.get("mentee-1/PAIR"), fixture.key.get("mentor-1"), null));
        long after = api.database.inTransaction(tx -> tx.count("SELECT COUNT(*) FROM audit_log WHERE action = 'reflection.read'"));
        assertEquals(before + 1, after);
    }

    @Test
    void theOpenApiDocumentDescribesEveryRouteAndNothingElse() throws Exception {
        JsonNode document = expect(200, api.call("GET", "/api/openapi.json", fixture.key.get("mentee-1"), null)).body();
        assertEquals("3.1.0", document.path("openapi").asText());
        Set<String> documented = new HashSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        Set<String> routed = new HashSet<>();
        api.api.routes().forEach(r -> routed.add(r.method() + " " + r.template()));
        assertEquals(routed, documented);
        for (Route route : api.api.routes()) {
            JsonNode operation = document.path("paths").path(route.template()).path(route.method().toLowerCase());
            for (String parameter : route.parameters()) {
                boolean declared = false;
                for (JsonNode p : operation.path("parameters")) {
                    declared |= p.path("in").asText().equals("path") && p.path("name").asText().equals(parameter);
                }
                assertTrue(declared, route.template() + " documents path parameter " + parameter);
            }
        }
    }
}
