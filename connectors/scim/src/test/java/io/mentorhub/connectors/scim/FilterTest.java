package io.mentorhub.connectors.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorhub.api.directory.GroupQuery;
import io.mentorhub.api.directory.PersonQuery;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The filter grammar, its evaluation rules and what is pushed down to the directory. */
class FilterTest {

    static final JsonNode ADA = json("""
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "id": "p-1", "externalId": "Okta-1",
             "userName": "Ada", "name": {"givenName": "Ada", "familyName": "Lovelace"}, "title": "Countess",
             "emails": [{"value": "ada@example.com", "type": "work", "primary": true},
                        {"value": "ada@home.example", "type": "home"}],
             "active": true,
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "E-1"},
             "meta": {"created": "2026-01-01T00:00:00Z", "lastModified": "2026-03-01T10:00:00Z"}}
            """);

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean matches(String filter) {
        return Filter.parse(filter, Schemas.USERS).matches(ADA);
    }

    static String invalid(String filter) {
        ScimException e = assertThrows(ScimException.class, () -> Filter.parse(filter, Schemas.USERS), filter);
        assertEquals(400, e.status());
        assertEquals("invalidFilter", e.scimType());
        return e.getMessage();
    }

    @Test
    void precedenceIsGroupingThenNotThenAndThenOr() {
        Filter filter = Filter.parse("userName eq \"x\" or title pr and not (active eq true)", Schemas.USERS);
        Filter.Or or = assertInstanceOf(Filter.Or.class, filter);
        assertInstanceOf(Filter.And.class, or.right());
        assertInstanceOf(Filter.Not.class, ((Filter.And) or.right()).right());
        assertFalse(matches("userName eq \"x\" or title pr and not (active eq true)"));
        assertTrue(matches("(userName eq \"x\" or title pr) and not (active eq false)"));
        assertTrue(matches("userName eq \"ada\" OR userName eq \"x\" AND title eq \"nobody\""));
        assertTrue(matches("NOT (userName Eq \"x\")"));
    }

    @Test
    void stringsFollowCaseExactAndMultiValuedAttributesMatchAnyValue() {
        assertTrue(matches("userName eq \"ADA\""), "userName is caseExact false");
        assertFalse(matches("externalId eq \"okta-1\""), "externalId is caseExact true");
        assertTrue(matches("externalId eq \"Okta-1\""));
        assertTrue(matches("emails.value ew \"home.example\""));
        assertTrue(matches("emails[type eq \"home\" and value sw \"ada@\"]"));
        assertFalse(matches("emails[type eq \"home\" and primary eq true]"), "both in the same value");
        assertTrue(matches("emails.primary eq true"));
        assertFalse(matches("emails.value ne \"ada@example.com\""), "ne: no value equals");
        assertTrue(matches("name.familyName gt \"Hopper\" and name.familyName lt \"Turing\""));
        assertTrue(matches("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"e-1\""));
        assertTrue(matches("displayName eq null"));
        assertTrue(matches("title ne null"));
        assertTrue(matches("title eq \"Count\\u0065ss\""), "JSON escapes in values");
    }

    @Test
    void dateTimesCompareInTimeOrderWhateverTheOffset() {
        assertTrue(matches("meta.created eq \"2026-01-01T01:00:00+01:00\""));
        assertTrue(matches("meta.lastModified gt \"2026-03-01T10:59:59+01:00\""));
        assertFalse(matches("meta.lastModified ge \"2026-03-01T10:00:00.001Z\""));
    }

    @Test
    void whatTheGrammarOrTheSchemaDoesNotAllowIsInvalidFilter() {
        assertTrue(invalid("favouriteColour eq \"teal\"").contains("favouriteColour"));
        assertTrue(invalid("phoneNumbers pr").contains("not kept"));
        invalid("nickName eq null");
        invalid("active gt false");
        invalid("active eq \"true\"");
        invalid("meta.created co \"2026\"");
        invalid("meta.created gt \"last week\"");
        invalid("userName eq 42");
        invalid("title gt null");
        invalid("name eq \"Ada\"");
        invalid("userName[value eq \"x\"]");
        invalid("emails[type eq \"work\" and emails[value pr]]");
        invalid("emails[type eq \"work\"");
        invalid("userName eq \"a\" junk");
        invalid("userName eq \"a\\q\"");
        invalid("userName");
        invalid("(".repeat(60) + "userName pr" + ")".repeat(60));
        invalid("userName eq \"" + "x".repeat(Filter.MAX_LENGTH) + "\"");
        invalid(urn("enterprise"));
    }

    private static String urn(String extension) {
        return "urn:ietf:params:scim:schemas:extension:" + extension + ":2.0:User pr";
    }

    @Test
    void equalityAndPrefixConjunctionsArePushedDownExactly() {
        Pushdown<PersonQuery.Condition> exact = Pushdown.people(Filter.parse("userName eq \"Ada\" and active eq true"
                + " and urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department sw \"Res\"",
                Schemas.USERS));
        assertTrue(exact.exact());
        assertEquals(List.of(new PersonQuery.Condition(PersonQuery.Field.USER_NAME, PersonQuery.Match.EQUALS, "Ada"),
                new PersonQuery.Condition(PersonQuery.Field.ACTIVE, PersonQuery.Match.EQUALS, "true"),
                new PersonQuery.Condition(PersonQuery.Field.DEPARTMENT, PersonQuery.Match.STARTS_WITH, "Res")),
                exact.conditions());
        Pushdown<PersonQuery.Condition> partial = Pushdown.people(Filter.parse("emails.value eq \"a@x.org\" and"
                + " (title pr or active eq false)", Schemas.USERS));
        assertFalse(partial.exact(), "the or is evaluated in the bundle");
        assertEquals(List.of(new PersonQuery.Condition(PersonQuery.Field.WORK_EMAIL, PersonQuery.Match.EQUALS,
                "a@x.org")), partial.conditions(), "but the e-mail still narrows the scan");
        assertFalse(Pushdown.people(Filter.parse("userName co \"a\"", Schemas.USERS)).exact());
        Pushdown<GroupQuery.Condition> groups = Pushdown.groups(Filter.parse("id eq \"g\" and members[value eq "
                + "\"p-1\"] and displayName sw \"Men\"", Schemas.GROUPS));
        assertTrue(groups.exact());
        assertEquals(GroupQuery.Field.MEMBER, groups.conditions().get(1).field());
        assertFalse(Pushdown.groups(Filter.parse("members[display eq \"Ada\"]", Schemas.GROUPS)).exact());
    }
}
