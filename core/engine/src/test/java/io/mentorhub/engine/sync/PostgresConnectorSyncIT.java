package io.mentorhub.engine.sync;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mentorhub.engine.api.ApiTestSupport;
import io.mentorhub.fixtures.syncconnector.PagedJsonVendor;
import io.mentorhub.testkit.PostgresServer;
import java.util.UUID;

/** The same tests on a real PostgreSQL server. */
class PostgresConnectorSyncIT extends ConnectorSyncTest {

    PostgresConnectorSyncIT() throws Exception {
    }

    @Override
    protected SyncHub createHub() throws Exception {
        var server = PostgresServer.get();
        assumeTrue(server.isPresent(), () -> "PostgreSQL not available: " + PostgresServer.whyUnavailable());
        String url = server.get().createDatabase("sync_" + UUID.randomUUID().toString().replace("-", ""));
        return new SyncHub(new ApiTestSupport(url, server.get().user(), server.get().password()), new PagedJsonVendor(),
                "node-a");
    }
}
