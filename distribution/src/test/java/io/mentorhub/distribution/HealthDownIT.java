package io.mentorhub.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hub whose database is unreachable answers 503 DOWN and says which component is down and why. */
class HealthDownIT {

    @TempDir
    Path scratch;

    @Test
    void unreachableDatabaseMakesHealthDown() throws Exception {
        // Nothing listens on port 1; the password must never show up in health, console or log.
        Map<String, String> env = Map.of("MENTORHUB_DB_URL", "jdbc:postgresql://127.0.0.1:1/mentorhub",
                "MENTORHUB_DB_PASSWORD", "do-not-leak-7f3a");
        try (RunningHub hub = RunningHub.start(scratch, env)) {
            JsonNode health = hub.await("/health", Duration.ofSeconds(60), r -> r.status() == 503
                    && r.body().path("components").path("hazelcast").path("status").asText().equals("UP")
                    && r.body().path("components").path("database").path("reason").asText().startsWith("unreachable"));
            assertEquals("DOWN", health.get("status").asText());
            JsonNode components = health.get("components");
            assertEquals("DOWN", components.path("database").path("status").asText());
            assertEquals("DOWN", components.path("camel").path("status").asText(), "flows need the database");
            assertEquals("UP", components.path("plugins").path("status").asText());
            assertFalse(health.toString().contains("do-not-leak-7f3a"));
            RunningHub.Response api = hub.get("/api/programs");
            assertEquals(503, api.status(), "the API says the hub is not ready rather than vanishing");
            assertEquals("unavailable", api.body().path("code").asText());
            assertEquals(0, hub.stop(), hub.console());
            assertFalse(hub.console().contains("do-not-leak-7f3a"));
            assertFalse(hub.log().contains("do-not-leak-7f3a"));
            assertTrue(hub.log().contains("is not usable, retrying") && hub.log().contains("127.0.0.1:1"), "the failure is logged");
            assertTrue(components.path("database").path("reason").asText().startsWith("unreachable: "), health.toString());
        }
    }
}
