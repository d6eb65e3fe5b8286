package io.mentorhub.engine.api;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mentorhub.testkit.PostgresServer;
import java.util.UUID;

/** The review feed on a real PostgreSQL server: the same queries, the same entries as on H2. */
class PostgresReviewFeedIT extends ReviewFeedTest {

    @Override
    protected ApiTestSupport createSupport() throws Exception {
        var server = PostgresServer.get();
        assumeTrue(server.isPresent(), () -> "PostgreSQL not available: " + PostgresServer.whyUnavailable());
        String url = server.get().createDatabase("feed_" + UUID.randomUUID().toString().replace("-", ""));
        return new ApiTestSupport(url, server.get().user(), server.get().password());
    }
}
