package io.mentorhub.connectors.workday;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.mentorhub.api.connector.Connector;
import io.mentorhub.testkit.PeopleSandbox;
import io.mentorhub.testkit.PeopleSourceContractTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh fake Workday on a loopback port per test, and the connector configured against it. */
abstract class WorkdayTestSupport extends PeopleSourceContractTest {

    static final String TENANT = "northwind_preview";
    static final String CLIENT_ID = "ZjM4NzQ4Y2It-client";
    static final String CLIENT_SECRET = "wd-secret-2b7e91c4d0";
    static final String REFRESH = "wd-refresh-9a1f33e7c2";

    WireMockServer server;
    FakeWorkday fake;
    WorkdayConnector connector;

    abstract boolean raas();

    @BeforeEach
    void startFake() {
        fake = new FakeWorkday(TENANT, CLIENT_ID, CLIENT_SECRET, REFRESH, raas());
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(fake));
        server.start();
        server.stubFor(any(urlPathMatching("/.*")).willReturn(aResponse().withTransformers(FakeWorkday.NAME)));
        connector = new WorkdayConnector();
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
    protected PeopleSandbox sandbox() {
        return fake;
    }

    @Override
    protected Map<String, String> configuration() {
        Map<String, String> raw = new HashMap<>(Map.of("base_url", "http://127.0.0.1:" + server.port(),
                "tenant", TENANT, "client_id", CLIENT_ID, "client_secret", CLIENT_SECRET, "refresh_token", REFRESH,
                "timeout_seconds", "5"));
        if (raas()) {
            raw.put("source", "raas");
            raw.put("report", "ISU_Mentorhub/Mentorhub_People");
            raw.put("changed_since_prompt", "Changed_Since");
        } else {
            raw.put("source", "workers");
        }
        return raw;
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(CLIENT_SECRET, REFRESH, "wd-access-", Base64.getEncoder()
                .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
    }
}
