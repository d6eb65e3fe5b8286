package io.mentorhub.connectors.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorhub.connectors.scim.Schemas.Attribute;
import io.mentorhub.connectors.scim.Schemas.Mutability;
import io.mentorhub.connectors.scim.Schemas.Path;
import io.mentorhub.connectors.scim.Schemas.ResourceType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SCIM PATCH (RFC 7644 §3.5.2) on a resource's JSON: {@code add}, {@code remove} and {@code replace} (any case, as
 * Entra ID sends them), with or without a path; paths {@code attr}, {@code attr.sub}, {@code urn:…:attr},
 * {@code attr[filter]} and {@code attr[filter].sub}. Operations apply in order to a copy; the caller writes the
 * result only if every one succeeded, so a failing PATCH changes nothing.
 */
final class Patch {

    /** More operations in one request than any identity provider sends. */
    static final int MAX_OPERATIONS = 1000;

    enum Op {
        ADD, REMOVE, REPLACE
    }

    /** A target: an attribute (or sub-attribute, or a whole extension), optionally narrowed by a value filter. */
    record Target(Path path, Filter filter, Attribute subAfterFilter) {

        static final Target IGNORED = new Target(Path.IGNORED, null, null);

        boolean ignored() {
            return path.ignored();
        }
    }

    record Operation(Op op, Target target, JsonNode value) {
    }

    private Patch() {
    }

    /** The operations of a PatchOp request body. */
    static List<Operation> parse(ObjectNode body, ResourceType type) {
        if (!Json.schemas(body).contains(Schemas.PATCH_OP.toLowerCase(Locale.ROOT))) {
            throw ScimException.badRequest(ScimException.INVALID_SYNTAX, "a PATCH body needs schemas ["
                    + Schemas.PATCH_OP + "]");
        }
        JsonNode operations = field(body, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimException.badRequest(ScimException.INVALID_SYNTAX, "Operations must be a non-empty array");
        }
        if (operations.size() > MAX_OPERATIONS) {
            throw ScimException.badRequest(ScimException.INVALID_VALUE,
                    "at most " + MAX_OPERATIONS + " operations per request");
        }
        List<Operation> parsed = new ArrayList<>();
        int i = 0;
        for (JsonNode operation : operations) {
            String where = "Operations[" + i++ + "]";
            if (!operation.isObject()) {
                throw ScimException.badRequest(ScimException.INVALID_SYNTAX, where + " must be an object");
            }
            JsonNode opName = field(operation, "op");
            Op op;
            try {
                op = Op.valueOf(opName == null ? "" : opName.asText().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ScimException.badRequest(ScimException.INVALID_SYNTAX, where + ".op must be add, remove or"
                        + " replace");
            }
            JsonNode pathNode = field(operation, "path");
            if (pathNode != null && !pathNode.isNull() && !pathNode.isTextual()) {
                throw ScimException.badRequest(ScimException.INVALID_PATH, where + ".path must be a string");
            }
            String path = pathNode == null || pathNode.isNull() || pathNode.asText().isBlank() ? null
                    : pathNode.asText().strip();
            JsonNode value = field(operation, "value");
            if (op != Op.REMOVE && value == null) {
                throw ScimException.badRequest(ScimException.INVALID_SYNTAX, where + ": " + op.name()
                        .toLowerCase(Locale.ROOT) + " needs a value");
            }
            if (path == null && op == Op.REMOVE) {
                throw ScimException.badRequest(ScimException.NO_TARGET, where + ": remove needs a path");
            }
            if (path == null && !value.isObject()) {
                throw ScimException.badRequest(ScimException.INVALID_VALUE,
                        where + ": without a path the value must be an object of attributes");
            }
            parsed.add(new Operation(op, path == null ? null : target(path, type), value));
        }
        return parsed;
    }

    private static JsonNode field(JsonNode node, String name) {
        return Json.field(node, name);
    }

    /** Parses {@code attrPath}, {@code attrPath[filter]} or {@code attrPath[filter].sub}. */
    static Target target(String path, ResourceType type) {
        int open = path.indexOf('[');
        if (open < 0) {
            Path resolved = Schemas.resolve(type, path);
            if (resolved == null) {
                throw ScimException.badRequest(ScimException.INVALID_PATH, "unknown attribute " + path);
            }
            return resolved.ignored() ? Target.IGNORED : new Target(resolved, null, null);
        }
        int close = closing(path, open);
        Path attribute = Schemas.resolve(type, path.substring(0, open));
        if (attribute == null) {
            throw ScimException.badRequest(ScimException.INVALID_PATH, "unknown attribute " + path.substring(0, open));
        }
        if (attribute.ignored()) {
            return Target.IGNORED;
        }
        if (attribute.attribute() == null || attribute.sub() != null || !attribute.attribute().multiValued()
                || !attribute.attribute().complex()) {
            throw ScimException.badRequest(ScimException.INVALID_PATH,
                    path.substring(0, open) + " is not a multi-valued complex attribute");
        }
        Filter filter = Filter.parseWithin(path.substring(open + 1, close), type, attribute);
        String rest = path.substring(close + 1);
        Attribute sub = null;
        if (!rest.isEmpty()) {
            if (!rest.startsWith(".") || rest.length() == 1) {
                throw ScimException.badRequest(ScimException.INVALID_PATH, "unexpected " + rest + " after the filter");
            }
            sub = attribute.attribute().sub(rest.substring(1));
            if (sub == null) {
                if (Schemas.USER_SCHEMA.ignores(attribute.attribute().name() + rest)) {
                    return Target.IGNORED;
                }
                throw ScimException.badRequest(ScimException.INVALID_PATH,
                        "unknown sub-attribute " + attribute.attribute().name() + rest);
            }
        }
        return new Target(attribute, filter, sub);
    }

    /** The index of the bracket closing the one at {@code open}, skipping quoted strings. */
    private static int closing(String path, int open) {
        boolean quoted = false;
        for (int i = open + 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ']' && !quoted) {
                return i;
            }
        }
        throw ScimException.badRequest(ScimException.INVALID_PATH, "a value filter is not closed with ]");
    }

    /** The resource after every operation, on a copy. */
    static ObjectNode apply(ObjectNode resource, List<Operation> operations, ResourceType type) {
        ObjectNode result = resource.deepCopy();
        for (Operation operation : operations) {
            if (operation.target() == null) {
                Iterator<Map.Entry<String, JsonNode>> fields = operation.value().fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (field.getKey().equalsIgnoreCase("schemas")) {
                        continue;
                    }
                    Target target = target(field.getKey(), type);
                    if (echoesReadOnly(result, target, field.getValue())) {
                        continue;
                    }
                    apply(result, operation.op(), target, field.getValue(), type);
                }
            } else {
                apply(result, operation.op(), operation.target(), operation.value(), type);
            }
        }
        return result;
    }

    /** A client that sends back a read-only value unchanged (e.g. the id) is not trying to change it. */
    private static boolean echoesReadOnly(ObjectNode resource, Target target, JsonNode value) {
        Path path = target.path();
        return !target.ignored() && path.attribute() != null && path.attribute().readOnly() && path.sub() == null
                && path.extension() == null && value.equals(resource.get(path.attribute().name()));
    }

    private static void apply(ObjectNode resource, Op op, Target target, JsonNode value, ResourceType type) {
        if (target.ignored()) {
            return;
        }
        Path path = target.path();
        if (path.attribute() == null) {
            if (op == Op.REMOVE) {
                resource.remove(path.extension());
                return;
            }
            if (value == null || !value.isObject()) {
                throw ScimException.badRequest(ScimException.INVALID_VALUE, path.extension() + " must be an object");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                Target inner = target(path.extension() + ":" + field.getKey(), type);
                if (!inner.ignored() && !path.extension().equals(inner.path().extension())) {
                    throw ScimException.badRequest(ScimException.INVALID_PATH,
                            "unknown attribute " + path.extension() + ":" + field.getKey());
                }
                apply(resource, op, inner, field.getValue(), type);
            }
            return;
        }
        requireMutable(op, target);
        ObjectNode container = path.extension() == null ? resource : resource.with(path.extension());
        Attribute attribute = path.attribute();
        if (target.filter() != null) {
            filtered(container, op, target, value);
        } else if (path.sub() == null) {
            whole(container, op, attribute, value);
        } else {
            sub(container, op, attribute, path.sub(), value, path.display());
        }
        tidy(container, attribute.name());
        if (path.extension() != null && container.isEmpty()) {
            resource.remove(path.extension());
        }
    }

    private static void requireMutable(Op op, Target target) {
        Attribute attribute = target.path().attribute();
        Attribute sub = target.subAfterFilter() != null ? target.subAfterFilter() : target.path().sub();
        if (attribute.readOnly() || (sub != null && sub.readOnly())) {
            throw new ScimException(400, ScimException.MUTABILITY,
                    target.path().display() + (target.subAfterFilter() != null ? "." + sub.name() : "")
                            + " is read-only");
        }
        if (op == Op.REPLACE && sub != null && sub.mutability() == Mutability.IMMUTABLE) {
            throw new ScimException(400, ScimException.MUTABILITY, attribute.name() + "." + sub.name()
                    + " cannot be changed once set; remove the value and add another");
        }
    }

    /** An attribute as a whole: {@code attr} or {@code urn:…:attr}. */
    private static void whole(ObjectNode container, Op op, Attribute attribute, JsonNode value) {
        String name = attribute.name();
        if (op == Op.REMOVE) {
            if (attribute.multiValued() && value != null && !value.isNull()) {
                // Entra ID removes members by value: {"op":"remove","path":"members","value":[{"value":"id"}]}.
                JsonNode gone = Canonical.value(attribute, value, name);
                if (gone != null && container.get(name) instanceof ArrayNode values) {
                    for (int i = values.size() - 1; i >= 0; i--) {
                        for (JsonNode remove : gone) {
                            if (sameElement(values.get(i), remove)) {
                                values.remove(i);
                                break;
                            }
                        }
                    }
                }
            } else {
                container.remove(name);
            }
            return;
        }
        JsonNode canonical = Canonical.value(attribute, value, name);
        if (attribute.multiValued()) {
            if (op == Op.REPLACE || !(container.get(name) instanceof ArrayNode)) {
                if (canonical == null) {
                    if (op == Op.REPLACE) {
                        container.remove(name);
                    }
                } else {
                    container.set(name, canonical);
                }
                return;
            }
            ArrayNode values = (ArrayNode) container.get(name);
            if (canonical != null) {
                for (JsonNode added : canonical) {
                    boolean present = false;
                    for (JsonNode existing : values) {
                        present |= sameElement(existing, added);
                    }
                    if (!present) {
                        values.add(added);
                    }
                }
            }
            return;
        }
        if (canonical == null) {
            if (op == Op.REPLACE) {
                container.remove(name);
            }
            return;
        }
        if (attribute.complex() && container.get(name) instanceof ObjectNode existing) {
            // RFC 7644 §3.5.2.1/3: sub-attributes not in the value are left unchanged.
            existing.setAll((ObjectNode) canonical);
        } else {
            container.set(name, canonical);
        }
    }

    /** {@code attr.sub} without a filter: on a complex attribute, or on every element of a multi-valued one. */
    private static void sub(ObjectNode container, Op op, Attribute attribute, Attribute sub, JsonNode value,
            String display) {
        String name = attribute.name();
        JsonNode canonical = op == Op.REMOVE ? null : Canonical.value(sub, value, display);
        if (attribute.multiValued()) {
            JsonNode existing = container.get(name);
            if (!(existing instanceof ArrayNode values) || values.isEmpty()) {
                if (canonical != null) {
                    container.putArray(name).addObject().set(sub.name(), canonical);
                }
                return;
            }
            for (JsonNode element : values) {
                setOrRemove((ObjectNode) element, sub.name(), canonical);
            }
            return;
        }
        JsonNode existing = container.get(name);
        ObjectNode parent = existing instanceof ObjectNode object ? object : null;
        if (parent == null) {
            if (canonical == null) {
                return;
            }
            parent = container.putObject(name);
        }
        setOrRemove(parent, sub.name(), canonical);
    }

    /** {@code attr[filter]} or {@code attr[filter].sub}. */
    private static void filtered(ObjectNode container, Op op, Target target, JsonNode value) {
        Attribute attribute = target.path().attribute();
        String name = attribute.name();
        ArrayNode values = container.get(name) instanceof ArrayNode array ? array : container.putArray(name);
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (target.filter().matches(values.get(i))) {
                matches.add(i);
            }
        }
        Attribute sub = target.subAfterFilter();
        if (op == Op.REMOVE) {
            // Removing what is not there leaves the resource as it is: identity providers retry removals.
            for (int m = matches.size() - 1; m >= 0; m--) {
                if (sub == null) {
                    values.remove(matches.get(m));
                } else {
                    ((ObjectNode) values.get(matches.get(m))).remove(sub.name());
                }
            }
            return;
        }
        if (sub != null) {
            JsonNode canonical = Canonical.value(sub, value, name + "." + sub.name());
            if (matches.isEmpty()) {
                ObjectNode created = op == Op.ADD ? fromEqualities(target.filter()) : null;
                if (created == null) {
                    throw noTarget(name);
                }
                if (canonical != null) {
                    created.set(sub.name(), canonical);
                    values.add(created);
                }
                return;
            }
            for (int index : matches) {
                setOrRemove((ObjectNode) values.get(index), sub.name(), canonical);
            }
            return;
        }
        if (matches.isEmpty()) {
            throw noTarget(name);
        }
        JsonNode canonical = Canonical.value(attribute, value, name);
        if (canonical == null || canonical.size() != 1) {
            throw ScimException.badRequest(ScimException.INVALID_VALUE, name + "[…] takes one value object");
        }
        for (int index : matches) {
            if (op == Op.REPLACE) {
                values.set(index, canonical.get(0).deepCopy());
            } else {
                ((ObjectNode) values.get(index)).setAll((ObjectNode) canonical.get(0).deepCopy());
            }
        }
    }

    /** The element an {@code add} to {@code attr[a eq "x" and b eq "y"].sub} creates: {@code {a:"x", b:"y"}}. */
    private static ObjectNode fromEqualities(Filter filter) {
        ObjectNode element = Json.object();
        for (Filter part : Filter.conjuncts(filter)) {
            if (!(part instanceof Filter.Compare compare) || compare.op() != Filter.Op.EQ || compare.value().isNull()) {
                return null;
            }
            element.set(compare.path().sub().name(), compare.value());
        }
        return element;
    }

    private static ScimException noTarget(String name) {
        return ScimException.badRequest(ScimException.NO_TARGET, "no value of " + name + " matches the filter");
    }

    /** Elements with a {@code value} are the same when their values are; others when equal as a whole. */
    private static boolean sameElement(JsonNode a, JsonNode b) {
        if (a.isObject() && b.isObject() && a.has("value") && b.has("value")) {
            return a.get("value").equals(b.get("value"));
        }
        return a.equals(b);
    }

    private static void setOrRemove(ObjectNode node, String name, JsonNode value) {
        if (value == null) {
            node.remove(name);
        } else {
            node.set(name, value);
        }
    }

    /** Drops empty elements, arrays and objects left by removals: they mean "no value". */
    private static void tidy(ObjectNode container, String name) {
        JsonNode value = container.get(name);
        if (value instanceof ArrayNode values) {
            for (int i = values.size() - 1; i >= 0; i--) {
                if (values.get(i).isObject() && values.get(i).isEmpty()) {
                    values.remove(i);
                }
            }
        }
        if (value != null && (value.isNull() || (value.isContainerNode() && value.isEmpty()))) {
            container.remove(name);
        }
    }
}
