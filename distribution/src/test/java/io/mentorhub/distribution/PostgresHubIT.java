package io.mentorhub.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorhub.testkit.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL chosen by configuration only, as an IT team does it: the JDBC URL from the environment and the password
 * from a secret file through $[secret:...]. The hub migrates the schema and the data lands in PostgreSQL.
 */
class PostgresHubIT {

    @TempDir
    Path scratch;

    @Test
    void hubRunsOnPostgresqlConfiguredThroughEnvironmentAndSecretFile() throws Exception {
        var server = PostgresServer.get();
        assumeTrue(server.isPresent(), () -> "PostgreSQL not available: " + PostgresServer.whyUnavailable());
        String url = server.get().createDatabase("hub_" + UUID.randomUUID().toString().replace("-", ""));
        Path secrets = Files.createDirectories(scratch.resolve("secrets"));
        Files.writeString(secrets.resolve("db.password"), server.get().password());
        Map<String, String> env = Map.of("MENTORHUB_DB_URL", url, "MENTORHUB_DB_USER", server.get().user(),
                "MENTORHUB_SECRETS_DIR", secrets.toString());
        try (RunningHub hub = RunningHub.start(scratch, env, false, home -> {
            Path cfg = home.resolve("etc/io.mentorhub.database.cfg");
            Files.writeString(cfg, Files.readString(cfg).replaceAll("(?m)^password = .*$",
                    "password = \\$[secret:db.password]"));
        })) {
            JsonNode health = hub.await("/health", Duration.ofSeconds(60), r -> r.status() == 200);
            assertEquals("PostgreSQL", health.path("components").path("database").path("product").asText());

            HttpResponse<String> upsert = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + hub.port + "/api/people/bulk"))
                    .header("Authorization", "Bearer " + RunningHub.ADMIN_KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"people\":[{\"id\":\"pg-1\",\"given_name\":\"Pia\","
                            + "\"family_name\":\"Postgres\",\"status\":\"A\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, upsert.statusCode(), upsert.body());
            assertEquals(0, hub.stop(), hub.console());
            assertFalse(hub.log().contains(server.get().password()), "the password never reaches the log");
        }
        try (Connection connection = DriverManager.getConnection(url, server.get().user(), server.get().password());
                ResultSet row = connection.createStatement().executeQuery(
                        "SELECT given_name, (SELECT COUNT(*) FROM schema_migration) FROM person WHERE hris_id = 'pg-1'")) {
            row.next();
            assertEquals("Pia", row.getString(1));
            assertEquals(migrations(), row.getInt(2), "every migration applied by the hub");
        }
    }

    /** How many migrations the engine ships: the entries of its migration index. */
    private static int migrations() throws java.io.IOException {
        try (var index = PostgresHubIT.class.getResourceAsStream("/db/migration/index.txt")) {
            return (int) new String(index.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(line -> line.endsWith(".sql")).count();
        }
    }
}
