package io.mentorhub.engine.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded default: H2 in file mode, as the hub runs it. */
class H2StoreTest extends StoreContractTest {

    @TempDir
    Path data;

    @Override
    protected Database openDatabase() throws Exception {
        return new Database(Database.jdbcUrl("", data), "mentorhub", "", 4);
    }
}
