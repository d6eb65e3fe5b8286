package io.mentorhub.connectors.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The discovery endpoints (RFC 7644 §4): what this service provider supports, its resource types and schemas. */
final class Discovery {

    private Discovery() {
    }

    static ObjectNode serviceProviderConfig(String baseUrl, ScimProtocol.Settings settings) {
        ObjectNode config = Json.object();
        config.putArray("schemas").add(Schemas.SERVICE_PROVIDER_CONFIG);
        config.putObject("patch").put("supported", true);
        config.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        config.putObject("filter").put("supported", true).put("maxResults", settings.maxResults());
        config.putObject("changePassword").put("supported", false);
        config.putObject("sort").put("supported", false);
        config.putObject("etag").put("supported", true);
        config.putArray("authenticationSchemes").addObject()
                .put("type", "oauthbearertoken")
                .put("name", "OAuth Bearer Token")
                .put("description", "The token configured in etc/io.mentorhub.scim.cfg, sent as Authorization: "
                        + "Bearer <token>")
                .put("specUri", "https://www.rfc-editor.org/info/rfc6750")
                .put("primary", true);
        ObjectNode meta = config.putObject("meta");
        meta.put("resourceType", "ServiceProviderConfig");
        meta.put("location", baseUrl + "/ServiceProviderConfig");
        return config;
    }

    static ObjectNode resourceTypes(String baseUrl) {
        ArrayNode items = Json.array();
        Schemas.RESOURCE_TYPES.forEach(type -> items.add(type.toJson(baseUrl)));
        return list(items);
    }

    static ObjectNode resourceType(String baseUrl, String name) {
        for (Schemas.ResourceType type : Schemas.RESOURCE_TYPES) {
            if (type.name().equals(name)) {
                return type.toJson(baseUrl);
            }
        }
        throw ScimException.notFound("no resource type " + name);
    }

    static ObjectNode schemas(String baseUrl) {
        ArrayNode items = Json.array();
        Schemas.ALL.forEach(schema -> items.add(schema.toJson(baseUrl)));
        return list(items);
    }

    static ObjectNode schema(String baseUrl, String id) {
        for (Schemas.Schema schema : Schemas.ALL) {
            if (schema.id().equals(id)) {
                return schema.toJson(baseUrl);
            }
        }
        throw ScimException.notFound("no schema " + id);
    }

    /** Discovery lists ignore paging (RFC 7644 §4): every item, in one response. */
    private static ObjectNode list(ArrayNode items) {
        ObjectNode list = Json.object();
        list.putArray("schemas").add(Schemas.LIST_RESPONSE);
        list.put("totalResults", items.size());
        list.put("itemsPerPage", items.size());
        list.put("startIndex", 1);
        list.set("Resources", items);
        return list;
    }
}
