package io.mentorhub.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorhub.api.domain.Enrollment;
import io.mentorhub.api.domain.Goal;
import io.mentorhub.api.domain.MentoringSession;
import io.mentorhub.api.domain.Milestone;
import io.mentorhub.api.domain.Pairing;
import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.Program;
import io.mentorhub.api.domain.Reflection;
import io.mentorhub.engine.json.JsonMapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The OpenAPI 3.1 document, generated from the route table and the records the routes read and write, so it
 * cannot drift from the code. Schemas come from record components (snake_case, as on the wire).
 */
final class OpenApi {

    /** Entities stored with a version; their representations carry version, created_at and modified_at. */
    private static final Set<Class<?>> STORED = Set.of(Person.class, Program.class, Enrollment.class, Pairing.class,
            Goal.class, Milestone.class, MentoringSession.class, Reflection.class);

    private static final Map<String, String> TAGS = new LinkedHashMap<>();

    static {
        TAGS.put("hub", "The API itself and installed plugins");
        TAGS.put("people", "People from the HRIS, with dated history");
        TAGS.put("programs", "Mentorship programs: charter, format, phases, matching and surveys");
        TAGS.put("enrollments", "People taking part in a program as mentor, mentee or both");
        TAGS.put("pairings", "Mentors with their mentees, and the validated transitions of a pairing");
        TAGS.put("matching", "Matching runs that propose pairings, mentees' rankings and mentors' answers");
        TAGS.put("reports", "What mentorship contributes to performance reviews: the HR review feed");
        TAGS.put("goals", "SMART goals worked on within a pairing");
        TAGS.put("milestones", "Checkpoints within a pairing");
        TAGS.put("sessions", "Meetings of a pair");
        TAGS.put("reflections", "Confidential notes after sessions; readers depend on visibility");
        TAGS.put("surveys", "Survey tools, how surveys go, results above the anonymity threshold, fit concerns");
        TAGS.put("notifications", "Each person's e-mail opt-outs");
        TAGS.put("connectors", "HRIS connector instances, their syncs, dry runs and dead letters");
        TAGS.put("keys", "API keys and roles");
        TAGS.put("audit", "Who changed keys, read reflections or exported data");
        TAGS.put("metrics", "Program figures with their formulas; groups under 5 people are not shown");
    }

    private final ObjectNode schemas = JsonMapper.MAPPER.createObjectNode();

    private OpenApi() {
    }

    static byte[] document(List<Route> routes) {
        try {
            return JsonMapper.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(new OpenApi().build(routes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode build(List<Route> routes) {
        ObjectNode root = JsonMapper.MAPPER.createObjectNode();
        root.put("openapi", "3.1.0");
        ObjectNode info = root.putObject("info");
        info.put("title", "mentorhub API");
        info.put("version", "1.0.0");
        info.put("description", "The REST API of mentorhub, a self-hostable integration hub for mentorship programs. "
                + "Every call needs an API key (Authorization: Bearer). Lists are ordered by modification and paged "
                + "with limit and cursor; modified_after reads only what changed. Errors are RFC 9457 problem details "
                + "with a stable code. What a caller may not see answers 404; what they see but may not change, 403.");
        info.putObject("contact").put("name", "mentorhub").put("url", "https://mentorhub.io");
        info.putObject("license").put("name", "Apache-2.0").put("identifier", "Apache-2.0");
        root.putArray("servers").addObject().put("url", "http://localhost:8181").put("description", "a local hub");
        root.putArray("security").addObject().putArray("bearerKey");
        ArrayNode tags = root.putArray("tags");
        TAGS.forEach((name, description) -> tags.addObject().put("name", name).put("description", description));

        ObjectNode paths = root.putObject("paths");
        Map<String, ObjectNode> byPath = new TreeMap<>();
        for (Route route : routes) {
            ObjectNode item = byPath.computeIfAbsent(route.template(), p -> JsonMapper.MAPPER.createObjectNode());
            item.set(route.method().toLowerCase(Locale.ROOT), operation(route));
        }
        byPath.forEach(paths::set);

        ObjectNode components = root.putObject("components");
        components.putObject("securitySchemes").putObject("bearerKey").put("type", "http").put("scheme", "bearer")
                .put("description", "An API key created with POST /api/keys or the hub:apikey shell command");
        schemas.set("Problem", problemSchema());
        schemas.set("Stored", storedSchema());
        components.set("schemas", sorted(schemas));
        components.set("responses", responses());
        return root;
    }

    private ObjectNode operation(Route route) {
        Route.Doc doc = route.doc();
        ObjectNode operation = JsonMapper.MAPPER.createObjectNode();
        operation.put("operationId", operationId(route));
        operation.put("summary", doc.summary());
        operation.put("description", doc.summary() + ". Roles: "
                + String.join(", ", route.roles().stream().map(Role::wireName).toList()) + ".");
        operation.putArray("tags").add(doc.tag());
        ArrayNode parameters = operation.putArray("parameters");
        for (String name : route.parameters()) {
            parameters.addObject().put("name", name).put("in", "path").put("required", true)
                    .put("description", "The " + name.replace('_', ' ') + " of the resource")
                    .putObject("schema").put("type", "string");
        }
        for (String name : doc.query()) {
            ObjectNode parameter = parameters.addObject().put("name", name).put("in", "query").put("required", false);
            parameter.put("description", queryDescription(name));
            parameter.set("schema", querySchema(name));
        }
        if (route.method().equals("PUT") || route.template().matches("/api/pairings/\\{id}/[a-z-]+")
                && route.method().equals("POST") && doc.requestBody() == PairingsApi.Action.class) {
            parameters.addObject().put("name", "If-Match").put("in", "header").put("required", false)
                    .put("description", "The ETag last read; the change is refused with 412 if it is stale")
                    .putObject("schema").put("type", "string");
        }
        if (doc.requestBody() != null) {
            ObjectNode body = operation.putObject("requestBody");
            body.put("required", doc.requestBody() != PairingsApi.Action.class);
            body.putObject("content").putObject("application/json").set("schema", reference(doc.requestBody()));
        }
        ObjectNode responses = operation.putObject("responses");
        ObjectNode success = responses.putObject(String.valueOf(doc.successStatus()));
        success.put("description", doc.successStatus() == 201 ? "Created" : "OK");
        ObjectNode content = success.putObject("content");
        content.putObject("application/json").set("schema", responseSchema(doc));
        if (doc.query().contains("format")) {
            content.putObject("text/csv").putObject("schema").put("type", "string");
        }
        for (String status : List.of("400", "401", "403", "404")) {
            responses.putObject(status).put("$ref", "#/components/responses/Problem" + status);
        }
        if (!route.method().equals("GET") && !route.method().equals("DELETE")) {
            for (String status : List.of("409", "413", "415", "422")) {
                responses.putObject(status).put("$ref", "#/components/responses/Problem" + status);
            }
        }
        if (route.method().equals("PUT") || route.method().equals("POST") && doc.requestBody() == PairingsApi.Action.class) {
            responses.putObject("412").put("$ref", "#/components/responses/Problem412");
        }
        return operation;
    }

    private ObjectNode responseSchema(Route.Doc doc) {
        if (doc.responseBody() == Object.class) {
            return JsonMapper.MAPPER.createObjectNode().put("type", "object").put("description", "an OpenAPI document");
        }
        ObjectNode item = reference(doc.responseBody());
        if (!doc.list()) {
            return item;
        }
        ObjectNode list = JsonMapper.MAPPER.createObjectNode().put("type", "object");
        ObjectNode properties = list.putObject("properties");
        properties.putObject("items").put("type", "array").set("items", item);
        if (doc.query().contains("cursor")) {
            ObjectNode next = properties.putObject("next_cursor");
            next.putArray("type").add("string").add("null");
            next.put("description", "Pass as cursor to read the next page; null on the last page");
        }
        list.putArray("required").add("items");
        return list;
    }

    /** A $ref to the schema of a type, creating it (and what it refers to) on first use. */
    private ObjectNode reference(Class<?> type) {
        String name = schemaName(type);
        if (!schemas.has(name)) {
            schemas.putObject(name); // placeholder: breaks cycles
            schemas.set(name, schema(type));
        }
        ObjectNode ref = JsonMapper.MAPPER.createObjectNode().put("$ref", "#/components/schemas/" + name);
        if (STORED.contains(type)) {
            ObjectNode all = JsonMapper.MAPPER.createObjectNode();
            all.putArray("allOf").add(ref).addObject().put("$ref", "#/components/schemas/Stored");
            return all;
        }
        return ref;
    }

    private ObjectNode schema(Class<?> type) {
        ObjectNode schema = JsonMapper.MAPPER.createObjectNode();
        if (type.isRecord()) {
            schema.put("type", "object");
            schema.put("description", "Requests with properties not listed here are refused (400 unknown-property)");
            ObjectNode properties = schema.putObject("properties");
            for (RecordComponent component : type.getRecordComponents()) {
                properties.set(wireName(component.getName()), typeSchema(component.getGenericType()));
            }
            return schema;
        }
        if (type.isEnum()) {
            schema.put("type", "string");
            ArrayNode values = schema.putArray("enum");
            for (Object constant : type.getEnumConstants()) {
                values.add(JsonMapper.MAPPER.convertValue(constant, String.class));
            }
            return schema;
        }
        return typeSchema(type);
    }

    private ObjectNode typeSchema(Type type) {
        ObjectNode schema = JsonMapper.MAPPER.createObjectNode();
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                schema.put("type", "array");
                schema.set("items", typeSchema(arguments[0]));
            } else if (Map.class.isAssignableFrom(raw)) {
                schema.put("type", "object");
                schema.set("additionalProperties", typeSchema(arguments[1]));
            } else {
                schema.put("type", "object");
            }
            return schema;
        }
        Class<?> type2 = (Class<?>) type;
        if (type2 == String.class) {
            schema.put("type", "string");
        } else if (type2 == int.class || type2 == Integer.class) {
            schema.put("type", "integer").put("format", "int32");
        } else if (type2 == long.class || type2 == Long.class) {
            schema.put("type", "integer").put("format", "int64");
        } else if (type2 == boolean.class || type2 == Boolean.class) {
            schema.put("type", "boolean");
        } else if (type2 == double.class || type2 == Double.class) {
            schema.put("type", "number").put("format", "double");
        } else if (type2 == BigDecimal.class) {
            schema.put("type", "number");
        } else if (type2 == Instant.class) {
            schema.put("type", "string").put("format", "date-time");
        } else if (type2 == LocalDate.class) {
            schema.put("type", "string").put("format", "date");
        } else if (type2.isRecord() || type2.isEnum()) {
            return reference(type2);
        } else {
            schema.put("type", "object");
        }
        return schema;
    }

    private static ObjectNode storedSchema() {
        ObjectNode schema = JsonMapper.MAPPER.createObjectNode().put("type", "object");
        schema.put("description", "What every stored entity carries besides its own fields");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("version").put("type", "integer").put("format", "int64")
                .put("description", "Bumped on every change; the ETag is this number in quotes");
        properties.putObject("created_at").put("type", "string").put("format", "date-time");
        properties.putObject("modified_at").put("type", "string").put("format", "date-time");
        return schema;
    }

    private static ObjectNode problemSchema() {
        ObjectNode schema = JsonMapper.MAPPER.createObjectNode().put("type", "object");
        schema.put("description", "RFC 9457 problem details with a stable machine-readable code");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("type").put("type", "string").put("format", "uri");
        properties.putObject("title").put("type", "string");
        properties.putObject("status").put("type", "integer").put("format", "int32");
        properties.putObject("code").put("type", "string").put("description", "Stable error code, e.g. invalid-transition");
        properties.putObject("detail").put("type", "string");
        properties.putObject("instance").put("type", "string");
        ObjectNode errors = properties.putObject("errors").put("type", "array");
        ObjectNode error = errors.putObject("items").put("type", "object");
        error.putObject("properties").putObject("field").put("type", "string");
        ((ObjectNode) error.get("properties")).putObject("message").put("type", "string");
        schema.putArray("required").add("type").add("title").add("status").add("code");
        return schema;
    }

    private static ObjectNode responses() {
        ObjectNode responses = JsonMapper.MAPPER.createObjectNode();
        Map<String, String> descriptions = new LinkedHashMap<>();
        descriptions.put("400", "Malformed request: bad JSON, wrong types, unknown properties or parameters");
        descriptions.put("401", "No API key, or an unknown or revoked one");
        descriptions.put("403", "The caller's role may not do this");
        descriptions.put("404", "No such resource, or one the caller may not see");
        descriptions.put("409", "Conflicts with the current state: duplicate, invalid transition, capacity");
        descriptions.put("412", "If-Match names a version that is no longer current");
        descriptions.put("413", "The body is larger than allowed");
        descriptions.put("415", "The body is not application/json");
        descriptions.put("422", "Well-formed but breaks a domain rule; errors name the fields");
        descriptions.forEach((status, description) -> {
            ObjectNode response = responses.putObject("Problem" + status);
            response.put("description", description);
            response.putObject("content").putObject("application/problem+json").putObject("schema")
                    .put("$ref", "#/components/schemas/Problem");
        });
        return responses;
    }

    private static String queryDescription(String name) {
        return switch (name) {
            case "limit" -> "Page size, 1 to 200 (default 50)";
            case "cursor" -> "next_cursor of the previous page";
            case "modified_after" -> "Only what changed after this instant (ISO-8601)";
            case "before" -> "Only entries older than this audit entry id";
            case "period" -> "Review period: a year (2027), half (2027-H1), quarter (2027-Q3) or range of dates "
                    + "(2027-01-01..2027-06-30)";
            case "format" -> "json (paged, the default) or csv (one file, formula-safe cells)";
            case "from" -> "First day of the period (YYYY-MM-DD); default: the program's launch";
            case "to" -> "Last day of the period (YYYY-MM-DD); default: today, or the program's end if earlier";
            case "cohort" -> "Only people who enrolled in this month (YYYY-MM)";
            case "by" -> "How to group the figures: role for survey results (mentors and mentees apart); month (default) "
                    + "or quarter for program metrics";
            default -> "Only items whose " + name + " is this value";
        };
    }

    private static ObjectNode querySchema(String name) {
        ObjectNode schema = JsonMapper.MAPPER.createObjectNode();
        switch (name) {
            case "limit" -> schema.put("type", "integer").put("minimum", 1).put("maximum", 200);
            case "before" -> schema.put("type", "integer").put("format", "int64");
            case "modified_after" -> schema.put("type", "string").put("format", "date-time");
            case "from", "to" -> schema.put("type", "string").put("format", "date");
            case "cohort" -> schema.put("type", "string").put("pattern", "^[0-9]{4}-[0-9]{2}$");
            case "by" -> schema.put("type", "string").putArray("enum").add("month").add("quarter");
            default -> schema.put("type", "string");
        }
        return schema;
    }

    private static String operationId(Route route) {
        StringBuilder id = new StringBuilder(route.method().toLowerCase(Locale.ROOT));
        for (String segment : route.template().substring("/api/".length()).split("/")) {
            String word = segment.startsWith("{") ? "by-" + segment.substring(1, segment.length() - 1) : segment;
            for (String part : word.replace(".json", "").split("[-_.]")) {
                if (!part.isEmpty()) {
                    id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
                }
            }
        }
        return id.toString();
    }

    static String schemaName(Class<?> type) {
        Class<?> enclosing = type.getEnclosingClass();
        String name = type.getSimpleName();
        if (enclosing != null && !enclosing.getSimpleName().endsWith("Api")) {
            name = enclosing.getSimpleName() + name;
        }
        return name;
    }

    private static String wireName(String component) {
        return new PropertyNamingStrategies.SnakeCaseStrategy().translate(component);
    }

    private static ObjectNode sorted(ObjectNode node) {
        ObjectNode result = JsonMapper.MAPPER.createObjectNode();
        new TreeMap<String, com.fasterxml.jackson.databind.JsonNode>(
                new java.util.HashMap<String, com.fasterxml.jackson.databind.JsonNode>() {
                    {
                        node.fields().forEachRemaining(e -> put(e.getKey(), e.getValue()));
                    }
                }).forEach(result::set);
        return result;
    }
}
