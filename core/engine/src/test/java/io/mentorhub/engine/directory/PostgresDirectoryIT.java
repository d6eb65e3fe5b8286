package io.mentorhub.engine.directory;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mentorhub.engine.store.Database;
import io.mentorhub.testkit.PostgresServer;
import java.util.UUID;

/** The directory on a real PostgreSQL server (see {@link PostgresServer}). */
class PostgresDirectoryIT extends DirectoryContractTest {

    @Override
    protected Database openDatabase() throws Exception {
        var server = PostgresServer.get();
        assumeTrue(server.isPresent(), () -> "PostgreSQL not available: " + PostgresServer.whyUnavailable());
        String url = server.get().createDatabase("directory_" + UUID.randomUUID().toString().replace("-", ""));
        return new Database(url, server.get().user(), server.get().password(), 6);
    }
}
