package io.mentorhub.connectors.reviewfeed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.mentorhub.api.connector.Connector;
import io.mentorhub.api.connector.Delivery;
import io.mentorhub.api.connector.ReviewFeedPublisher.FeedItem;
import io.mentorhub.connectors.support.http.VendorHttp;
import io.mentorhub.testkit.PushContractTest;
import io.mentorhub.testkit.PushSandbox;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The push contract against a fake integration endpoint on a loopback port: bearer token and HMAC signature. */
class ReviewFeedContractIT extends PushContractTest {

    static final String TOKEN = "feed-token-1b7e55c0d3";
    static final String HMAC = "hmac-shared-9a0f4e2c7d";
    static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    private FakeFeedEndpoint fake;
    private WireMockServer server;
    private ReviewFeedConnector connector;

    @BeforeEach
    void startFake() {
        fake = new FakeFeedEndpoint("Bearer " + TOKEN, NOW.getEpochSecond());
        fake.signedWith(HMAC, "X-Mentorhub-Signature");
        for (int i = 0; i < 10; i++) {
            fake.knows("learner" + i + "@example.com");
        }
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(fake));
        server.start();
        server.stubFor(any(urlPathMatching("/.*")).willReturn(aResponse().withTransformers(FakeFeedEndpoint.NAME)));
        connector = new ReviewFeedConnector(new VendorHttp("Review feed endpoint", VendorHttp.Limits.DEFAULT, List.of()),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stopFake() throws Exception {
        connector.close();
        server.stop();
    }

    @Override
    protected Connector connector() {
        return connector;
    }

    @Override
    protected PushSandbox sandbox() {
        return fake;
    }

    @Override
    protected Map<String, String> configuration() {
        return Map.of(ReviewFeedConnector.ENDPOINT, "http://127.0.0.1:" + server.port() + "/inbound/review-feed",
                ReviewFeedConnector.BEARER_TOKEN, TOKEN, ReviewFeedConnector.HMAC_SECRET, HMAC,
                ReviewFeedConnector.TIMEOUT, "1");
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(TOKEN, HMAC);
    }

    @Override
    protected List<Delivery.Keyed> items(int count) {
        List<Delivery.Keyed> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new FeedItem("review-feed:2026-H2:p" + i, SampleFeed.entry("p" + i, "learner" + i + "@example.com")));
        }
        return items;
    }

    @Override
    protected Delivery.Keyed refusedItem() {
        return new FeedItem("review-feed:2026-H2:stranger", SampleFeed.entry("stranger", "stranger@example.com"));
    }
}
