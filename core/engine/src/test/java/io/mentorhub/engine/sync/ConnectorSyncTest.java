package io.mentorhub.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorhub.api.connector.PersonFields;
import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.PersonStatus;
import io.mentorhub.engine.api.ApiTestSupport;
import io.mentorhub.engine.store.PersonStore;
import io.mentorhub.fixtures.syncconnector.PagedJsonVendor;
import io.mentorhub.fixtures.syncconnector.PagedJsonVendor.FaultKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sync flow end to end, in process: the fixture connector against its WireMock vendor, the engine's Camel routes,
 * H2, and the REST API over Jetty.
 */
class ConnectorSyncTest {

    private final SyncHub hub;

    ConnectorSyncTest() throws Exception {
        hub = createHub();
    }

    /** The hub the tests run on: H2 here, PostgreSQL in the IT that extends this class. */
    protected SyncHub createHub() throws Exception {
        return new SyncHub();
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
    }

    @Test
    void aFullSyncStoresEveryoneAsTheVendorHasThemAndLinksManagersThatCameOnLaterPages() throws Exception {
        hub.vendor.seedCompany(230, 7);
        hub.configure("acme", Map.of());
        JsonNode run = hub.syncOk("acme", Map.of());

        assertEquals("FULL", run.path("mode").asText());
        assertEquals(5, run.path("counts").path("pages").asInt());
        assertEquals(230, run.path("counts").path("created").asInt());
        assertEquals(0, run.path("counts").path("failed").asInt());
        Map<String, Person> stored = hub.people();
        Map<String, Map<String, String>> source = hub.vendor.people();
        assertEquals(source.keySet(), stored.keySet());
        source.forEach((id, fields) -> SyncAssertions.sameAsVendor(id, fields, stored.get(id)));
        // E00000's manager is E00229, which the vendor lists on the last page.
        assertEquals(PagedJsonVendor.id(229), stored.get(PagedJsonVendor.id(0)).managerId());
        assertEquals(0, hub.count("SELECT COUNT(*) FROM sync_pending_link"));
        assertTrue(run.path("warnings").toString().contains("manager links were made after the last page"),
                run.toString());

        // The same again: nothing changes, no version moves.
        long versions = hub.count("SELECT SUM(version) FROM person");
        JsonNode again = hub.syncOk("acme", Map.of());
        assertEquals(230, again.path("counts").path("unchanged").asInt());
        assertEquals(versions, hub.count("SELECT SUM(version) FROM person"));
    }

    @Test
    void anIncrementalSyncReadsChangesSinceThePreviousFetchStartMinusTheOverlap() throws Exception {
        hub.vendor.seedCompany(60, 3);
        hub.configure("acme", Map.of("overlap", "2m"));
        JsonNode full = hub.syncOk("acme", Map.of("mode", "full"));
        Instant fetchStart = Instant.parse(full.path("fetch_started_at").asText());

        hub.vendor.change(PagedJsonVendor.id(4), Map.of(PersonFields.TITLE, "Head of Platform"));
        hub.vendor.resetJournal();
        JsonNode incremental = hub.syncOk("acme", Map.of("mode", "incremental"));

        assertEquals("INCREMENTAL", incremental.path("mode").asText());
        assertEquals(fetchStart.minus(Duration.ofMinutes(2)), Instant.parse(incremental.path("modified_since").asText()));
        String asked = hub.vendor.pageRequests().get(0).queryParameter("updated_since").firstValue();
        assertEquals(fetchStart.minus(Duration.ofMinutes(2)), Instant.parse(asked));
        // Everyone changed within the overlap window comes again; only the real change updates anyone.
        assertEquals(1, incremental.path("counts").path("updated").asInt());
        assertEquals("Head of Platform", hub.people().get(PagedJsonVendor.id(4)).title());
        assertEquals(0, incremental.path("counts").path("created").asInt());
    }

    @Test
    void aTerminationAndADeletionKeepThePersonWithDatedHistory() throws Exception {
        hub.vendor.seedCompany(30, 5);
        hub.configure("acme", Map.of());
        hub.syncOk("acme", Map.of());
        String leaver = PagedJsonVendor.id(3);
        String deleted = PagedJsonVendor.id(4);
        hub.vendor.change(leaver, Map.of(PersonFields.STATUS, "T", PersonFields.TERMINATION_DATE, "2026-02-27"));
        hub.vendor.delete(deleted);
        JsonNode run = hub.syncOk("acme", Map.of("mode", "incremental"));

        assertEquals(2, run.path("counts").path("terminated").asInt(), run.toString());
        Map<String, Person> stored = hub.people();
        assertEquals(30, stored.size(), "nobody is deleted");
        assertEquals(PersonStatus.T, stored.get(leaver).status());
        assertEquals(PersonStatus.T, stored.get(deleted).status());
        List<Person.Change> history = hub.database().inTransaction(tx -> new PersonStore().history(tx, leaver));
        Person.Change termination = history.get(history.size() - 1);
        assertEquals(Person.TrackedField.STATUS, termination.field());
        assertEquals("T", termination.newValue());
        assertEquals(LocalDate.parse("2026-02-27"), termination.effectiveDate());
        List<Person.Change> deletedHistory = hub.database().inTransaction(tx -> new PersonStore().history(tx, deleted));
        assertEquals("T", deletedHistory.get(deletedHistory.size() - 1).newValue());
        assertEquals(2, deletedHistory.size(), "first status, then the termination");
        // The API still answers for both, with their history.
        ApiTestSupport.Response person = hub.api.admin("GET", "/api/people/" + deleted, null);
        assertEquals("T", person.body().path("status").asText());
    }

    @Test
    void aDryRunRecordsWhatWouldChangeFieldByFieldAndChangesNothingElse() throws Exception {
        hub.vendor.seedCompany(40, 9);
        hub.configure("acme", Map.of());
        hub.syncOk("acme", Map.of());
        hub.vendor.change(PagedJsonVendor.id(1), Map.of(PersonFields.TITLE, "Staff Engineer", "custom.cost_center",
                "CC-99"));
        hub.vendor.change(PagedJsonVendor.id(2), Map.of(PersonFields.STATUS, "T"));
        hub.vendor.put("E99999", Map.of(PersonFields.GIVEN_NAME, "New", PersonFields.FAMILY_NAME, "Hire"));
        Map<String, Long> before = hub.rows();

        JsonNode run = hub.syncOk("acme", Map.of("dry_run", true));

        assertTrue(run.path("dry_run").asBoolean());
        assertEquals(1, run.path("counts").path("created").asInt());
        assertEquals(2, run.path("counts").path("updated").asInt());
        assertEquals(1, run.path("counts").path("terminated").asInt());
        Map<String, Long> after = hub.rows();
        for (String table : before.keySet()) {
            if (!table.equals("sync_run") && !table.equals("sync_change") && !table.equals("sync_lease")) {
                assertEquals(before.get(table), after.get(table), table);
            }
        }
        assertEquals(before.get("sync_run") + 1, after.get("sync_run"));
        assertEquals("Engineer", hub.people().get(PagedJsonVendor.id(1)).title().substring(0, 8));

        JsonNode changes = hub.api.admin("GET", "/api/connectors/acme/runs/" + run.path("id").asText() + "/changes",
                null).body().path("items");
        String text = changes.toString();
        assertTrue(text.contains("\"kind\":\"CREATE\"") && text.contains("E99999"), text);
        assertTrue(text.contains("\"new_value\":\"Staff Engineer\""), text);
        assertTrue(text.contains("\"kind\":\"TERMINATE\""), text);
        assertTrue(text.contains("\"field\":\"custom.cost_center\",\"old_value\":\"(hidden)\",\"new_value\":\"(hidden)\""),
                text);
        assertFalse(text.contains("CC-99"), "custom attribute values are not shown");
        // A dry run is no watermark: the next incremental still reads from the last real sync.
        JsonNode incremental = hub.syncOk("acme", Map.of("mode", "incremental"));
        assertEquals(2, incremental.path("counts").path("updated").asInt(), incremental.toString());
    }

    @Test
    void retryAfterIsHonouredButCappedAndTransientFaultsAreRetried() throws Exception {
        hub.vendor.seedCompany(20, 1);
        hub.vendor.retryAfter(30);
        hub.vendor.failNext(FaultKind.RATE_LIMITED, FaultKind.SERVER_ERROR, FaultKind.CONNECTION_RESET);
        hub.configure("acme", Map.of("retry_after_cap", "1s", "retry_delay", "10ms"));
        Instant started = Instant.now();
        JsonNode run = hub.syncOk("acme", Map.of());
        Duration took = Duration.between(started, Instant.now());

        assertEquals(20, run.path("counts").path("created").asInt());
        assertEquals(3, run.path("timings").path("retries").asInt());
        assertTrue(run.path("timings").path("wait_millis").asLong() >= 1_000, run.toString());
        assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "Retry-After 30 s was capped at 1 s: " + took);
    }

    @Test
    void aVendorThatKeepsFailingEndsTheRunWithTheReasonAndTheNextRunStartsAfresh() throws Exception {
        hub.vendor.seedCompany(20, 1);
        hub.configure("acme", Map.of("max_attempts", "3"));
        hub.vendor.failNext(FaultKind.SERVER_ERROR, FaultKind.SERVER_ERROR, FaultKind.SERVER_ERROR);
        JsonNode run = hub.awaitRun("acme", hub.startSync("acme", Map.of()), Duration.ofSeconds(30));
        assertEquals("FAILED", run.path("status").asText());
        assertTrue(run.path("error").asText().contains("after 3 attempts"), run.toString());
        assertEquals(0, hub.people().size());
        assertEquals(20, hub.syncOk("acme", Map.of()).path("counts").path("created").asInt());
    }

    @Test
    void aRefusedTokenSuspendsTheInstanceUntilItsConfigurationChanges() throws Exception {
        hub.vendor.seedCompany(10, 1);
        hub.configure("acme", Map.of("api_token", "revoked-token-123"));
        JsonNode run = hub.awaitRun("acme", hub.startSync("acme", Map.of()), Duration.ofSeconds(30));
        assertEquals("FAILED", run.path("status").asText());
        assertFalse(run.toString().contains("revoked-token-123"));
        JsonNode view = hub.api.admin("GET", "/api/connectors/acme", null).body();
        assertEquals("SUSPENDED", view.path("state").asText(), view.toString());
        assertTrue(view.path("reason").asText().contains("401"), view.toString());
        assertEquals("****", view.path("settings").path("api_token").asText());
        ApiTestSupport.Response refused = hub.api.admin("POST", "/api/connectors/acme/sync", Map.of());
        assertEquals(409, refused.status());
        assertEquals("suspended", refused.code());

        hub.configure("acme", Map.of());
        JsonNode active = hub.api.admin("GET", "/api/connectors/acme", null).body();
        assertEquals("ACTIVE", active.path("state").asText(), active.toString());
        assertEquals(10, hub.syncOk("acme", Map.of()).path("counts").path("created").asInt());
    }

    @Test
    void theScheduleStartsSyncsOnItsOwn() throws Exception {
        hub.vendor.seedCompany(10, 1);
        hub.configure("acme", Map.of("schedule_incremental", "1s"));
        Instant deadline = Instant.now().plusSeconds(30);
        while (hub.count("SELECT COUNT(*) FROM sync_run WHERE requested_by = 'schedule' AND status = 'SUCCEEDED'") < 2) {
            assertTrue(Instant.now().isBefore(deadline), "two scheduled runs within 30 s");
            Thread.sleep(50);
        }
        assertEquals(10, hub.people().size());
        assertNotNull(hub.api.admin("GET", "/api/connectors/acme", null).body().path("next_incremental_at").asText());
        assertNull(hub.api.admin("GET", "/api/connectors/acme", null).body().path("next_full_at").textValue());
    }
}
