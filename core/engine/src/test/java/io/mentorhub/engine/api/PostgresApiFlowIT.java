package io.mentorhub.engine.api;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mentorhub.testkit.PostgresServer;
import java.util.UUID;

/** The API flow on a real PostgreSQL server: the same requests, the same answers as on H2. */
class PostgresApiFlowIT extends ApiFlowTest {

    @Override
    protected ApiTestSupport createSupport() throws Exception {
        var server = PostgresServer.get();
        assumeTrue(server.isPresent(), () -> "PostgreSQL not available: " + PostgresServer.whyUnavailable());
        String url = server.get().createDatabase("api_" + UUID.randomUUID().toString().replace("-", ""));
        return new ApiTestSupport(url, server.get().user(), server.get().password());
    }
}
