package io.mentorhub.engine.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.mentorhub.api.domain.InvalidValueException;
import io.mentorhub.engine.json.JsonMapper;
import io.mentorhub.engine.store.Page;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One API request as a handler sees it: the caller, path and query parameters, the JSON body (read strictly, with
 * each kind of bad input mapped to its status and code) and the If-Match precondition.
 */
public final class ApiCall {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final Pattern IF_MATCH = Pattern.compile("(?:W/)?\"(\\d{1,18})\"");
    /** Reads one tree and leaves what follows it to the caller, who refuses it as malformed JSON. */
    private static final ObjectReader TREE = JsonMapper.MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Principal principal;
    private final Map<String, String> path;
    private final Map<String, String[]> query;
    private final byte[] body;
    private final String ifMatch;

    public ApiCall(Principal principal, Map<String, String> path, Map<String, String[]> query, byte[] body,
            String ifMatch) {
        this.principal = principal;
        this.path = path;
        this.query = query;
        this.body = body;
        this.ifMatch = ifMatch;
    }

    public Principal principal() {
        return principal;
    }

    public String path(String name) {
        return path.get(name);
    }

    /** A path parameter naming something the hub identifies by UUID; anything else names nothing (404). */
    public String uuidPath(String name, String what) {
        String value = path.get(name);
        if (value == null || !UUID.matcher(value).matches()) {
            throw ApiException.notFound(what, value);
        }
        return value;
    }

    /** An optional query parameter holding a hub UUID: null when absent, 400 when it is not a UUID. */
    public String uuidQuery(String name) {
        String value = query(name);
        if (value != null && !UUID.matcher(value).matches()) {
            throw ApiException.badRequest("invalid-parameter", name + " must be an id issued by this hub (a UUID)");
        }
        return value;
    }

    /** Rejects query parameters the route does not know, so a typo is an error rather than silently ignored. */
    public void allowQuery(Set<String> allowed) {
        for (String name : query.keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("invalid-parameter", "unknown query parameter '" + name
                        + "'; this route takes " + (allowed.isEmpty() ? "none" : String.join(", ", allowed)));
            }
            if (query.get(name).length > 1) {
                throw ApiException.badRequest("invalid-parameter", "query parameter '" + name + "' given twice");
            }
        }
    }

    public String query(String name) {
        String[] values = query.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    /** limit, cursor and modified_after, checked. */
    public Page.Request pageRequest() {
        int limit = DEFAULT_LIMIT;
        String rawLimit = query("limit");
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ApiException.badRequest("invalid-parameter", "limit must be an integer from 1 to " + MAX_LIMIT);
            }
        }
        Page.Cursor cursor = null;
        if (query("cursor") != null) {
            try {
                cursor = Page.Cursor.decode(query("cursor"));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid-parameter", "cursor is not one this hub issued");
            }
        }
        Instant modifiedAfter = null;
        if (query("modified_after") != null) {
            try {
                modifiedAfter = JsonMapper.instant(query("modified_after"));
            } catch (DateTimeException e) {
                throw ApiException.badRequest("invalid-parameter",
                        "modified_after must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
            }
        }
        return new Page.Request(limit, cursor, modifiedAfter);
    }

    /** The version the caller last saw (If-Match), or null when the header is absent or "*". */
    public Long expectedVersion() {
        if (ifMatch == null || ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher matcher = IF_MATCH.matcher(ifMatch.strip());
        if (!matcher.matches()) {
            throw ApiException.badRequest("invalid-if-match", "If-Match must be an ETag this hub issued, e.g. \"3\"");
        }
        return Long.parseLong(matcher.group(1));
    }

    public boolean hasBody() {
        return body != null && body.length > 0;
    }

    /** The JSON body as {@code type}; every way it can be wrong becomes a 400 or 422 with the field named. */
    public <T> T body(Class<T> type) {
        return body(type, Map.of());
    }

    /**
     * The JSON body as {@code type}, with fields the path already determines (e.g. {@code program_id}) filled in:
     * a body may leave them out, but may not contradict the path (422).
     */
    public <T> T body(Class<T> type, Map<String, String> fromPath) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("missing-body", "this request needs a JSON body");
        }
        if (!isUtf8(body)) {
            throw ApiException.badRequest("malformed-json", "the body is not valid UTF-8");
        }
        try (JsonParser parser = JsonMapper.MAPPER.createParser(body)) {
            JsonNode tree = TREE.readTree(parser);
            if (tree != null && parser.nextToken() != null) {
                throw ApiException.badRequest("malformed-json", "the body holds more than one JSON value");
            }
            if (tree == null || !tree.isObject()) {
                throw ApiException.badRequest("invalid-type", "the body must be a JSON object");
            }
            if (hasUnpairedSurrogate(tree)) {
                throw ApiException.badRequest("malformed-json", "the body has a string with an unpaired surrogate "
                        + "(\\ud800-\\udfff); send valid Unicode text");
            }
            ObjectNode object = (ObjectNode) tree;
            for (Map.Entry<String, String> fixed : fromPath.entrySet()) {
                JsonNode given = object.get(fixed.getKey());
                if (given == null || given.isNull()) {
                    object.put(fixed.getKey(), fixed.getValue());
                } else if (!given.isTextual() || !given.asText().equals(fixed.getValue())) {
                    throw ApiException.invalid(fixed.getKey(), "must be " + fixed.getValue() + " (as in the path) or left out");
                }
            }
            return JsonMapper.MAPPER.treeToValue(object, type);
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest("too-deep", "the JSON body is nested too deeply or has an oversized value");
        } catch (ValueInstantiationException e) {
            throw invalid(e);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown-property", "unknown property '" + e.getPropertyName() + "' at "
                    + where(e));
        } catch (InvalidFormatException e) {
            throw ApiException.badRequest("invalid-type", "wrong value at " + where(e) + ": expected "
                    + describe(e.getTargetType()));
        } catch (JsonParseException e) {
            throw ApiException.badRequest("malformed-json", "the body is not valid UTF-8 JSON: "
                    + e.getOriginalMessage());
        } catch (DatabindException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidValueException || cause instanceof IllegalArgumentException) {
                throw invalid((JsonMappingException) e);
            }
            throw ApiException.badRequest("invalid-type", "wrong value at " + where((JsonMappingException) e) + ": "
                    + ((JsonMappingException) e).getOriginalMessage().replaceAll(" \\(class [^)]*\\)", ""));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed-json", "the body is not valid JSON");
        } catch (IOException e) {
            throw ApiException.badRequest("malformed-json", "the body could not be read");
        }
    }

    /** Strictly UTF-8: the JSON parser lets overlong forms (e.g. C0 AF for '/') and encoded surrogates through. */
    private static boolean isUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return false;
            }
            if (result.isUnderflow()) {
                return !decoder.flush(out).isError();
            }
            out.clear();
        }
    }

    /** Whether a name or text in the tree is not valid Unicode (a \\u escape of half a surrogate pair). */
    private static boolean hasUnpairedSurrogate(JsonNode node) {
        if (node.isTextual()) {
            return hasUnpairedSurrogate(node.textValue());
        }
        for (var fields = node.fields(); fields.hasNext();) {
            var field = fields.next();
            if (hasUnpairedSurrogate(field.getKey()) || hasUnpairedSurrogate(field.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (hasUnpairedSurrogate(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static ApiException invalid(JsonMappingException e) {
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof IllegalArgumentException)) {
            cause = cause.getCause();
        }
        if (cause instanceof InvalidValueException invalid) {
            String prefix = parentPath(e);
            String field = prefix.isEmpty() ? invalid.field() : prefix + "." + lastSegment(invalid.field());
            return new ApiException(422, "validation-failed", field + ": " + invalid.reason(),
                    List.of(Map.of("field", field, "message", invalid.reason())));
        }
        String message = cause != null ? cause.getMessage() : e.getOriginalMessage();
        return new ApiException(422, "validation-failed", where(e) + ": " + message,
                List.of(Map.of("field", where(e), "message", String.valueOf(message))));
    }

    /** A JSON path such as {@code people[3].work_email} from Jackson's reference chain. */
    static String where(JsonMappingException e) {
        String path = path(e.getPath(), e.getPath().size());
        return path.isEmpty() ? "(body)" : path;
    }

    /** The path of the object whose constructor refused a value (the last reference is inside it). */
    private static String parentPath(JsonMappingException e) {
        return path(e.getPath(), e.getPath().size() - 1);
    }

    private static String path(List<JsonMappingException.Reference> references, int count) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references.subList(0, Math.max(0, count))) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String lastSegment(String field) {
        int dot = field.lastIndexOf('.');
        return dot < 0 ? field : field.substring(dot + 1);
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder("one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                values.append(i == 0 ? "" : ", ").append(constants[i]);
            }
            return values.toString();
        }
        return switch (type.getSimpleName()) {
            case "int", "Integer", "long", "Long" -> "an integer";
            case "BigDecimal" -> "a number";
            case "LocalDate" -> "a date such as 2026-03-31";
            case "Instant" -> "an instant such as 2026-03-31T09:00:00Z";
            case "String" -> "a string";
            default -> "a " + type.getSimpleName();
        };
    }
}
