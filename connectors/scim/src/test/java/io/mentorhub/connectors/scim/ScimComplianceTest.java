package io.mentorhub.connectors.scim;

import static io.mentorhub.connectors.scim.ScimTestSupport.patch;
import static io.mentorhub.connectors.scim.ScimTestSupport.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.PersonStatus;
import io.mentorhub.connectors.scim.ScimTestSupport.Response;
import io.mentorhub.engine.store.PersonStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The MUSTs of RFC 7644 (and the attribute rules of RFC 7643) this service provider implements, section by section,
 * over HTTP against the engine's real directory on H2. No third-party SCIM compliance suite is runnable here
 * (Apache SCIMple's is not published; Okta's and Microsoft's validators are web services), so this is ours;
 * {@link ScimInteropTest} drives the server with a third-party client as well.
 */
class ScimComplianceTest {

    ScimTestSupport scim;

    @BeforeEach
    void start() throws Exception {
        scim = new ScimTestSupport();
    }

    @AfterEach
    void stop() throws Exception {
        scim.close();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static void assertError(Response response, int status, String scimType) {
        assertEquals(status, response.status(), response.toString());
        assertTrue(response.header("Content-Type").startsWith("application/scim+json"), response.toString());
        assertEquals(List.of(Schemas.ERROR), List.of(response.body().path("schemas").get(0).asText()));
        assertEquals(String.valueOf(status), response.body().path("status").asText(), "status is a string");
        assertTrue(response.body().path("status").isTextual());
        assertEquals(scimType, response.scimType(), response.toString());
        assertFalse(response.body().path("detail").asText().isBlank());
    }

    // ---- §2 authentication --------------------------------------------------------------------------------------

    @Nested
    class Authentication {

        @Test
        void resourcesNeedTheBearerTokenAndSayHowToAuthenticate() throws Exception {
            Response none = scim.raw("GET", "/Users", null, Map.of());
            assertError(none, 401, null);
            assertEquals("Bearer realm=\"mentorhub SCIM\"", none.header("WWW-Authenticate"));
            Response wrong = scim.raw("GET", "/Users", null, Map.of("Authorization", "Bearer " + "x".repeat(40)));
            assertError(wrong, 401, null);
            assertTrue(wrong.header("WWW-Authenticate").contains("error=\"invalid_token\""));
            assertError(scim.raw("GET", "/Users", null, Map.of("Authorization", "Basic "
                    + ScimTestSupport.TOKEN)), 401, null);
            assertEquals(200, scim.raw("GET", "/Users", null, Map.of("Authorization", "bearer "
                    + ScimTestSupport.TOKEN)).status(), "the scheme is case-insensitive");
            assertError(scim.raw("POST", "/Users", user("ada", "Ada", "Lovelace", null), Map.of()), 401, null);
            assertEquals(0, scim.rowCounts().get("person"));
        }

        @Test
        void discoveryIsReadableBeforeAuthentication() throws Exception {
            assertEquals(200, scim.raw("GET", "/ServiceProviderConfig", null, Map.of()).status());
            assertEquals(200, scim.raw("GET", "/ResourceTypes", null, Map.of()).status());
            assertEquals(200, scim.raw("GET", "/Schemas", null, Map.of()).status());
        }

        @Test
        void withoutAUsableTokenEveryRequestIsRefused() throws Exception {
            for (String configured : new String[] {"", "too-short", "$[secret:scim.token]",
                    "has a space in it 0123456789abcdefghij"}) {
                try (ScimTestSupport unconfigured = new ScimTestSupport(ScimTestSupport.config(configured, "",
                        1 << 20, 200))) {
                    Response refused = unconfigured.raw("GET", "/Users", null, Map.of("Authorization", "Bearer "
                            + configured));
                    assertError(refused, 401, null);
                    assertEquals("SCIM provisioning is not configured on this hub",
                            refused.body().path("detail").asText());
                }
            }
        }
    }

    // ---- §3.3 creating resources --------------------------------------------------------------------------------

    @Nested
    class Create {

        @Test
        void postAnswers201WithLocationEtagAndTheResource() throws Exception {
            Map<String, Object> ada = user("Ada@Example.com", "Ada", "Lovelace", "ada@example.com");
            ada.put("externalId", "okta-00u1");
            ada.put("title", "Analyst");
            ada.put(Schemas.ENTERPRISE, Map.of("employeeNumber", "E-1", "department", "Research",
                    "costCenter", "CC-9"));
            Response created = scim.call("POST", "/Users", ada);
            assertEquals(201, created.status(), created.toString());
            assertTrue(created.header("Content-Type").startsWith("application/scim+json"));
            JsonNode body = created.body();
            String id = body.path("id").asText();
            assertFalse(id.isBlank());
            assertEquals(scim.base + "/Users/" + id, created.header("Location"));
            assertEquals(created.header("Location"), body.path("meta").path("location").asText());
            assertEquals(created.header("ETag"), body.path("meta").path("version").asText());
            assertTrue(created.header("ETag").startsWith("W/\""));
            assertEquals("User", body.path("meta").path("resourceType").asText());
            assertTrue(Instant.parse(body.path("meta").path("created").asText()).isBefore(Instant.now().plusSeconds(1)));
            assertEquals("Ada@Example.com", body.path("userName").asText());
            assertEquals("okta-00u1", body.path("externalId").asText());
            assertEquals("ada@example.com", body.path("emails").get(0).path("value").asText());
            assertEquals("Research", body.path(Schemas.ENTERPRISE).path("department").asText());
            assertEquals("CC-9", body.path(Schemas.ENTERPRISE).path("costCenter").asText());
            assertTrue(body.path("active").asBoolean());
            Set<String> schemas = new HashSet<>();
            body.path("schemas").forEach(s -> schemas.add(s.asText()));
            assertEquals(Set.of(Schemas.USER, Schemas.ENTERPRISE, Schemas.HUB), schemas);

            Person person = scim.database.inTransaction(tx -> new PersonStore().get(tx, id)).value();
            assertEquals("E-1", person.employeeNumber());
            assertEquals("CC-9", person.customAttributes().get("cost_center"));
            assertEquals(PersonStatus.A, person.status());
            var audit = scim.database.inTransaction(tx -> io.mentorhub.engine.store.AuditLog.list(tx, null, 1));
            assertEquals("scim", audit.get(0).actor(), "every change is audited as scim");
        }

        @Test
        void aTakenUserNameIs409UniquenessAndChangesNothing() throws Exception {
            scim.create(user("ada", "Ada", "Lovelace", "ada@example.com"));
            Map<String, Long> before = scim.rowCounts();
            assertError(scim.call("POST", "/Users", user("ADA", "Ada", "Byron", "byron@example.com")), 409,
                    "uniqueness");
            assertError(scim.call("POST", "/Users", user("ada2", "Ada", "Byron", "ADA@example.com")), 409,
                    "uniqueness");
            assertEquals(before, scim.rowCounts());
        }

        @Test
        void badBodiesAreRefusedWithTheirScimType() throws Exception {
            Map<String, Long> before = scim.rowCounts();
            Map<String, Object> noUserName = user("x", "A", "B", null);
            noUserName.remove("userName");
            assertError(scim.call("POST", "/Users", noUserName), 400, "invalidValue");
            Map<String, Object> noSchemas = user("x", "A", "B", null);
            noSchemas.remove("schemas");
            assertError(scim.call("POST", "/Users", noSchemas), 400, "invalidSyntax");
            Map<String, Object> unknown = user("x", "A", "B", null);
            unknown.put("favouriteColour", "teal");
            Response unknownAttribute = scim.call("POST", "/Users", unknown);
            assertError(unknownAttribute, 400, "invalidSyntax");
            assertTrue(unknownAttribute.body().path("detail").asText().contains("favouriteColour"));
            Map<String, Object> badEmail = user("x", "A", "B", "not-an-address");
            Response email = scim.call("POST", "/Users", badEmail);
            assertError(email, 400, "invalidValue");
            assertTrue(email.body().path("detail").asText().startsWith("emails.value"));
            assertFalse(email.body().path("detail").asText().contains("not-an-address"), "values are not echoed");
            Map<String, Object> wrongType = user("x", "A", "B", null);
            wrongType.put("active", 3);
            assertError(scim.call("POST", "/Users", wrongType), 400, "invalidValue");
            Map<String, Object> noName = user("x", "A", "B", null);
            noName.remove("name");
            assertError(scim.call("POST", "/Users", noName), 400, "invalidValue");
            assertError(scim.call("POST", "/Users", "{\"schemas\": [\"" + Schemas.USER + "\"], \"userName\": "),
                    400, "invalidSyntax");
            assertError(scim.call("POST", "/Users", "{\"schemas\": [\"" + Schemas.USER + "\"], \"userName\": \"a\","
                    + " \"userName\": \"b\"}"), 400, "invalidSyntax");
            assertError(scim.call("POST", "/Users", "[1, 2]"), 400, "invalidSyntax");
            Map<String, Object> badManager = user("x", "A", "B", null);
            badManager.put(Schemas.ENTERPRISE, Map.of("manager", Map.of("value", "nobody")));
            assertError(scim.call("POST", "/Users", badManager), 400, "invalidValue");
            assertEquals(before, scim.rowCounts());
        }

        @Test
        void readOnlyAttributesAreIgnoredAndStandardAttributesTheHubDoesNotKeepAreAccepted() throws Exception {
            Map<String, Object> ada = user("ada", "Ada", "Lovelace", null);
            ada.put("id", "client-chosen");
            ada.put("meta", Map.of("resourceType", "User"));
            ada.put("groups", List.of(Map.of("value", "g")));
            ada.put("phoneNumbers", List.of(Map.of("value", "+1 555", "type", "work")));
            ada.put("name", Map.of("givenName", "Ada", "familyName", "Lovelace", "formatted", "Ada Lovelace"));
            ada.put("preferredLanguage", "en-GB");
            Response created = scim.call("POST", "/Users", ada);
            assertEquals(201, created.status(), created.toString());
            assertNotEquals("client-chosen", created.body().path("id").asText(), "the service provider assigns ids");
            assertTrue(created.body().path("phoneNumbers").isMissingNode());
            assertTrue(created.body().path("groups").isMissingNode());
        }

        @Test
        void attributeNamesIgnoreCase() throws Exception {
            Response created = scim.call("POST", "/Users", Map.of("SCHEMAS", List.of(Schemas.USER),
                    "USERNAME", "ada", "Name", Map.of("GIVENNAME", "Ada", "familyname", "Lovelace"),
                    Schemas.ENTERPRISE.toUpperCase(), Map.of("EmployeeNumber", "7")));
            assertEquals(201, created.status(), created.toString());
            assertEquals("ada", created.body().path("userName").asText());
            assertEquals("Ada", created.body().path("name").path("givenName").asText());
            assertEquals("7", created.body().path(Schemas.ENTERPRISE).path("employeeNumber").asText());
        }
    }

    // ---- §3.4.1 retrieving a resource, §3.14 versions ------------------------------------------------------------

    @Nested
    class Read {

        @Test
        void getAnswersTheResourceWithItsEtagOr404() throws Exception {
            String id = scim.create(user("ada", "Ada", "Lovelace", "ada@example.com"));
            Response read = scim.call("GET", "/Users/" + id, null);
            assertEquals(200, read.status());
            assertEquals(read.header("ETag"), read.body().path("meta").path("version").asText());
            assertError(scim.call("GET", "/Users/no-such-user", null), 404, null);
            assertError(scim.call("GET", "/Groups/no-such-group", null), 404, null);
        }

        @Test
        void ifNoneMatchAnswers304WhileTheVersionIsCurrent() throws Exception {
            String id = scim.create(user("ada", "Ada", "Lovelace", null));
            String etag = scim.call("GET", "/Users/" + id, null).header("ETag");
            Response unchanged = scim.call("GET", "/Users/" + id, null, Map.of("If-None-Match", etag));
            assertEquals(304, unchanged.status());
            assertNull(unchanged.body());
            assertEquals(etag, unchanged.header("ETag"));
            scim.call("PATCH", "/Users/" + id, patch(Map.of("op", "replace", "path", "title", "value", "Analyst")));
            Response changed = scim.call("GET", "/Users/" + id, null, Map.of("If-None-Match", etag));
            assertEquals(200, changed.status());
            assertNotEquals(etag, changed.header("ETag"));
        }

        @Test
        void hrisPeopleAreUsersKnownByTheirWorkEmail() throws Exception {
            scim.database.inTransaction(tx -> new PersonStore().upsert(tx, List.of(new PersonStore.Upsert(
                    new Person("E100", "100", "Grace", "Hopper", "grace@example.com", "Admiral", "L9", "Navy",
                            "Compilers", "Arlington", "America/New_York", List.of("en"), null,
                            LocalDate.of(1943, 12, 1), PersonStatus.L, Map.of()), null))));
            Response found = scim.call("GET", "/Users?filter=" + encode("userName eq \"Grace@Example.com\""), null);
            assertEquals(1, found.body().path("totalResults").asInt(), found.toString());
            JsonNode grace = found.body().path("Resources").get(0);
            assertEquals("E100", grace.path("id").asText());
            assertEquals("grace@example.com", grace.path("userName").asText());
            assertTrue(grace.path("active").asBoolean(), "on leave is still active");
            assertTrue(grace.path(Schemas.HUB).path("onLeave").asBoolean());
            assertEquals("1943-12-01", grace.path(Schemas.HUB).path("hireDate").asText());
        }
    }

    // ---- §3.4.2 query -------------------------------------------------------------------------------------------

    @Nested
    class Query {

        List<String> ids = new ArrayList<>();

        @BeforeEach
        void people() throws Exception {
            for (int i = 0; i < 12; i++) {
                Map<String, Object> user = user("user" + i, "Given" + i, i % 3 == 0 ? "Lovelace" : "Hopper",
                        "u" + i + (i % 2 == 0 ? "@example.com" : "@example.org"));
                user.put("externalId", "Ext-" + i);
                if (i < 4) {
                    user.put("title", "Engineer " + i);
                }
                user.put(Schemas.ENTERPRISE, Map.of("employeeNumber", String.valueOf(100 + i)));
                ids.add(scim.create(user));
            }
            scim.call("PATCH", "/Users/" + ids.get(5), patch(Map.of("op", "replace", "path", "active",
                    "value", false)));
        }

        int total(String filter) throws Exception {
            Response response = scim.call("GET", "/Users?filter=" + encode(filter), null);
            assertEquals(200, response.status(), filter + " -> " + response);
            return response.body().path("totalResults").asInt();
        }

        @Test
        void filtersFollowTheOperatorsCaseRulesAndPrecedence() throws Exception {
            assertEquals(1, total("userName eq \"USER3\""), "userName is caseExact false");
            assertEquals(0, total("externalId eq \"ext-3\""), "externalId is caseExact true");
            assertEquals(1, total("externalId eq \"Ext-3\""));
            assertEquals(1, total("USERNAME EQ \"user3\""), "attribute names and operators ignore case");
            assertEquals(11, total("userName ne \"user3\""));
            assertEquals(4, total("name.familyName co \"LACE\""));
            assertEquals(3, total("userName sw \"user1\""), "user1, user10, user11");
            assertEquals(6, total("emails.value ew \".org\""));
            assertEquals(6, total("emails[type eq \"work\" and value ew \"@example.com\"]"));
            assertEquals(6, total("emails co \"example.com\""), "a complex attribute compares its value");
            assertEquals(4, total("title pr"));
            assertEquals(8, total("not (title pr)"));
            assertEquals(1, total("active eq false"));
            assertEquals(11, total("not (active eq false)"));
            assertEquals(1, total(Schemas.ENTERPRISE + ":employeeNumber eq \"103\""));
            assertEquals(2, total(Schemas.ENTERPRISE + ":employeeNumber gt \"109\""));
            assertEquals(1, total("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"user4\""));
            // and binds tighter than or: user0 or (user1 and Lovelace) = user0 only, user1 is a Hopper.
            assertEquals(1, total("userName eq \"user0\" or userName eq \"user1\" and name.familyName eq "
                    + "\"Lovelace\""));
            assertEquals(0, total("(userName eq \"user0\" or userName eq \"user1\") and name.familyName eq "
                    + "\"Hopper\" and userName eq \"user0\""));
            assertEquals(12, total("meta.lastModified gt \"2000-01-01T00:00:00Z\""));
            assertEquals(0, total("meta.created lt \"2000-01-01T00:00:00+01:00\""));
            assertEquals(1, total("id eq \"" + ids.get(7) + "\""));
            assertEquals(12, total("title eq null or title pr"));
        }

        @Test
        void badFiltersAre400InvalidFilter() throws Exception {
            for (String filter : List.of("userName eq", "userName xx \"a\"", "favouriteColour eq \"teal\"",
                    "active gt true", "userName eq \"unclosed", "(userName eq \"a\"", "userName eq a",
                    "name eq \"Ada\"", "meta.created gt \"yesterday\"", "phoneNumbers pr", "title co 3",
                    "emails[type eq \"work\"", "emails[value pr] and groups[value pr", "")) {
                Response response = scim.call("GET", "/Users?filter=" + encode(filter), null);
                if (filter.isEmpty()) {
                    assertEquals(200, response.status(), "an empty filter is no filter");
                    continue;
                }
                assertError(response, 400, "invalidFilter");
            }
        }

        @Test
        void pagesAre1BasedWithTotalsAndClampedCounts() throws Exception {
            JsonNode first = scim.call("GET", "/Users?startIndex=1&count=5", null).body();
            assertEquals(List.of(Schemas.LIST_RESPONSE), List.of(first.path("schemas").get(0).asText()));
            assertEquals(12, first.path("totalResults").asInt());
            assertEquals(5, first.path("itemsPerPage").asInt());
            assertEquals(1, first.path("startIndex").asInt());
            Set<String> seen = new HashSet<>();
            for (int start = 1; start <= 12; start += 5) {
                JsonNode page = scim.call("GET", "/Users?startIndex=" + start + "&count=5", null).body();
                page.path("Resources").forEach(r -> assertTrue(seen.add(r.path("id").asText())));
            }
            assertEquals(new HashSet<>(ids), seen, "pages cover everyone once");
            JsonNode last = scim.call("GET", "/Users?startIndex=11&count=5", null).body();
            assertEquals(2, last.path("itemsPerPage").asInt());
            JsonNode countOnly = scim.call("GET", "/Users?count=0", null).body();
            assertEquals(12, countOnly.path("totalResults").asInt());
            assertEquals(0, countOnly.path("Resources").size());
            assertEquals(1, scim.call("GET", "/Users?startIndex=0&count=1", null).body().path("startIndex").asInt());
            assertEquals(0, scim.call("GET", "/Users?startIndex=99", null).body().path("itemsPerPage").asInt());
            assertEquals(0, scim.call("GET", "/Users?count=-3", null).body().path("itemsPerPage").asInt());
            assertError(scim.call("GET", "/Users?count=many", null), 400, "invalidValue");
            assertError(scim.call("GET", "/Users?startIndex=first", null), 400, "invalidValue");
            try (ScimTestSupport small = new ScimTestSupport(ScimTestSupport.config(ScimTestSupport.TOKEN, "",
                    1 << 20, 3))) {
                for (int i = 0; i < 5; i++) {
                    small.create(user("p" + i, "P", "Q", null));
                }
                JsonNode clamped = small.call("GET", "/Users?count=50", null).body();
                assertEquals(3, clamped.path("itemsPerPage").asInt(), "count is capped at filter.maxResults");
                assertEquals(5, clamped.path("totalResults").asInt());
            }
        }

        @Test
        void filtersEvaluatedInTheBundlePageLikeTheOthers() throws Exception {
            String filter = encode("name.familyName eq \"Hopper\" and emails.value co \"example\"");
            String scanned = encode("emails[value co \"example\"] and name.familyName eq \"Hopper\"");
            JsonNode all = scim.call("GET", "/Users?filter=" + filter + "&count=100", null).body();
            assertEquals(8, all.path("totalResults").asInt());
            List<String> pages = new ArrayList<>();
            for (int start = 1; start <= 8; start += 3) {
                JsonNode page = scim.call("GET", "/Users?filter=" + scanned + "&startIndex=" + start + "&count=3",
                        null).body();
                assertEquals(8, page.path("totalResults").asInt());
                page.path("Resources").forEach(r -> pages.add(r.path("id").asText()));
            }
            List<String> expected = new ArrayList<>();
            all.path("Resources").forEach(r -> expected.add(r.path("id").asText()));
            assertEquals(expected, pages);
        }

        @Test
        void attributesAndExcludedAttributesShapeResources() throws Exception {
            JsonNode only = scim.call("GET", "/Users?count=1&attributes=userName,name.givenName", null).body()
                    .path("Resources").get(0);
            Set<String> fields = new HashSet<>();
            only.fieldNames().forEachRemaining(fields::add);
            assertEquals(Set.of("schemas", "id", "userName", "name"), fields, only.toString());
            assertEquals(1, only.path("name").size());
            JsonNode without = scim.call("GET", "/Users/" + ids.get(0) + "?excludedAttributes=emails,id,meta", null)
                    .body();
            assertTrue(without.path("emails").isMissingNode());
            assertTrue(without.path("meta").isMissingNode());
            assertEquals(ids.get(0), without.path("id").asText(), "id is always returned");
            JsonNode enterprise = scim.call("GET", "/Users/" + ids.get(0) + "?attributes=" + encode(Schemas.ENTERPRISE
                    + ":employeeNumber"), null).body();
            assertEquals("100", enterprise.path(Schemas.ENTERPRISE).path("employeeNumber").asText());
            assertTrue(enterprise.path("userName").isMissingNode());
            assertError(scim.call("GET", "/Users?attributes=userName&excludedAttributes=emails", null), 400,
                    "invalidValue");
        }

        @Test
        void searchesCanBePostedTo_search() throws Exception {
            Response found = scim.call("POST", "/Users/.search", Map.of("schemas", List.of(Schemas.SEARCH_REQUEST),
                    "filter", "name.familyName eq \"Lovelace\"", "startIndex", 2, "count", 2,
                    "attributes", List.of("userName")));
            assertEquals(200, found.status(), found.toString());
            assertEquals(4, found.body().path("totalResults").asInt());
            assertEquals(2, found.body().path("itemsPerPage").asInt());
            assertTrue(found.body().path("Resources").get(0).path("emails").isMissingNode());
            assertError(scim.call("POST", "/Users/.search", Map.of("filter", "userName pr")), 400, "invalidSyntax");
            assertError(scim.call("GET", "/Users/.search", null), 405, null);
        }
    }

    // ---- §3.5.1 replacing with PUT ------------------------------------------------------------------------------

    @Nested
    class Replace {

        @Test
        void putReplacesTheAttributesItAssertsAndClearsTheOthers() throws Exception {
            Map<String, Object> ada = user("ada", "Ada", "Lovelace", "ada@example.com");
            ada.put("title", "Analyst");
            ada.put(Schemas.HUB, Map.of("grade", "L5", "team", "Engines", "languages", List.of("en", "fr")));
            String id = scim.create(ada);
            String etag = scim.call("GET", "/Users/" + id, null).header("ETag");

            Map<String, Object> replaced = user("ada.lovelace", "Ada", "King", "ada@example.com");
            Response put = scim.call("PUT", "/Users/" + id, replaced);
            assertEquals(200, put.status(), put.toString());
            assertEquals("ada.lovelace", put.body().path("userName").asText());
            assertEquals("King", put.body().path("name").path("familyName").asText());
            assertTrue(put.body().path("title").isMissingNode(), "title was not asserted: cleared");
            assertEquals("L5", put.body().path(Schemas.HUB).path("grade").asText(),
                    "the hub extension was neither sent nor listed: its HRIS fields stay");
            assertNotEquals(etag, put.header("ETag"));

            Map<String, Object> clearing = user("ada.lovelace", "Ada", "King", "ada@example.com");
            clearing.put("schemas", List.of(Schemas.USER, Schemas.HUB));
            JsonNode cleared = scim.call("PUT", "/Users/" + id, clearing).body();
            assertTrue(cleared.path(Schemas.HUB).path("grade").isMissingNode(), "listed in schemas: asserted");
        }

        @Test
        void ifMatchGuardsWrites() throws Exception {
            String id = scim.create(user("ada", "Ada", "Lovelace", null));
            String etag = scim.call("GET", "/Users/" + id, null).header("ETag");
            assertEquals(200, scim.call("PUT", "/Users/" + id, user("ada", "Ada", "Byron", null),
                    Map.of("If-Match", etag)).status());
            Map<String, Long> before = scim.rowCounts();
            assertError(scim.call("PUT", "/Users/" + id, user("ada", "Ada", "King", null),
                    Map.of("If-Match", etag)), 412, null);
            assertError(scim.call("PATCH", "/Users/" + id, patch(Map.of("op", "replace", "path", "title", "value",
                    "X")), Map.of("If-Match", etag)), 412, null);
            assertError(scim.call("DELETE", "/Users/" + id, null, Map.of("If-Match", etag)), 412, null);
            assertEquals(before, scim.rowCounts());
            assertEquals(200, scim.call("PUT", "/Users/" + id, user("ada", "Ada", "King", null),
                    Map.of("If-Match", "*")).status());
        }

        @Test
        void aPutWithoutActiveNeitherRehiresNorTerminates() throws Exception {
            String id = scim.create(user("ada", "Ada", "Lovelace", null));
            scim.call("PATCH", "/Users/" + id, patch(Map.of("op", "replace", "path", "active", "value", false)));
            Map<String, Object> withoutActive = user("ada", "Ada", "Lovelace", null);
            withoutActive.remove("active");
            withoutActive.put("title", "Analyst");
            Response put = scim.call("PUT", "/Users/" + id, withoutActive);
            assertEquals(200, put.status(), put.toString());
            assertFalse(put.body().path("active").asBoolean());
            assertEquals(PersonStatus.T, scim.database.inTransaction(tx -> new PersonStore().get(tx, id)).value()
                    .status());
        }

        @Test
        void putRefusesAnotherIdAndUnknownUsers() throws Exception {
            String id = scim.create(user("ada", "Ada", "Lovelace", null));
            Map<String, Object> other = user("ada", "Ada", "Lovelace", null);
            other.put("id", "someone-else");
            assertError(scim.call("PUT", "/Users/" + id, other), 400, "invalidValue");
            assertError(scim.call("PUT", "/Users/nobody", user("x", "X", "Y", null)), 404, null);
            String grace = scim.create(user("grace", "Grace", "Hopper", null));
            assertError(scim.call("PUT", "/Users/" + grace, user("ADA", "Grace", "Hopper", null)), 409, "uniqueness");
        }
    }

    // ---- §3.5.2 PATCH -------------------------------------------------------------------------------------------

    @Nested
    class Modify {

        String id;

        @BeforeEach
        void ada() throws Exception {
            Map<String, Object> ada = user("ada", "Ada", "Lovelace", "ada@example.com");
            ada.put("title", "Analyst");
            id = scim.create(ada);
        }

        JsonNode patchOk(Map<?, ?>... operations) throws Exception {
            Response response = scim.call("PATCH", "/Users/" + id, patch(operations));
            assertEquals(200, response.status(), response.toString());
            assertEquals(response.header("ETag"), response.body().path("meta").path("version").asText());
            return response.body();
        }

        @Test
        void operationsWithAndWithoutPaths() throws Exception {
            JsonNode after = patchOk(Map.of("op", "replace", "path", "name.givenName", "value", "Augusta"),
                    Map.of("op", "add", "value", Map.of("title", "Countess", "name.familyName", "King",
                            Schemas.ENTERPRISE + ":department", "Mathematics")),
                    Map.of("op", "replace", "path", "emails[type eq \"work\"].value", "value", "augusta@example.com"),
                    Map.of("op", "add", "path", Schemas.ENTERPRISE, "value", Map.of("employeeNumber", "1815")));
            assertEquals("Augusta", after.path("name").path("givenName").asText());
            assertEquals("King", after.path("name").path("familyName").asText());
            assertEquals("Countess", after.path("title").asText());
            assertEquals("augusta@example.com", after.path("emails").get(0).path("value").asText());
            assertEquals("Mathematics", after.path(Schemas.ENTERPRISE).path("department").asText());
            assertEquals("1815", after.path(Schemas.ENTERPRISE).path("employeeNumber").asText());
            JsonNode removed = patchOk(Map.of("op", "remove", "path", "title"),
                    Map.of("op", "remove", "path", "emails[type eq \"work\"]"));
            assertTrue(removed.path("title").isMissingNode());
            assertTrue(removed.path("emails").isMissingNode());
            JsonNode added = patchOk(Map.of("op", "add", "path", "emails[type eq \"work\"].value",
                    "value", "ada@example.org"));
            assertEquals("work", added.path("emails").get(0).path("type").asText(), "created from the filter");
            assertEquals("ada@example.org", added.path("emails").get(0).path("value").asText());
        }

        @Test
        void deactivationTerminatesTheHubPersonWithDatedHistory() throws Exception {
            // Okta deactivates with a path-less replace; Entra ID sends "Replace" and "False" as a string.
            JsonNode okta = patchOk(Map.of("op", "replace", "value", Map.of("active", false)));
            assertFalse(okta.path("active").asBoolean());
            Person person = scim.database.inTransaction(tx -> new PersonStore().get(tx, id)).value();
            assertEquals(PersonStatus.T, person.status());
            var status = scim.database.inTransaction(tx -> new PersonStore().history(tx, id)).stream()
                    .filter(c -> c.field() == Person.TrackedField.STATUS).toList();
            assertEquals("T", status.get(status.size() - 1).newValue());
            assertEquals(Instant.now().atOffset(ZoneOffset.UTC).toLocalDate(),
                    status.get(status.size() - 1).effectiveDate());
            JsonNode entra = patchOk(Map.of("op", "Replace", "path", "active", "value", "True"));
            assertTrue(entra.path("active").asBoolean());
            assertEquals(PersonStatus.A, scim.database.inTransaction(tx -> new PersonStore().get(tx, id)).value()
                    .status());
        }

        @Test
        void managersAreUsersSetByIdAsEntraAndOktaSendThem() throws Exception {
            String boss = scim.create(user("boss", "Barbara", "Liskov", null));
            JsonNode entra = patchOk(Map.of("op", "Add", "path", Schemas.ENTERPRISE + ":manager", "value", boss));
            assertEquals(boss, entra.path(Schemas.ENTERPRISE).path("manager").path("value").asText());
            assertEquals(scim.base + "/Users/" + boss,
                    entra.path(Schemas.ENTERPRISE).path("manager").path("$ref").asText());
            JsonNode removed = patchOk(Map.of("op", "Remove", "path", Schemas.ENTERPRISE + ":manager"));
            assertTrue(removed.path(Schemas.ENTERPRISE).path("manager").isMissingNode());
            JsonNode okta = patchOk(Map.of("op", "replace", "path", Schemas.ENTERPRISE + ":manager.value",
                    "value", boss));
            assertEquals(boss, okta.path(Schemas.ENTERPRISE).path("manager").path("value").asText());
            assertError(scim.call("PATCH", "/Users/" + id, patch(Map.of("op", "replace", "path",
                    Schemas.ENTERPRISE + ":manager.value", "value", id))), 400, "invalidValue");
        }

        @Test
        void errorsLeaveTheResourceAsItWas() throws Exception {
            JsonNode before = scim.call("GET", "/Users/" + id, null).body();
            Map<String, Long> rows = scim.rowCounts();
            record Case(Object body, String scimType) {
            }
            for (Case c : List.of(
                    new Case(patch(Map.of("op", "remove")), "noTarget"),
                    new Case(patch(Map.of("op", "replace", "path", "emails[type eq \"home\"].value", "value",
                            "x@example.com")), "noTarget"),
                    new Case(patch(Map.of("op", "replace", "path", "id", "value", "new-id")), "mutability"),
                    new Case(patch(Map.of("op", "add", "path", "groups", "value", List.of(Map.of("value", "g")))),
                            "mutability"),
                    new Case(patch(Map.of("op", "replace", "path", "meta.version", "value", "W/\"9\"")), "mutability"),
                    new Case(patch(Map.of("op", "replace", "path", "favouriteColour", "value", "teal")),
                            "invalidPath"),
                    new Case(patch(Map.of("op", "replace", "path", "emails[type eq ]", "value", "x")), "invalidPath"),
                    new Case(patch(Map.of("op", "move", "path", "title", "value", "x")), "invalidSyntax"),
                    new Case(patch(Map.of("op", "replace", "path", "title")), "invalidSyntax"),
                    new Case(Map.of("Operations", List.of(Map.of("op", "remove", "path", "title"))), "invalidSyntax"),
                    new Case(patch(), "invalidSyntax"),
                    // The first operation is fine; the second fails, so neither is applied.
                    new Case(patch(Map.of("op", "replace", "path", "title", "value", "Engineer"),
                            Map.of("op", "remove", "path", "userName")), "invalidValue"),
                    new Case(patch(Map.of("op", "replace", "path", "title", "value", "Engineer"),
                            Map.of("op", "replace", "path", "active", "value", "maybe")), "invalidValue"))) {
                Response response = scim.call("PATCH", "/Users/" + id, c.body());
                assertError(response, 400, c.scimType());
            }
            assertEquals(before, scim.call("GET", "/Users/" + id, null).body());
            assertEquals(rows, scim.rowCounts());
        }

        @Test
        void attributesTheHubDoesNotKeepAreAcceptedAndIgnored() throws Exception {
            JsonNode before = scim.call("GET", "/Users/" + id, null).body();
            JsonNode after = patchOk(Map.of("op", "Add", "path", "phoneNumbers[type eq \"work\"].value", "value",
                    "+1 555 0100"), Map.of("op", "Replace", "path", "addresses[type eq \"work\"].locality", "value",
                    "London"), Map.of("op", "add", "value", Map.of("preferredLanguage", "en-GB")));
            assertEquals(before, after, "nothing kept changed, so neither did the version");
        }
    }

    // ---- §3.6 deleting ------------------------------------------------------------------------------------------

    @Nested
    class Delete {

        @Test
        void deletedUsersAre404ButTheHubKeepsThemTerminated() throws Exception {
            String id = scim.create(user("ada", "Ada", "Lovelace", "ada@example.com"));
            String group = scim.call("POST", "/Groups", Map.of("schemas", List.of(Schemas.GROUP), "displayName",
                    "Mentors", "members", List.of(Map.of("value", id)))).body().path("id").asText();
            Response deleted = scim.call("DELETE", "/Users/" + id, null);
            assertEquals(204, deleted.status());
            assertNull(deleted.body());
            assertError(scim.call("GET", "/Users/" + id, null), 404, null);
            assertEquals(0, scim.call("GET", "/Users?filter=" + encode("userName eq \"ada\""), null).body()
                    .path("totalResults").asInt());
            assertTrue(scim.call("GET", "/Groups/" + group, null).body().path("members").isMissingNode(),
                    "a deleted User is no group's member");
            assertError(scim.call("DELETE", "/Users/" + id, null), 404, null);
            assertError(scim.call("PATCH", "/Users/" + id, patch(Map.of("op", "replace", "path", "title",
                    "value", "x"))), 404, null);
            assertEquals(PersonStatus.T, scim.database.inTransaction(tx -> new PersonStore().get(tx, id)).value()
                    .status(), "people are never deleted");

            Response rehired = scim.call("POST", "/Users", user("ada", "Ada", "Lovelace", "ada@example.com"));
            assertEquals(201, rehired.status(), rehired.toString());
            assertEquals(id, rehired.body().path("id").asText(), "a rehire under the same login is the same person");
        }

        @Test
        void deletedGroupsAreGone() throws Exception {
            String group = scim.call("POST", "/Groups", Map.of("schemas", List.of(Schemas.GROUP), "displayName",
                    "Mentors")).body().path("id").asText();
            assertEquals(204, scim.call("DELETE", "/Groups/" + group, null).status());
            assertError(scim.call("GET", "/Groups/" + group, null), 404, null);
            assertError(scim.call("DELETE", "/Groups/" + group, null), 404, null);
        }
    }

    // ---- Groups -------------------------------------------------------------------------------------------------

    @Nested
    class Groups {

        List<String> people = new ArrayList<>();

        @BeforeEach
        void staff() throws Exception {
            for (int i = 0; i < 4; i++) {
                people.add(scim.create(user("p" + i, "Person", "Number" + i, null)));
            }
        }

        Map<String, Object> group(String name, String... members) {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("schemas", List.of(Schemas.GROUP));
            group.put("displayName", name);
            List<Map<String, String>> list = new ArrayList<>();
            for (String member : members) {
                list.add(Map.of("value", member));
            }
            group.put("members", list);
            return group;
        }

        List<String> members(String groupId) throws Exception {
            List<String> ids = new ArrayList<>();
            scim.call("GET", "/Groups/" + groupId, null).body().path("members")
                    .forEach(m -> ids.add(m.path("value").asText()));
            return ids;
        }

        @Test
        void groupsAreCreatedListedAndFilteredByNameAndMember() throws Exception {
            Response created = scim.call("POST", "/Groups", group("Mentors", people.get(0), people.get(1)));
            assertEquals(201, created.status(), created.toString());
            String id = created.body().path("id").asText();
            JsonNode member = null;
            for (JsonNode m : created.body().path("members")) {
                if (m.path("value").asText().equals(people.get(0))) {
                    member = m;
                }
            }
            assertEquals("User", member.path("type").asText());
            assertEquals(scim.base + "/Users/" + member.path("value").asText(), member.path("$ref").asText());
            assertEquals("Person Number0", member.path("display").asText());
            scim.call("POST", "/Groups", group("Mentees", people.get(2)));
            assertError(scim.call("POST", "/Groups", group("MENTORS")), 409, "uniqueness");
            assertError(scim.call("POST", "/Groups", group("Ghosts", "nobody")), 400, "invalidValue");
            Map<String, Object> nested = group("Nested");
            nested.put("members", List.of(Map.of("value", id, "type", "Group")));
            assertError(scim.call("POST", "/Groups", nested), 400, "invalidValue");

            JsonNode byName = scim.call("GET", "/Groups?filter=" + encode("displayName eq \"mentors\"")
                    + "&excludedAttributes=members", null).body();
            assertEquals(1, byName.path("totalResults").asInt());
            assertTrue(byName.path("Resources").get(0).path("members").isMissingNode());
            JsonNode byMember = scim.call("GET", "/Groups?filter=" + encode("id eq \"" + id
                    + "\" and members[value eq \"" + people.get(1) + "\"]"), null).body();
            assertEquals(1, byMember.path("totalResults").asInt(), "how Entra ID checks a membership");
            assertEquals(0, scim.call("GET", "/Groups?filter=" + encode("members.value eq \"" + people.get(3)
                    + "\""), null).body().path("totalResults").asInt());
            assertEquals(2, scim.call("GET", "/Groups?filter=" + encode("displayName co \"ent\""), null).body()
                    .path("totalResults").asInt());
            JsonNode user = scim.call("GET", "/Users/" + people.get(0), null).body();
            assertEquals("Mentors", user.path("groups").get(0).path("display").asText());
            assertEquals(id, user.path("groups").get(0).path("value").asText());
        }

        @Test
        void memberChangesTouchOnlyThoseMembers() throws Exception {
            String id = scim.call("POST", "/Groups", group("Mentors", people.get(0))).body().path("id").asText();
            Response added = scim.call("PATCH", "/Groups/" + id, patch(Map.of("op", "add", "path", "members",
                    "value", List.of(Map.of("value", people.get(1)), Map.of("value", people.get(2))))));
            assertEquals(204, added.status(), added.toString());
            assertEquals("W/\"2\"", added.header("ETag"));
            assertEquals(List.of(people.get(0), people.get(1), people.get(2)).stream().sorted().toList(),
                    members(id));
            // Okta removes by filter; Entra ID by value, op in any case.
            assertEquals(204, scim.call("PATCH", "/Groups/" + id, patch(Map.of("op", "remove", "path",
                    "members[value eq \"" + people.get(0) + "\"]"))).status());
            assertEquals(204, scim.call("PATCH", "/Groups/" + id, patch(Map.of("op", "Remove", "path", "members",
                    "value", List.of(Map.of("value", people.get(1)))))).status());
            assertEquals(List.of(people.get(2)), members(id));
            Response again = scim.call("PATCH", "/Groups/" + id, patch(Map.of("op", "remove", "path",
                    "members[value eq \"" + people.get(0) + "\"]")));
            assertEquals(204, again.status(), "removing a non-member is idempotent");
            assertEquals("W/\"4\"", again.header("ETag"), "and changes nothing");
            assertError(scim.call("PATCH", "/Groups/" + id, patch(Map.of("op", "add", "path", "members",
                    "value", List.of(Map.of("value", "ghost"))))), 400, "invalidValue");
            assertError(scim.call("PATCH", "/Groups/" + id, patch(Map.of("op", "add", "path", "members",
                    "value", List.of(Map.of("value", people.get(3))))), Map.of("If-Match", "W/\"1\"")), 412, null);
        }

        @Test
        void otherPatchesReplaceTheGroup() throws Exception {
            String id = scim.call("POST", "/Groups", group("Mentors", people.get(0), people.get(1))).body()
                    .path("id").asText();
            Response renamed = scim.call("PATCH", "/Groups/" + id, patch(Map.of("op", "replace", "value",
                    Map.of("displayName", "Senior mentors", "externalId", "okta-g1")),
                    Map.of("op", "replace", "path", "members", "value", List.of(Map.of("value", people.get(3))))));
            assertEquals(200, renamed.status(), renamed.toString());
            assertEquals("Senior mentors", renamed.body().path("displayName").asText());
            assertEquals("okta-g1", renamed.body().path("externalId").asText());
            assertEquals(List.of(people.get(3)), members(id));
            Response emptied = scim.call("PATCH", "/Groups/" + id, patch(Map.of("op", "remove", "path",
                    "members")));
            assertEquals(200, emptied.status());
            assertEquals(List.of(), members(id));
            assertError(scim.call("PATCH", "/Groups/" + id, patch(Map.of("op", "remove", "path", "displayName"))),
                    400, "invalidValue");
            Response put = scim.call("PUT", "/Groups/" + id, group("Mentors 2027", people.get(1)));
            assertEquals(200, put.status());
            assertEquals(List.of(people.get(1)), members(id));
        }
    }

    // ---- §4 discovery -------------------------------------------------------------------------------------------

    @Nested
    class DiscoveryEndpoints {

        @Test
        void serviceProviderConfigTellsWhatIsSupported() throws Exception {
            JsonNode config = scim.call("GET", "/ServiceProviderConfig", null).body();
            assertEquals(Schemas.SERVICE_PROVIDER_CONFIG, config.path("schemas").get(0).asText());
            assertTrue(config.path("patch").path("supported").asBoolean());
            assertTrue(config.path("filter").path("supported").asBoolean());
            assertEquals(200, config.path("filter").path("maxResults").asInt());
            assertTrue(config.path("etag").path("supported").asBoolean());
            assertFalse(config.path("bulk").path("supported").asBoolean());
            assertFalse(config.path("sort").path("supported").asBoolean());
            assertFalse(config.path("changePassword").path("supported").asBoolean());
            assertEquals("oauthbearertoken", config.path("authenticationSchemes").get(0).path("type").asText());
            assertEquals(scim.base + "/ServiceProviderConfig", config.path("meta").path("location").asText());
        }

        @Test
        void resourceTypesAndSchemasDescribeUsersGroupsAndExtensions() throws Exception {
            JsonNode types = scim.call("GET", "/ResourceTypes", null).body();
            assertEquals(2, types.path("totalResults").asInt());
            JsonNode userType = scim.call("GET", "/ResourceTypes/User", null).body();
            assertEquals("/Users", userType.path("endpoint").asText());
            assertEquals(Schemas.USER, userType.path("schema").asText());
            assertEquals(Schemas.ENTERPRISE, userType.path("schemaExtensions").get(0).path("schema").asText());
            assertEquals("/Groups", scim.call("GET", "/ResourceTypes/Group", null).body().path("endpoint").asText());
            JsonNode schemas = scim.call("GET", "/Schemas", null).body();
            assertEquals(4, schemas.path("totalResults").asInt());
            JsonNode user = scim.call("GET", "/Schemas/" + Schemas.USER, null).body();
            JsonNode userName = null;
            for (JsonNode attribute : user.path("attributes")) {
                if (attribute.path("name").asText().equals("userName")) {
                    userName = attribute;
                }
            }
            assertEquals("server", userName.path("uniqueness").asText());
            assertFalse(userName.path("caseExact").asBoolean());
            assertTrue(userName.path("required").asBoolean());
            JsonNode manager = scim.call("GET", "/Schemas/" + Schemas.ENTERPRISE, null).body().path("attributes")
                    .get(5);
            assertEquals("manager", manager.path("name").asText());
            assertEquals("complex", manager.path("type").asText());
            assertError(scim.call("GET", "/Schemas/urn:nothing", null), 404, null);
            assertError(scim.call("GET", "/ResourceTypes/Printer", null), 404, null);
            assertError(scim.call("GET", "/Schemas?filter=" + encode("id pr"), null), 403, null);
            assertError(scim.call("POST", "/Schemas", "{}"), 405, null);
        }
    }

    // ---- transport: limits, media types, methods, availability --------------------------------------------------

    @Nested
    class Transport {

        @Test
        void bodiesAreCappedTypedAndOnlyTheProtocolsMethodsAnswer() throws Exception {
            try (ScimTestSupport small = new ScimTestSupport(ScimTestSupport.config(ScimTestSupport.TOKEN, "",
                    2048, 200))) {
                Map<String, Object> big = user("ada", "Ada", "Lovelace", null);
                big.put("title", "x".repeat(3000));
                assertError(small.call("POST", "/Users", big), 413, null);
                assertEquals(0, small.rowCounts().get("person"));
            }
            assertError(scim.call("POST", "/Users", "userName=ada", Map.of("Content-Type", "text/plain")), 415, null);
            assertEquals(201, scim.call("POST", "/Users", user("ada", "Ada", "Lovelace", null),
                    Map.of("Content-Type", "application/json; charset=utf-8")).status());
            Response notAllowed = scim.call("DELETE", "/Users", null);
            assertError(notAllowed, 405, null);
            assertEquals("GET, POST", notAllowed.header("Allow"));
            assertError(scim.call("POST", "/Bulk", "{}"), 501, null);
            assertError(scim.call("GET", "/Me", null), 501, null);
            assertError(scim.call("GET", "/Printers", null), 404, null);
            assertError(scim.call("GET", "/Users/a/b", null), 404, null);
        }

        @Test
        void configuredBaseUrlIsUsedInLocations() throws Exception {
            try (ScimTestSupport proxied = new ScimTestSupport(ScimTestSupport.config(ScimTestSupport.TOKEN,
                    "https://hub.example.com/scim/v2/", 1 << 20, 200))) {
                Response created = proxied.call("POST", "/Users", user("ada", "Ada", "Lovelace", null));
                assertTrue(created.header("Location").startsWith("https://hub.example.com/scim/v2/Users/"),
                        created.header("Location"));
            }
        }

        @Test
        void withoutTheDirectoryResourcesAre503() throws Exception {
            scim.servlet.unbindDirectory(scim.directory);
            Response unavailable = scim.call("GET", "/Users", null);
            assertError(unavailable, 503, null);
            assertEquals("5", unavailable.header("Retry-After"));
            assertEquals(200, scim.call("GET", "/ServiceProviderConfig", null).status());
        }
    }
}
