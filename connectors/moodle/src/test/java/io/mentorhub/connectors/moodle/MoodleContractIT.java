package io.mentorhub.connectors.moodle;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.mentorhub.api.connector.Connector;
import io.mentorhub.api.connector.CourseEnrolments.Enrolment;
import io.mentorhub.api.connector.Delivery;
import io.mentorhub.testkit.PushContractTest;
import io.mentorhub.testkit.PushSandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The push contract against a fake Moodle site on a loopback port, enrolling learners in course 7. */
class MoodleContractIT extends PushContractTest {

    private FakeMoodle fake;
    private WireMockServer server;
    private MoodleConnector connector;

    @BeforeEach
    void startFake() {
        fake = new FakeMoodle(MoodleConnectorIT.TOKEN);
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(fake));
        server.start();
        server.stubFor(any(urlPathMatching("/.*")).willReturn(aResponse().withTransformers(FakeMoodle.NAME)));
        for (int i = 0; i < 10; i++) {
            fake.user("learner" + i + "@example.com", false);
        }
        fake.course(7, true, true, 1, 1);
        connector = new MoodleConnector();
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
        return Map.of(MoodleConnector.SITE_URL, "http://127.0.0.1:" + server.port(), MoodleConnector.TOKEN,
                MoodleConnectorIT.TOKEN, MoodleConnector.TIMEOUT, "1");
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(MoodleConnectorIT.TOKEN);
    }

    @Override
    protected List<Delivery.Keyed> items(int count) {
        List<Delivery.Keyed> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new Enrolment("enrol:learner" + i + ":7", "Learner" + i + "@example.com", "7"));
        }
        return items;
    }

    @Override
    protected Delivery.Keyed refusedItem() {
        return new Enrolment("enrol:nobody:7", "nobody@example.com", "7");
    }
}
