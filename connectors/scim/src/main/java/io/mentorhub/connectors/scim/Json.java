package io.mentorhub.connectors.scim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The bundle's JSON: strict reading (duplicate keys, trailing data and deep nesting are errors). */
final class Json {

    /** SCIM resources nest three levels; the cap stops stack-exhausting payloads. */
    static final int MAX_NESTING_DEPTH = 16;

    static final ObjectMapper MAPPER = com.fasterxml.jackson.databind.json.JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(1_000_000).maxNumberLength(64).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** A request body as a JSON object; anything else is a SCIM invalidSyntax error. */
    static ObjectNode parseObject(byte[] body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the input; the location is enough.
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw ScimException.badRequest(ScimException.INVALID_SYNTAX, "the body is not valid JSON" + where);
        } catch (java.io.IOException e) {
            throw ScimException.badRequest(ScimException.INVALID_SYNTAX, "the body could not be read");
        }
        if (node == null || !node.isObject()) {
            throw ScimException.badRequest(ScimException.INVALID_SYNTAX, "the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** A member of an object by name, ignoring case (SCIM names are case-insensitive); null if absent. */
    static JsonNode field(JsonNode node, String name) {
        java.util.Iterator<java.util.Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            java.util.Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }

    /** The URNs a message's {@code schemas} lists (any case of the name), lower-cased. */
    static java.util.Set<String> schemas(JsonNode node) {
        java.util.Set<String> urns = new java.util.HashSet<>();
        JsonNode schemas = field(node, "schemas");
        if (schemas != null) {
            schemas.forEach(urn -> urns.add(urn.asText().toLowerCase(java.util.Locale.ROOT)));
        }
        return urns;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
