package io.mentorhub.connectors.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorhub.connectors.scim.Schemas.Path;
import io.mentorhub.connectors.scim.Schemas.ResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code attributes} and {@code excludedAttributes} parameters (RFC 7644 §3.4.2.5, §3.9): only the named
 * attributes (plus {@code id} and {@code schemas}, always returned), or all but the named ones. Names the service
 * provider does not know are passed over: they select nothing.
 */
final class Projection {

    static final Projection ALL = new Projection(List.of(), false);

    private final List<Path> paths;
    private final boolean include;

    private Projection(List<Path> paths, boolean include) {
        this.paths = paths;
        this.include = include;
    }

    static Projection of(String attributes, String excludedAttributes, ResourceType type) {
        if (attributes != null && excludedAttributes != null) {
            throw ScimException.badRequest(ScimException.INVALID_VALUE,
                    "attributes and excludedAttributes cannot be used together");
        }
        String list = attributes != null ? attributes : excludedAttributes;
        if (list == null || list.isBlank()) {
            return ALL;
        }
        List<Path> paths = new ArrayList<>();
        for (String name : list.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            Path path = Schemas.resolve(type, name.strip());
            if (path != null && !path.ignored()) {
                paths.add(path);
            }
        }
        return new Projection(List.copyOf(paths), attributes != null);
    }

    /** Whether the attribute (a top-level name such as {@code members}) is returned. */
    boolean returns(String attribute) {
        boolean named = paths.stream().anyMatch(p -> p.extension() == null && p.attribute() != null
                && p.attribute().name().equals(attribute));
        boolean whole = paths.stream().anyMatch(p -> p.extension() == null && p.attribute() != null
                && p.attribute().name().equals(attribute) && p.sub() == null);
        return include ? named : paths.isEmpty() || !whole;
    }

    ObjectNode apply(ObjectNode resource) {
        if (paths.isEmpty()) {
            return resource;
        }
        return include ? select(resource) : exclude(resource);
    }

    private ObjectNode select(ObjectNode resource) {
        ObjectNode out = Json.object();
        out.set("schemas", resource.get("schemas"));
        out.set("id", resource.get("id"));
        for (Path path : paths) {
            if (path.attribute() == null) {
                JsonNode extension = resource.get(path.extension());
                if (extension != null) {
                    out.set(path.extension(), extension.deepCopy());
                }
                continue;
            }
            JsonNode source = path.extension() == null ? resource : resource.get(path.extension());
            JsonNode value = source == null ? null : source.get(path.attribute().name());
            if (value == null) {
                continue;
            }
            ObjectNode target = path.extension() == null ? out : out.with(path.extension());
            String name = path.attribute().name();
            if (path.sub() == null) {
                target.set(name, value.deepCopy());
                continue;
            }
            String sub = path.sub().name();
            JsonNode existing = target.get(name);
            if (value.isArray()) {
                ArrayNode projected = existing != null && existing.isArray() && existing.size() == value.size()
                        ? (ArrayNode) existing : target.putArray(name);
                for (int i = 0; i < value.size(); i++) {
                    ObjectNode element = projected.size() > i ? (ObjectNode) projected.get(i) : projected.addObject();
                    if (value.get(i).has(sub)) {
                        element.set(sub, value.get(i).get(sub).deepCopy());
                    }
                }
            } else if (value.has(sub)) {
                ObjectNode projected = existing != null && existing.isObject() ? (ObjectNode) existing
                        : target.putObject(name);
                projected.set(sub, value.get(sub).deepCopy());
            }
        }
        return out;
    }

    private ObjectNode exclude(ObjectNode resource) {
        ObjectNode out = resource.deepCopy();
        for (Path path : paths) {
            if (path.attribute() == null) {
                out.remove(path.extension());
                continue;
            }
            if (path.leaf().returned() == Schemas.Returned.ALWAYS) {
                continue;
            }
            JsonNode container = path.extension() == null ? out : out.get(path.extension());
            if (!(container instanceof ObjectNode object)) {
                continue;
            }
            if (path.sub() == null) {
                object.remove(path.attribute().name());
                continue;
            }
            JsonNode value = object.get(path.attribute().name());
            if (value != null && value.isArray()) {
                value.forEach(element -> ((ObjectNode) element).remove(path.sub().name()));
            } else if (value instanceof ObjectNode complex) {
                complex.remove(path.sub().name());
            }
        }
        return out;
    }
}
