package io.mentorhub.engine.survey;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mentorhub.engine.api.ApiTestSupport;
import io.mentorhub.testkit.PostgresServer;
import java.util.UUID;

/** The same as {@link SurveyFlowTest}, on a real PostgreSQL server. */
class PostgresSurveyFlowIT extends SurveyFlowTest {

    @Override
    protected ApiTestSupport createSupport() throws Exception {
        var server = PostgresServer.get();
        assumeTrue(server.isPresent(), () -> "PostgreSQL not available: " + PostgresServer.whyUnavailable());
        String url = server.get().createDatabase("survey_" + UUID.randomUUID().toString().replace("-", ""));
        return new ApiTestSupport(url, server.get().user(), server.get().password());
    }
}
