package io.mentorhub.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged hub serves SCIM 2.0 at /scim/v2 with the token from etc/io.mentorhub.scim.cfg (here through
 * MENTORHUB_SCIM_TOKEN): discovery, then a User created and read as an identity provider does, visible in the hub's
 * own API.
 */
class ScimHubIT {

    private static final String TOKEN = "it-scim-token-0123456789abcdefghijklmnopqrstuv";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path scratch;

    @Test
    void identityProvidersProvisionPeopleWithTheConfiguredToken() throws Exception {
        try (RunningHub hub = RunningHub.start(scratch, Map.of("MENTORHUB_SCIM_TOKEN", TOKEN))) {
            JsonNode config = hub.await("/scim/v2/ServiceProviderConfig", Duration.ofSeconds(90),
                    r -> r.status() == 200);
            assertTrue(config.path("patch").path("supported").asBoolean());
            assertEquals("oauthbearertoken", config.path("authenticationSchemes").get(0).path("type").asText());
            // /Users answers once the engine's directory is up (503 until the database is ready).
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
            RunningHub.Response listed = hub.get("/scim/v2/Users?count=0", TOKEN);
            while (listed.status() != 200 && java.time.Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
                listed = hub.get("/scim/v2/Users?count=0", TOKEN);
            }
            assertEquals(200, listed.status(), String.valueOf(listed.body()));
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + hub.port + "/scim/v2";
            String user = """
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
                                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                     "userName": "ada@example.com", "externalId": "okta-00u1",
                     "name": {"givenName": "Ada", "familyName": "Lovelace"},
                     "emails": [{"value": "ada@example.com", "type": "work", "primary": true}],
                     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "1815"}}
                    """;
            HttpResponse<String> created = send(http, HttpRequest.newBuilder(URI.create(base + "/Users"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/scim+json")
                    .POST(HttpRequest.BodyPublishers.ofString(user)));
            assertEquals(201, created.statusCode(), created.body());
            JsonNode body = JSON.readTree(created.body());
            String id = body.path("id").asText();
            assertEquals(base + "/Users/" + id, created.headers().firstValue("Location").orElseThrow());

            HttpResponse<String> read = send(http, HttpRequest.newBuilder(URI.create(base + "/Users/" + id))
                    .header("Authorization", "Bearer " + TOKEN).GET());
            assertEquals(200, read.statusCode(), read.body());
            assertEquals("ada@example.com", JSON.readTree(read.body()).path("userName").asText());
            assertEquals(created.headers().firstValue("ETag"), read.headers().firstValue("ETag"));

            HttpResponse<String> refused = send(http, HttpRequest.newBuilder(URI.create(base + "/Users/" + id))
                    .header("Authorization", "Bearer not-the-token-0123456789abcdefghijkl").GET());
            assertEquals(401, refused.statusCode());

            // The REST API is its own component: /health is UP once it serves requests.
            hub.await("/health", Duration.ofSeconds(60), r -> r.status() == 200);
            RunningHub.Response person = hub.get("/api/people/" + id);
            assertEquals(200, person.status(), String.valueOf(person.body()));
            assertEquals("1815", person.body().path("employee_number").asText());

            assertEquals(0, hub.stop(), hub.console());
            assertFalse(hub.log().contains(TOKEN), "the token never reaches the log");
            assertFalse(hub.console().contains(TOKEN), "nor the console");
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
