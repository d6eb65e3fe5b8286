package io.mentorhub.connectors.xapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.mentorhub.api.connector.Delivery;
import io.mentorhub.api.connector.LearningRecords.LearningRecord;
import io.mentorhub.testkit.ScriptedTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An xAPI 1.0.3 learning record store's statements resource as a WireMock extension, in memory: {@code POST
 * /statements} with one statement or an array (200 with the ids, in order), {@code GET /statements?statementId=}
 * (the statement or 404), HTTP Basic, the {@code X-Experience-API-Version} header. A batch is one transaction: a
 * statement the store rejects rejects the batch. A statement id it already holds is answered as the specification
 * allows, chosen per test: {@link Conflicts#SPEC} stores nothing and accepts an identical statement (409 for a
 * different one), {@link Conflicts#ALWAYS_409} answers 409 for any id it holds, as some stores do.
 */
public final class FakeLrs extends ScriptedTarget implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-lrs";
    public static final int STALL_MILLIS = 2500;
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Conflicts {
        SPEC, ALWAYS_409
    }

    private final String authorization;
    private final Map<String, JsonNode> statements = new LinkedHashMap<>();
    private final Set<String> voided = new HashSet<>();
    private Conflicts conflicts = Conflicts.SPEC;
    private int maxBatch = Integer.MAX_VALUE;
    private boolean stallNextWrite;

    public FakeLrs(String key, String secret) {
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    public synchronized void conflicts(Conflicts conflicts) {
        this.conflicts = conflicts;
    }

    /** Batches larger than this are refused with 413. */
    public synchronized void maxBatch(int maxBatch) {
        this.maxBatch = maxBatch;
    }

    /** A statement with this id was stored and then voided: it exists, but a plain GET no longer returns it. */
    public synchronized void voided(UUID id) {
        voided.add(id.toString());
    }

    public synchronized JsonNode statement(UUID id) {
        return statements.get(id.toString());
    }

    public synchronized int stored() {
        return statements.size();
    }

    @Override
    public synchronized int copies(Delivery.Keyed item) {
        return statements.containsKey(((LearningRecord) item).recordId().toString()) ? 1 : 0;
    }

    @Override
    public synchronized void commitThenStall() {
        stallNextWrite = true;
    }

    @Override
    protected ResponseDefinition unauthorized() {
        return new ResponseDefinitionBuilder().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"LRS\"")
                .withBody("Unauthorized").build();
    }

    @Override
    protected ResponseDefinition rateLimited(ResponseDefinitionBuilder tooMany) {
        return tooMany.withBody("Too Many Requests").build();
    }

    @Override
    protected ResponseDefinition serverError() {
        return error(500, "Internal Server Error");
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        ResponseDefinition scripted = counted();
        if (scripted != null) {
            return scripted;
        }
        if (!authorization.equals(request.getHeader("Authorization"))) {
            return new ResponseDefinitionBuilder().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"LRS\"")
                    .withBody("Unauthorized").build();
        }
        String version = request.getHeader("X-Experience-API-Version");
        if (version == null || !version.startsWith("1.0.")) {
            return error(400, "X-Experience-API-Version header missing or unsupported");
        }
        if (!request.getUrl().split("\\?")[0].endsWith("/statements")) {
            return error(404, "Not Found");
        }
        return switch (request.getMethod().getName()) {
            case "POST" -> post(request);
            case "GET" -> get(request);
            default -> error(405, "Method Not Allowed");
        };
    }

    private ResponseDefinition get(Request request) {
        String id = request.queryParameter("statementId").isPresent()
                ? request.queryParameter("statementId").firstValue() : null;
        if (id == null) {
            return error(400, "only single statements are served here");
        }
        JsonNode statement = statements.get(id);
        if (statement == null || voided.contains(id)) {
            return error(404, "No statement found with ID " + id);
        }
        return json(200, statement);
    }

    private ResponseDefinition post(Request request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.getBody());
        } catch (IOException e) {
            return error(400, "Statement is not valid JSON");
        }
        List<JsonNode> batch = new ArrayList<>();
        if (body != null && body.isArray()) {
            body.forEach(batch::add);
        } else if (body != null && body.isObject()) {
            batch.add(body);
        } else {
            return error(400, "Expected a statement or an array of statements");
        }
        if (batch.size() > maxBatch) {
            return error(413, "Too many statements in one request (at most " + maxBatch + ")");
        }
        Set<String> ids = new HashSet<>();
        List<JsonNode> fresh = new ArrayList<>();
        for (JsonNode statement : batch) {
            String problem = invalid(statement);
            if (problem != null) {
                return error(400, problem);
            }
            String id = statement.get("id").asText();
            if (!ids.add(id)) {
                return error(400, "Statement batch contains duplicate IDs");
            }
            JsonNode held = statements.get(id);
            if (held != null || voided.contains(id)) {
                if (conflicts == Conflicts.ALWAYS_409 || voided.contains(id) || !stripped(held).equals(statement)) {
                    return error(409, "Statement " + id + " already exists");
                }
            } else {
                fresh.add(statement);
            }
        }
        for (JsonNode statement : fresh) {
            ObjectNode stored = statement.deepCopy();
            stored.put("stored", "2026-11-23T10:00:00.000Z");
            stored.putObject("authority").put("objectType", "Agent").putObject("account")
                    .put("homePage", "https://lrs.example.com").put("name", "mentorhub-client");
            statements.put(statement.get("id").asText(), stored);
        }
        ArrayNode answer = JSON.createArrayNode();
        batch.forEach(s -> answer.add(s.get("id").asText()));
        ResponseDefinitionBuilder response = new ResponseDefinitionBuilder().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-Experience-API-Version", "1.0.3")
                .withBody(answer.toString());
        if (stallNextWrite) {
            stallNextWrite = false;
            response.withFixedDelay(STALL_MILLIS);
        }
        return response.build();
    }

    /** Why the store would reject a statement, or null. */
    private static String invalid(JsonNode statement) {
        try {
            UUID.fromString(statement.path("id").asText());
        } catch (IllegalArgumentException e) {
            return "Statement id is not a UUID";
        }
        if (!statement.path("actor").path("mbox").asText().matches("mailto:[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            return "Invalid mbox: " + statement.path("actor").path("mbox").asText();
        }
        if (!statement.path("verb").path("id").asText().startsWith("http")) {
            return "Verb id must be an IRI";
        }
        if (!statement.path("object").path("id").asText().startsWith("http")) {
            return "Activity id must be an IRI";
        }
        return null;
    }

    private static JsonNode stripped(JsonNode stored) {
        ObjectNode copy = stored.deepCopy();
        copy.remove(List.of("stored", "authority"));
        return copy;
    }

    private static ResponseDefinition error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", true);
        body.put("message", message);
        return json(status, body);
    }

    private static ResponseDefinition json(int status, JsonNode body) {
        return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("X-Experience-API-Version", "1.0.3").withBody(body.toString()).build();
    }
}
