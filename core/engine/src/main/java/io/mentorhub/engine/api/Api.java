package io.mentorhub.engine.api;

import io.mentorhub.engine.json.JsonMapper;
import io.mentorhub.engine.matching.MatchingRuns;
import io.mentorhub.engine.metrics.ProgramMetrics;
import io.mentorhub.engine.plugin.PluginInfo;
import io.mentorhub.engine.store.StoreException;
import io.mentorhub.engine.sync.ConnectorSync;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API's front door, in the order a request meets it: authentication (401), route (404/405), role (403),
 * media type (415), size (413), then the handler. Every failure is an RFC 9457 problem with a stable code; nothing
 * from the request body ever reaches the log.
 */
public final class Api {

    private static final Logger LOG = LoggerFactory.getLogger(Api.class);

    /** Request size caps: most bodies are small; a bulk people upsert may carry 10,000 people. */
    public record Limits(int maxBodyBytes, int maxBulkBodyBytes) {
        public static final Limits DEFAULT = new Limits(1 << 20, 32 << 20);
    }

    private final Stores stores;
    private final List<Route> routes;
    private final Limits limits;
    private final byte[] openApi;

    public Api(Stores stores, Supplier<List<PluginInfo>> plugins, Supplier<MatchingRuns> matchingRuns, Limits limits) {
        this(stores, plugins, matchingRuns, () -> null, () -> null, () -> null, () -> null, limits);
    }

    public Api(Stores stores, Supplier<List<PluginInfo>> plugins, Supplier<MatchingRuns> matchingRuns,
            Supplier<io.mentorhub.engine.survey.Surveys> surveys, Supplier<ProgramMetrics> programMetrics,
            Supplier<ConnectorSync> connectorSync, Supplier<io.mentorhub.engine.push.PushControl> pushControl,
            Limits limits) {
        this.stores = stores;
        this.limits = limits;
        this.routes = ApiRoutes.all(stores, plugins, matchingRuns, surveys, programMetrics, connectorSync,
                pushControl, this::openApiDocument);
        this.openApi = OpenApi.document(routes);
    }

    public List<Route> routes() {
        return routes;
    }

    public byte[] openApiDocument() {
        return openApi;
    }

    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String path = request.getRequestURI();
        long started = System.nanoTime();
        Principal caller = null;
        int status;
        try {
            caller = authenticate(request);
            ApiResult result = dispatch(caller, method, path, request);
            write(response, result);
            status = result.status();
        } catch (ApiException e) {
            if (e.status() == 405) {
                response.setHeader("Allow", e.errors().isEmpty() ? "" : e.errors().get(0).get("allow"));
            }
            if (e.status() == 401) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"mentorhub\"");
            }
            if (hasBody(request) && !request.getInputStream().isFinished()) {
                // Refused before its body was read: the server drops the connection, so say so to the client.
                response.setHeader("Connection", "close");
            }
            problem(response, e.status(), e.code(), e.getMessage(), e.status() == 405 ? List.of() : e.errors(), path);
            status = e.status();
        } catch (io.mentorhub.api.domain.InvalidValueException e) {
            status = 422;
            problem(response, 422, "validation-failed", e.getMessage(),
                    List.of(Map.of("field", e.field(), "message", e.reason())), path);
        } catch (StoreException e) {
            status = switch (e.kind()) {
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
                case STALE_VERSION -> 412;
            };
            problem(response, status, e.code(), e.getMessage(), List.of(), path);
        } catch (SQLException e) {
            status = constraintStatus(e);
            if (status == 409) {
                problem(response, 409, "duplicate", "this would duplicate a value that must be unique ("
                        + constraintName(e) + ")", List.of(), path);
            } else {
                status = 500;
                String incident = UUID.randomUUID().toString();
                LOG.error("API {} {} failed (incident {})", method, path, incident, redacted(e));
                problem(response, 500, "internal-error", "the request failed; incident " + incident, List.of(), path);
            }
        } catch (Exception e) {
            status = 500;
            String incident = UUID.randomUUID().toString();
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof SQLException)) {
                cause = cause.getCause();
            }
            LOG.error("API {} {} failed (incident {})", method, path, incident,
                    cause instanceof SQLException sql ? redacted(sql) : e);
            problem(response, 500, "internal-error", "the request failed; incident " + incident, List.of(), path);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} -> {} in {} ms by {}", method, path, status, (System.nanoTime() - started) / 1_000_000,
                    caller == null ? "anonymous" : caller.actor());
        }
    }

    private Principal authenticate(HttpServletRequest request) throws SQLException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "unauthenticated", "send Authorization: Bearer <api key>");
        }
        String secret = header.substring(7).strip();
        Optional<Principal> principal = stores.database().inTransaction(tx -> stores.keys().authenticate(tx, secret));
        return principal.orElseThrow(() -> new ApiException(401, "unauthenticated", "unknown or revoked API key"));
    }

    private ApiResult dispatch(Principal caller, String method, String path, HttpServletRequest request)
            throws Exception {
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> parameters = route.match(path);
            if (parameters == null) {
                continue;
            }
            if (!route.method().equals(method)) {
                allowed.add(route.method());
                continue;
            }
            if (!route.roles().contains(caller.role())) {
                throw ApiException.forbidden("role " + caller.role().wireName() + " may not " + method + " " + route.template());
            }
            byte[] body = readBody(request, route);
            Map<String, String> decoded = new LinkedHashMap<>();
            parameters.forEach((name, raw) -> decoded.put(name, decode(raw)));
            ApiCall call = new ApiCall(caller, decoded, request.getParameterMap(), body, request.getHeader("If-Match"));
            return route.handler().handle(call);
        }
        if (!allowed.isEmpty()) {
            throw new ApiException(405, "method-not-allowed", method + " is not supported on " + path,
                    List.of(Map.of("allow", String.join(", ", allowed))));
        }
        throw new ApiException(404, "not-found", "no API route " + path);
    }

    /** Reads a JSON body, refusing other media types (415) and anything past the size cap (413). */
    private byte[] readBody(HttpServletRequest request, Route route) throws IOException {
        boolean takesBody = route.method().equals("POST") || route.method().equals("PUT");
        long declared = request.getContentLengthLong();
        if (!hasBody(request)) {
            return new byte[0];
        }
        if (!takesBody) {
            throw ApiException.badRequest("unexpected-body", route.method() + " " + route.template() + " takes no body");
        }
        String type = request.getContentType();
        if (type == null || !isJson(type)) {
            throw new ApiException(415, "unsupported-media-type", "send the body as application/json (UTF-8)");
        }
        int cap = route.template().equals("/api/people/bulk") ? limits.maxBulkBodyBytes() : limits.maxBodyBytes();
        if (declared > cap) {
            throw new ApiException(413, "too-large", "the body is " + declared + " bytes; at most " + cap + " here");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(cap + 1);
            if (body.length > cap) {
                throw new ApiException(413, "too-large", "the body is larger than " + cap + " bytes");
            }
            return body;
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        long declared = request.getContentLengthLong();
        return declared > 0 || (declared < 0 && request.getHeader("Transfer-Encoding") != null);
    }

    static boolean isJson(String contentType) {
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].strip().equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (!parameter.isEmpty() && !parameter.replace(" ", "").equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-parameter", "malformed percent-encoding in the path");
        }
    }

    private static void write(HttpServletResponse response, ApiResult result) throws IOException {
        result.headers().forEach(response::setHeader);
        response.setStatus(result.status());
        response.setHeader("Cache-Control", "no-store");
        if (result.body() == null) {
            return;
        }
        byte[] bytes = result.body() instanceof byte[] raw ? raw : JsonMapper.MAPPER.writeValueAsBytes(result.body());
        if (!result.headers().containsKey("Content-Type")) {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
        }
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** Writes an RFC 9457 problem; also used by the servlet while the API is not ready. */
    public static void problem(HttpServletResponse response, int status, String code, String detail,
            List<Map<String, String>> errors, String instance) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://mentorhub.io/problems/" + code);
        problem.put("title", ApiException.title(status));
        problem.put("status", status);
        problem.put("code", code);
        problem.put("detail", detail);
        problem.put("instance", instance);
        if (!errors.isEmpty()) {
            problem.put("errors", errors);
        }
        byte[] bytes = JsonMapper.MAPPER.writeValueAsBytes(problem);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /**
     * A database error without its message: drivers may quote the values of the failing statement, and those can be
     * a participant's confidential reflection. The state, vendor code and stack are enough to investigate.
     */
    static Exception redacted(SQLException e) {
        Exception safe = new Exception("database error, SQLState " + e.getSQLState() + ", vendor code "
                + e.getErrorCode() + " (" + e.getClass().getName() + "; message withheld)");
        safe.setStackTrace(e.getStackTrace());
        return safe;
    }

    /** Unique-constraint violations are 409 on both databases (SQLState 23505). */
    private static int constraintStatus(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return 409;
            }
        }
        return 500;
    }

    private static String constraintName(SQLException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        for (String name : List.of("person_work_email", "person_employee_number", "program_name",
                "enrollment_person_once", "api_key_hash", "outbox_idempotency")) {
            if (message.contains(name)) {
                return name;
            }
        }
        return "unique constraint";
    }
}
