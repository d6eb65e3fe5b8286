package io.mentorhub.connectors.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PATCH operations on a resource's JSON: path forms, multi-valued rules and what each failure is called. */
class PatchTest {

    static final String GROUP = """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "id": "g-1", "displayName": "Mentors",
             "members": [{"value": "p-1", "display": "Ada Lovelace", "type": "User"},
                         {"value": "p-2", "display": "Alan Turing", "type": "User"}]}
            """;

    static ObjectNode apply(JsonNode resource, Schemas.ResourceType type, String operations) {
        ObjectNode body = (ObjectNode) FilterTest.json("{\"schemas\": [\"" + Schemas.PATCH_OP
                + "\"], \"Operations\": " + operations + "}");
        return Patch.apply((ObjectNode) resource, Patch.parse(body, type), type);
    }

    static ScimException fails(JsonNode resource, Schemas.ResourceType type, String operations) {
        return assertThrows(ScimException.class, () -> apply(resource, type, operations));
    }

    @Test
    void complexAttributesMergeAndMultiValuedOnesAppendWithoutDuplicates() {
        ObjectNode user = apply(FilterTest.ADA, Schemas.USERS, """
                [{"op": "replace", "value": {"name": {"familyName": "King"}}},
                 {"op": "add", "path": "emails", "value": [{"value": "ada@example.com", "type": "work"},
                                                          {"value": "a@other.example", "type": "other"}]}]""");
        assertEquals("Ada", user.path("name").path("givenName").asText(), "sub-attributes not sent stay");
        assertEquals("King", user.path("name").path("familyName").asText());
        assertEquals(3, user.path("emails").size(), "an address already there is not added twice");
        ObjectNode group = apply(FilterTest.json(GROUP), Schemas.GROUPS, """
                [{"op": "add", "path": "members", "value": [{"value": "p-2"}, {"value": "p-3"}]}]""");
        assertEquals(List.of("p-1", "p-2", "p-3"), values(group.path("members")));
    }

    @Test
    void valuePathsSelectElementsAndSubAttributes() {
        ObjectNode user = apply(FilterTest.ADA, Schemas.USERS, """
                [{"op": "replace", "path": "emails[type eq \\"home\\"].value", "value": "ada@new.example"},
                 {"op": "remove", "path": "emails[value ew \\"example.com\\"].primary"}]""");
        assertEquals("ada@new.example", user.path("emails").get(1).path("value").asText());
        assertTrue(user.path("emails").get(0).path("primary").isMissingNode());
        ObjectNode group = apply(FilterTest.json(GROUP), Schemas.GROUPS, """
                [{"op": "remove", "path": "members[value eq \\"p-1\\" or value eq \\"p-9\\"]"},
                 {"op": "remove", "path": "members[value eq \\"a]b\\"]"}]""");
        assertEquals(List.of("p-2"), values(group.path("members")), "brackets inside quotes do not close the path");
        ObjectNode emptied = apply(FilterTest.json(GROUP), Schemas.GROUPS, """
                [{"op": "remove", "path": "members"}]""");
        assertTrue(emptied.path("members").isMissingNode());
    }

    @Test
    void urnPathsAndPathLikeKeysReachExtensions() {
        ObjectNode user = apply(FilterTest.ADA, Schemas.USERS, """
                [{"op": "add", "value": {
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "Research",
                    "urn:ietf:params:scim:schemas:extension:mentorhub:2.0:User": {"grade": "L5"},
                    "name.givenName": "Augusta"}},
                 {"op": "replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
                  "value": "p-7"}]""");
        JsonNode enterprise = user.path(Schemas.ENTERPRISE);
        assertEquals("Research", enterprise.path("department").asText());
        assertEquals("E-1", enterprise.path("employeeNumber").asText());
        assertEquals("p-7", enterprise.path("manager").path("value").asText());
        assertEquals("L5", user.path(Schemas.HUB).path("grade").asText());
        assertEquals("Augusta", user.path("name").path("givenName").asText());
        ObjectNode removed = apply(user, Schemas.USERS, """
                [{"op": "remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"}]""");
        assertTrue(removed.path(Schemas.ENTERPRISE).isMissingNode());
    }

    @Test
    void readOnlyValuesMayBeEchoedButNotChanged() {
        apply(FilterTest.ADA, Schemas.USERS, "[{\"op\": \"replace\", \"value\": {\"id\": \"p-1\", \"title\": \"X\"}}]");
        assertEquals("mutability", fails(FilterTest.ADA, Schemas.USERS,
                "[{\"op\": \"replace\", \"value\": {\"id\": \"p-2\"}}]").scimType());
        assertEquals("mutability", fails(FilterTest.json(GROUP), Schemas.GROUPS,
                "[{\"op\": \"replace\", \"path\": \"members[value eq \\\"p-1\\\"].value\", \"value\": \"p-3\"}]")
                .scimType(), "a member's value is immutable");
    }

    @Test
    void failuresNameTheirKind() {
        assertEquals("noTarget", fails(FilterTest.ADA, Schemas.USERS,
                "[{\"op\": \"replace\", \"path\": \"emails[type eq \\\"other\\\"]\", \"value\": {\"value\": \"x\"}}]")
                .scimType());
        assertEquals("invalidPath", fails(FilterTest.ADA, Schemas.USERS,
                "[{\"op\": \"add\", \"path\": \"emails[type eq \\\"work\\\"].colour\", \"value\": \"x\"}]")
                .scimType());
        assertEquals("invalidPath", fails(FilterTest.ADA, Schemas.USERS,
                "[{\"op\": \"add\", \"path\": \"title[value eq \\\"x\\\"]\", \"value\": \"x\"}]").scimType());
        assertEquals("invalidPath", fails(FilterTest.ADA, Schemas.USERS,
                "[{\"op\": \"add\", \"path\": \"emails[type eq \\\"work\\\"\", \"value\": \"x\"}]").scimType());
        assertEquals("invalidValue", fails(FilterTest.ADA, Schemas.USERS,
                "[{\"op\": \"add\", \"value\": \"not an object\"}]").scimType());
        assertEquals("invalidValue", fails(FilterTest.ADA, Schemas.USERS,
                "[{\"op\": \"replace\", \"path\": \"title\", \"value\": [\"a\", \"b\"]}]").scimType());
        assertEquals("invalidSyntax", fails(FilterTest.ADA, Schemas.USERS,
                "[{\"op\": \"copy\", \"path\": \"title\"}]").scimType());
    }

    private static List<String> values(JsonNode members) {
        java.util.ArrayList<String> values = new java.util.ArrayList<>();
        members.forEach(m -> values.add(m.path("value").asText()));
        return values;
    }
}
