package io.mentorhub.engine.metrics;

import io.mentorhub.engine.store.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The program metrics on the embedded default: H2 in file mode, as the hub runs it. */
class H2ProgramMetricsTest extends ProgramMetricsContractTest {

    @TempDir
    static Path data;

    @Override
    protected Database openDatabase() throws Exception {
        return new Database(Database.jdbcUrl("", data), "mentorhub", "", 4);
    }
}
