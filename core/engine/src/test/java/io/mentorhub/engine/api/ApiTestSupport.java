package io.mentorhub.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorhub.engine.json.JsonMapper;
import io.mentorhub.engine.store.Database;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
 * The API served over real HTTP by Jetty 12 (as in the hub) on a fresh database, with a key per role. Tests talk to
 * it with java.net.http exactly as a client would.
 */
public class ApiTestSupport implements AutoCloseable {

    public final Database database;
    /** Set by tests that run matching; null answers 503 like a hub whose matching has not started. */
    public volatile io.mentorhub.engine.matching.MatchingRuns matchingRuns;
    /** Set by tests that run surveys; null answers 503 like a hub whose survey engine has not started. */
    public volatile io.mentorhub.engine.survey.Surveys surveys;
    /** The clock the respond pages use; survey and notification tests share it with their components. */
    public final io.mentorhub.engine.TestClock clock = new io.mentorhub.engine.TestClock(java.time.Instant.now());
    /** Signed links with a test secret, served at /respond and /unsubscribe. */
    public final io.mentorhub.engine.links.Links links = new io.mentorhub.engine.links.Links("http://127.0.0.1",
            "test-secret-of-at-least-32-bytes-long".getBytes(StandardCharsets.UTF_8));
    /** Program metrics with the default settings, as the hub runs them; null answers 503. */
    public volatile io.mentorhub.engine.metrics.ProgramMetrics programMetrics = new io.mentorhub.engine.metrics
            .ProgramMetrics(io.mentorhub.engine.metrics.ProgramMetrics.Settings.DEFAULT,
                    io.mentorhub.engine.metrics.SurveyFigures.NONE);
    /** Set by tests that sync connectors; null answers 503 like a hub whose sync has not started. */
    public volatile io.mentorhub.engine.sync.ConnectorSync connectorSync;
    public volatile io.mentorhub.engine.push.PushControl pushControl;
    public final Api api;
    public final Server server;
    public final int port;
    public final Map<String, String> keys = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Response(int status, JsonNode body, HttpResponse<byte[]> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String code() {
            return body == null ? null : body.path("code").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + (body == null ? "" : body.toString());
        }
    }

    public ApiTestSupport() throws Exception {
        this("jdbc:h2:mem:api-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    public ApiTestSupport(String url, String user, String password) throws Exception {
        database = new Database(url, user, password, 8);
        Stores stores = Stores.on(database);
        api = new Api(stores, List::of, () -> matchingRuns, () -> surveys, () -> programMetrics, () -> connectorSync,
                () -> pushControl, Api.Limits.DEFAULT);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                api.handle(request, response);
            }
        }), "/api/*");
        context.addServlet(new ServletHolder(new io.mentorhub.engine.web.RespondServlet(
                new io.mentorhub.engine.survey.Responding(database, links, clock))), "/respond/*");
        context.addServlet(new ServletHolder(new io.mentorhub.engine.web.UnsubscribeServlet(
                new io.mentorhub.engine.notify.Unsubscribing(database, links))), "/unsubscribe/*");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
        ApiKeys.Issued admin = database.inTransaction(tx -> stores.keys().create(tx, "test-admin", Role.HR_ADMIN, null,
                "test"));
        keys.put("hr_admin", admin.secret());
        ApiKeys.Issued integration = database.inTransaction(tx -> stores.keys().create(tx, "test-integration",
                Role.INTEGRATION, null, "test"));
        keys.put("integration", integration.secret());
    }

    /** A key for a person role, acting as that person (the person must exist). */
    public String keyFor(Role role, String personId) throws Exception {
        Response created = call("POST", "/api/keys", keys.get("hr_admin"),
                Map.of("name", role.wireName() + "-" + personId, "role", role.wireName(), "person_id", personId));
        if (created.status() != 201) {
            throw new IllegalStateException("cannot create key: " + created);
        }
        return created.body().path("secret").asText();
    }

    public Response call(String method, String path, String key, Object body) throws Exception {
        return call(method, path, key, body, Map.of());
    }

    public Response call(String method, String path, String key, Object body, Map<String, String> headers)
            throws Exception {
        byte[] bytes = body == null ? null : body instanceof byte[] raw ? raw
                : body instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                : JsonMapper.MAPPER.writeValueAsBytes(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, bytes == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (bytes != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        boolean isJson = response.headers().firstValue("Content-Type").orElse("application/json").contains("json");
        JsonNode json = response.body().length == 0 || !isJson ? null : JsonMapper.MAPPER.readTree(response.body());
        return new Response(response.statusCode(), json, response);
    }

    /** A page opened or a form posted as a browser does: status, headers and the HTML. */
    public HttpResponse<String> page(String method, String path, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public Response admin(String method, String path, Object body) throws Exception {
        return call(method, path, keys.get("hr_admin"), body);
    }

    /** Row counts of every table, to show a refused request changed nothing. */
    public Map<String, Long> rowCounts() throws Exception {
        return database.inTransaction(tx -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : List.of("person", "person_history", "program", "program_manager", "enrollment",
                    "pairing", "pairing_mentee", "pairing_transition", "dissolved_pair", "goal", "milestone",
                    "mentoring_session", "reflection", "outbox", "api_key", "audit_log", "program_survey_tool",
                    "survey", "survey_round", "survey_invitation", "survey_submission", "survey_response",
                    "survey_answer", "survey_rejected", "fit_concern", "notification_opt_out", "sync_run", "sync_lease",
                    "sync_dead_letter", "sync_pending_link", "sync_suspension", "sync_change")) {
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
