package io.mentorhub.engine.metrics;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mentorhub.engine.store.Database;
import io.mentorhub.testkit.PostgresServer;
import java.util.UUID;

/** The program metrics on a real PostgreSQL server: the same data set, the same figures as on H2. */
class PostgresProgramMetricsIT extends ProgramMetricsContractTest {

    @Override
    protected Database openDatabase() throws Exception {
        var server = PostgresServer.get();
        assumeTrue(server.isPresent(), () -> "PostgreSQL not available: " + PostgresServer.whyUnavailable());
        String url = server.get().createDatabase("metrics_" + UUID.randomUUID().toString().replace("-", ""));
        return new Database(url, server.get().user(), server.get().password(), 4);
    }
}
