package io.mentorhub.connectors.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mentorhub.engine.directory.HubDirectory;
import io.mentorhub.engine.store.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The SCIM servlet served by Jetty 12 (the server Felix HTTP embeds) at /scim/v2, against the engine's real
 * directory on a fresh H2 database. Tests talk to it over HTTP exactly as an identity provider does.
 */
final class ScimTestSupport implements AutoCloseable {

    static final String TOKEN = "scim-test-token-0123456789abcdefghijklmnop";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Database database;
    final HubDirectory directory;
    final ScimServlet servlet;
    final Server server;
    final int port;
    final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, JsonNode body, HttpResponse<byte[]> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String scimType() {
            return body == null ? null : body.path("scimType").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + (body == null ? "" : body.toString());
        }
    }

    ScimTestSupport() throws Exception {
        this(config(TOKEN, "", 1 << 20, 200));
    }

    ScimTestSupport(ScimServlet.Config config) throws Exception {
        database = new Database("jdbc:h2:mem:scim-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 8);
        directory = new HubDirectory(database);
        servlet = new ScimServlet(config);
        servlet.bindDirectory(directory);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(servlet), "/scim/v2/*");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
        base = "http://127.0.0.1:" + port + "/scim/v2";
    }

    static ScimServlet.Config config(String token, String baseUrl, int maxBodyBytes, int maxResults) {
        return new ScimServlet.Config() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return ScimServlet.Config.class;
            }

            @Override
            public String _token() {
                return token;
            }

            @Override
            public String baseUrl() {
                return baseUrl;
            }

            @Override
            public int maxBodyBytes() {
                return maxBodyBytes;
            }

            @Override
            public int maxResults() {
                return maxResults;
            }
        };
    }

    Response call(String method, String path, Object body) throws Exception {
        return call(method, path, body, Map.of());
    }

    Response call(String method, String path, Object body, Map<String, String> headers) throws Exception {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Authorization", "Bearer " + TOKEN);
        all.putAll(headers);
        return raw(method, path, body, all);
    }

    /** Without the test's token: exactly the headers given. */
    Response raw(String method, String path, Object body, Map<String, String> headers) throws Exception {
        byte[] bytes = body == null ? null : body instanceof byte[] b ? b
                : body instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, bytes == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (bytes != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/scim+json");
        }
        headers.forEach((name, value) -> {
            if (value != null) {
                request.header(name, value);
            }
        });
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode json = response.body().length == 0 ? null : JSON.readTree(response.body());
        return new Response(response.statusCode(), json, response);
    }

    static Map<String, Object> user(String userName, String given, String family, String email) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("schemas", List.of(Schemas.USER, Schemas.ENTERPRISE));
        user.put("userName", userName);
        user.put("name", Map.of("givenName", given, "familyName", family));
        if (email != null) {
            user.put("emails", List.of(Map.of("value", email, "type", "work", "primary", true)));
        }
        user.put("active", true);
        return user;
    }

    static Map<String, Object> patch(Map<?, ?>... operations) {
        return Map.of("schemas", List.of(Schemas.PATCH_OP), "Operations", List.of(operations));
    }

    /** Creates a User and returns its id. */
    String create(Map<String, Object> user) throws Exception {
        Response created = call("POST", "/Users", user);
        if (created.status() != 201) {
            throw new IllegalStateException("cannot create user: " + created);
        }
        return created.body().path("id").asText();
    }

    /** Row counts of the tables SCIM writes, to show a refused request changed nothing. */
    Map<String, Long> rowCounts() throws Exception {
        return database.inTransaction(tx -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : List.of("person", "person_history", "directory_account", "directory_group",
                    "directory_group_member", "outbox", "audit_log")) {
                counts.put(table, tx.count("SELECT COUNT(*) FROM " + table));
            }
            return counts;
        });
    }

    @Override
    public void close() throws Exception {
        server.stop();
        database.close();
    }
}
