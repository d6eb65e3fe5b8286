package io.mentorhub.engine.notify;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mentorhub.engine.api.ApiTestSupport;
import io.mentorhub.testkit.PostgresServer;
import java.util.UUID;

/** The same as {@link NotificationsMailTest}, on a real PostgreSQL server. */
class PostgresNotificationsMailIT extends NotificationsMailTest {

    @Override
    protected ApiTestSupport createSupport() throws Exception {
        var server = PostgresServer.get();
        assumeTrue(server.isPresent(), () -> "PostgreSQL not available: " + PostgresServer.whyUnavailable());
        String url = server.get().createDatabase("notify_" + UUID.randomUUID().toString().replace("-", ""));
        return new ApiTestSupport(url, server.get().user(), server.get().password());
    }
}
