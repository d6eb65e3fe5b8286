package io.mentorhub.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path data;

    @Test
    void defaultsToAnH2FileUnderTheDataDirectory() throws Exception {
        String url = Database.jdbcUrl("", data);
        assertEquals("jdbc:h2:file:" + data.resolve("mentorhub") + ";DB_CLOSE_ON_EXIT=FALSE", url);
        Database database = new Database(url, "mentorhub", "", 2);
        try {
            assertTrue(database.health().up(), database.health().toString());
            assertEquals("H2", database.health().details().get("product"));
        } finally {
            database.close();
        }
        assertTrue(Files.exists(data.resolve("mentorhub.mv.db")));
        assertFalse(database.health().up(), "closed pool reports DOWN");
    }

    @Test
    void configuredUrlWins() {
        assertEquals("jdbc:postgresql://db:5432/hub", Database.jdbcUrl(" jdbc:postgresql://db:5432/hub ", data));
    }

    @Test
    void redactsCredentialsFromUrls() {
        assertEquals("jdbc:postgresql://db:5432/hub", Database.redact("jdbc:postgresql://db:5432/hub?password=s3cret"));
        assertEquals("jdbc:h2:file:/x/db", Database.redact("jdbc:h2:file:/x/db;PASSWORD=s3cret"));
        assertEquals("jdbc:postgresql://***@db/hub", Database.redact("jdbc:postgresql://admin:s3cret@db/hub"));
    }

    @Test
    void unsupportedUrlIsAClearErrorWithoutTheSecret() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Database.driverDataSource("jdbc:mysql://db/hub?password=s3cret", "u", "p"));
        assertTrue(e.getMessage().contains("use jdbc:h2:... or jdbc:postgresql:..."));
        assertFalse(e.getMessage().contains("s3cret"));
    }
}
