package io.mentorhub.connectors.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorhub.connectors.scim.Schemas.Attribute;
import io.mentorhub.connectors.scim.Schemas.Path;
import io.mentorhub.connectors.scim.Schemas.ResourceType;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Request JSON in canonical form: attribute names as the schema spells them (clients may use any case), extension
 * attributes under their extension's URN, values checked against their attribute's type, null and empty arrays
 * dropped (RFC 7643 §2.5: they mean "no value"), standard attributes the hub does not keep dropped. An attribute
 * no schema defines is an error naming it.
 */
final class Canonical {

    private Canonical() {
    }

    /** A POST or PUT body, or a PATCH value object whose keys may be attribute paths ({@code name.givenName}). */
    static ObjectNode resource(ObjectNode body, ResourceType type) {
        ObjectNode out = Json.object();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equalsIgnoreCase("schemas")) {
                out.set("schemas", schemas(field.getValue()));
            } else {
                put(out, type, field.getKey(), field.getValue());
            }
        }
        return out;
    }

    private static ArrayNode schemas(JsonNode node) {
        if (!node.isArray()) {
            throw ScimException.badRequest(ScimException.INVALID_SYNTAX, "schemas must be an array of URNs");
        }
        ArrayNode schemas = Json.array();
        for (JsonNode urn : node) {
            if (!urn.isTextual()) {
                throw ScimException.badRequest(ScimException.INVALID_SYNTAX, "schemas must be an array of URNs");
            }
            schemas.add(urn.asText());
        }
        return schemas;
    }

    /** Sets the attribute {@code key} names in {@code out}; a null value removes it. */
    static void put(ObjectNode out, ResourceType type, String key, JsonNode value) {
        Path path = Schemas.resolve(type, key);
        if (path == null) {
            throw ScimException.badRequest(ScimException.INVALID_SYNTAX, "unknown attribute " + key
                    + " (see /Schemas for what this service provider keeps)");
        }
        if (path.ignored()) {
            return;
        }
        if (path.attribute() == null) {
            if (value == null || value.isNull()) {
                out.remove(path.extension());
                return;
            }
            if (!value.isObject()) {
                throw ScimException.badRequest(ScimException.INVALID_VALUE, path.extension() + " must be an object");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                Path inner = Schemas.resolve(type, path.extension() + ":" + field.getKey());
                if (inner == null || (!inner.ignored() && !path.extension().equals(inner.extension()))) {
                    throw ScimException.badRequest(ScimException.INVALID_SYNTAX, "unknown attribute "
                            + path.extension() + ":" + field.getKey());
                }
                if (!inner.ignored()) {
                    set(out.with(path.extension()), inner, field.getValue());
                }
            }
            if (out.get(path.extension()).isEmpty()) {
                out.remove(path.extension());
            }
            return;
        }
        ObjectNode container = path.extension() == null ? out : out.with(path.extension());
        set(container, path, value);
        if (path.extension() != null && container.isEmpty()) {
            out.remove(path.extension());
        }
    }

    private static void set(ObjectNode container, Path path, JsonNode value) {
        Attribute attribute = path.attribute();
        if (path.sub() == null) {
            JsonNode canonical = value(attribute, value, attribute.name());
            if (canonical == null) {
                container.remove(attribute.name());
            } else {
                container.set(attribute.name(), canonical);
            }
            return;
        }
        if (attribute.multiValued()) {
            throw ScimException.badRequest(ScimException.INVALID_PATH, path.display()
                    + " is a sub-attribute of a multi-valued attribute: send " + attribute.name() + " as an array");
        }
        ObjectNode parent = container.has(attribute.name()) && container.get(attribute.name()).isObject()
                ? (ObjectNode) container.get(attribute.name()) : container.putObject(attribute.name());
        JsonNode canonical = value(path.sub(), value, path.display());
        if (canonical == null) {
            parent.remove(path.sub().name());
        } else {
            parent.set(path.sub().name(), canonical);
        }
        if (parent.isEmpty()) {
            container.remove(attribute.name());
        }
    }

    /** A value of an attribute in canonical form; null for "no value". */
    static JsonNode value(Attribute attribute, JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (attribute.multiValued()) {
            ArrayNode values = Json.array();
            if (node.isArray()) {
                int i = 0;
                for (JsonNode element : node) {
                    JsonNode canonical = single(attribute, element, name + "[" + i++ + "]");
                    if (canonical != null) {
                        values.add(canonical);
                    }
                }
            } else {
                JsonNode canonical = single(attribute, node, name);
                if (canonical != null) {
                    values.add(canonical);
                }
            }
            return values.isEmpty() ? null : values;
        }
        if (node.isArray()) {
            throw ScimException.badRequest(ScimException.INVALID_VALUE, name + " takes one value, not an array");
        }
        return single(attribute, node, name);
    }

    private static JsonNode single(Attribute attribute, JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return null;
        }
        switch (attribute.type()) {
            case COMPLEX -> {
                if (!node.isObject()) {
                    Attribute value = attribute.sub("value");
                    if (value != null && node.isValueNode()) {
                        // Some clients send a complex attribute's value alone (e.g. Entra ID's manager id).
                        ObjectNode wrapped = Json.object();
                        wrapped.set("value", single(value, node, name + ".value"));
                        return wrapped;
                    }
                    throw ScimException.badRequest(ScimException.INVALID_VALUE, name + " must be an object");
                }
                ObjectNode out = Json.object();
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    Attribute sub = attribute.sub(field.getKey());
                    if (sub == null) {
                        if (ignoredSub(attribute, field.getKey())) {
                            continue;
                        }
                        throw ScimException.badRequest(ScimException.INVALID_SYNTAX,
                                "unknown attribute " + name + "." + field.getKey());
                    }
                    JsonNode canonical = value(sub, field.getValue(), name + "." + sub.name());
                    if (canonical != null) {
                        out.set(sub.name(), canonical);
                    }
                }
                return out.isEmpty() ? null : out;
            }
            case BOOLEAN -> {
                if (node.isBoolean()) {
                    return node;
                }
                // Entra ID sends "True"/"False" in PATCH values.
                if (node.isTextual() && (node.asText().equalsIgnoreCase("true")
                        || node.asText().equalsIgnoreCase("false"))) {
                    return BooleanNode.valueOf(node.asText().equalsIgnoreCase("true"));
                }
                throw ScimException.badRequest(ScimException.INVALID_VALUE, name + " must be true or false");
            }
            case DATE_TIME -> {
                if (!node.isTextual() || Filter.instant(node.asText()) == null) {
                    throw ScimException.badRequest(ScimException.INVALID_VALUE, name + " must be a date-time");
                }
                return node;
            }
            case INTEGER, DECIMAL -> {
                if (!node.isNumber()) {
                    throw ScimException.badRequest(ScimException.INVALID_VALUE, name + " must be a number");
                }
                return node;
            }
            default -> {
                if (!node.isTextual()) {
                    throw ScimException.badRequest(ScimException.INVALID_VALUE, name + " must be a string");
                }
                return node;
            }
        }
    }

    /** Sub-attributes of kept attributes the hub has no place for (name.formatted, emails.display). */
    private static boolean ignoredSub(Attribute attribute, String sub) {
        String path = (attribute.name() + "." + sub).toLowerCase(Locale.ROOT);
        return Schemas.USER_SCHEMA.ignores(path);
    }
}
