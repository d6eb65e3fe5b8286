package io.mentorhub.connectors.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorhub.api.directory.DirectoryGroup;
import io.mentorhub.api.directory.GroupData;
import io.mentorhub.api.domain.InvalidValueException;
import java.util.LinkedHashSet;
import java.util.Set;

/** A directory group as a SCIM Group and back; members are Users only (groups do not nest). */
final class GroupMapping {

    private GroupMapping() {
    }

    static ObjectNode toJson(DirectoryGroup group, String baseUrl) {
        ObjectNode json = Json.object();
        json.putArray("schemas").add(Schemas.GROUP);
        json.put("id", group.id());
        if (group.externalId() != null) {
            json.put("externalId", group.externalId());
        }
        json.put("displayName", group.displayName());
        if (!group.members().isEmpty()) {
            ArrayNode members = json.putArray("members");
            for (DirectoryGroup.Member member : group.members()) {
                members.addObject().put("value", member.personId()).put("$ref", baseUrl + "/Users/" + member.personId())
                        .put("display", member.display()).put("type", "User");
            }
        }
        ObjectNode meta = json.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", group.created().toString());
        meta.put("lastModified", group.lastModified().toString());
        meta.put("location", baseUrl + "/Groups/" + group.id());
        meta.put("version", Etags.of(group.version()));
        return json;
    }

    static GroupData toData(ObjectNode group) {
        String displayName = UserMapping.text(group, "displayName");
        if (displayName == null) {
            throw ScimException.badRequest(ScimException.INVALID_VALUE, "displayName is required");
        }
        try {
            return new GroupData(displayName, UserMapping.text(group, "externalId"), memberIds(group.path("members")));
        } catch (InvalidValueException e) {
            throw UserMapping.invalid(e);
        }
    }

    /** The person ids of members; only Users may be members. */
    static Set<String> memberIds(JsonNode members) {
        Set<String> ids = new LinkedHashSet<>();
        int i = 0;
        for (JsonNode member : members) {
            String type = UserMapping.text(member, "type");
            if (type != null && !type.equalsIgnoreCase("User")) {
                throw ScimException.badRequest(ScimException.INVALID_VALUE,
                        "members[" + i + "]: only Users can be members; groups do not nest");
            }
            String value = UserMapping.text(member, "value");
            if (value == null) {
                throw ScimException.badRequest(ScimException.INVALID_VALUE, "members[" + i + "].value is required");
            }
            ids.add(value);
            i++;
        }
        return ids;
    }
}
