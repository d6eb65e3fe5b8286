package io.mentorhub.connectors.lattice;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.mentorhub.api.connector.Connector;
import io.mentorhub.api.connector.Delivery;
import io.mentorhub.api.connector.GoalPublisher.ReviewGoal;
import io.mentorhub.api.domain.Goal;
import io.mentorhub.connectors.support.http.VendorHttp;
import io.mentorhub.testkit.PushContractTest;
import io.mentorhub.testkit.PushSandbox;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The push contract against a fake Lattice on a loopback port, two users or goals per page. */
class LatticeContractIT extends PushContractTest {

    static final String KEY = "lat_live_5d1f0c2a9be84e77";

    private FakeLattice fake;
    private WireMockServer server;
    private LatticeConnector connector;

    @BeforeEach
    void startFake() {
        fake = new FakeLattice(KEY);
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(fake));
        server.start();
        server.stubFor(any(urlPathMatching("/.*")).willReturn(aResponse().withTransformers(FakeLattice.NAME)));
        for (int i = 0; i < 10; i++) {
            fake.user("learner" + i + "@example.com", "ACTIVE");
        }
        connector = new LatticeConnector(new VendorHttp("Lattice", VendorHttp.Limits.DEFAULT, List.of()),
                Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC));
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
        return Map.of(LatticeConnector.BASE_URL, "http://127.0.0.1:" + server.port() + "/v1", LatticeConnector.API_KEY,
                KEY, LatticeConnector.PAGE_SIZE, "2", LatticeConnector.TIMEOUT, "1");
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(KEY);
    }

    @Override
    protected List<Delivery.Keyed> items(int count) {
        List<Delivery.Keyed> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new ReviewGoal("goal:g" + i + ":v3", "g-" + i, "Learner" + i + "@example.com",
                    "Lead a cross-team project", "Plan and run the Q1 migration with two teams", Goal.Status.IN_PROGRESS,
                    40, LocalDate.of(2027, 3, 31)));
        }
        return items;
    }

    @Override
    protected Delivery.Keyed refusedItem() {
        return new ReviewGoal("goal:gx:v1", "g-x", "nobody@example.com", "Present at the all-hands", null,
                Goal.Status.NOT_STARTED, 0, LocalDate.of(2027, 3, 31));
    }
}
