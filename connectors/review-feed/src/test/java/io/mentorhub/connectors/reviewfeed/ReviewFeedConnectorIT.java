package io.mentorhub.connectors.reviewfeed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
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
import io.mentorhub.api.connector.ReviewFeedPublisher.FeedItem;
import io.mentorhub.connectors.support.http.VendorHttp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The review feed connector against {@link FakeFeedEndpoint}: payload, headers, authentication and answers. */
class ReviewFeedConnectorIT {

    private static final String PATH = "/inbound/review-feed";
    private static final String TOKEN = ReviewFeedContractIT.TOKEN;
    private static final String HMAC = ReviewFeedContractIT.HMAC;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeFeedEndpoint endpoint;
    private WireMockServer server;
    private ReviewFeedConnector connector;

    private void start(String authorization) {
        endpoint = new FakeFeedEndpoint(authorization, ReviewFeedContractIT.NOW.getEpochSecond());
        endpoint.knows("ada@example.com");
        endpoint.knows("bob@example.com");
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(endpoint));
        server.start();
        server.stubFor(any(urlPathEqualTo(PATH)).willReturn(aResponse().withTransformers(FakeFeedEndpoint.NAME)));
        connector = new ReviewFeedConnector(new VendorHttp("Review feed endpoint", new VendorHttp.Limits(
                Duration.ofSeconds(2), 1024 * 1024), List.of()), Clock.fixed(ReviewFeedContractIT.NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        server.stop();
    }

    private ConnectorConfig config(Map<String, String> settings) throws ConnectorException {
        Map<String, String> raw = new HashMap<>();
        raw.put(ReviewFeedConnector.ENDPOINT, "http://127.0.0.1:" + server.port() + PATH);
        raw.putAll(settings);
        return ConnectorConfig.of("feed-test", connector.settings(), raw, true);
    }

    private ConnectorConfig bearer() throws ConnectorException {
        return config(Map.of(ReviewFeedConnector.BEARER_TOKEN, TOKEN));
    }

    private static FeedItem item(String key, String person, String email) {
        return new FeedItem(key, SampleFeed.entry(person, email));
    }

    private List<LoggedRequest> posts() {
        return server.findAll(postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void eachEntryIsOnePostOfTheFeedsJsonWithItsKeyAsIdempotencyKey() throws Exception {
        start("Bearer " + TOKEN);
        List<Delivery> deliveries = connector.publishReviewFeed(bearer(), List.of(item("feed:2026-H2:ada", "ada", "ada@example.com"),
                item("feed:2026-H2:bob", "bob", "bob@example.com")));
        assertEquals(List.of(Delivery.delivered("feed:2026-H2:ada", "rf_1"), Delivery.delivered("feed:2026-H2:bob", "rf_2")),
                deliveries);
        List<LoggedRequest> posts = posts();
        assertEquals(2, posts.size());
        LoggedRequest first = posts.get(0);
        assertEquals("feed:2026-H2:ada", first.getHeader("Idempotency-Key"));
        assertEquals("Bearer " + TOKEN, first.getHeader("Authorization"));
        assertEquals("application/json", first.getHeader("Content-Type"));
        assertFalse(first.containsHeader("X-Mentorhub-Signature"), "no signature without a secret");

        JsonNode expected = JSON.readTree("""
                {"type": "mentorhub.review_feed_entry", "key": "feed:2026-H2:ada", "entry": {
                  "person_id": "ada", "employee_number": "E-ada", "name": "Person ada", "work_email": "ada@example.com",
                  "period_start": "2026-07-01", "period_end": "2026-12-31",
                  "participations": [{
                    "program_id": "6b1f0d2e-0000-4000-8000-000000000001", "program_name": "Leadership 2026",
                    "role": "MENTEE",
                    "pairings": [{"pairing_id": "7c2e1f3a-0000-4000-8000-000000000002", "partner_role": "MENTOR",
                      "partners": ["Grace Hopper"], "started_on": "2026-07-15", "ended_on": null, "state": "ACTIVE"}],
                    "sessions_held": 6,
                    "goals": [{"goal_id": "8d3f2a4b-0000-4000-8000-000000000003", "title": "Lead a cross-team project",
                      "status": "IN_PROGRESS", "progress_percent": 40, "due_date": "2027-03-31"}],
                    "milestones_reached": [{"milestone_id": "9e4a3b5c-0000-4000-8000-000000000004",
                      "title": "Kick-off held", "reached_on": "2026-09-02"}],
                    "courses_completed": [{"course_id": "101", "completed_on": "2026-10-05"}],
                    "shared_reflections": [{"reflection_id": "af5b4c6d-0000-4000-8000-000000000005",
                      "written_on": "2026-11-01", "consented_on": "2026-11-02",
                      "text": "I learned to delegate the release planning."}]
                  }]
                }}""");
        assertEquals(expected, JSON.readTree(first.getBodyAsString()));
    }

    @Test
    void basicAuthenticationAndASignatureInAHeaderOfTheReceiversChoosing() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("hub:pa55-w0rd".getBytes(StandardCharsets.UTF_8));
        start(basic);
        endpoint.signedWith(HMAC, "X-Signature-256");
        Delivery delivery = connector.publishReviewFeed(config(Map.of(ReviewFeedConnector.AUTH, "basic",
                ReviewFeedConnector.BASIC_USER, "hub", ReviewFeedConnector.BASIC_PASSWORD, "pa55-w0rd",
                ReviewFeedConnector.HMAC_SECRET, HMAC, ReviewFeedConnector.SIGNATURE_HEADER, "X-Signature-256")),
                List.of(item("k1", "ada", "ada@example.com"))).get(0);
        assertTrue(delivery.delivered(), String.valueOf(delivery.refusal()));
        LoggedRequest post = posts().get(0);
        assertEquals(Long.toString(ReviewFeedContractIT.NOW.getEpochSecond()), post.getHeader("X-Mentorhub-Timestamp"));
        assertTrue(post.getHeader("X-Signature-256").matches("sha256=[0-9a-f]{64}"));
    }

    @Test
    void aWrongSignatureIsRefusedByTheReceiverAsAConfigurationError() throws Exception {
        start(null);
        endpoint.signedWith(HMAC, "X-Mentorhub-Signature");
        ConnectorException e = assertThrows(ConnectorException.class, () -> connector.publishReviewFeed(
                config(Map.of(ReviewFeedConnector.AUTH, "none", ReviewFeedConnector.HMAC_SECRET, "another-secret-123")),
                List.of(item("k1", "ada", "ada@example.com"))));
        assertEquals(Kind.CONFIG, e.kind());
        assertFalse(e.getMessage().contains("another-secret-123"));
        assertTrue(connector.publishReviewFeed(config(Map.of(ReviewFeedConnector.AUTH, "none",
                ReviewFeedConnector.HMAC_SECRET, HMAC)), List.of(item("k1", "ada", "ada@example.com"))).get(0).delivered());
    }

    @Test
    void aKeyAHeaderCannotCarryTravelsAsItsHash() throws Exception {
        start("Bearer " + TOKEN);
        String key = "feed:2026-H2:zoë ünal";
        connector.publishReviewFeed(bearer(), List.of(item(key, "zoe", "ada@example.com")));
        String header = posts().get(0).getHeader("Idempotency-Key");
        assertTrue(header.matches("sha256-[0-9a-f]{64}"), header);
        assertEquals(header, ReviewFeedConnector.idempotencyKey(key));
        assertEquals(key, endpoint.envelope(header).get("key").asText(), "the body keeps the key as it is");
    }

    @Test
    void anEntryTheReceiverRejectsIsRefusedWithItsReasonAndTheRestGoOn() throws Exception {
        start("Bearer " + TOKEN);
        List<Delivery> deliveries = connector.publishReviewFeed(bearer(), List.of(item("k1", "x", "stranger@example.com"),
                item("k2", "bob", "bob@example.com")));
        assertTrue(deliveries.get(0).refusal().contains("422")
                && deliveries.get(0).refusal().contains("no employee with this work e-mail"), deliveries.get(0).refusal());
        assertTrue(deliveries.get(1).delivered());
    }

    @Test
    void aKeyReusedForOtherContentIsRefused() throws Exception {
        start("Bearer " + TOKEN);
        connector.publishReviewFeed(bearer(), List.of(item("k1", "ada", "ada@example.com")));
        Delivery reused = connector.publishReviewFeed(bearer(), List.of(item("k1", "ada2", "ada@example.com"))).get(0);
        assertTrue(reused.refusal().contains("reused"), reused.refusal());
        assertEquals(1, endpoint.stored());
    }

    @Test
    void aKeyStillBeingProcessedIsTransientWithTheReceiversRetryAfter() throws Exception {
        start("Bearer " + TOKEN);
        endpoint.stillProcessing("k1");
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> connector.publishReviewFeed(bearer(), List.of(item("k1", "ada", "ada@example.com"))));
        assertEquals(Kind.TRANSIENT, e.kind());
        assertEquals(Duration.ofSeconds(3), e.retryAfter().orElseThrow());
    }

    @Test
    void theReferenceIsTheReceiversIdOrLocationOrTheKey() throws Exception {
        start("Bearer " + TOKEN);
        server.stubFor(post(urlPathEqualTo("/located")).willReturn(aResponse().withStatus(202)
                .withHeader("Location", "https://hris.example.com/feed/991")));
        server.stubFor(post(urlPathEqualTo("/silent")).willReturn(aResponse().withStatus(204)));
        Map<String, String> located = Map.of(ReviewFeedConnector.BEARER_TOKEN, TOKEN, ReviewFeedConnector.ENDPOINT,
                "http://127.0.0.1:" + server.port() + "/located");
        Map<String, String> silent = Map.of(ReviewFeedConnector.BEARER_TOKEN, TOKEN, ReviewFeedConnector.ENDPOINT,
                "http://127.0.0.1:" + server.port() + "/silent");
        assertEquals("https://hris.example.com/feed/991", connector.publishReviewFeed(config(located),
                List.of(item("k1", "ada", "ada@example.com"))).get(0).externalRef());
        assertEquals("k1", connector.publishReviewFeed(config(silent), List.of(item("k1", "ada", "ada@example.com")))
                .get(0).externalRef());
    }

    @Test
    void anEndpointThatIsNotThereIsAConfigurationError() throws Exception {
        start("Bearer " + TOKEN);
        ConnectorException e = assertThrows(ConnectorException.class, () -> connector.publishReviewFeed(
                config(Map.of(ReviewFeedConnector.BEARER_TOKEN, TOKEN, ReviewFeedConnector.ENDPOINT,
                        "http://127.0.0.1:" + server.port() + "/nowhere")), List.of(item("k1", "ada", "ada@example.com"))));
        assertEquals(Kind.CONFIG, e.kind());
    }

    @Test
    void incompleteAuthenticationSettingsAreConfigurationErrorsAndNothingIsSent() throws Exception {
        start("Bearer " + TOKEN);
        List<FeedItem> one = List.of(item("k1", "ada", "ada@example.com"));
        for (Map<String, String> bad : List.of(Map.<String, String>of(),
                Map.of(ReviewFeedConnector.AUTH, "basic", ReviewFeedConnector.BASIC_USER, "hub"),
                Map.of(ReviewFeedConnector.AUTH, "none"),
                Map.of(ReviewFeedConnector.BEARER_TOKEN, TOKEN, ReviewFeedConnector.SIGNATURE_HEADER, "Authorization"),
                Map.of(ReviewFeedConnector.BEARER_TOKEN, TOKEN, ReviewFeedConnector.SIGNATURE_HEADER, "X Sig"),
                Map.of(ReviewFeedConnector.BEARER_TOKEN, TOKEN, ReviewFeedConnector.TIMEOUT, "0"))) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> connector.publishReviewFeed(config(bad), one),
                    bad.toString());
            assertEquals(Kind.CONFIG, e.kind());
        }
        assertEquals(0, server.getAllServeEvents().size());
    }

    /**
     * Issue 6, point 4: the receiver stores an entry and its answer is lost to a time-out; the hub sends it again. The
     * journal shows two requests with the same Idempotency-Key and body; the receiver holds the entry once.
     */
    @Test
    void anEntryStoredButAnsweredTooLateIsSentAgainWithTheSameKeyAndHeldOnce() throws Exception {
        start("Bearer " + TOKEN);
        ConnectorConfig config = config(Map.of(ReviewFeedConnector.BEARER_TOKEN, TOKEN, ReviewFeedConnector.TIMEOUT, "1"));
        List<FeedItem> batch = List.of(item("feed:2026-H2:ada", "ada", "ada@example.com"),
                item("feed:2026-H2:bob", "bob", "bob@example.com"));
        endpoint.commitThenStall();
        assertEquals(Kind.TRANSIENT, assertThrows(ConnectorException.class, () -> connector.publishReviewFeed(config, batch)).kind());
        assertEquals(1, endpoint.stored(), "the first entry was stored before its answer was lost");

        List<Delivery> deliveries = connector.publishReviewFeed(config, batch);
        assertEquals(List.of(Delivery.delivered("feed:2026-H2:ada", "rf_1"), Delivery.delivered("feed:2026-H2:bob", "rf_2")),
                deliveries);
        assertEquals(2, endpoint.stored());
        List<LoggedRequest> adaPosts = posts().stream()
                .filter(p -> "feed:2026-H2:ada".equals(p.getHeader("Idempotency-Key"))).toList();
        assertEquals(2, adaPosts.size());
        assertEquals(adaPosts.get(0).getBodyAsString(), adaPosts.get(1).getBodyAsString());
        assertEquals(1, posts().stream().filter(p -> "feed:2026-H2:bob".equals(p.getHeader("Idempotency-Key"))).count());
    }
}
