package io.mentorhub.connectors.bamboohr;

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
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The connector contract against a fake BambooHR on a loopback port. */
class BambooHrContractIT extends PeopleSourceContractTest {

    static final String KEY = "bhr-key-58c0e2f7a9d14b3c";
    static final String COMPANY = "northwind";

    WireMockServer server;
    FakeBambooHr fake;
    BambooHrConnector connector;

    @BeforeEach
    void startFake() {
        fake = new FakeBambooHr(COMPANY, KEY);
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(fake));
        server.start();
        server.stubFor(any(urlPathMatching("/.*")).willReturn(aResponse().withTransformers(FakeBambooHr.NAME)));
        connector = new BambooHrConnector();
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
        return Map.of("base_url", "http://127.0.0.1:" + server.port(), "company_domain", COMPANY, "api_key", KEY,
                "timeout_seconds", "5");
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(KEY, Base64.getEncoder().encodeToString((KEY + ":x").getBytes(StandardCharsets.UTF_8)));
    }
}
