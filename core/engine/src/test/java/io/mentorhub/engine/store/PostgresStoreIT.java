package io.mentorhub.engine.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mentorhub.testkit.PostgresServer;

import java.util.UUID;

/** The store contract on a real PostgreSQL server (see {@link PostgresServer}). */
class PostgresStoreIT extends StoreContractTest {

    @Override
    protected Database openDatabase() throws Exception {
        var server = PostgresServer.get();
        assumeTrue(server.isPresent(), () -> "PostgreSQL not available: " + PostgresServer.whyUnavailable());
        String url = server.get().createDatabase("store_" + UUID.randomUUID().toString().replace("-", ""));
        return new Database(url, server.get().user(), server.get().password(), 4);
    }
}
