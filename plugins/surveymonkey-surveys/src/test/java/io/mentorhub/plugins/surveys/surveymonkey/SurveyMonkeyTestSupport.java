package io.mentorhub.plugins.surveys.surveymonkey;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.mentorhub.api.survey.SurveyTool;
import io.mentorhub.testkit.SurveySandbox;
import io.mentorhub.testkit.SurveyToolContractTest;
import java.lang.annotation.Annotation;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh fake SurveyMonkey on a loopback port per test, and a tool configured against it. */
abstract class SurveyMonkeyTestSupport extends SurveyToolContractTest {

    static final String TOKEN = "sm-test-token-7f3a9c";

    WireMockServer server;
    FakeSurveyMonkey fake;

    @BeforeEach
    void startFake() {
        fake = new FakeSurveyMonkey(TOKEN);
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().extensions(fake));
        server.start();
        // Lowest priority: a test's own stub (a fault, a quirk) wins over the fake.
        server.stubFor(any(urlPathMatching("/v3/.*")).atPriority(10)
                .willReturn(aResponse().withTransformers(FakeSurveyMonkey.NAME)));
    }

    @AfterEach
    void stopFake() {
        server.stop();
    }

    abstract String delivery();

    @Override
    protected SurveyTool tool() {
        return smTool(delivery(), pageSize(), 5);
    }

    SurveyMonkeySurveyTool smTool(String delivery, int pageSize, int timeoutSeconds) {
        return new SurveyMonkeySurveyTool(config("http://127.0.0.1:" + server.port(), TOKEN, delivery, pageSize,
                timeoutSeconds, true));
    }

    @Override
    protected SurveySandbox sandbox() {
        return fake;
    }

    @Override
    protected Set<String> secrets() {
        return Set.of(TOKEN);
    }

    static SurveyMonkeySurveyTool.Config config(String baseUrl, String token, String delivery, int pageSize,
            int timeoutSeconds, boolean plainHttp) {
        return new SurveyMonkeySurveyTool.Config() {
            @Override
            public String baseUrl() {
                return baseUrl;
            }

            @Override
            public String _accessToken() {
                return token;
            }

            @Override
            public String delivery() {
                return delivery;
            }

            @Override
            public String senderEmail() {
                return "";
            }

            @Override
            public int pageSize() {
                return pageSize;
            }

            @Override
            public int timeoutSeconds() {
                return timeoutSeconds;
            }

            @Override
            public boolean allowPlainHttpForTests() {
                return plainHttp;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return SurveyMonkeySurveyTool.Config.class;
            }
        };
    }
}
