package io.mentorhub.connectors.xapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.mentorhub.api.connector.LearningRecords.LearningRecord;
import io.mentorhub.api.connector.LearningRecords.Verb;
import io.mentorhub.connectors.support.http.VendorHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The xAPI connector against {@link FakeLrs}: statement shapes, batching, conflicts and refusals. */
class XapiConnectorIT {

    private static final String KEY = XapiContractIT.KEY;
    private static final String SECRET = XapiContractIT.SECRET;
    private static final String STATEMENTS = "/data/xAPI/statements";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-02T10:15:30.123456Z");

    private FakeLrs lrs;
    private WireMockServer server;
    private XapiConnector connector;

    @BeforeEach
    void start() {
        lrs = new FakeLrs(KEY, SECRET);
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(lrs));
        server.start();
        server.stubFor(any(urlPathEqualTo(STATEMENTS)).willReturn(aResponse().withTransformers(FakeLrs.NAME)));
        connector = new XapiConnector(new VendorHttp("LRS", new VendorHttp.Limits(Duration.ofSeconds(2), 1024 * 1024),
                List.of()));
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        server.stop();
    }

    private ConnectorConfig config(Map<String, String> overrides) throws ConnectorException {
        Map<String, String> raw = new HashMap<>();
        raw.put(XapiConnector.ENDPOINT, "http://127.0.0.1:" + server.port() + "/data/xAPI");
        raw.put(XapiConnector.KEY, KEY);
        raw.put(XapiConnector.SECRET, SECRET);
        raw.put(XapiConnector.IRI_BASE, "https://mentoring.example.com/xapi");
        raw.putAll(overrides);
        return ConnectorConfig.of("lrs-test", connector.settings(), raw, true);
    }

    private ConnectorConfig config() throws ConnectorException {
        return config(Map.of());
    }

    private static LearningRecord record(String key, String email, Verb verb, String objectId) {
        return new LearningRecord(key, email, "Ada Lovelace", verb, objectId, "Goal: lead a project", "Mentoring 2027", AT);
    }

    private List<LoggedRequest> posts() {
        return server.findAll(postRequestedFor(urlPathEqualTo(STATEMENTS)));
    }

    @Test
    void aRecordBecomesAStatementWithItsDerivedIdTheAgentsMboxAnAdlVerbAndAnActivityUnderTheIriBase() throws Exception {
        LearningRecord attended = new LearningRecord("session:s 1/x:ada", " Ada.Lovelace@Example.com ", "Ada Lovelace",
                Verb.ATTENDED_SESSION, "s 1/x", "Session 3", "Mentoring 2027", AT);
        List<Delivery> deliveries = connector.record(config(), List.of(attended));
        assertEquals(Delivery.delivered("session:s 1/x:ada", attended.recordId().toString()), deliveries.get(0));

        LoggedRequest post = posts().get(0);
        assertEquals("1.0.3", post.getHeader("X-Experience-API-Version"));
        assertEquals("application/json", post.getHeader("Content-Type"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8)),
                post.getHeader("Authorization"));
        JsonNode sent = JSON.readTree(post.getBodyAsString());
        assertTrue(sent.isArray());
        JsonNode statement = sent.get(0);
        assertEquals(attended.recordId().toString(), statement.get("id").asText());
        assertEquals("Agent", statement.at("/actor/objectType").asText());
        assertEquals("mailto:ada.lovelace@example.com", statement.at("/actor/mbox").asText());
        assertEquals("Ada Lovelace", statement.at("/actor/name").asText());
        assertEquals("http://adlnet.gov/expapi/verbs/attended", statement.at("/verb/id").asText());
        assertEquals("attended", statement.at("/verb/display/en-US").asText());
        assertEquals("Activity", statement.at("/object/objectType").asText());
        assertEquals("https://mentoring.example.com/xapi/activities/session/s%201%2Fx", statement.at("/object/id").asText());
        assertEquals(Statements.MEETING, statement.at("/object/definition/type").asText());
        assertEquals("Session 3", statement.at("/object/definition/name/en-US").asText());
        assertEquals("mentorhub", statement.at("/context/platform").asText());
        assertEquals("en-US", statement.at("/context/language").asText());
        assertEquals("Mentoring 2027", statement.get("context").get("extensions")
                .get("https://mentoring.example.com/xapi/extensions/program").asText());
        assertEquals("2026-11-02T10:15:30.123Z", statement.get("timestamp").asText());
        assertEquals(statement, ((com.fasterxml.jackson.databind.node.ObjectNode) lrs.statement(attended.recordId()).deepCopy())
                .without(List.of("stored", "authority")));
    }

    @Test
    void eachKindOfRecordHasItsVerbAndAGoalIsOneActivityFromSetToCompleted() throws Exception {
        List<LearningRecord> records = List.of(record("k1", "ada@example.com", Verb.ATTENDED_SESSION, "s1"),
                record("k2", "ada@example.com", Verb.SET_GOAL, "g1"),
                record("k3", "ada@example.com", Verb.COMPLETED_GOAL, "g1"),
                record("k4", "ada@example.com", Verb.REACHED_MILESTONE, "m1"));
        connector.record(config(Map.of(XapiConnector.LANGUAGE, "de-DE", XapiConnector.PLATFORM, "Acme Mentoring")), records);
        JsonNode set = lrs.statement(records.get(1).recordId());
        JsonNode completed = lrs.statement(records.get(2).recordId());
        JsonNode milestone = lrs.statement(records.get(3).recordId());
        assertEquals("http://adlnet.gov/expapi/verbs/attended", lrs.statement(records.get(0).recordId()).at("/verb/id").asText());
        assertEquals("http://id.tincanapi.com/verb/defined", set.at("/verb/id").asText());
        assertEquals("http://adlnet.gov/expapi/verbs/completed", completed.at("/verb/id").asText());
        assertEquals("http://adlnet.gov/expapi/verbs/achieved", milestone.at("/verb/id").asText());
        assertEquals("https://mentoring.example.com/xapi/activities/goal/g1", set.at("/object/id").asText());
        assertEquals(set.at("/object/id"), completed.at("/object/id"));
        assertEquals("https://mentoring.example.com/xapi/activities/milestone/m1", milestone.at("/object/id").asText());
        assertEquals(Statements.OBJECTIVE, milestone.at("/object/definition/type").asText());
        assertEquals("completed", completed.at("/verb/display/de-DE").asText());
        assertEquals("Acme Mentoring", completed.at("/context/platform").asText());
    }

    @Test
    void recordsGoInBatchesOfTheConfiguredSize() throws Exception {
        List<LearningRecord> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(record("k" + i, "p" + i + "@example.com", Verb.ATTENDED_SESSION, "s" + i));
        }
        List<Delivery> deliveries = connector.record(config(Map.of(XapiConnector.BATCH, "2")), records);
        assertEquals(5, deliveries.stream().filter(Delivery::delivered).count());
        assertEquals(List.of(2, 2, 1), posts().stream().map(p -> {
            try {
                return JSON.readTree(p.getBodyAsString()).size();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList());
        assertEquals(5, lrs.stored());
    }

    @Test
    void aStoreAnswering409ForAnyKnownIdGetsTheBatchOneByOneAndKnownStatementsAreConfirmedByLookup() throws Exception {
        lrs.conflicts(FakeLrs.Conflicts.ALWAYS_409);
        LearningRecord first = record("k1", "ada@example.com", Verb.SET_GOAL, "g1");
        LearningRecord second = record("k2", "ada@example.com", Verb.COMPLETED_GOAL, "g1");
        connector.record(config(), List.of(first));
        List<Delivery> deliveries = connector.record(config(), List.of(first, second));
        assertTrue(deliveries.stream().allMatch(Delivery::delivered), deliveries.toString());
        assertEquals(2, lrs.stored());
        server.verify(1, getRequestedFor(urlPathEqualTo(STATEMENTS)).withQueryParam("statementId",
                equalTo(first.recordId().toString())));
    }

    @Test
    void aRecordResentWithOtherDetailsIsTheStatementAlreadyStored() throws Exception {
        LearningRecord first = record("k1", "ada@example.com", Verb.ATTENDED_SESSION, "s1");
        LearningRecord later = new LearningRecord("k1", "ada@example.com", "Ada L.", Verb.ATTENDED_SESSION, "s1",
                "Session 1 (moved)", "Mentoring 2027", AT.plusSeconds(5));
        connector.record(config(), List.of(first));
        Delivery again = connector.record(config(), List.of(later)).get(0);
        assertEquals(Delivery.delivered("k1", first.recordId().toString()), again);
        assertEquals(1, lrs.stored());
        assertEquals("Ada Lovelace", lrs.statement(first.recordId()).at("/actor/name").asText(), "statements are immutable");
    }

    @Test
    void aVoidedStatementAnswered409AndNotFoundIsRefused() throws Exception {
        LearningRecord record = record("k1", "ada@example.com", Verb.SET_GOAL, "g1");
        lrs.voided(record.recordId());
        Delivery delivery = connector.record(config(), List.of(record)).get(0);
        assertFalse(delivery.delivered());
        assertTrue(delivery.refusal().contains("voided"), delivery.refusal());
    }

    @Test
    void aStatementTheStoreRejectsIsRefusedAloneWithItsReason() throws Exception {
        List<Delivery> deliveries = connector.record(config(), List.of(
                record("k1", "ada@example.com", Verb.SET_GOAL, "g1"),
                record("k2", "root@localhost", Verb.SET_GOAL, "g2"),
                record("k3", "bob@example.com", Verb.SET_GOAL, "g3")));
        assertTrue(deliveries.get(0).delivered());
        assertTrue(deliveries.get(2).delivered());
        assertTrue(deliveries.get(1).refusal().contains("400") && deliveries.get(1).refusal().contains("Invalid mbox"),
                deliveries.get(1).refusal());
        assertEquals(2, lrs.stored());
    }

    @Test
    void anAddressNoMboxCanCarryIsRefusedWithoutARequest() throws Exception {
        List<Delivery> deliveries = connector.record(config(), List.of(
                record("k1", "ada lovelace@example.com", Verb.SET_GOAL, "g1"),
                record("k2", "   ", Verb.SET_GOAL, "g2")));
        assertFalse(deliveries.get(0).delivered());
        assertFalse(deliveries.get(1).delivered());
        assertEquals(0, server.getAllServeEvents().size());
    }

    @Test
    void aBatchTooLargeForTheStoreIsSentOneByOne() throws Exception {
        lrs.maxBatch(2);
        List<LearningRecord> records = List.of(record("k1", "a@example.com", Verb.SET_GOAL, "g1"),
                record("k2", "b@example.com", Verb.SET_GOAL, "g2"), record("k3", "c@example.com", Verb.SET_GOAL, "g3"));
        assertTrue(connector.record(config(), records).stream().allMatch(Delivery::delivered));
        assertEquals(3, lrs.stored());
        assertEquals(4, posts().size());
    }

    @Test
    void anEndpointWithoutAStatementsResourceIsAConfigurationError() throws Exception {
        ConnectorException e = assertThrows(ConnectorException.class, () -> connector.record(
                config(Map.of(XapiConnector.ENDPOINT, "http://127.0.0.1:" + server.port() + "/lrs/")),
                List.of(record("k1", "a@example.com", Verb.SET_GOAL, "g1"))));
        assertEquals(Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().contains("404"), e.getMessage());
    }

    @Test
    void badSettingsAreConfigurationErrorsAndNothingIsSent() throws Exception {
        List<LearningRecord> one = List.of(record("k1", "a@example.com", Verb.SET_GOAL, "g1"));
        for (Map<String, String> bad : List.of(Map.of(XapiConnector.IRI_BASE, "urn:mentoring"),
                Map.of(XapiConnector.IRI_BASE, "https://x.example/?q=1"), Map.of(XapiConnector.LANGUAGE, "english!"),
                Map.of(XapiConnector.BATCH, "0"), Map.of(XapiConnector.BATCH, "101"), Map.of(XapiConnector.TIMEOUT, "0"))) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> connector.record(config(bad), one),
                    bad.toString());
            assertEquals(Kind.CONFIG, e.kind());
        }
        assertEquals(0, server.getAllServeEvents().size());
    }

    @Test
    void refusedCredentialsNeverShowTheKeyOrSecret() throws Exception {
        ConnectorException e = assertThrows(ConnectorException.class, () -> connector.record(
                config(Map.of(XapiConnector.SECRET, "not-the-secret-77")),
                List.of(record("k1", "a@example.com", Verb.SET_GOAL, "g1"))));
        assertEquals(Kind.CONFIG, e.kind());
        assertFalse(e.getMessage().contains("not-the-secret-77") || e.getMessage().contains(KEY), e.getMessage());
    }

    /**
     * Issue 6, point 4: the store commits a batch, the answer is lost to a time-out, the hub sends the same records
     * again. The request journal shows both requests carried the same statement ids; the store holds each once.
     */
    @Test
    void aBatchStoredButAnsweredTooLateIsResentAsTheSameStatements() throws Exception {
        ConnectorConfig config = config(Map.of(XapiConnector.TIMEOUT, "1"));
        List<LearningRecord> records = List.of(record("k1", "a@example.com", Verb.SET_GOAL, "g1"),
                record("k2", "b@example.com", Verb.REACHED_MILESTONE, "m1"));
        lrs.commitThenStall();
        assertEquals(Kind.TRANSIENT, assertThrows(ConnectorException.class, () -> connector.record(config, records)).kind());
        assertEquals(2, lrs.stored(), "the store committed before the answer was lost");
        assertTrue(connector.record(config, records).stream().allMatch(Delivery::delivered));
        assertEquals(2, lrs.stored());
        List<LoggedRequest> posts = posts();
        assertEquals(2, posts.size());
        List<String> firstIds = new ArrayList<>();
        List<String> secondIds = new ArrayList<>();
        JSON.readTree(posts.get(0).getBodyAsString()).forEach(s -> firstIds.add(s.get("id").asText()));
        JSON.readTree(posts.get(1).getBodyAsString()).forEach(s -> secondIds.add(s.get("id").asText()));
        assertEquals(List.of(records.get(0).recordId().toString(), records.get(1).recordId().toString()), firstIds);
        assertEquals(firstIds, secondIds);
    }
}
