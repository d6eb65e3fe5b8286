package io.mentorhub.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without MENTORHUB_ADMIN_KEY, the first start generates the admin key into data/admin.key, for its owner only. */
class AdminKeyIT {

    @TempDir
    Path scratch;

    @Test
    void firstStartGeneratesAPrivateAdminKey() throws Exception {
        try (RunningHub hub = RunningHub.start(scratch, Map.of("MENTORHUB_ADMIN_KEY", ""))) {
            hub.await("/health", Duration.ofSeconds(60), r -> r.status() == 200);
            Path keyFile = hub.home.resolve("data/admin.key");
            for (int i = 0; i < 100 && !Files.exists(keyFile); i++) {
                Thread.sleep(100);
            }
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
            String key = Files.readString(keyFile).strip();
            assertTrue(key.startsWith("mh_") && key.length() >= 40, "a 256-bit key");
            assertEquals(200, hub.get("/api/programs", key).status());
            assertEquals(401, hub.get("/api/programs", RunningHub.ADMIN_KEY).status(), "no other key was set up");
            assertEquals(401, hub.get("/api/programs", null).status());
            assertEquals(0, hub.stop(), hub.console());
            assertFalse(hub.log().contains(key), "the key never reaches the log");
            assertFalse(hub.console().contains(key), "nor the console");
        }
    }
}
