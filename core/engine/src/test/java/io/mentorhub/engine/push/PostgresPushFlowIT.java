package io.mentorhub.engine.push;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mentorhub.engine.api.ApiTestSupport;
import io.mentorhub.testkit.PostgresServer;
import java.util.UUID;

/** The push flows on a real PostgreSQL server: the same outbox, planning, tasks and deliveries as on H2. */
class PostgresPushFlowIT extends PushFlowTest {

    @Override
    protected ApiTestSupport createSupport() throws Exception {
        var server = PostgresServer.get();
        assumeTrue(server.isPresent(), () -> "PostgreSQL not available: " + PostgresServer.whyUnavailable());
        String url = server.get().createDatabase("push_" + UUID.randomUUID().toString().replace("-", ""));
        return new ApiTestSupport(url, server.get().user(), server.get().password());
    }
}
