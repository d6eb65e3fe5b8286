package io.mentorhub.connectors.lattice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.ConnectorException.Kind;
import io.mentorhub.api.connector.Delivery;
import io.mentorhub.api.connector.GoalPublisher.ReviewGoal;
import io.mentorhub.api.domain.Goal;
import io.mentorhub.connectors.support.http.VendorHttp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Lattice connector against {@link FakeLattice}: the lookup-then-write path and Lattice's shapes. */
class LatticeConnectorIT {

    private static final String KEY = LatticeContractIT.KEY;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DUE = LocalDate.of(2027, 3, 31);

    private FakeLattice lattice;
    private WireMockServer server;
    private LatticeConnector connector;
    private String ada;

    @BeforeEach
    void start() {
        lattice = new FakeLattice(KEY);
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(lattice));
        server.start();
        server.stubFor(any(urlPathMatching("/v1/.*")).willReturn(aResponse().withTransformers(FakeLattice.NAME)));
        for (int i = 0; i < 5; i++) {
            lattice.user("colleague" + i + "@example.com", "ACTIVE");
        }
        ada = lattice.user("ada.lovelace@example.com", "ACTIVE");
        lattice.user("left@example.com", "DEACTIVATED");
        connector = new LatticeConnector(new VendorHttp("Lattice", new VendorHttp.Limits(Duration.ofSeconds(2),
                1024 * 1024), List.of()), Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        server.stop();
    }

    private ConnectorConfig config(Map<String, String> overrides) throws ConnectorException {
        Map<String, String> raw = new HashMap<>();
        raw.put(LatticeConnector.BASE_URL, "http://127.0.0.1:" + server.port() + "/v1/");
        raw.put(LatticeConnector.API_KEY, KEY);
        raw.put(LatticeConnector.PAGE_SIZE, "2");
        raw.putAll(overrides);
        return ConnectorConfig.of("lattice-test", connector.settings(), raw, true);
    }

    private ConnectorConfig config() throws ConnectorException {
        return config(Map.of());
    }

    private static ReviewGoal goal(String key, String email, Goal.Status status, int progress) {
        return new ReviewGoal(key, "goal-7f3a", email, "Lead a cross-team project", "Run the Q1 migration", status,
                progress, DUE);
    }

    private List<LoggedRequest> writes() {
        return server.findAll(anyRequestedFor(urlPathMatching("/v1/.*"))).stream()
                .filter(r -> !r.getMethod().getName().equals("GET")).toList();
    }

    @Test
    void aNewGoalIsCreatedForItsOwnerWithTheLinkThenItsProgressIsPosted() throws Exception {
        Delivery delivery = connector.publishGoals(config(Map.of(LatticeConnector.TAG, "mentoring")),
                List.of(goal("k1", "Ada.Lovelace@Example.com", Goal.Status.IN_PROGRESS, 40))).get(0);
        assertTrue(delivery.delivered(), String.valueOf(delivery.refusal()));
        JsonNode stored = lattice.goal(delivery.externalRef());
        assertEquals("Lead a cross-team project", stored.get("name").asText());

        LoggedRequest create = server.findAll(postRequestedFor(urlPathEqualTo("/v1/goals"))).get(0);
        assertEquals("Bearer " + KEY, create.getHeader("Authorization"));
        assertEquals("application/json", create.getHeader("Content-Type"));
        JsonNode body = JSON.readTree(create.getBodyAsString());
        assertEquals("Run the Q1 migration\n\n---\nMentoring goal kept in step by mentorhub. Status: in progress."
                + " [mentorhub:goal-7f3a]", body.get("description").asText());
        assertEquals("2026-11-23", body.get("startDate").asText());
        assertEquals("2027-03-31", body.get("dueDate").asText());
        assertEquals(ada, body.get("ownerIds").get(0).asText());
        assertTrue(body.get("private").asBoolean());
        assertEquals("objective", body.get("okrType").asText());
        assertEquals("percent", body.get("amountType").asText());
        assertEquals(0, body.get("startingAmount").asInt());
        assertEquals(100, body.get("goalAmount").asInt());
        assertFalse(body.get("isDraft").asBoolean());
        assertEquals("mentoring", body.get("tagNames").get(0).asText());

        List<JsonNode> updates = lattice.updatesOf(delivery.externalRef());
        assertEquals(1, updates.size());
        assertEquals(40, updates.get(0).get("currentAmount").asInt());
        assertEquals("Progress from mentorhub: 40% (in progress)", updates.get(0).get("comment").asText());
        // Users and the owner's goals were read page by page.
        server.verify(getRequestedFor(urlPathEqualTo("/v1/users")).withQueryParam("limit", equalTo("2"))
                .withQueryParam("startingAfter", equalTo("user_1001")));
        server.verify(3, getRequestedFor(urlPathEqualTo("/v1/users")));
        server.verify(getRequestedFor(urlPathEqualTo("/v1/user/" + ada + "/goals")));
    }

    @Test
    void aReRunWithNothingChangedWritesNothing() throws Exception {
        ReviewGoal goal = goal("k1", "ada.lovelace@example.com", Goal.Status.IN_PROGRESS, 40);
        String id = connector.publishGoals(config(), List.of(goal)).get(0).externalRef();
        int writes = writes().size();
        Delivery again = connector.publishGoals(config(), List.of(goal)).get(0);
        assertEquals(Delivery.delivered("k1", id), again);
        assertEquals(writes, writes().size(), "nothing written on a re-run");
        assertEquals(1, lattice.goalsLinkedTo("goal-7f3a").size());
    }

    @Test
    void newProgressIsOneGoalUpdateAndANewStatusReplacesTheGoalKeepingWhatLatticeShows() throws Exception {
        String id = lattice.goal(ada, "Lead a cross-team project", "old text\n\n---\nMentoring goal kept in step by"
                + " mentorhub. Status: in progress. [mentorhub:goal-7f3a]", "Active", 40.0);
        lattice.goal(id).put("priority", 3).put("isPrivate", false).put("startDate", "2026-09-01");
        lattice.goal(id).putObject("department").put("id", "dept_eng").put("object", "department");
        lattice.goal(id).putObject("parentGoal").put("id", "goal_parent").put("object", "goal");

        Delivery delivery = connector.publishGoals(config(),
                List.of(goal("k2", "ada.lovelace@example.com", Goal.Status.COMPLETED, 100))).get(0);
        assertEquals(Delivery.delivered("k2", id), delivery);
        assertEquals(1, lattice.goalCount(), "updated, not duplicated");

        JsonNode replacement = lattice.replacements().get(0);
        assertEquals("Run the Q1 migration\n\n---\nMentoring goal kept in step by mentorhub. Status: completed."
                + " [mentorhub:goal-7f3a]", replacement.get("description").asText());
        assertEquals("2026-09-01", replacement.get("startDate").asText());
        assertEquals(3, replacement.get("priority").asInt());
        assertFalse(replacement.get("private").asBoolean(), "privacy chosen in Lattice is kept");
        assertEquals("dept_eng", replacement.get("departmentId").asText());
        assertEquals("goal_parent", replacement.get("parentId").asText());
        assertEquals(ada, replacement.get("ownerIds").get(0).asText());
        server.verify(1, putRequestedFor(urlPathEqualTo("/v1/goals/" + id)));
        List<JsonNode> updates = lattice.updatesOf(id);
        assertEquals(1, updates.size());
        assertEquals(100, updates.get(0).get("currentAmount").asInt());
    }

    @Test
    void theLinkedGoalIsFoundOnALaterPageOfTheOwnersGoals() throws Exception {
        for (int i = 0; i < 5; i++) {
            lattice.goal(ada, "Other goal " + i, "Not from the hub", "Active", null);
        }
        String id = lattice.goal(ada, "Lead a cross-team project", "[mentorhub:goal-7f3a]", "Active", 10.0);
        Delivery delivery = connector.publishGoals(config(),
                List.of(goal("k1", "ada.lovelace@example.com", Goal.Status.IN_PROGRESS, 10))).get(0);
        assertEquals(id, delivery.externalRef());
        assertEquals(6, lattice.goalCount(), "no goal created");
        server.verify(0, postRequestedFor(urlPathEqualTo("/v1/goals")));
        // Six goals, two per page: three pages, each after the previous page's ending cursor.
        List<LoggedRequest> pages = server.findAll(getRequestedFor(urlPathEqualTo("/v1/user/" + ada + "/goals")));
        assertEquals(3, pages.size());
        assertFalse(pages.get(0).queryParameter("startingAfter").isPresent());
        assertTrue(pages.get(2).queryParameter("startingAfter").isPresent());
    }

    @Test
    void anArchivedGoalIsLeftAsItIsAndNotCreatedAgain() throws Exception {
        String id = lattice.goal(ada, "Old name", "[mentorhub:goal-7f3a]", "Archived", 20.0);
        Delivery delivery = connector.publishGoals(config(),
                List.of(goal("k1", "ada.lovelace@example.com", Goal.Status.IN_PROGRESS, 60))).get(0);
        assertEquals(Delivery.delivered("k1", id), delivery);
        assertTrue(writes().isEmpty());
    }

    @Test
    void twoGoalsCarryingTheSameLinkAreRefusedUntilSomeoneRemovesOne() throws Exception {
        lattice.goal(ada, "A", "[mentorhub:goal-7f3a]", "Active", 0.0);
        lattice.goal(ada, "B", "[mentorhub:goal-7f3a]", "Active", 0.0);
        Delivery delivery = connector.publishGoals(config(),
                List.of(goal("k1", "ada.lovelace@example.com", Goal.Status.IN_PROGRESS, 60))).get(0);
        assertTrue(delivery.refusal().contains("2 Lattice goals"), delivery.refusal());
        assertTrue(writes().isEmpty());
    }

    @Test
    void ownersLatticeDoesNotKnowOrHasDeactivatedAndGoalsWithoutADueDateAreRefused() throws Exception {
        List<Delivery> deliveries = connector.publishGoals(config(), List.of(
                goal("unknown", "nobody@example.com", Goal.Status.IN_PROGRESS, 10),
                goal("left", "left@example.com", Goal.Status.IN_PROGRESS, 10),
                new ReviewGoal("undated", "goal-8", "ada.lovelace@example.com", "Speak at a meetup", null,
                        Goal.Status.NOT_STARTED, 0, null)));
        assertTrue(deliveries.get(0).refusal().contains("no active Lattice user"));
        assertTrue(deliveries.get(1).refusal().contains("no active Lattice user"));
        assertTrue(deliveries.get(2).refusal().contains("due date"));
        assertTrue(writes().isEmpty());
    }

    @Test
    void aGoalLatticeRejectsIsRefusedWithLatticesReasonAndTheOthersGoOn() throws Exception {
        List<Delivery> deliveries = connector.publishGoals(config(), List.of(
                new ReviewGoal("blank", "goal-1", "ada.lovelace@example.com", "   ", null, Goal.Status.NOT_STARTED, 0, DUE),
                new ReviewGoal("fine", "goal-2", "ada.lovelace@example.com", "Mentor a new joiner", null,
                        Goal.Status.NOT_STARTED, 0, DUE)));
        assertTrue(deliveries.get(0).refusal().contains("422") && deliveries.get(0).refusal().contains("name must not be blank"),
                deliveries.get(0).refusal());
        assertTrue(deliveries.get(1).delivered());
        assertFalse(deliveries.get(0).refusal().contains(KEY));
    }

    @Test
    void aGoalDeletedBetweenTheLookupAndTheUpdateIsRefused() throws Exception {
        String id = lattice.goal(ada, "Old name", "[mentorhub:goal-7f3a]", "Active", 20.0);
        server.stubFor(put(urlPathEqualTo("/v1/goals/" + id)).atPriority(1).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Goal not found\"}")));
        Delivery delivery = connector.publishGoals(config(),
                List.of(goal("k1", "ada.lovelace@example.com", Goal.Status.IN_PROGRESS, 20))).get(0);
        assertTrue(delivery.refusal().contains("Goal not found"), delivery.refusal());
    }

    @Test
    void aListThatNeverEndsOrIsNotAListIsTransientAndAWrongBaseIsAConfigurationError() throws Exception {
        List<ReviewGoal> one = List.of(goal("k1", "ada.lovelace@example.com", Goal.Status.IN_PROGRESS, 20));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/v1/users")).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"object\":\"list\",\"hasMore\":true,\"endingCursor\":\"user_1000\",\"data\":[]}")));
        assertEquals(Kind.TRANSIENT, assertThrows(ConnectorException.class, () -> connector.publishGoals(config(), one)).kind());
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/v1/users")).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"users\":[]}")));
        assertEquals(Kind.TRANSIENT, assertThrows(ConnectorException.class, () -> connector.publishGoals(config(), one)).kind());
        ConnectorException wrongBase = assertThrows(ConnectorException.class, () -> connector.publishGoals(
                config(Map.of(LatticeConnector.BASE_URL, "http://127.0.0.1:" + server.port() + "/api")), one));
        assertEquals(Kind.CONFIG, wrongBase.kind());
        assertNull(wrongBase.getCause());
    }

    @Test
    void badSettingsAreConfigurationErrorsAndNothingIsSent() throws Exception {
        List<ReviewGoal> one = List.of(goal("k1", "ada.lovelace@example.com", Goal.Status.IN_PROGRESS, 20));
        for (Map<String, String> bad : List.of(Map.of(LatticeConnector.PAGE_SIZE, "0"),
                Map.of(LatticeConnector.PAGE_SIZE, "101"), Map.of(LatticeConnector.TIMEOUT, "301"))) {
            assertEquals(Kind.CONFIG, assertThrows(ConnectorException.class,
                    () -> connector.publishGoals(config(bad), one)).kind());
        }
        assertEquals(0, server.getAllServeEvents().size());
    }

    /**
     * Issue 6, point 4 — a create Lattice committed whose answer timed out: the retry finds the goal by its link and
     * only posts its progress; the journal shows one create and one progress update.
     */
    @Test
    void aCreateCommittedButAnsweredTooLateIsFoundOnRetryAndNotCreatedAgain() throws Exception {
        ConnectorConfig config = config(Map.of(LatticeConnector.TIMEOUT, "1"));
        List<ReviewGoal> batch = List.of(goal("k1", "ada.lovelace@example.com", Goal.Status.IN_PROGRESS, 40));
        lattice.commitThenStall();
        assertEquals(Kind.TRANSIENT, assertThrows(ConnectorException.class, () -> connector.publishGoals(config, batch)).kind());
        assertEquals(1, lattice.goalsLinkedTo("goal-7f3a").size(), "Lattice committed the goal");

        Delivery delivery = connector.publishGoals(config, batch).get(0);
        assertTrue(delivery.delivered());
        assertEquals(1, lattice.goalsLinkedTo("goal-7f3a").size());
        server.verify(1, postRequestedFor(urlPathEqualTo("/v1/goals")));
        server.verify(1, postRequestedFor(urlPathEqualTo("/v1/goal/" + delivery.externalRef() + "/updates")));
        assertEquals(40, lattice.goal(delivery.externalRef()).get("currentAmount").asInt());
    }

    /** The same, when the progress update is the write whose answer is lost: it is not posted twice. */
    @Test
    void aProgressUpdateCommittedButAnsweredTooLateIsNotPostedTwice() throws Exception {
        ConnectorConfig config = config(Map.of(LatticeConnector.TIMEOUT, "1"));
        List<ReviewGoal> batch = List.of(goal("k1", "ada.lovelace@example.com", Goal.Status.IN_PROGRESS, 40));
        lattice.stallAfter(1);
        assertEquals(Kind.TRANSIENT, assertThrows(ConnectorException.class, () -> connector.publishGoals(config, batch)).kind());
        Delivery delivery = connector.publishGoals(config, batch).get(0);
        assertTrue(delivery.delivered());
        server.verify(1, postRequestedFor(urlPathEqualTo("/v1/goals")));
        assertEquals(1, lattice.updatesOf(delivery.externalRef()).size());
    }
}
