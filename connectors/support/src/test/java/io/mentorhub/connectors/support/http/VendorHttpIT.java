package io.mentorhub.connectors.support.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.ConnectorException.Kind;
import io.mentorhub.api.connector.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VendorHttpIT {

    private static final Secret KEY = Secret.of("k3y-4f9e1c-do-not-print");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

    private WireMockServer vendor;
    private WireMockServer elsewhere;
    private VendorHttp http;

    @BeforeEach
    void start() {
        vendor = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        elsewhere = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        vendor.start();
        elsewhere.start();
        http = new VendorHttp("Acme HR", new VendorHttp.Limits(Duration.ofSeconds(2), 4096),
                List.of("X-Acme-Error"), null, CLOCK);
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        vendor.stop();
        elsewhere.stop();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + vendor.port() + path);
    }

    private VendorRequest people() {
        return VendorRequest.get(url("/v1/people?since=2026-01-01")).basicAuth(KEY, "x")
                .header("Accept", "application/json").timeout(Duration.ofSeconds(1));
    }

    @Test
    void sendsBasicAuthAndReadsJson() throws Exception {
        vendor.stubFor(get(urlPathEqualTo("/v1/people")).willReturn(okJson("{\"people\":[{\"id\":\"1\"}]}")));
        assertEquals("1", http.json(people()).get("people").get(0).get("id").asText());
        String expected = "Basic " + Base64.getEncoder().encodeToString((KEY.reveal() + ":x").getBytes(StandardCharsets.UTF_8));
        vendor.verify(getRequestedFor(urlEqualTo("/v1/people?since=2026-01-01")).withHeader("Authorization", equalTo(expected)));
    }

    @Test
    void postsTheBodyWithExactlyTheGivenContentType() throws Exception {
        vendor.stubFor(post(urlPathEqualTo("/v1/report")).willReturn(okJson("{}")));
        http.json(VendorRequest.post(url("/v1/report"), "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        vendor.verify(postRequestedFor(urlPathEqualTo("/v1/report")).withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalTo("{\"a\":1}")));
    }

    @Test
    void putsTheBodyToo() throws Exception {
        vendor.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(urlPathEqualTo("/v1/goals/g1"))
                .willReturn(okJson("{\"id\":\"g1\"}")));
        assertEquals("g1", http.json(VendorRequest.put(url("/v1/goals/g1"), "application/json",
                "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8)).bearer(KEY)).get("id").asText());
        vendor.verify(com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(urlPathEqualTo("/v1/goals/g1"))
                .withHeader("Content-Type", equalTo("application/json")).withRequestBody(equalTo("{\"name\":\"x\"}")));
    }

    @Test
    void statusesBecomeTheKindTheHubActsOn() {
        assertKind(401, Kind.CONFIG);
        assertKind(403, Kind.CONFIG);
        assertKind(400, Kind.PERMANENT);
        assertKind(404, Kind.PERMANENT);
        assertKind(408, Kind.TRANSIENT);
        assertKind(425, Kind.TRANSIENT);
        assertKind(429, Kind.TRANSIENT);
        assertKind(500, Kind.TRANSIENT);
        assertKind(503, Kind.TRANSIENT);
    }

    private void assertKind(int status, Kind kind) {
        vendor.stubFor(get(urlPathEqualTo("/v1/people")).willReturn(aResponse().withStatus(status)));
        ConnectorException e = assertThrows(ConnectorException.class, () -> http.json(people()));
        assertEquals(kind, e.kind(), status + ": " + e);
        assertTrue(e.getMessage().contains(String.valueOf(status)), e.getMessage());
        assertNull(e.getCause());
    }

    @Test
    void retryAfterIsHonouredInBothForms() {
        vendor.stubFor(get(urlPathEqualTo("/v1/people")).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "12")));
        assertEquals(Duration.ofSeconds(12), assertThrows(ConnectorException.class, () -> http.json(people())).retryAfter().orElseThrow());
        vendor.stubFor(get(urlPathEqualTo("/v1/people")).willReturn(aResponse().withStatus(429)
                .withHeader("Date", "Mon, 02 Mar 2026 11:00:00 GMT").withHeader("Retry-After", "Mon, 02 Mar 2026 11:00:45 GMT")));
        assertEquals(Duration.ofSeconds(45), assertThrows(ConnectorException.class, () -> http.json(people())).retryAfter().orElseThrow());
    }

    @Test
    void theVendorsExplanationIsKeptButCredentialsAreScrubbed() {
        vendor.stubFor(get(urlPathEqualTo("/v1/people")).willReturn(aResponse().withStatus(401)
                .withHeader("X-Acme-Error", "Invalid API key " + KEY.reveal() + "\r\nfor company acme")));
        ConnectorException e = assertThrows(ConnectorException.class, () -> http.json(people()));
        assertTrue(e.getMessage().contains("Invalid API key ****"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY.reveal()));
        assertFalse(e.getMessage().contains("since="), "no query in messages: " + e.getMessage());

        vendor.stubFor(get(urlPathEqualTo("/v1/people")).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":\"invalid_request\",\"error_description\":\"bad since\"}")));
        assertTrue(assertThrows(ConnectorException.class, () -> http.json(people())).getMessage()
                .endsWith("invalid_request — bad since"));
    }

    @Test
    void connectionFaultsAndBrokenBodiesAreTransient() {
        for (Fault fault : Fault.values()) {
            vendor.stubFor(get(urlPathEqualTo("/v1/people")).willReturn(aResponse().withFault(fault)));
            ConnectorException e = assertThrows(ConnectorException.class, () -> http.json(people()), fault.name());
            assertEquals(Kind.TRANSIENT, e.kind(), fault + ": " + e);
        }
        vendor.stubFor(get(urlPathEqualTo("/v1/people")).willReturn(okJson("{\"people\":[{\"id\":\"1\"")));
        ConnectorException cut = assertThrows(ConnectorException.class, () -> http.json(people()));
        assertEquals(Kind.TRANSIENT, cut.kind());
        vendor.stubFor(get(urlPathEqualTo("/v1/people")).willReturn(okJson("{\"people\":[{\"id\":\"1\"}]}").withFixedDelay(1500)));
        ConnectorException slow = assertThrows(ConnectorException.class, () -> http.json(people()));
        assertEquals(Kind.TRANSIENT, slow.kind());
        assertTrue(slow.getMessage().contains("did not answer"), slow.getMessage());
    }

    @Test
    void aBodyOverTheLimitIsRefused() {
        vendor.stubFor(get(urlPathEqualTo("/v1/people")).willReturn(okJson("{\"x\":\"" + "a".repeat(5000) + "\"}")));
        ConnectorException e = assertThrows(ConnectorException.class, () -> http.json(people()));
        assertEquals(Kind.PERMANENT, e.kind());
        vendor.stubFor(get(urlPathEqualTo("/v1/people")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withChunkedDribbleDelay(4, 10)
                .withBody("{\"x\":\"" + "a".repeat(5000) + "\"}")));
        assertEquals(Kind.PERMANENT, assertThrows(ConnectorException.class, () -> http.json(people())).kind(),
                "a chunked body without a length is cut at the limit too");
    }

    @Test
    void redirectsAreFollowedOnlyWithinTheOrigin() throws Exception {
        vendor.stubFor(get(urlPathEqualTo("/v1/people")).willReturn(aResponse().withStatus(301).withHeader("Location", "/v2/people")));
        vendor.stubFor(get(urlPathEqualTo("/v2/people")).willReturn(okJson("{\"ok\":true}")));
        assertTrue(http.json(people()).get("ok").asBoolean());

        elsewhere.stubFor(get(urlPathEqualTo("/v1/people")).willReturn(okJson("{\"stolen\":true}")));
        vendor.stubFor(get(urlPathEqualTo("/v1/people")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + elsewhere.port() + "/v1/people")));
        ConnectorException e = assertThrows(ConnectorException.class, () -> http.json(people()));
        assertEquals(Kind.CONFIG, e.kind());
        assertEquals(0, elsewhere.getAllServeEvents().size(), "the other origin never saw the credentials");
    }

    @Test
    void aHostThatResolvesToAMetadataAddressIsRefusedBeforeConnecting() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        DnsResolver rebinding = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws java.net.UnknownHostException {
                lookups.incrementAndGet();
                return host.equals("hr.example.test") ? new InetAddress[] {InetAddress.getByName("169.254.169.254")}
                        : SystemDefaultDnsResolver.INSTANCE.resolve(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        try (VendorHttp guarded = new VendorHttp("Acme HR", VendorHttp.Limits.DEFAULT, List.of(), rebinding, CLOCK)) {
            ConnectorException e = assertThrows(ConnectorException.class,
                    () -> guarded.json(VendorRequest.get(URI.create("http://hr.example.test:" + vendor.port() + "/v1/people"))));
            assertEquals(Kind.CONFIG, e.kind(), e.toString());
            assertTrue(e.getMessage().contains("link-local"), e.getMessage());
            assertEquals(1, lookups.get());
        }
        ConnectorException literal = assertThrows(ConnectorException.class,
                () -> http.json(VendorRequest.get(URI.create("http://169.254.169.254/latest/meta-data"))));
        assertEquals(Kind.CONFIG, literal.kind());
    }

    @Test
    void evenTraceLoggingOfHttpClientShowsNoCredential() throws Exception {
        vendor.stubFor(get(urlPathEqualTo("/v1/people")).willReturn(okJson("{\"people\":[]}")));
        vendor.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(okJson("{\"access_token\":\"at-99\"}")));
        Secret refresh = Secret.of("refresh-7c1d-do-not-print");
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            http.json(people());
            http.json(VendorRequest.post(url("/oauth/token"), "application/x-www-form-urlencoded",
                    ("grant_type=refresh_token&refresh_token=" + refresh.reveal()).getBytes(StandardCharsets.UTF_8))
                    .basicAuth("client-1", KEY).bodyCarries(refresh));
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("org.apache.hc"), "trace logging is on, so the check means something: " + log.length());
        String basic = Base64.getEncoder().encodeToString((KEY.reveal() + ":x").getBytes(StandardCharsets.UTF_8));
        for (String secret : List.of(KEY.reveal(), refresh.reveal(), basic, "Authorization")) {
            assertFalse(log.contains(secret), "the log shows " + secret);
        }
    }
}
