package io.mentorhub.connectors.xapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.mentorhub.api.connector.Connector;
import io.mentorhub.api.connector.Delivery;
import io.mentorhub.api.connector.LearningRecords.LearningRecord;
import io.mentorhub.api.connector.LearningRecords.Verb;
import io.mentorhub.testkit.PushContractTest;
import io.mentorhub.testkit.PushSandbox;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The push contract against a fake learning record store on a loopback port. */
class XapiContractIT extends PushContractTest {

    static final String KEY = "lrs-key-3c1e9a7b";
    static final String SECRET = "lrs-secret-8f2d6b04e1a9";

    private FakeLrs fake;
    private WireMockServer server;
    private XapiConnector connector;

    @BeforeEach
    void startFake() {
        fake = new FakeLrs(KEY, SECRET);
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(fake));
        server.start();
        server.stubFor(any(urlPathMatching("/.*")).willReturn(aResponse().withTransformers(FakeLrs.NAME)));
        connector = new XapiConnector();
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
        return Map.of(XapiConnector.ENDPOINT, "http://127.0.0.1:" + server.port() + "/data/xAPI/",
                XapiConnector.KEY, KEY, XapiConnector.SECRET, SECRET,
                XapiConnector.IRI_BASE, "https://mentoring.example.com/xapi/", XapiConnector.TIMEOUT, "1");
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(KEY, SECRET, Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    protected List<Delivery.Keyed> items(int count) {
        List<Delivery.Keyed> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new LearningRecord("session:s" + i + ":learner" + i, "learner" + i + "@example.com",
                    "Learner " + i, Verb.ATTENDED_SESSION, "s" + i, "Session " + i, "Mentoring 2027",
                    Instant.parse("2026-11-02T10:00:00Z").plusSeconds(3600L * i)));
        }
        return items;
    }

    /** An address the store's mbox check rejects (no dot in the domain). */
    @Override
    protected Delivery.Keyed refusedItem() {
        return new LearningRecord("session:s9:root", "root@localhost", "Root", Verb.ATTENDED_SESSION, "s9",
                "Session 9", "Mentoring 2027", Instant.parse("2026-11-02T10:00:00Z"));
    }
}
