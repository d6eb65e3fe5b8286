package io.mentorhub.engine.directory;

import io.mentorhub.engine.store.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The directory on the embedded default: H2 in file mode, as the hub runs it. */
class H2DirectoryTest extends DirectoryContractTest {

    @TempDir
    Path data;

    @Override
    protected Database openDatabase() throws Exception {
        return new Database(Database.jdbcUrl("", data), "mentorhub", "", 4);
    }
}
