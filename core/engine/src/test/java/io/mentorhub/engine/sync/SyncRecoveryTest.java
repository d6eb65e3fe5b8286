package io.mentorhub.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mentorhub.api.connector.PersonFields;
import io.mentorhub.engine.api.ApiTestSupport;
import io.mentorhub.fixtures.syncconnector.PagedJsonVendor;
import io.mentorhub.fixtures.syncconnector.PagedJsonVendor.FaultKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What happens when things go wrong: refused records and pages go to the dead-letter table and come back with a
 * replay; a node that lost its lease cannot commit; a run interrupted by a stopping hub resumes from its checkpoint.
 */
class SyncRecoveryTest {

    private final SyncHub hub;

    SyncRecoveryTest() throws Exception {
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

    private JsonNode deadLetters(String query) throws Exception {
        ApiTestSupport.Response response = hub.api.admin("GET", "/api/connectors/acme/dead-letters" + query, null);
        assertEquals(200, response.status(), response.toString());
        return response.body().path("items");
    }

    @Test
    void aRefusedRecordWaitsInTheDeadLetterTableAndAReplayAppliesItOnceTheCauseIsFixed() throws Exception {
        hub.vendor.seedCompany(20, 1);
        String first = PagedJsonVendor.id(0);
        String clash = PagedJsonVendor.id(1);
        hub.vendor.change(clash, Map.of(PersonFields.WORK_EMAIL, first.toLowerCase() + "@northwind.example"));
        // No overlap: the incremental sync below reads only what changed after this sync started.
        hub.configure("acme", Map.of("overlap", "0s"));
        JsonNode run = hub.syncOk("acme", Map.of());
        assertEquals(1, run.path("counts").path("failed").asInt());
        assertEquals(19, hub.people().size());
        JsonNode letter = deadLetters("?status=pending").get(0);
        assertEquals("RECORD", letter.path("kind").asText());
        assertEquals(clash, letter.path("record_id").asText());
        assertTrue(letter.path("reason").asText().contains("work_email is also on person " + first), letter.toString());
        assertTrue(letter.path("replayable").asBoolean());
        assertFalse(letter.toString().contains("@northwind"), "no content in the API: " + letter);

        // The first person's address changes at the vendor; the incremental sync brings only them.
        hub.vendor.change(first, Map.of(PersonFields.WORK_EMAIL, "ada.new@northwind.example"));
        assertEquals(1, hub.syncOk("acme", Map.of("mode", "incremental")).path("counts").path("records").asInt());
        assertEquals(19, hub.people().size(), "the refused record did not come again: it did not change");

        ApiTestSupport.Response replay = hub.api.admin("POST", "/api/connectors/acme/dead-letters/replay",
                Map.of("ids", List.of(letter.path("id").asText())));
        assertEquals(202, replay.status(), replay.toString());
        JsonNode replayRun = hub.awaitRun("acme", replay.body().path("id").asText(), Duration.ofSeconds(30));
        assertEquals("SUCCEEDED", replayRun.path("status").asText(), replayRun.toString());
        assertEquals("REPLAY", replayRun.path("mode").asText());
        assertEquals(1, replayRun.path("counts").path("created").asInt());
        assertEquals(20, hub.people().size());
        JsonNode replayed = deadLetters("?status=replayed").get(0);
        assertEquals(letter.path("id").asText(), replayed.path("id").asText());
        assertEquals(0, deadLetters("?status=pending").size());
        assertEquals(409, hub.api.admin("POST", "/api/connectors/acme/dead-letters/replay", Map.of()).status(),
                "nothing left to replay");
    }

    @Test
    void anAddressAColleagueGivesUpOnTheSamePageIsTakenAfterTheirChange() throws Exception {
        hub.vendor.seedCompany(20, 1);
        hub.configure("acme", Map.of());
        hub.syncOk("acme", Map.of());
        String leaving = PagedJsonVendor.id(2);
        String taking = PagedJsonVendor.id(1);
        hub.vendor.change(leaving, Map.of(PersonFields.WORK_EMAIL, "moved@northwind.example"));
        hub.vendor.change(taking, Map.of(PersonFields.WORK_EMAIL, leaving.toLowerCase() + "@northwind.example"));
        JsonNode run = hub.syncOk("acme", Map.of());
        assertEquals(0, run.path("counts").path("failed").asInt(), run.toString());
        assertEquals(leaving.toLowerCase() + "@northwind.example", hub.people().get(taking).workEmail());
        assertEquals("moved@northwind.example", hub.people().get(leaving).workEmail());
    }

    @Test
    void aRecordRefusedAgainStaysPendingWithOneMoreAttemptAndANewerRecordSupersedesIt() throws Exception {
        hub.vendor.seedCompany(20, 1);
        hub.vendor.change(PagedJsonVendor.id(5), Map.of(PersonFields.HIRE_DATE, "sometime"));
        hub.configure("acme", Map.of());
        hub.syncOk("acme", Map.of());
        String id = deadLetters("").get(0).path("id").asText();
        JsonNode replay = hub.awaitRun("acme", hub.api.admin("POST", "/api/connectors/acme/dead-letters/replay",
                Map.of()).body().path("id").asText(), Duration.ofSeconds(30));
        assertEquals(1, replay.path("counts").path("failed").asInt(), replay.toString());
        JsonNode again = deadLetters("?status=pending").get(0);
        assertEquals(id, again.path("id").asText());
        assertEquals(2, again.path("attempts").asInt());

        hub.vendor.change(PagedJsonVendor.id(5), Map.of(PersonFields.HIRE_DATE, "2021-05-03"));
        hub.syncOk("acme", Map.of("mode", "incremental"));
        assertEquals(0, deadLetters("?status=pending").size(), "the newer record settled the old one");
        assertTrue(deadLetters("?status=replayed").get(0).path("resolved_by").asText().startsWith("superseded by run"));
    }

    @Test
    void aPageTheVendorRefusesEndsTheRunInTheDeadLetterTableAndIsFetchedAgainOnReplay() throws Exception {
        hub.vendor.seedCompany(120, 1);
        hub.configure("acme", Map.of());
        hub.vendor.failNext(FaultKind.BAD_REQUEST);
        JsonNode failed = hub.awaitRun("acme", hub.startSync("acme", Map.of()), Duration.ofSeconds(30));
        assertEquals("FAILED", failed.path("status").asText());
        assertTrue(failed.path("error").asText().contains("refused page 1"), failed.toString());
        JsonNode letter = deadLetters("").get(0);
        assertEquals("PAGE", letter.path("kind").asText());
        assertTrue(letter.path("replayable").asBoolean());
        assertEquals(0, hub.people().size());

        JsonNode replay = hub.awaitRun("acme", hub.api.admin("POST", "/api/connectors/acme/dead-letters/replay",
                Map.of()).body().path("id").asText(), Duration.ofSeconds(30));
        assertEquals("SUCCEEDED", replay.path("status").asText(), replay.toString());
        assertEquals(50, hub.people().size(), "the refused page, fetched again");
        assertEquals("REPLAYED", deadLetters("").get(0).path("status").asText());
        // A discarded letter is not replayed; the discard is audited.
        hub.vendor.failNext(FaultKind.BAD_REQUEST);
        hub.awaitRun("acme", hub.startSync("acme", Map.of()), Duration.ofSeconds(30));
        String second = deadLetters("?status=pending").get(0).path("id").asText();
        ApiTestSupport.Response discarded = hub.api.admin("POST", "/api/connectors/acme/dead-letters/" + second
                + "/discard", null);
        assertEquals("DISCARDED", discarded.body().path("status").asText(), discarded.toString());
        assertEquals(409, hub.api.admin("POST", "/api/connectors/acme/dead-letters/" + second + "/discard", null)
                .status());
        assertTrue(hub.api.admin("GET", "/api/audit", null).body().toString().contains("dead_letter.discarded"));
    }

    @Test
    void aPageRefusedWhileTheOneBeforeIsAppliedFailsTheRunAfterThatOneIsCommitted() throws Exception {
        hub.vendor.seedCompany(300, 1);
        hub.vendor.answerDelay(600);
        hub.configure("acme", Map.of());
        String runId = hub.startSync("acme", Map.of());
        // Page 2 is asked for as soon as page 1 arrives, while page 1 is applied; the next request is page 3's.
        hub.awaitRun("acme", runId, Duration.ofSeconds(30), run -> run.path("counts").path("pages").asInt() >= 1);
        hub.vendor.failNext(FaultKind.BAD_REQUEST);
        JsonNode failed = hub.awaitRun("acme", runId, Duration.ofSeconds(30));

        assertEquals("FAILED", failed.path("status").asText(), failed.toString());
        assertTrue(failed.path("error").asText().contains("refused page 3"), failed.toString());
        assertEquals(2, failed.path("counts").path("pages").asInt(), "page 2, read before page 3, was applied");
        assertEquals(100, hub.people().size());
        assertEquals(3, hub.vendor.pageRequests().size(), "pages 1, 2 and 3: nothing beyond the refused page");
        String query = hub.database().inTransaction(tx -> tx.query("SELECT page_query FROM sync_dead_letter WHERE "
                + "kind = 'PAGE'", row -> row.getString(1))).get(0);
        assertTrue(query.contains(PagedJsonVendor.id(99)), "the refused page's own cursor is kept: " + query);
    }

    @Test
    void aNodeThatLostItsLeaseCannotCommitAnotherPage() throws Exception {
        hub.vendor.seedCompany(300, 1);
        hub.vendor.answerDelay(250);
        hub.configure("acme", Map.of());
        String runId = hub.startSync("acme", Map.of());
        hub.awaitRun("acme", runId, Duration.ofSeconds(30), run -> run.path("counts").path("pages").asInt() >= 1);

        // Another node takes the lease over (as after this node was paused past its lease): a new fencing token.
        hub.database().inTransaction(tx -> tx.update("UPDATE sync_lease SET owner_node = 'node-b', token = token + 1, "
                + "expires_at = ? WHERE instance_id = 'acme'", tx.now().plusSeconds(3600)));
        long pages = hub.count("SELECT pages FROM sync_run WHERE id = ?", java.util.UUID.fromString(runId));
        long people = hub.count("SELECT COUNT(*) FROM person");
        Instant deadline = Instant.now().plusSeconds(30);
        while (!hub.sync.jobs().isEmpty()) {
            assertTrue(Instant.now().isBefore(deadline), "the stale job stops");
            Thread.sleep(20);
        }
        assertEquals(pages, hub.count("SELECT pages FROM sync_run WHERE id = ?", java.util.UUID.fromString(runId)));
        assertEquals(people, hub.count("SELECT COUNT(*) FROM person"), "no page committed after the takeover");
        assertEquals(pages * 50, people);
        JsonNode run = hub.api.admin("GET", "/api/connectors/acme/runs/" + runId, null).body();
        assertEquals("RUNNING", run.path("status").asText(), "the run is the new holder's to finish: " + run);
    }

    @Test
    void aRunInterruptedByAStoppingHubResumesFromItsCheckpointOnAnotherNode() throws Exception {
        hub.vendor.seedCompany(300, 1);
        hub.vendor.answerDelay(200);
        hub.configure("acme", Map.of());
        String runId = hub.startSync("acme", Map.of());
        hub.awaitRun("acme", runId, Duration.ofSeconds(30), run -> run.path("counts").path("pages").asInt() >= 2);
        hub.sync.stop();
        long pages = hub.count("SELECT pages FROM sync_run WHERE id = ?", java.util.UUID.fromString(runId));
        assertEquals(pages * 50, hub.count("SELECT COUNT(*) FROM person"));
        assertEquals("RUNNING", hub.api.admin("GET", "/api/connectors/acme/runs/" + runId, null).body().path("status")
                .asText());

        hub.vendor.resetJournal();
        hub.vendor.answerDelay(0);
        hub.sync = new ConnectorSync(hub.database(), hub.camel, hub.instances, JobAssignment.singleNode("node-b"),
                new ConnectorSync.Settings(2, Duration.ofSeconds(30), 100, 500, java.time.ZoneOffset.UTC));
        hub.api.connectorSync = hub.sync;
        JsonNode run = hub.awaitRun("acme", runId, Duration.ofSeconds(30));

        assertEquals("SUCCEEDED", run.path("status").asText(), run.toString());
        assertEquals(6, run.path("counts").path("pages").asInt());
        assertEquals(300, run.path("counts").path("created").asInt(), "counts carried over from the checkpoint");
        assertEquals(300, hub.people().size());
        List<LoggedRequest> requests = hub.vendor.pageRequests();
        assertEquals(6 - pages, requests.size(), "only the pages after the checkpoint were read again");
        assertEquals(PagedJsonVendor.id((int) pages * 50 - 1), requests.get(0).queryParameter("cursor").firstValue());
        assertTrue(run.path("warnings").toString().contains("resumed after page " + pages), run.toString());
        assertNull(hub.database().inTransaction(tx -> new LeaseStore().holder(tx, "acme")).orElseThrow().node(),
                "the lease was released at the end");
    }
}
