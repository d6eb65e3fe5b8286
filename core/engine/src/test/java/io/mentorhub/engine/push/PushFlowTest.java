package io.mentorhub.engine.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.mentorhub.engine.api.MentorshipFixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mentorhub.api.connector.Connector;
import io.mentorhub.api.connector.LearningRecords.LearningRecord;
import io.mentorhub.api.connector.LearningRecords.Verb;
import io.mentorhub.connectors.lattice.FakeLattice;
import io.mentorhub.connectors.lattice.LatticeConnector;
import io.mentorhub.connectors.moodle.FakeMoodle;
import io.mentorhub.connectors.moodle.MoodleConnector;
import io.mentorhub.connectors.reviewfeed.FakeFeedEndpoint;
import io.mentorhub.connectors.reviewfeed.ReviewFeedConnector;
import io.mentorhub.connectors.xapi.FakeLrs;
import io.mentorhub.connectors.xapi.XapiConnector;
import io.mentorhub.engine.api.ApiTestSupport;
import io.mentorhub.engine.api.MentorshipFixture;
import io.mentorhub.engine.outbox.OutboxDrain;
import io.mentorhub.engine.sync.ConnectorInstances;
import io.mentorhub.testkit.PeopleSandbox;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 6 end to end in the engine: mentoring recorded through the API reaches the real push connectors (xAPI,
 * Moodle, Lattice, review feed) through the outbox, against their vendors' fakes (the connectors' test-jars), and
 * completions come back from Moodle into goal progress. Point 4: a target that commits a write and then times out
 * holds exactly one copy per key (WireMock's request journal shows the retries), retries stay within the maximum, and
 * DEAD items are sent again on request.
 */
class PushFlowTest {

    private static final int MAX_ATTEMPTS = 3;

    private ApiTestSupport api;
    private final ConnectorInstances instances = new ConnectorInstances();
    private final List<WireMockServer> servers = new ArrayList<>();
    private final List<AutoCloseable> connectors = new ArrayList<>();
    private PushPlanner planner;
    private ConnectorPush push;
    private PushTasks tasks;
    private PushControl control;
    private OutboxDrain drain;

    @BeforeEach
    void start() throws Exception {
        api = createSupport();
        planner = new PushPlanner(api.database, instances);
        push = new ConnectorPush(api.database, instances, api.clock);
        tasks = new PushTasks(api.database, instances, null, api.clock, ZoneOffset.UTC);
        control = new PushControl(api.database, instances, planner, push, tasks);
        api.pushControl = control;
        drain = new OutboxDrain(api.database, null, new OutboxDrain.Settings(1000, 50, MAX_ATTEMPTS,
                Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(5)), api.clock);
        drain.bindDelivery(planner);
        drain.bindDelivery(push);
    }

    /** The hub under test: embedded H2 here, PostgreSQL in {@link PostgresPushFlowIT}. */
    protected ApiTestSupport createSupport() throws Exception {
        return new ApiTestSupport();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable connector : connectors) {
            connector.close();
        }
        servers.forEach(WireMockServer::stop);
        api.close();
    }

    private WireMockServer fake(Extension transformer, String name) {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(transformer));
        server.start();
        server.stubFor(any(urlPathMatching("/.*")).willReturn(aResponse().withTransformers(name)));
        servers.add(server);
        return server;
    }

    private FakeFeedEndpoint endpoint;
    private WireMockServer server;

    /**
     * A review-feed endpoint that knows the fixture's four participants, and the connector installed; returns the
     * instance's settings (answers after a second are time-outs).
     */
    private Map<String, String> feedEndpoint() {
        endpoint = new FakeFeedEndpoint("Bearer feed-token", api.clock.instant().getEpochSecond());
        server = fake(endpoint, FakeFeedEndpoint.NAME);
        for (String person : List.of("mentor-1", "mentee-1", "mentor-2", "mentee-2")) {
            endpoint.knows(person + "@example.com");
        }
        install(new ReviewFeedConnector());
        return new HashMap<>(Map.of("type", "review-feed", "endpoint_url", "http://127.0.0.1:" + server.port()
                + "/inbound/review-feed", "bearer_token", "feed-token", "timeout_seconds", "1"));
    }

    private <C extends Connector & AutoCloseable> void install(C connector) {
        connectors.add(connector);
        instances.bindConnector(connector);
    }

    private void configure(String id, Map<String, String> settings) {
        Hashtable<String, Object> properties = new Hashtable<>(settings);
        properties.put("allow_http", "true");
        instances.updated(ConnectorInstances.FACTORY_PID + "~" + id, properties);
    }

    /** Drains until nothing is due (the test clock stands still: retries wait for {@link #later}). */
    private void drainAll() throws Exception {
        for (int pass = 0; pass < 20 && drain.drain() > 0; pass++) {
            // each pass delivers what the previous one queued
        }
    }

    private void later(Duration duration) throws Exception {
        api.clock.advance(duration);
        drainAll();
    }

    /** The instance's push entries by status, read from the outbox (also when the instance is not configured). */
    private Map<String, Long> outboxItems(String instance) throws Exception {
        return api.database.inTransaction(tx -> {
            Map<String, Long> counts = new java.util.TreeMap<>();
            tx.query("SELECT status, COUNT(*) AS n FROM outbox WHERE topic = 'connector.push' AND aggregate_id = ? "
                    + "GROUP BY status", row -> counts.put(row.getString("status"), row.getLong("n")), instance);
            return counts;
        });
    }

    private Map<String, Long> pushItems(String instance) throws Exception {
        return control.status(instance).items();
    }

    @Test
    void sessionsGoalsAndMilestonesBecomeXapiStatementsOnceEach() throws Exception {
        FakeLrs lrs = new FakeLrs("lrs-key", "lrs-secret");
        WireMockServer server = fake(lrs, FakeLrs.NAME);
        install(new XapiConnector());
        configure("lrs", Map.of("type", "xapi", "endpoint_url", "http://127.0.0.1:" + server.port() + "/data/xAPI/",
                "lrs_key", "lrs-key", "lrs_secret", "lrs-secret", "iri_base", "https://mentoring.example.com/xapi/",
                "timeout_seconds", "1"));
        MentorshipFixture fixture = new MentorshipFixture(api);
        drainAll();

        // Two sessions with two attendees each, two goals set; no milestone reached yet.
        assertEquals(6, lrs.stored());
        String attended = "session:" + fixture.session.get("1") + ":attended:mentee-1";
        JsonNode statement = lrs.statement(new LearningRecord(attended, "mentee-1@example.com", null,
                Verb.ATTENDED_SESSION, "x", null, null, Instant.EPOCH).recordId());
        assertNotNull(statement, "the statement id is derived from the item key");
        assertEquals("mailto:mentee-1@example.com", statement.path("actor").path("mbox").asText());
        assertEquals(1, server.getAllServeEvents().stream().filter(e -> e.getRequest().getMethod().getName()
                .equals("POST")).count(), "the six statements travel in one batch");

        // The goal completed and its milestone reached: one statement each.
        completeGoal(fixture, "1", "mentee-1");
        reachMilestone(fixture, "1", "mentee-1");
        drainAll();
        assertEquals(8, lrs.stored());

        // The same session saved again: nothing new; a person no longer attending is not claimed to have attended.
        Map<String, Object> session = new LinkedHashMap<>(MentorshipFixture.sessionBody("mentor-1", "mentee-1"));
        session.put("pairing_id", fixture.pairing1);
        session.put("attendance", List.of(Map.of("person_id", "mentor-1", "presence", "ATTENDED"),
                Map.of("person_id", "mentee-1", "presence", "EXCUSED")));
        expect(200, api.call("PUT", "/api/sessions/" + fixture.session.get("1"), fixture.key.get("mentor-1"),
                session));
        drainAll();
        assertEquals(8, lrs.stored());
        assertEquals(Map.of("DELIVERED", 8L), pushItems("lrs"));
    }

    @Test
    void goalsWithCoursesEnrolTheOwnerInMoodleAndCompletionsRaiseTheirProgress() throws Exception {
        FakeMoodle moodle = new FakeMoodle("moodle-token");
        WireMockServer server = fake(moodle, FakeMoodle.NAME);
        long learner = moodle.user("mentee-1@example.com", false);
        moodle.course(101, true, true, 1, 1);
        moodle.course(102, true, true, 1, 1);
        install(new MoodleConnector());
        configure("lms", Map.of("type", "moodle", "site_url", "http://127.0.0.1:" + server.port(), "token",
                "moodle-token", "timeout_seconds", "1"));
        MentorshipFixture fixture = new MentorshipFixture(api);
        drainAll();
        assertTrue(moodle.enrolments().isEmpty(), "no goal links a course yet");

        Map<String, Object> goal = new LinkedHashMap<>(MentorshipFixture.goalBody("mentee-1"));
        goal.put("pairing_id", fixture.pairing1);
        goal.put("lms_course_ids", List.of("101", "102"));
        expect(200, api.call("PUT", "/api/goals/" + fixture.goal.get("1"), fixture.key.get("mentee-1"), goal));
        drainAll();
        assertEquals(2, moodle.enrolments().size());
        assertTrue(moodle.enrolments().containsKey(new FakeMoodle.Placement(learner, 101)));
        assertTrue(moodle.enrolments().containsKey(new FakeMoodle.Placement(learner, 102)));

        // Nothing completed: the pull records nothing and leaves progress alone.
        assertEquals("SUCCEEDED", control.run("lms", PushTasks.COMPLETIONS, null).outcome());
        assertEquals(20, goalProgress(fixture, "1"));

        moodle.criterionMet(learner, 101, Instant.parse("2027-02-20T12:00:00Z").getEpochSecond());
        PushTasks.TaskRun run = control.run("lms", PushTasks.COMPLETIONS, null);
        assertEquals("SUCCEEDED", run.outcome(), run.detail());
        assertTrue(run.detail().contains("1 newly completed, 1 goal progressed"), run.detail());
        assertEquals(50, goalProgress(fixture, "1"), "one of two linked courses completed");
        assertEquals(List.of("101"), api.database.inTransaction(tx -> tx.query("SELECT course_id FROM "
                + "course_completion WHERE person_id = 'mentee-1'", row -> row.getString("course_id"))));

        // Asked again: the recorded completion is not asked for, nothing changes twice.
        run = control.run("lms", PushTasks.COMPLETIONS, null);
        assertTrue(run.detail().startsWith("asked 1 course, 0 newly completed"), run.detail());
        assertEquals(50, goalProgress(fixture, "1"));
    }

    @Test
    void eachParticipantHasOneLatticeGoalPerProgramKeptUpToDate() throws Exception {
        FakeLattice lattice = new FakeLattice("lattice-key");
        WireMockServer server = fake(lattice, FakeLattice.NAME);
        for (String person : List.of("mentee-1", "mentee-2")) {
            lattice.user(person + "@example.com", "ACTIVE");
        }
        install(new LatticeConnector());
        configure("perf", Map.of("type", "lattice", "base_url", "http://127.0.0.1:" + server.port() + "/v1",
                "api_key", "lattice-key", "timeout_seconds", "1"));
        MentorshipFixture fixture = new MentorshipFixture(api);
        drainAll();
        assertEquals(0, lattice.goalCount(), "nobody agreed to share their mentoring with performance reviews yet");
        assertEquals(Map.of("SKIPPED", 2L), pushItems("perf"));

        // Agreeing sends the participant's mentoring goal at once; the other participant's stays private.
        share(fixture, "mentee-1", true);
        drainAll();
        String link = MentoringContent.externalId(fixture.programId, "mentee-1");
        List<ObjectNode> goals = lattice.goalsLinkedTo(link);
        assertEquals(1, goals.size());
        assertEquals(1, lattice.goalCount());
        assertEquals(20.0, goals.get(0).path("currentAmount").asDouble(), goals.get(0).toString());

        // A second goal at 60 %: still one Lattice goal, now at the mean, 40 %.
        Map<String, Object> second = new LinkedHashMap<>(MentorshipFixture.goalBody("mentee-1"));
        second.put("title", "Lead a design review");
        second.put("progress_percent", 60);
        expect(201, api.call("POST", "/api/pairings/" + fixture.pairing1 + "/goals", fixture.key.get("mentee-1"),
                second));
        drainAll();
        goals = lattice.goalsLinkedTo(link);
        assertEquals(1, goals.size());
        assertEquals(40.0, goals.get(0).path("currentAmount").asDouble(), goals.get(0).toString());
        assertFalse(goals.get(0).toString().contains("Confidential"), "no reflection reaches the goal");
        share(fixture, "mentee-2", true);
        drainAll();
        assertEquals(2, lattice.goalCount(), "one per participant: mentee-1 and mentee-2");

        // Withdrawn: later changes no longer reach the performance system.
        share(fixture, "mentee-1", false);
        second.put("progress_percent", 100);
        second.put("status", "COMPLETED");
        expect(201, api.call("POST", "/api/pairings/" + fixture.pairing1 + "/goals", fixture.key.get("mentee-1"),
                second));
        drainAll();
        assertEquals(40.0, lattice.goalsLinkedTo(link).get(0).path("currentAmount").asDouble());
    }

    @Test
    void theReviewFeedIsPushedOnlyAsConsentedAndATimedOutWriteLandsOnce() throws Exception {
        configure("feed", feedEndpoint());
        MentorshipFixture fixture = new MentorshipFixture(api);
        for (String person : List.of("mentor-1", "mentee-1", "mentor-2")) {
            share(fixture, person, true);
        }
        drainAll();
        assertEquals(0, endpoint.requests(), "the feed goes on its schedule, not with every change");

        PushTasks.TaskRun partial = control.run("feed", PushTasks.REVIEW_FEED, null);
        assertTrue(partial.detail().contains("(1 not shared by the person): 3 entries queued"), partial.detail());
        share(fixture, "mentee-2", true);

        endpoint.commitThenStall();
        PushTasks.TaskRun run = control.run("feed", PushTasks.REVIEW_FEED, null);
        assertTrue(run.detail().endsWith("1 entry queued, 3 unchanged since their last push"), run.detail());

        // The endpoint stores the first entry, and its answer comes after the time-out: the batch fails.
        drainAll();
        assertEquals(1, endpoint.stored());
        assertEquals(Map.of("PENDING", 4L), pushItems("feed"));
        later(Duration.ofSeconds(31));
        assertEquals(4, endpoint.stored(), "each person's entry held once");
        assertEquals(Map.of("DELIVERED", 4L), pushItems("feed"));
        Map<String, Integer> posts = postsByKey(server);
        assertEquals(4, posts.size());
        assertEquals(List.of(1, 1, 1, 2), posts.values().stream().sorted().toList(),
                "the timed-out entry was sent twice with the same key, the others once");

        // Only reflections shared for review leave the hub, in any entry.
        String bodies = String.join("\n", server.getAllServeEvents().stream()
                .map(e -> e.getRequest().getBodyAsString()).toList());
        assertTrue(bodies.contains("SHARED_FOR_REVIEW note"));
        assertFalse(bodies.contains("PRIVATE note"));
        assertFalse(bodies.contains("PAIR note"));

        // Nothing changed: nothing is sent again. A goal changed: that person's entry goes, under a new key.
        run = control.run("feed", PushTasks.REVIEW_FEED, null);
        assertTrue(run.detail().endsWith("0 entries queued, 4 unchanged since their last push"), run.detail());
        Map<String, Object> goal = new LinkedHashMap<>(MentorshipFixture.goalBody("mentee-1"));
        goal.put("pairing_id", fixture.pairing1);
        goal.put("progress_percent", 70);
        expect(200, api.call("PUT", "/api/goals/" + fixture.goal.get("1"), fixture.key.get("mentee-1"), goal));
        run = control.run("feed", PushTasks.REVIEW_FEED, null);
        assertTrue(run.detail().endsWith("1 entry queued, 3 unchanged since their last push"), run.detail());
        drainAll();
        assertEquals(5, endpoint.stored());
    }

    @Test
    void aFailingTargetIsTriedAtMostTheMaximumThenDeadUntilReplayed() throws Exception {
        configure("feed", feedEndpoint());
        shareAll(new MentorshipFixture(api));
        control.run("feed", PushTasks.REVIEW_FEED, null);

        endpoint.fail(PeopleSandbox.Failure.serverError());
        drainAll();
        for (int i = 0; i < 5; i++) {
            later(Duration.ofMinutes(10));
        }
        assertEquals(Map.of("DEAD", 4L), pushItems("feed"));
        // The connector stops a batch at the first failing entry, so later entries may never have been tried.
        Map<String, Integer> posts = postsByKey(server);
        assertFalse(posts.isEmpty());
        posts.values().forEach(n -> assertTrue(n <= MAX_ATTEMPTS, "at most " + MAX_ATTEMPTS + " tries: " + posts));
        assertEquals(MAX_ATTEMPTS, posts.values().stream().mapToInt(Integer::intValue).max().orElseThrow());
        assertTrue(control.status("feed").dead().get(0).reason().startsWith("gave up after 3 attempts"));

        endpoint.stopFailing();
        assertEquals(4, control.replay("feed"));
        drainAll();
        assertEquals(Map.of("DELIVERED", 4L), pushItems("feed"));
        assertEquals(4, endpoint.stored());
    }

    @Test
    void refusedCredentialsHoldItemsBackWithoutSpendingAttemptsUntilTheConfigurationChanges() throws Exception {
        Map<String, String> settings = feedEndpoint();
        settings.put("bearer_token", "wrong-token");
        configure("feed", settings);
        shareAll(new MentorshipFixture(api));
        control.run("feed", PushTasks.REVIEW_FEED, null);
        for (int i = 0; i < 6; i++) {
            later(Duration.ofMinutes(10));
        }
        PushControl.PushStatus status = control.status("feed");
        assertEquals(Map.of("PENDING", 4L), status.items(), "held back, never DEAD");
        assertNotNull(status.heldBack());
        assertFalse(status.heldBack().contains("wrong-token"), status.heldBack());
        int triedWhileHeld = endpoint.requests();
        assertTrue(triedWhileHeld <= 6 + 1, "one try per hold period, not one per item: " + triedWhileHeld);

        settings.put("bearer_token", "feed-token");
        configure("feed", settings);
        later(Duration.ofMinutes(10));
        assertEquals(Map.of("DELIVERED", 4L), pushItems("feed"));
        assertNull(control.status("feed").heldBack());
    }

    @Test
    void itemsOfAnInstanceNotThereYetWaitAndAreSkippedOnlyOnceItIsLongGone() throws Exception {
        FakeLrs lrs = new FakeLrs("lrs-key", "lrs-secret");
        WireMockServer server = fake(lrs, FakeLrs.NAME);
        install(new XapiConnector());
        Map<String, String> settings = Map.of("type", "xapi", "endpoint_url", "http://127.0.0.1:" + server.port()
                + "/data/xAPI/", "lrs_key", "lrs-key", "lrs_secret", "lrs-secret", "iri_base",
                "https://mentoring.example.com/xapi/");
        configure("lrs", settings);
        MentorshipFixture fixture = new MentorshipFixture(api);
        drain.unbindDelivery(push);
        drainAll(); // planned while the instance is there
        instances.deleted(ConnectorInstances.FACTORY_PID + "~lrs"); // as if its configuration had not arrived yet
        drain.bindDelivery(push);
        drainAll();
        assertEquals(Map.of("PENDING", 6L), outboxItems("lrs"));
        configure("lrs", settings);
        later(Duration.ofMinutes(6));
        assertEquals(6, lrs.stored(), "delivered once the configuration arrived");

        // Gone for good: after a week, its items are skipped with the reason.
        Map<String, Object> goal = new LinkedHashMap<>(MentorshipFixture.goalBody("mentee-2"));
        goal.put("status", "COMPLETED");
        goal.put("progress_percent", 100);
        expect(201, api.call("POST", "/api/pairings/" + fixture.pairing2 + "/goals", fixture.key.get("mentee-2"),
                goal));
        drain.unbindDelivery(push);
        drainAll();
        instances.deleted(ConnectorInstances.FACTORY_PID + "~lrs");
        drain.bindDelivery(push);
        later(Duration.ofDays(8));
        assertEquals(Map.of("DELIVERED", 6L, "SKIPPED", 2L), outboxItems("lrs"));
    }

    @Test
    void thePushApiShowsReplaysBackfillsAndRunsTasksForTheRightRoles() throws Exception {
        FakeLrs lrs = new FakeLrs("lrs-key", "lrs-secret");
        WireMockServer server = fake(lrs, FakeLrs.NAME);
        MentorshipFixture fixture = new MentorshipFixture(api);
        drainAll();
        install(new XapiConnector());
        configure("lrs", Map.of("type", "xapi", "endpoint_url", "http://127.0.0.1:" + server.port() + "/data/xAPI/",
                "lrs_key", "lrs-key", "lrs_secret", "lrs-secret", "iri_base", "https://mentoring.example.com/xapi/"));
        // Configured after the mentoring happened: a backfill queues it.
        ApiTestSupport.Response backfill = expect(200, api.call("POST", "/api/connectors/lrs/push/backfill",
                fixture.key.get("hr_admin"), null));
        assertEquals(6, backfill.body().path("queued").asInt());
        expect(403, api.call("POST", "/api/connectors/lrs/push/backfill", fixture.key.get("integration"), null));
        drainAll();
        assertEquals(6, lrs.stored());
        assertEquals(0, expect(200, api.call("POST", "/api/connectors/lrs/push/backfill",
                fixture.key.get("hr_admin"), null)).body().path("queued").asInt(), "nothing is queued twice");

        JsonNode status = expect(200, api.call("GET", "/api/connectors/lrs/push", fixture.key.get("integration"),
                null)).body();
        assertEquals(6, status.path("items").path("DELIVERED").asInt());
        assertEquals(0, expect(200, api.call("POST", "/api/connectors/lrs/push/replay",
                fixture.key.get("integration"), null)).body().path("replayed").asInt());
        assertEquals("not-supported", expect(409, api.call("POST", "/api/connectors/lrs/tasks/completions",
                fixture.key.get("hr_admin"), null)).code());
        expect(404, api.call("POST", "/api/connectors/lrs/tasks/reindex", fixture.key.get("hr_admin"), null));
        expect(404, api.call("GET", "/api/connectors/nobody/push", fixture.key.get("hr_admin"), null));
        expect(403, api.call("GET", "/api/connectors/lrs/push", fixture.key.get("mentee-1"), null));

        // Consent is the person's own, explicit decision; every decision is audited.
        JsonNode undecided = expect(200, api.call("GET", "/api/people/mentee-1/review-sharing",
                fixture.key.get("hr_admin"), null)).body();
        assertFalse(undecided.path("shares").asBoolean());
        assertTrue(undecided.path("decided_at").isNull());
        assertEquals("validation-failed", expect(422, api.call("PUT", "/api/people/mentee-1/review-sharing",
                fixture.key.get("mentee-1"), Map.of())).code());
        assertEquals("validation-failed", expect(422, api.call("PUT", "/api/people/mentee-1/review-sharing",
                fixture.key.get("mentee-1"), Map.of("shares", true, "decided_at", "2027-01-01T00:00:00Z"))).code());
        expect(403, api.call("PUT", "/api/people/mentee-1/review-sharing", fixture.key.get("hr_admin"),
                Map.of("shares", true)));
        assertFalse(expect(200, api.call("GET", "/api/people/mentee-1/review-sharing", fixture.key.get("hr_admin"),
                null)).body().path("shares").asBoolean(), "refused requests change nothing");
        share(fixture, "mentee-1", true);
        assertEquals(1L, (long) api.database.<Long>inTransaction(tx -> tx.count("SELECT COUNT(*) FROM audit_log "
                + "WHERE action = 'review_sharing.agreed' AND target_id = 'mentee-1'")));
    }

    @Test
    void aDueTaskRunsOnceOnOneNodeAndAgainOnlyWhenDueAgain() throws Exception {
        FakeFeedEndpoint endpoint = new FakeFeedEndpoint("Bearer feed-token", api.clock.instant().getEpochSecond());
        WireMockServer server = fake(endpoint, FakeFeedEndpoint.NAME);
        install(new ReviewFeedConnector());
        configure("feed", Map.of("type", "review-feed", "endpoint_url", "http://127.0.0.1:" + server.port()
                + "/inbound/review-feed", "bearer_token", "feed-token", "schedule_review_feed", "1h"));
        shareAll(new MentorshipFixture(api));
        // A second hub node on the same database: the row of the task decides who runs it.
        PushTasks otherNode = new PushTasks(api.database, instances, null, api.clock, ZoneOffset.UTC);
        assertEquals(1, tasks.runDue() + otherNode.runDue(), "an interval schedule runs at once, on one node");
        assertEquals(0, tasks.runDue() + otherNode.runDue(), "not again before it is due");
        PushTasks.TaskRun run = control.status("feed").taskRuns().get(0);
        assertEquals("SUCCEEDED", run.outcome(), run.detail());
        assertTrue(run.detail().endsWith("4 entries queued, 0 unchanged since their last push"), run.detail());

        api.clock.advance(Duration.ofMinutes(61));
        assertEquals(1, otherNode.runDue() + tasks.runDue());
        assertTrue(control.status("feed").taskRuns().get(0).detail().endsWith("0 entries queued, 4 unchanged since "
                + "their last push"));
    }

    /** The participant agrees (or not) to share their mentoring with performance reviews, as themself. */
    private void share(MentorshipFixture fixture, String person, boolean shares) throws Exception {
        expect(200, api.call("PUT", "/api/people/" + person + "/review-sharing", fixture.key.get(person),
                Map.of("shares", shares)));
    }

    private void shareAll(MentorshipFixture fixture) throws Exception {
        for (String person : List.of("mentor-1", "mentee-1", "mentor-2", "mentee-2")) {
            share(fixture, person, true);
        }
    }

    private void completeGoal(MentorshipFixture fixture, String n, String owner) throws Exception {
        Map<String, Object> goal = new LinkedHashMap<>(MentorshipFixture.goalBody(owner));
        goal.put("pairing_id", fixture.pairing1);
        goal.put("status", "COMPLETED");
        goal.put("progress_percent", 100);
        expect(200, api.call("PUT", "/api/goals/" + fixture.goal.get(n), fixture.key.get(owner), goal));
    }

    private void reachMilestone(MentorshipFixture fixture, String n, String owner) throws Exception {
        expect(200, api.call("PUT", "/api/milestones/" + fixture.milestone.get(n), fixture.key.get(owner),
                Map.of("pairing_id", fixture.pairing1, "title", "First presentation", "due_date", "2027-03-01",
                        "goal_id", fixture.goal.get(n), "reached_on", "2027-02-25")));
    }

    private int goalProgress(MentorshipFixture fixture, String n) throws Exception {
        return expect(200, api.call("GET", "/api/goals/" + fixture.goal.get(n), fixture.key.get("hr_admin"), null))
                .body().path("progress_percent").asInt();
    }

    private static Map<String, Integer> postsByKey(WireMockServer server) {
        Map<String, Integer> posts = new HashMap<>();
        for (var event : server.getAllServeEvents()) {
            LoggedRequest request = event.getRequest();
            if (request.getMethod().getName().equals("POST")) {
                posts.merge(request.getHeader("Idempotency-Key"), 1, Integer::sum);
            }
        }
        return posts;
    }
}
