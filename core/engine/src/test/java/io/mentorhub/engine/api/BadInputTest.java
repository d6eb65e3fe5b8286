package io.mentorhub.engine.api;

import static io.mentorhub.engine.api.MentorshipFixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorhub.engine.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A corpus of malformed, invalid, unauthorized or conflicting requests across every resource. Each case names the
 * request and the one answer a client may rely on: the exact status, an RFC 9457 problem with the stable code, and
 * no change at all to the database (every table's row count is the same before and after).
 */
class BadInputTest {

    static ApiTestSupport api;
    static MentorshipFixture fx;
    /** mentor-3 with mentee-3, PROPOSED. */
    static String proposed;
    /** mentor-4 with mentee-6, DISSOLVED. */
    static String dissolved;
    static String revokedKey;
    static String keyId;
    static io.mentorhub.engine.sync.SyncFixtures sync;
    static String discardedLetter;

    private static final String RANDOM_UUID = UUID.randomUUID().toString();

    @BeforeAll
    static void start() throws Exception {
        api = new ApiTestSupport();
        io.mentorhub.engine.survey.SurveyTestSupport.engine(api);
        fx = new MentorshipFixture(api);
        String integration = fx.key.get("integration");
        expect(200, api.call("POST", "/api/people/bulk", integration, Map.of("people", List.of(
                MentorshipFixture.person("mentor-3", "Mia", "Mentor", "Ops"),
                MentorshipFixture.person("mentor-4", "Max", "Mentor", "Ops"),
                MentorshipFixture.person("mentor-5", "Mei", "Mentor", "Ops"),
                MentorshipFixture.person("mentee-3", "Ann", "Mentee", "Ops"),
                MentorshipFixture.person("mentee-4", "Ben", "Mentee", "Ops"),
                MentorshipFixture.person("mentee-5", "Cat", "Mentee", "Ops"),
                MentorshipFixture.person("mentee-6", "Dan", "Mentee", "Ops")))));
        for (String[] e : new String[][] {{"mentor-3", "MENTOR", "2"}, {"mentor-4", "MENTOR", "1"},
                {"mentor-5", "MENTOR", "1"}, {"mentee-3", "MENTEE", "0"}, {"mentee-4", "MENTEE", "0"},
                {"mentee-5", "MENTEE", "0"}, {"mentee-6", "MENTEE", "0"}}) {
            expect(201, api.admin("POST", "/api/programs/" + fx.programId + "/enrollments", Map.of(
                    "person_id", e[0], "role", e[1], "capacity", Integer.parseInt(e[2]), "status", "ACTIVE")));
        }
        proposed = propose("mentor-3", "mentee-3");
        propose("mentor-5", "mentee-5");
        dissolved = propose("mentor-4", "mentee-6");
        expect(200, api.admin("POST", "/api/pairings/" + dissolved + "/publish", null));
        expect(200, api.admin("POST", "/api/pairings/" + dissolved + "/dissolve", Map.of("reason", "never met")));

        // Versions past 1, so that If-Match "1" is stale rather than merely wrong.
        expect(200, api.call("PUT", "/api/programs/" + fx.programId, fx.key.get("pm"),
                MentorshipFixture.program("Engineering mentoring", "pm-1")));
        expect(200, api.call("PUT", "/api/goals/" + fx.goal.get("1"), fx.key.get("mentee-1"), goalUpdate()));

        var created = expect(201, api.admin("POST", "/api/keys", Map.of("name", "to-revoke", "role", "integration")));
        revokedKey = created.body().path("secret").asText();
        expect(200, api.admin("DELETE", "/api/keys/" + created.body().path("key").path("id").asText(), null));
        keyId = expect(201, api.admin("POST", "/api/keys", Map.of("name", "kept", "role", "integration")))
                .body().path("key").path("id").asText();

        sync = new io.mentorhub.engine.sync.SyncFixtures(api.database);
        api.connectorSync = sync.sync();
        sync.configure("payroll");
        expect(201, api.admin("POST", "/api/connectors", io.mentorhub.engine.sync.SyncFixtures.instanceBody("hris")));
        sync.deadLetter("hris");
        discardedLetter = sync.deadLetter("hris");
        expect(200, api.admin("POST", "/api/connectors/hris/dead-letters/" + discardedLetter + "/discard", null));
    }

    @AfterAll
    static void stop() throws Exception {
        sync.close();
        api.close();
    }

    private static String propose(String mentor, String mentee) throws Exception {
        return expect(201, api.admin("POST", "/api/programs/" + fx.programId + "/pairings",
                Map.of("mentor_id", mentor, "mentee_ids", List.of(mentee), "score", 60))).body().path("id").asText();
    }

    // ---------------------------------------------------------------------------------------------------------
    // The corpus.

    @TestFactory
    Stream<DynamicTest> everyMalformedRequestIsRefusedWithAProblemAndChangesNothing() {
        List<Case> cases = corpus();
        assertTrue(cases.size() >= 110, "the corpus has " + cases.size() + " cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String name = String.format(Locale.ROOT, "%03d %s %s: %s -> %d %s", i + 1, c.method, c.label, c.what,
                    c.status, c.code);
            tests.add(DynamicTest.dynamicTest(name, () -> check(name, c)));
        }
        return tests.stream();
    }

    private static List<Case> corpus() {
        List<Case> all = new ArrayList<>();
        String hr = fx.key.get("hr_admin");
        String integration = fx.key.get("integration");
        String pm = fx.key.get("pm");
        String pmOther = fx.key.get("pm-other");
        String mentor1 = fx.key.get("mentor-1");
        String mentee1 = fx.key.get("mentee-1");
        String outsider = fx.key.get("outsider");
        String program = "/api/programs/" + fx.programId;
        String pairing1 = "/api/pairings/" + fx.pairing1;
        String goal1 = "/api/goals/" + fx.goal.get("1");
        String milestone1 = "/api/milestones/" + fx.milestone.get("1");
        String session1 = "/api/sessions/" + fx.session.get("1");
        String enrollmentMentee1 = "/api/enrollments/" + fx.enrollment.get("mentee-1");
        String pairReflection = "/api/reflections/" + fx.reflection.get("mentee-1/PAIR");

        // --- Authentication (401) ----------------------------------------------------------------------------
        all.add(new Case("no Authorization header", "GET", "/api/programs", null).expect(401, "unauthenticated"));
        all.add(new Case("Basic instead of Bearer", "GET", "/api/programs", null)
                .header("Authorization", "Basic dXNlcjpwYXNzd29yZA==").expect(401, "unauthenticated"));
        all.add(new Case("empty bearer token", "GET", "/api/programs", null)
                .header("Authorization", "Bearer ").expect(401, "unauthenticated"));
        all.add(new Case("garbage bearer token", "GET", "/api/programs", "mh_garbage-garbage-garbage")
                .expect(401, "unauthenticated"));
        all.add(new Case("revoked key", "GET", "/api/people", revokedKey).expect(401, "unauthenticated"));
        all.add(new Case("no key on an unknown route (no probing)", "GET", "/api/nowhere", null)
                .expect(401, "unauthenticated"));
        all.add(new Case("no key on a write", "POST", "/api/programs", null)
                .body(MentorshipFixture.program("Anonymous program", "pm-1")).expect(401, "unauthenticated"));

        // --- Routes and methods (404/405) --------------------------------------------------------------------
        all.add(new Case("unknown route", "GET", "/api/nowhere", hr).expect(404, "not-found"));
        all.add(new Case("unknown pairing action", "POST", pairing1 + "/pause", hr).label("/api/pairings/{id}/pause")
                .expect(404, "not-found"));
        all.add(new Case("DELETE a program", "DELETE", program, hr).label("/api/programs/{id}")
                .expect(405, "method-not-allowed"));
        all.add(new Case("PATCH a goal", "PATCH", goal1, mentee1).label("/api/goals/{id}")
                .body(Map.of("progress_percent", 50)).expect(405, "method-not-allowed"));
        all.add(new Case("PUT on the bulk route", "PUT", "/api/people/bulk", integration)
                .body(Map.of("people", List.of())).expect(405, "method-not-allowed"));
        all.add(new Case("POST the OpenAPI document", "POST", "/api/openapi.json", hr).body(Map.of())
                .expect(405, "method-not-allowed"));
        all.add(new Case("DELETE the key list", "DELETE", "/api/keys", hr).expect(405, "method-not-allowed"));

        // --- Roles (403) ------------------------------------------------------------------------------------
        all.add(new Case("a mentee creates a program", "POST", "/api/programs", mentee1)
                .body(MentorshipFixture.program("Mentee program", "pm-1")).expect(403, "forbidden"));
        all.add(new Case("a mentor bulk-loads people", "POST", "/api/people/bulk", mentor1)
                .body(Map.of("people", List.of(MentorshipFixture.person("x-1", "X", "Y", "Ops"))))
                .expect(403, "forbidden"));
        all.add(new Case("a program manager lists keys", "GET", "/api/keys", pm).expect(403, "forbidden"));

        // --- Media type (415) -------------------------------------------------------------------------------
        String programJson = json(MentorshipFixture.program("Media program", "pm-1"));
        all.add(new Case("text/plain body", "POST", "/api/programs", hr).body(programJson)
                .header("Content-Type", "text/plain").expect(415, "unsupported-media-type"));
        all.add(new Case("application/xml body", "POST", "/api/programs", hr).body("<program><name>X</name></program>")
                .header("Content-Type", "application/xml").expect(415, "unsupported-media-type"));
        all.add(new Case("form-urlencoded body", "POST", "/api/programs", hr).body("name=X&format=GROUP")
                .header("Content-Type", "application/x-www-form-urlencoded").expect(415, "unsupported-media-type"));
        all.add(new Case("JSON declared as latin1", "POST", "/api/programs", hr).body(programJson)
                .header("Content-Type", "application/json; charset=latin1").expect(415, "unsupported-media-type"));
        all.add(new Case("JSON with an unknown media type parameter", "POST", pairing1 + "/goals", mentee1)
                .label("/api/pairings/{id}/goals").body(json(goalBody()))
                .header("Content-Type", "application/json; profile=goal").expect(415, "unsupported-media-type"));
        all.add(new Case("application/json-patch+json", "POST", "/api/people/bulk", integration)
                .body("[{\"op\":\"add\",\"path\":\"/people\",\"value\":[]}]")
                .header("Content-Type", "application/json-patch+json").expect(415, "unsupported-media-type"));
        all.add(new Case("body without Content-Type", "POST", "/api/keys", hr)
                .raw(json(Map.of("name", "raw", "role", "integration"))).expect(415, "unsupported-media-type"));

        // --- Size (413) -------------------------------------------------------------------------------------
        all.add(new Case("Content-Length just over 1 MiB on a normal route", "POST", "/api/programs", hr)
                .raw("").header("Content-Type", "application/json").declaredLength((1 << 20) + 1)
                .expect(413, "too-large"));
        all.add(new Case("chunked body over 1 MiB on a normal route", "POST", pairing1 + "/reflections", mentee1)
                .label("/api/pairings/{id}/reflections")
                .raw("{\"text\": \"" + "x".repeat((1 << 20) + 10) + "\"}").header("Content-Type", "application/json")
                .chunked().expect(413, "too-large"));
        all.add(new Case("Content-Length over 32 MiB on bulk upsert", "POST", "/api/people/bulk", integration)
                .raw("").header("Content-Type", "application/json").declaredLength((32L << 20) + 1)
                .expect(413, "too-large"));

        // --- JSON syntax (400) ------------------------------------------------------------------------------
        all.add(new Case("no body", "POST", "/api/programs", hr).expect(400, "missing-body"));
        all.add(new Case("empty body", "POST", "/api/keys", hr).body("").expect(400, "missing-body"));
        all.add(new Case("whitespace-only body", "POST", "/api/keys", hr).body("  \n ").expect(400, "invalid-type"));
        all.add(new Case("JSON null", "POST", "/api/programs", hr).body("null").expect(400, "invalid-type"));
        all.add(new Case("top-level array", "POST", "/api/people/bulk", integration)
                .body(json(List.of(MentorshipFixture.person("arr-1", "A", "B", "Ops")))).expect(400, "invalid-type"));
        all.add(new Case("top-level string", "POST", pairing1 + "/milestones", mentee1).label("/api/pairings/{id}/milestones")
                .body("\"a milestone\"").expect(400, "invalid-type"));
        all.add(new Case("top-level number", "POST", pairing1 + "/dissolve", mentee1).label("/api/pairings/{id}/dissolve")
                .body("42").expect(400, "invalid-type"));
        all.add(new Case("truncated object", "POST", "/api/programs", hr)
                .body(programJson.substring(0, programJson.length() / 2)).expect(400, "malformed-json"));
        all.add(new Case("single-quoted JSON", "POST", "/api/keys", hr).body("{'name': 'k', 'role': 'integration'}")
                .expect(400, "malformed-json"));
        all.add(new Case("trailing garbage after the object", "POST", "/api/keys", hr)
                .body("{\"name\": \"k\", \"role\": \"integration\"} trailing").expect(400, "malformed-json"));
        all.add(new Case("a second object after the first", "POST", "/api/keys", hr)
                .body("{\"name\": \"k\", \"role\": \"integration\"} {}").expect(400, "malformed-json"));
        all.add(new Case("duplicate key", "POST", "/api/keys", hr)
                .body("{\"name\": \"k\", \"role\": \"integration\", \"role\": \"hr_admin\"}").expect(400, "malformed-json"));
        all.add(new Case("duplicate key in a nested object", "POST", pairing1 + "/sessions", mentor1)
                .label("/api/pairings/{id}/sessions")
                .body("{\"starts_at\": \"2027-02-10T09:00:00Z\", \"duration_minutes\": 60, \"format\": \"VIDEO\", "
                        + "\"attendance\": [{\"person_id\": \"mentor-1\", \"presence\": \"ATTENDED\", "
                        + "\"presence\": \"ABSENT\"}]}").expect(400, "malformed-json"));
        all.add(new Case("invalid UTF-8 byte in a string", "POST", "/api/keys", hr)
                .body(bytes("{\"name\": \"k", new byte[] {(byte) 0xFF, (byte) 0xFE}, "\", \"role\": \"integration\"}"))
                .expect(400, "malformed-json"));
        all.add(new Case("overlong UTF-8 encoding", "POST", pairing1 + "/reflections", mentee1)
                .label("/api/pairings/{id}/reflections")
                .body(bytes("{\"text\": \"a", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}")).expect(400, "malformed-json"));
        all.add(new Case("UTF-8-encoded surrogate (CESU-8)", "POST", pairing1 + "/milestones", mentee1)
                .label("/api/pairings/{id}/milestones")
                .body(bytes("{\"title\": \"x", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        "\", \"due_date\": \"2027-03-01\"}")).expect(400, "malformed-json"));
        all.add(new Case("truncated UTF-8 sequence", "POST", "/api/people/bulk", integration)
                .body(bytes("{\"people\": [{\"id\": \"u-1\", \"given_name\": \"", new byte[] {(byte) 0xE2, (byte) 0x82},
                        "\", \"family_name\": \"F\", \"status\": \"A\"}]}")).expect(400, "malformed-json"));
        all.add(new Case("unescaped control character in a string", "POST", "/api/keys", hr)
                .body("{\"name\": \"line\nbreak\", \"role\": \"integration\"}").expect(400, "malformed-json"));
        all.add(new Case("JavaScript comment", "POST", "/api/keys", hr)
                .body("{/* who */ \"name\": \"k\", \"role\": \"integration\"}").expect(400, "malformed-json"));
        all.add(new Case("NaN as a number", "POST", pairing1 + "/goals", mentee1).label("/api/pairings/{id}/goals")
                .body(json(goalBody()).replace("\"target_value\":1", "\"target_value\":NaN")).expect(400, "malformed-json"));
        all.add(new Case("arrays nested 40 deep", "POST", "/api/people/bulk", integration)
                .body("{\"people\": " + "[".repeat(40) + "]".repeat(40) + "}").expect(400, "too-deep"));
        all.add(new Case("objects nested 50 deep", "POST", "/api/programs", hr)
                .body("{\"charter\": " + "{\"a\": ".repeat(50) + "1" + "}".repeat(50) + "}").expect(400, "too-deep"));
        all.add(new Case("a 100-digit number", "POST", program + "/enrollments", pm).label("/api/programs/{id}/enrollments")
                .body("{\"person_id\": \"outsider\", \"role\": \"MENTOR\", \"capacity\": 1" + "0".repeat(99)
                        + ", \"status\": \"ACTIVE\"}").expect(400, "too-deep"));

        // --- Query parameters (400) -------------------------------------------------------------------------
        all.add(new Case("unknown query parameter", "GET", "/api/programs?sort=name", hr).expect(400, "invalid-parameter"));
        all.add(new Case("query parameter on a route that takes none", "GET", pairing1 + "/transitions?limit=5", pm)
                .label("/api/pairings/{id}/transitions?limit=5").expect(400, "invalid-parameter"));
        all.add(new Case("query parameter on a write", "POST", "/api/programs?dry_run=true", hr)
                .body(MentorshipFixture.program("Dry run program", "pm-1")).expect(400, "invalid-parameter"));
        all.add(new Case("limit=0", "GET", "/api/people?limit=0", hr).expect(400, "invalid-parameter"));
        all.add(new Case("limit=201", "GET", "/api/people?limit=201", hr).expect(400, "invalid-parameter"));
        all.add(new Case("limit=abc", "GET", "/api/people?limit=abc", integration).expect(400, "invalid-parameter"));
        all.add(new Case("limit=-5", "GET", program + "/enrollments?limit=-5", pm)
                .label("/api/programs/{id}/enrollments?limit=-5").expect(400, "invalid-parameter"));
        all.add(new Case("limit given twice", "GET", "/api/people?limit=5&limit=6", hr).expect(400, "invalid-parameter"));
        all.add(new Case("cursor that is not base64", "GET", "/api/people?cursor=%25%25%25", hr)
                .expect(400, "invalid-parameter"));
        all.add(new Case("cursor of another shape", "GET", "/api/people?cursor=" + b64("hello"), hr)
                .label("/api/people?cursor=base64(hello)").expect(400, "invalid-parameter"));
        all.add(new Case("modified_after=yesterday", "GET", "/api/programs?modified_after=yesterday", hr)
                .expect(400, "invalid-parameter"));
        all.add(new Case("modified_after in year 1000000000", "GET",
                "/api/people?modified_after=%2B1000000000-01-01T00:00:00Z", hr).expect(400, "invalid-parameter"));
        all.add(new Case("cursor at the end of time", "GET", "/api/people?cursor=" + b64("31556889864403199:0:x"), hr)
                .label("/api/people?cursor=base64(31556889864403199:0:x)").expect(400, "invalid-parameter"));
        all.add(new Case("modified_after as a date", "GET", pairing1 + "/goals?modified_after=2026-01-01", mentee1)
                .label("/api/pairings/{id}/goals?modified_after=2026-01-01").expect(400, "invalid-parameter"));
        all.add(new Case("status=X on people", "GET", "/api/people?status=X", hr).expect(400, "invalid-parameter"));
        all.add(new Case("status=LIVE on programs", "GET", "/api/programs?status=LIVE", hr).expect(400, "invalid-parameter"));
        all.add(new Case("role=COACH on enrollments", "GET", program + "/enrollments?role=COACH", pm)
                .label("/api/programs/{id}/enrollments?role=COACH").expect(400, "invalid-parameter"));
        all.add(new Case("state=DONE on pairings", "GET", program + "/pairings?state=DONE", pm)
                .label("/api/programs/{id}/pairings?state=DONE").expect(400, "invalid-parameter"));
        all.add(new Case("reflections with limit=0 (refused before any audit)", "GET",
                pairing1 + "/reflections?limit=0", mentee1).label("/api/pairings/{id}/reflections?limit=0")
                .expect(400, "invalid-parameter"));
        all.add(new Case("audit before=abc", "GET", "/api/audit?before=abc", hr).expect(400, "invalid-parameter"));
        all.add(new Case("keys with a filter", "GET", "/api/keys?role=hr_admin", hr).expect(400, "invalid-parameter"));

        // --- Body on a GET or DELETE (400) ------------------------------------------------------------------
        all.add(new Case("body on a GET", "GET", "/api/programs", hr).body(Map.of("status", "ENROLLING"))
                .expect(400, "unexpected-body"));
        all.add(new Case("body on a DELETE", "DELETE", "/api/keys/" + keyId, hr).label("/api/keys/{id}")
                .body(Map.of("reason", "cleanup")).expect(400, "unexpected-body"));

        // --- People bulk ------------------------------------------------------------------------------------
        all.add(new Case("people missing", "POST", "/api/people/bulk", integration)
                .body(Map.of("effective_date", "2026-01-01")).expect(422, "validation-failed"));
        all.add(new Case("people empty", "POST", "/api/people/bulk", integration)
                .body(Map.of("people", List.of())).expect(422, "validation-failed"));
        all.add(new Case("people as an object", "POST", "/api/people/bulk", integration)
                .body(Map.of("people", newPerson("obj-1"))).expect(400, "invalid-type"));
        all.add(new Case("a person as a string", "POST", "/api/people/bulk", integration)
                .body(Map.of("people", List.of("new-1"))).expect(400, "invalid-type"));
        all.add(new Case("a person as null", "POST", "/api/people/bulk", integration)
                .body("{\"people\": [null]}").expect(422, "validation-failed"));
        all.add(new Case("10,001 people in one request", "POST", "/api/people/bulk", integration)
                .body(Map.of("people", manyPeople(10_001))).expect(422, "validation-failed"));
        all.add(bulk("given_name missing", without(newPerson("n-1"), "given_name"), 422, "validation-failed"));
        all.add(bulk("family_name blank", with(newPerson("n-1"), "family_name", "   "), 422, "validation-failed"));
        all.add(bulk("given_name with a control character", with(newPerson("n-1"), "given_name", "Bell\u0007"),
                422, "validation-failed"));
        all.add(bulk("given_name as a number", with(newPerson("n-1"), "given_name", 42), 400, "invalid-type"));
        all.add(bulk("id with a space", with(newPerson("n-1"), "id", "bad id"), 422, "validation-failed"));
        all.add(bulk("id missing", without(newPerson("n-1"), "id"), 422, "validation-failed"));
        all.add(bulk("invalid work_email", with(newPerson("n-1"), "work_email", "not-an-email"), 422, "validation-failed"));
        all.add(bulk("unknown time zone", with(newPerson("n-1"), "time_zone", "Mars/Olympus_Mons"), 422,
                "validation-failed"));
        all.add(bulk("invalid language tag", with(newPerson("n-1"), "languages", List.of("english")), 422,
                "validation-failed"));
        all.add(bulk("languages as a string", with(newPerson("n-1"), "languages", "en"), 400, "invalid-type"));
        all.add(bulk("unknown status", with(newPerson("n-1"), "status", "X"), 400, "invalid-type"));
        all.add(bulk("status as a number", with(newPerson("n-1"), "status", 1), 400, "invalid-type"));
        all.add(bulk("hire_date as a boolean", with(newPerson("n-1"), "hire_date", true), 400, "invalid-type"));
        all.add(bulk("hire_date as a number", with(newPerson("n-1"), "hire_date", 20200115), 400, "invalid-type"));
        all.add(bulk("hire_date February 30", with(newPerson("n-1"), "hire_date", "2020-02-30"), 400, "invalid-type"));
        all.add(bulk("hire_date in 1800", with(newPerson("n-1"), "hire_date", "1800-01-01"), 422, "validation-failed"));
        all.add(bulk("own manager", with(newPerson("n-1"), "manager_id", "n-1"), 422, "validation-failed"));
        all.add(bulk("custom_attributes as an array", with(newPerson("n-1"), "custom_attributes", List.of("a")),
                400, "invalid-type"));
        all.add(bulk("custom_attributes key not an identifier", with(newPerson("n-1"), "custom_attributes",
                Map.of("Cost Center", "42")), 422, "validation-failed"));
        all.add(bulk("unknown property in a person", with(newPerson("n-1"), "nickname", "Nico"), 400, "unknown-property"));
        all.add(new Case("unknown top-level property", "POST", "/api/people/bulk", integration)
                .body(Map.of("people", List.of(newPerson("n-1")), "dry_run", true)).expect(400, "unknown-property"));
        all.add(new Case("effective_date not a date", "POST", "/api/people/bulk", integration)
                .body(Map.of("people", List.of(newPerson("n-1")), "effective_date", "tomorrow"))
                .expect(400, "invalid-type"));
        all.add(new Case("the same id twice in one request", "POST", "/api/people/bulk", integration)
                .body(Map.of("people", List.of(newPerson("twin-1"), with(newPerson("twin-1"), "work_email",
                        "twin-1b@example.com")))).expect(409, "duplicate-id"));
        all.add(new Case("a new person with another person's work_email", "POST", "/api/people/bulk", integration)
                .body(Map.of("people", List.of(with(newPerson("n-1"), "work_email", "mentor-1@example.com"))))
                .expect(409, "duplicate"));
        all.add(new Case("two new people with one employee_number", "POST", "/api/people/bulk", integration)
                .body(Map.of("people", List.of(with(newPerson("n-1"), "employee_number", "E-1"),
                        with(newPerson("n-2"), "employee_number", "E-1")))).expect(409, "duplicate"));
        all.add(new Case("two new people with one work_email", "POST", "/api/people/bulk", integration)
                .body(Map.of("people", List.of(newPerson("n-1"), with(newPerson("n-2"), "work_email", "n-1@example.com"))))
                .expect(409, "duplicate"));

        // --- People reads -----------------------------------------------------------------------------------
        all.add(new Case("unknown person", "GET", "/api/people/nobody-here", hr).expect(404, "not-found"));
        all.add(new Case("another person, as a mentee", "GET", "/api/people/mentor-1", mentee1).expect(404, "not-found"));
        all.add(new Case("history of an unknown person", "GET", "/api/people/nobody-here/history", hr)
                .expect(404, "not-found"));

        // --- Programs ---------------------------------------------------------------------------------------
        all.add(programCase("name as a number", with(newProgram(), "name", 7), 400, "invalid-type"));
        all.add(programCase("name blank", with(newProgram(), "name", " "), 422, "validation-failed"));
        all.add(programCase("name missing", without(newProgram(), "name"), 422, "validation-failed"));
        all.add(programCase("name already used", with(newProgram(), "name", "Engineering mentoring"), 409,
                "duplicate-name"));
        all.add(programCase("name already used, other case", with(newProgram(), "name", "SALES MENTORING"), 409,
                "duplicate-name"));
        all.add(programCase("id given", with(newProgram(), "id", RANDOM_UUID), 422, "validation-failed"));
        all.add(programCase("unknown format", with(newProgram(), "format", "HYBRID"), 400, "invalid-type"));
        all.add(programCase("format as a number", with(newProgram(), "format", 1), 400, "invalid-type"));
        all.add(programCase("duration_months as a string", with(newProgram(), "duration_months", "12"), 400,
                "invalid-type"));
        all.add(programCase("duration_months null", with(newProgram(), "duration_months", null), 400, "invalid-type"));
        all.add(programCase("duration_months 1.5", with(newProgram(), "duration_months", 1.5), 400, "invalid-type"));
        all.add(programCase("duration_months 0", with(newProgram(), "duration_months", 0), 422, "validation-failed"));
        all.add(programCase("duration_months beyond int", with(newProgram(), "duration_months", 3_000_000_000L), 400,
                "invalid-type"));
        all.add(programCase("trial_period_days 999", with(newProgram(), "trial_period_days", 999), 422,
                "validation-failed"));
        all.add(programCase("charter as an array", with(newProgram(), "charter", List.of("Grow leaders")), 400,
                "invalid-type"));
        all.add(programCase("charter missing", without(newProgram(), "charter"), 422, "validation-failed"));
        all.add(programCase("charter without objectives", with(newProgram(), "charter",
                Map.of("objectives", List.of(), "time_commitment", "2h")), 422, "validation-failed"));
        all.add(programCase("unknown property in charter", with(newProgram(), "charter",
                Map.of("objectives", List.of("Grow"), "time_commitment", "2h", "sponsor", "CEO")), 400, "unknown-property"));
        all.add(programCase("unknown top-level property", with(newProgram(), "budget", 10_000), 400, "unknown-property"));
        all.add(programCase("phase ends before it starts", with(newProgram(), "phases", phases("2027-01-31", "2027-01-04")),
                422, "validation-failed"));
        all.add(programCase("phase start January 32", with(newProgram(), "phases", phases("2027-01-32", "2027-01-31")),
                400, "invalid-type"));
        all.add(programCase("phases longer than duration_months", with(newProgram(), "duration_months", 6), 422,
                "validation-failed"));
        all.add(programCase("manager_ids as an object", with(newProgram(), "manager_ids", Map.of("first", "pm-1")), 400,
                "invalid-type"));
        all.add(programCase("manager_ids naming nobody", with(newProgram(), "manager_ids", List.of("ghost-7")), 422,
                "validation-failed"));
        all.add(programCase("group_size 1..3 in a ONE_TO_ONE program", with(newProgram(), "group_size",
                Map.of("min", 1, "max", 3)), 422, "validation-failed"));
        all.add(programCase("matching weight 101", with(newProgram(), "matching", Map.of("strategy", "optimal",
                "weights", Map.of("skills", 101))), 422, "validation-failed"));
        all.add(programCase("matching weight null", with(newProgram(), "matching", Map.of("strategy", "optimal",
                "weights", with(Map.of(), "skills", null))), 422, "validation-failed"));
        all.add(programCase("survey offset_days -1", with(newProgram(), "survey_schedule", List.of(Map.of(
                "kind", "QUARTERLY_PULSE", "trigger", "SESSION_HELD", "offset_days", -1))), 422, "validation-failed"));
        all.add(programCase("unknown status", with(newProgram(), "status", "LIVE"), 400, "invalid-type"));
        all.add(new Case("name with an unpaired surrogate", "POST", "/api/programs", hr)
                .body(json(with(newProgram(), "name", "Circle X")).replace("Circle X", "Circle \\ud800"))
                .expect(400, "malformed-json"));
        all.add(new Case("unknown program", "GET", "/api/programs/" + RANDOM_UUID, hr).label("/api/programs/{random}")
                .expect(404, "not-found"));
        all.add(new Case("program id not a UUID", "GET", "/api/programs/engineering", hr).expect(404, "not-found"));
        all.add(new Case("a program the manager does not manage", "GET", "/api/programs/" + fx.otherProgramId, pm)
                .label("/api/programs/{other}").expect(404, "not-found"));
        all.add(new Case("replace with a name already used", "PUT", "/api/programs/" + fx.otherProgramId, pmOther)
                .label("/api/programs/{other}").body(MentorshipFixture.program("Engineering mentoring", "pm-2"))
                .expect(409, "duplicate-name"));
        all.add(new Case("replace with a stale If-Match", "PUT", program, pm).label("/api/programs/{id}")
                .body(MentorshipFixture.program("Engineering mentoring", "pm-1")).header("If-Match", "\"1\"")
                .expect(412, "version-mismatch"));
        all.add(new Case("replace with a malformed If-Match", "PUT", program, pm).label("/api/programs/{id}")
                .body(MentorshipFixture.program("Engineering mentoring", "pm-1")).header("If-Match", "version-2")
                .expect(400, "invalid-if-match"));
        all.add(new Case("replace with an If-Match list", "PUT", program, pm).label("/api/programs/{id}")
                .body(MentorshipFixture.program("Engineering mentoring", "pm-1")).header("If-Match", "\"1\", \"2\"")
                .expect(400, "invalid-if-match"));
        all.add(new Case("a manager changes who manages", "PUT", program, pm).label("/api/programs/{id}")
                .body(MentorshipFixture.program("Engineering mentoring", "pm-2")).expect(403, "forbidden"));
        all.add(new Case("replace an unknown program", "PUT", "/api/programs/" + RANDOM_UUID, hr)
                .label("/api/programs/{random}").body(MentorshipFixture.program("Ghost program", "pm-1"))
                .expect(404, "not-found"));
        all.add(new Case("replace a program whose id is not a UUID", "PUT", "/api/programs/engineering", hr)
                .body(MentorshipFixture.program("Ghost program", "pm-1")).expect(404, "not-found"));
        all.add(new Case("id in the body contradicts the path", "PUT", program, hr).label("/api/programs/{id}")
                .body(with(MentorshipFixture.program("Engineering mentoring", "pm-1"), "id", fx.otherProgramId))
                .expect(422, "validation-failed"));

        // --- Enrollments ------------------------------------------------------------------------------------
        all.add(enrollCase("unknown role", with(newEnrollment(), "role", "COACH"), 400, "invalid-type"));
        all.add(enrollCase("role missing", without(newEnrollment(), "role"), 422, "validation-failed"));
        all.add(enrollCase("capacity as a string", with(mentorEnrollment(), "capacity", "two"), 400, "invalid-type"));
        all.add(enrollCase("capacity 0 for a mentor", with(mentorEnrollment(), "capacity", 0), 422, "validation-failed"));
        all.add(enrollCase("capacity 21 for a mentor", with(mentorEnrollment(), "capacity", 21), 422, "validation-failed"));
        all.add(enrollCase("capacity for a mentee", with(newEnrollment(), "capacity", 3), 422, "validation-failed"));
        all.add(enrollCase("a new enrollment WITHDRAWN", with(newEnrollment(), "status", "WITHDRAWN"), 422,
                "validation-failed"));
        all.add(enrollCase("unknown learning_style", with(newEnrollment(), "profile", Map.of("learning_style", "VISUAL")),
                400, "invalid-type"));
        all.add(enrollCase("hours_per_month 81", with(newEnrollment(), "profile", Map.of("availability",
                Map.of("hours_per_month", 81))), 422, "validation-failed"));
        all.add(enrollCase("availability slot MON_NOON", with(newEnrollment(), "profile", Map.of("availability",
                Map.of("hours_per_month", 4, "slots", List.of("MON_NOON")))), 422, "validation-failed"));
        all.add(enrollCase("preferred language xx_YY", with(newEnrollment(), "profile",
                Map.of("preferred_languages", List.of("xx_YY"))), 422, "validation-failed"));
        all.add(enrollCase("unknown property in profile", with(newEnrollment(), "profile", Map.of("hobbies", List.of("chess"))),
                400, "unknown-property"));
        all.add(enrollCase("profile as an array", with(newEnrollment(), "profile", List.of()), 400, "invalid-type"));
        all.add(enrollCase("sensitive attribute without purpose", with(newEnrollment(), "sensitive_attributes",
                List.of(Map.of("name", "pronouns", "value", "she/her", "consented_at", "2026-01-01T00:00:00Z"))), 422,
                "validation-failed"));
        all.add(enrollCase("sensitive attribute consented_at 'now'", with(newEnrollment(), "sensitive_attributes",
                List.of(Map.of("name", "pronouns", "value", "she/her", "purpose", "matching", "consented_at", "now"))),
                400, "invalid-type"));
        all.add(enrollCase("program_id contradicts the path", with(newEnrollment(), "program_id", fx.otherProgramId), 422,
                "validation-failed"));
        all.add(enrollCase("unknown person", with(newEnrollment(), "person_id", "ghost-7"), 422, "validation-failed"));
        all.add(enrollCase("someone already enrolled", with(newEnrollment(), "person_id", "mentee-1"), 409,
                "already-enrolled"));
        all.add(new Case("a participant enrolls someone else", "POST", program + "/enrollments", outsider)
                .label("/api/programs/{id}/enrollments").body(with(newEnrollment(), "person_id", "mentee-4"))
                .expect(403, "forbidden"));
        all.add(new Case("enroll in an unknown program", "POST", "/api/programs/" + RANDOM_UUID + "/enrollments", hr)
                .label("/api/programs/{random}/enrollments").body(newEnrollment()).expect(404, "not-found"));
        all.add(new Case("enroll in a program whose id is not a UUID", "POST", "/api/programs/engineering/enrollments", hr)
                .body(newEnrollment()).expect(404, "not-found"));
        all.add(new Case("change an enrollment's person", "PUT", enrollmentMentee1, pm).label("/api/enrollments/{id}")
                .body(with(enrollmentUpdate(), "person_id", "mentee-2")).expect(422, "validation-failed"));
        all.add(new Case("replace an enrollment with a stale If-Match", "PUT", enrollmentMentee1, pm)
                .label("/api/enrollments/{id}").body(enrollmentUpdate()).header("If-Match", "W/\"7\"")
                .expect(412, "version-mismatch"));
        all.add(new Case("replace an unknown enrollment", "PUT", "/api/enrollments/" + RANDOM_UUID, hr)
                .label("/api/enrollments/{random}").body(enrollmentUpdate()).expect(404, "not-found"));
        all.add(new Case("replace an enrollment whose id is not a UUID", "PUT", "/api/enrollments/first", hr)
                .body(enrollmentUpdate()).expect(404, "not-found"));
        all.add(new Case("another participant's enrollment", "GET", "/api/enrollments/" + fx.enrollment.get("mentor-1"),
                mentee1).label("/api/enrollments/{mentor-1}").expect(404, "not-found"));

        // --- Pairings ---------------------------------------------------------------------------------------
        all.add(proposeCase("mentee_ids empty", with(newPairing(), "mentee_ids", List.of()), 422, "validation-failed"));
        all.add(proposeCase("mentee_ids as a string", with(newPairing(), "mentee_ids", "mentee-4"), 400, "invalid-type"));
        all.add(proposeCase("mentor also a mentee", with(newPairing(), "mentee_ids", List.of("mentor-3")), 422,
                "validation-failed"));
        all.add(proposeCase("score as a string", with(newPairing(), "score", "high"), 400, "invalid-type"));
        all.add(proposeCase("score 80.5", with(newPairing(), "score", 80.5), 400, "invalid-type"));
        all.add(proposeCase("explanation without reason", with(newPairing(), "explanation",
                List.of(Map.of("factor", "skills", "score", 80))), 422, "validation-failed"));
        all.add(proposeCase("explanation as an object", with(newPairing(), "explanation",
                Map.of("factor", "skills", "score", 80, "reason", "r")), 400, "invalid-type"));
        all.add(proposeCase("unknown state", with(newPairing(), "state", "WAITING"), 400, "invalid-type"));
        all.add(proposeCase("proposed straight to ACTIVE", with(newPairing(), "state", "ACTIVE"), 422, "validation-failed"));
        all.add(proposeCase("mentor not enrolled", with(newPairing(), "mentor_id", "outsider"), 422, "validation-failed"));
        all.add(proposeCase("mentee already paired", with(newPairing(), "mentee_ids", List.of("mentee-1")), 409,
                "mentee-already-paired"));
        all.add(proposeCase("mentor at capacity", with(newPairing(), "mentor_id", "mentor-5"), 409, "over-capacity"));
        all.add(proposeCase("a pair dissolved before", Map.of("mentor_id", "mentor-4", "mentee_ids", List.of("mentee-6"),
                "score", 50), 409, "previously-dissolved"));
        all.add(new Case("propose in an unknown program", "POST", "/api/programs/" + RANDOM_UUID + "/pairings", hr)
                .label("/api/programs/{random}/pairings").body(newPairing()).expect(404, "not-found"));
        all.add(new Case("propose in a program whose id is not a UUID", "POST", "/api/programs/x/pairings", hr)
                .body(newPairing()).expect(404, "not-found"));
        all.add(action("publish an ACTIVE pairing", fx.pairing1, "publish", pm, null, 409, "invalid-transition"));
        all.add(action("start the trial of a PROPOSED pairing", proposed, "start-trial", pm, null, 409,
                "invalid-transition"));
        all.add(action("reject an ACTIVE pairing", fx.pairing1, "reject", pm, Map.of("reason", "too late"), 409,
                "invalid-transition"));
        all.add(action("activate a DISSOLVED pairing", dissolved, "activate", hr, null, 409, "invalid-transition"));
        all.add(action("dissolve without a reason", fx.pairing1, "dissolve", mentee1, Map.of(), 422, "validation-failed"));
        all.add(action("dissolve with a blank reason", fx.pairing1, "dissolve", mentee1, Map.of("reason", "  "), 422,
                "validation-failed"));
        all.add(action("dissolve with a 501-character reason", fx.pairing1, "dissolve", mentee1,
                Map.of("reason", "r".repeat(501)), 422, "validation-failed"));
        all.add(action("reason as a number", fx.pairing1, "dissolve", mentee1, Map.of("reason", 5), 400, "invalid-type"));
        all.add(action("unknown property in an action", fx.pairing1, "complete", pm, Map.of("note", "done"), 400,
                "unknown-property"));
        all.add(action("action body as an array", fx.pairing1, "complete", pm, List.of(), 400, "invalid-type"));
        all.add(action("a member completes the pairing", fx.pairing1, "complete", mentee1, null, 403, "forbidden"));
        all.add(action("a mentee acts on someone else's pairing", fx.pairing2, "dissolve", mentee1,
                Map.of("reason", "not mine"), 404, "not-found"));
        all.add(new Case("complete with a stale If-Match", "POST", pairing1 + "/complete", pm)
                .label("/api/pairings/{id}/complete").header("If-Match", "\"1\"").expect(412, "version-mismatch"));
        all.add(new Case("complete with If-Match W/", "POST", pairing1 + "/complete", pm)
                .label("/api/pairings/{id}/complete").header("If-Match", "W/").expect(400, "invalid-if-match"));
        all.add(new Case("act on an unknown pairing", "POST", "/api/pairings/" + RANDOM_UUID + "/publish", hr)
                .label("/api/pairings/{random}/publish").expect(404, "not-found"));
        all.add(new Case("act on a pairing whose id is not a UUID", "POST", "/api/pairings/first/publish", hr)
                .expect(404, "not-found"));
        all.add(new Case("transitions of an unknown pairing", "GET", "/api/pairings/" + RANDOM_UUID + "/transitions", hr)
                .label("/api/pairings/{random}/transitions").expect(404, "not-found"));

        // --- Goals ------------------------------------------------------------------------------------------
        all.add(goalCase("progress_percent 101", with(goalBody(), "progress_percent", 101), 422, "validation-failed"));
        all.add(goalCase("progress_percent -1", with(goalBody(), "progress_percent", -1), 422, "validation-failed"));
        all.add(goalCase("COMPLETED at 50 percent", with(goalBody(), "status", "COMPLETED"), 422, "validation-failed"));
        all.add(goalCase("unknown status", with(goalBody(), "status", "DONE"), 400, "invalid-type"));
        all.add(goalCase("due_date missing", without(goalBody(), "due_date"), 422, "validation-failed"));
        all.add(goalCase("due_date 30/06/2027", with(goalBody(), "due_date", "30/06/2027"), 400, "invalid-type"));
        all.add(goalCase("target_value negative", with(goalBody(), "target_value", -1), 422, "validation-failed"));
        all.add(goalCase("target_value as a string", with(goalBody(), "target_value", "1"), 400, "invalid-type"));
        all.add(goalCase("target_value 10^20", with(goalBody(), "target_value", new java.math.BigDecimal("1E+20")), 422,
                "validation-failed"));
        all.add(goalCase("target_value with 5 decimals", with(goalBody(), "target_value",
                new java.math.BigDecimal("0.12345")), 422, "validation-failed"));
        all.add(goalCase("due_date in year 999999999", with(goalBody(), "due_date", "+999999999-12-31"), 400,
                "invalid-type"));
        all.add(goalCase("owner not in the pairing", with(goalBody(), "owner_id", "mentee-2"), 422, "validation-failed"));
        all.add(goalCase("title blank", with(goalBody(), "title", ""), 422, "validation-failed"));
        all.add(goalCase("specific of 2001 characters", with(goalBody(), "specific", "s".repeat(2001)), 422,
                "validation-failed"));
        all.add(goalCase("lms_course_ids as an object", with(goalBody(), "lms_course_ids", Map.of("id", "c-1")), 400,
                "invalid-type"));
        all.add(goalCase("unknown property", with(goalBody(), "priority", "high"), 400, "unknown-property"));
        all.add(goalCase("id given", with(goalBody(), "id", RANDOM_UUID), 422, "validation-failed"));
        all.add(new Case("a goal in a PROPOSED pairing", "POST", "/api/pairings/" + proposed + "/goals", hr)
                .label("/api/pairings/{proposed}/goals").body(with(goalBody(), "owner_id", "mentee-3"))
                .expect(409, "pairing-not-live"));
        all.add(new Case("a goal in an unknown pairing", "POST", "/api/pairings/" + RANDOM_UUID + "/goals", hr)
                .label("/api/pairings/{random}/goals").body(goalBody()).expect(404, "not-found"));
        all.add(new Case("a goal in a pairing whose id is not a UUID", "POST", "/api/pairings/first/goals", hr)
                .body(goalBody()).expect(404, "not-found"));
        all.add(new Case("move a goal to another pairing", "PUT", goal1, hr).label("/api/goals/{id}")
                .body(with(goalUpdate(), "pairing_id", fx.pairing2)).expect(422, "validation-failed"));
        all.add(new Case("replace a goal with a stale If-Match", "PUT", goal1, mentee1).label("/api/goals/{id}")
                .body(goalUpdate()).header("If-Match", "\"1\"").expect(412, "version-mismatch"));
        all.add(new Case("replace an unknown goal", "PUT", "/api/goals/" + RANDOM_UUID, hr).label("/api/goals/{random}")
                .body(goalUpdate()).expect(404, "not-found"));
        all.add(new Case("replace a goal whose id is not a UUID", "PUT", "/api/goals/goal-1", hr).body(goalUpdate())
                .expect(404, "not-found"));
        all.add(new Case("another pair's goal", "GET", "/api/goals/" + fx.goal.get("2"), mentee1)
                .label("/api/goals/{pairing2's}").expect(404, "not-found"));

        // --- Milestones -------------------------------------------------------------------------------------
        all.add(milestoneCase("due_date missing", Map.of("title", "Demo"), 422, "validation-failed"));
        all.add(milestoneCase("due_date as a boolean", Map.of("title", "Demo", "due_date", false), 400, "invalid-type"));
        all.add(milestoneCase("due_date as an array", Map.of("title", "Demo", "due_date", List.of(2027, 3, 1)), 400,
                "invalid-type"));
        all.add(milestoneCase("due_date with a time", Map.of("title", "Demo", "due_date", "2027-03-01T10:00:00Z"), 400,
                "invalid-type"));
        all.add(milestoneCase("reached_on 'soon'", Map.of("title", "Demo", "due_date", "2027-03-01", "reached_on", "soon"),
                400, "invalid-type"));
        all.add(milestoneCase("title as an array", Map.of("title", List.of("Demo"), "due_date", "2027-03-01"), 400,
                "invalid-type"));
        all.add(milestoneCase("goal of another pairing", Map.of("title", "Demo", "due_date", "2027-03-01",
                "goal_id", fx.goal.get("2")), 422, "validation-failed"));
        all.add(milestoneCase("goal_id not a UUID", Map.of("title", "Demo", "due_date", "2027-03-01", "goal_id", "goal-1"),
                422, "validation-failed"));
        all.add(milestoneCase("unknown property", Map.of("title", "Demo", "due_date", "2027-03-01", "owner", "me"), 400,
                "unknown-property"));
        all.add(new Case("replace an unknown milestone", "PUT", "/api/milestones/" + RANDOM_UUID, mentee1)
                .label("/api/milestones/{random}").body(Map.of("pairing_id", fx.pairing1, "title", "Demo",
                        "due_date", "2027-03-01")).expect(404, "not-found"));
        all.add(new Case("replace a milestone with a malformed If-Match", "PUT", milestone1, mentee1)
                .label("/api/milestones/{id}").body(Map.of("pairing_id", fx.pairing1, "title", "Demo",
                        "due_date", "2027-03-01")).header("If-Match", "\"-1\"").expect(400, "invalid-if-match"));

        // --- Sessions ---------------------------------------------------------------------------------------
        all.add(sessionCase("duration_minutes 0", with(sessionBody(), "duration_minutes", 0), 422, "validation-failed"));
        all.add(sessionCase("duration_minutes 481", with(sessionBody(), "duration_minutes", 481), 422, "validation-failed"));
        all.add(sessionCase("starts_at without a zone", with(sessionBody(), "starts_at", "2027-02-10T09:00:00"), 400,
                "invalid-type"));
        all.add(sessionCase("starts_at February 30", with(sessionBody(), "starts_at", "2027-02-30T09:00:00Z"), 400,
                "invalid-type"));
        all.add(sessionCase("starts_at as epoch seconds", with(sessionBody(), "starts_at", 1_800_000_000), 400,
                "invalid-type"));
        all.add(sessionCase("starts_at as a digit string", with(sessionBody(), "starts_at", "1800000000"), 400,
                "invalid-type"));
        all.add(sessionCase("starts_at in year 1000000000", with(sessionBody(), "starts_at",
                "+1000000000-01-01T00:00:00Z"), 400, "invalid-type"));
        all.add(sessionCase("starts_at without seconds", with(sessionBody(), "starts_at", "2027-02-10T09:00Z"), 400,
                "invalid-type"));
        all.add(sessionCase("unknown format", with(sessionBody(), "format", "ZOOM"), 400, "invalid-type"));
        all.add(sessionCase("attendance as an object", with(sessionBody(), "attendance",
                Map.of("person_id", "mentor-1", "presence", "ATTENDED")), 400, "invalid-type"));
        all.add(sessionCase("attendance lists someone twice", with(sessionBody(), "attendance", List.of(
                Map.of("person_id", "mentor-1", "presence", "ATTENDED"),
                Map.of("person_id", "mentor-1", "presence", "ABSENT"))), 422, "validation-failed"));
        all.add(sessionCase("attendance of an outsider", with(sessionBody(), "attendance", List.of(
                Map.of("person_id", "outsider", "presence", "ATTENDED"))), 422, "validation-failed"));
        all.add(sessionCase("presence LATE", with(sessionBody(), "attendance", List.of(
                Map.of("person_id", "mentor-1", "presence", "LATE"))), 400, "invalid-type"));
        all.add(sessionCase("presence missing", with(sessionBody(), "attendance", List.of(
                Map.of("person_id", "mentor-1"))), 422, "validation-failed"));
        all.add(sessionCase("unknown property in attendance", with(sessionBody(), "attendance", List.of(
                Map.of("person_id", "mentor-1", "presence", "ATTENDED", "minutes_late", 5))), 400, "unknown-property"));
        all.add(new Case("replace a session with a stale If-Match", "PUT", session1, mentor1).label("/api/sessions/{id}")
                .body(with(sessionBody(), "pairing_id", fx.pairing1)).header("If-Match", "\"99\"")
                .expect(412, "version-mismatch"));
        all.add(new Case("replace a session whose id is not a UUID", "PUT", "/api/sessions/s-1", mentor1)
                .body(with(sessionBody(), "pairing_id", fx.pairing1)).expect(404, "not-found"));

        // --- Reflections ------------------------------------------------------------------------------------
        all.add(reflectionCase("unknown visibility", with(reflectionBody(), "visibility", "PUBLIC"), 400, "invalid-type"));
        all.add(reflectionCase("shared for review without consent", with(reflectionBody(), "visibility",
                "SHARED_FOR_REVIEW"), 422, "validation-failed"));
        all.add(reflectionCase("PRIVATE with consented_at", with(reflectionBody(), "consented_at", "2027-02-10T10:00:00Z"),
                422, "validation-failed"));
        all.add(reflectionCase("consented_at as a date", with(with(reflectionBody(), "visibility", "SHARED_FOR_REVIEW"),
                "consented_at", "2027-02-10"), 400, "invalid-type"));
        all.add(reflectionCase("consented_at as a number", with(with(reflectionBody(), "visibility", "SHARED_FOR_REVIEW"),
                "consented_at", 1_800_000_000), 400, "invalid-type"));
        all.add(reflectionCase("text missing", without(reflectionBody(), "text"), 422, "validation-failed"));
        all.add(reflectionCase("text blank", with(reflectionBody(), "text", "\n\t "), 422, "validation-failed"));
        all.add(reflectionCase("text of 20,001 characters", with(reflectionBody(), "text", "t".repeat(20_001)), 422,
                "validation-failed"));
        all.add(reflectionCase("text as an array", with(reflectionBody(), "text", List.of("a", "b")), 400, "invalid-type"));
        all.add(reflectionCase("session of another pairing", with(reflectionBody(), "session_id", fx.session.get("2")),
                422, "validation-failed"));
        all.add(reflectionCase("author_id of someone else", with(reflectionBody(), "author_id", "mentor-1"), 422,
                "validation-failed"));
        all.add(reflectionCase("unknown property", with(reflectionBody(), "mood", "good"), 400, "unknown-property"));
        all.add(new Case("HR writes a reflection", "POST", pairing1 + "/reflections", hr)
                .label("/api/pairings/{id}/reflections").body(reflectionBody()).expect(403, "forbidden"));
        all.add(new Case("the program manager writes a reflection", "POST", pairing1 + "/reflections", pm)
                .label("/api/pairings/{id}/reflections").body(reflectionBody()).expect(403, "forbidden"));
        all.add(new Case("a reflection in a pairing whose id is not a UUID", "POST", "/api/pairings/first/reflections",
                mentee1).body(reflectionBody()).expect(404, "not-found"));
        all.add(new Case("the other member edits a reflection", "PUT", pairReflection, mentor1)
                .label("/api/reflections/{mentee-1/PAIR}").body(reflectionUpdate()).expect(403, "forbidden"));
        all.add(new Case("replace a reflection with a stale If-Match", "PUT", pairReflection, mentee1)
                .label("/api/reflections/{mentee-1/PAIR}").body(reflectionUpdate()).header("If-Match", "\"5\"")
                .expect(412, "version-mismatch"));
        all.add(new Case("move a reflection to another pairing", "PUT", pairReflection, mentee1)
                .label("/api/reflections/{mentee-1/PAIR}").body(with(reflectionUpdate(), "pairing_id", fx.pairing2))
                .expect(422, "validation-failed"));
        all.add(new Case("replace a reflection whose id is not a UUID", "PUT", "/api/reflections/r-1", mentee1)
                .body(reflectionUpdate()).expect(404, "not-found"));
        all.add(new Case("HR reads a PRIVATE reflection (no audit row)", "GET",
                "/api/reflections/" + fx.reflection.get("mentee-1/PRIVATE"), hr).label("/api/reflections/{PRIVATE}")
                .expect(404, "not-found"));
        all.add(new Case("HR reads a PAIR reflection (no audit row)", "GET", pairReflection, hr)
                .label("/api/reflections/{mentee-1/PAIR}").expect(404, "not-found"));
        all.add(new Case("an unknown reflection", "GET", "/api/reflections/" + RANDOM_UUID, mentee1)
                .label("/api/reflections/{random}").expect(404, "not-found"));
        all.add(new Case("a reflection id that is not a UUID", "GET", "/api/reflections/private", mentee1)
                .expect(404, "not-found"));

        // --- Surveys and notification preferences --------------------------------------------------------------
        String surveyTool = program + "/survey-tool";
        all.add(new Case("a survey tool that is not installed", "PUT", surveyTool, pm).label("/api/programs/{id}/survey-tool")
                .body(Map.of("tool", "qualtrics")).expect(422, "validation-failed"));
        all.add(new Case("a survey tool choice without a tool", "PUT", surveyTool, pm).label("/api/programs/{id}/survey-tool")
                .body(Map.of()).expect(422, "validation-failed"));
        all.add(new Case("a survey tool choice that sets installed", "PUT", surveyTool, pm)
                .label("/api/programs/{id}/survey-tool").body(Map.of("tool", "builtin", "installed", true))
                .expect(422, "validation-failed"));
        all.add(new Case("a survey tool choice with an unknown property", "PUT", surveyTool, pm)
                .label("/api/programs/{id}/survey-tool").body(Map.of("tool", "builtin", "vendor", "x"))
                .expect(400, "unknown-property"));
        all.add(new Case("a participant chooses the survey tool", "PUT", surveyTool, mentee1)
                .label("/api/programs/{id}/survey-tool").body(Map.of("tool", "builtin")).expect(403, "forbidden"));
        all.add(new Case("another program's manager chooses the survey tool", "PUT", surveyTool, pmOther)
                .label("/api/programs/{id}/survey-tool").body(Map.of("tool", "builtin")).expect(404, "not-found"));
        all.add(new Case("the survey tool of a program whose id is not a UUID", "PUT", "/api/programs/p-1/survey-tool",
                hr).body(Map.of("tool", "builtin")).expect(404, "not-found"));
        all.add(new Case("results of a survey kind that does not exist", "GET", program + "/surveys/happiness/results", pm)
                .label("/api/programs/{id}/surveys/happiness/results").expect(404, "not-found"));
        all.add(new Case("results split by something other than role", "GET", program + "/surveys/nps/results?by=team",
                pm).label("/api/programs/{id}/surveys/nps/results?by=team").expect(400, "invalid-parameter"));
        all.add(new Case("results with an unknown parameter", "GET", program + "/surveys/nps/results?respondent=mentee-1",
                pm).label("/api/programs/{id}/surveys/nps/results?respondent").expect(400, "invalid-parameter"));
        all.add(new Case("invitations of an unknown status", "GET", program + "/survey-invitations?status=LOST", pm)
                .label("/api/programs/{id}/survey-invitations?status=LOST").expect(400, "invalid-parameter"));
        all.add(new Case("invitations with limit 0", "GET", program + "/survey-invitations?limit=0", pm)
                .label("/api/programs/{id}/survey-invitations?limit=0").expect(400, "invalid-parameter"));
        all.add(new Case("fit concerns of an unknown pairing", "GET", "/api/pairings/" + RANDOM_UUID + "/fit-concerns", pm)
                .label("/api/pairings/{random}/fit-concerns").expect(404, "not-found"));
        String preferences = "/api/people/mentee-1/notification-preferences";
        all.add(new Case("preferences without opted_out", "PUT", preferences, mentee1)
                .label("/api/people/{id}/notification-preferences").body(Map.of()).expect(422, "validation-failed"));
        all.add(new Case("preferences naming an unknown kind", "PUT", preferences, mentee1)
                .label("/api/people/{id}/notification-preferences").body(Map.of("opted_out", List.of("newsletter")))
                .expect(422, "validation-failed"));
        all.add(new Case("preferences setting the read-only list of kinds", "PUT", preferences, mentee1)
                .label("/api/people/{id}/notification-preferences").body(Map.of("opted_out", List.of(), "available",
                        List.of())).expect(422, "validation-failed"));
        all.add(new Case("preferences with an unknown property", "PUT", preferences, mentee1)
                .label("/api/people/{id}/notification-preferences").body(Map.of("opted_out", List.of(), "sms", true))
                .expect(400, "unknown-property"));
        all.add(new Case("preferences for another person in the body", "PUT", preferences, mentee1)
                .label("/api/people/{id}/notification-preferences").body(Map.of("opted_out", List.of(), "person_id",
                        "mentor-1")).expect(422, "validation-failed"));
        all.add(new Case("HR changes a person's preferences", "PUT", preferences, hr)
                .label("/api/people/{id}/notification-preferences").body(Map.of("opted_out", List.of("all")))
                .expect(403, "forbidden"));
        all.add(new Case("a mentor changes their mentee's preferences", "PUT", preferences, mentor1)
                .label("/api/people/{id}/notification-preferences").body(Map.of("opted_out", List.of("all")))
                .expect(404, "not-found"));
        all.add(new Case("HR reads the preferences of nobody", "GET", "/api/people/ghost-7/notification-preferences", hr)
                .label("/api/people/{ghost}/notification-preferences").expect(404, "not-found"));

        // --- Keys -------------------------------------------------------------------------------------------
        all.add(keyCase("unknown role", Map.of("name", "k", "role", "superuser"), 422, "validation-failed"));
        all.add(keyCase("role as a number", Map.of("name", "k", "role", 1), 422, "validation-failed"));
        all.add(keyCase("name missing", Map.of("role", "integration"), 422, "validation-failed"));
        all.add(keyCase("name of 101 characters", Map.of("name", "n".repeat(101), "role", "integration"), 422,
                "validation-failed"));
        all.add(keyCase("name with a NUL character", Map.of("name", "bad\u0000name", "role", "integration"), 422,
                "validation-failed"));
        all.add(keyCase("mentee key without person_id", Map.of("name", "k", "role", "mentee"), 422, "validation-failed"));
        all.add(keyCase("integration key with person_id", Map.of("name", "k", "role", "integration", "person_id",
                "mentee-1"), 422, "validation-failed"));
        all.add(keyCase("person_id naming nobody", Map.of("name", "k", "role", "mentor", "person_id", "ghost-7"), 422,
                "validation-failed"));
        all.add(keyCase("unknown property", Map.of("name", "k", "role", "integration", "scopes", List.of("all")), 400,
                "unknown-property"));
        all.add(new Case("revoke an unknown key", "DELETE", "/api/keys/" + RANDOM_UUID, hr).label("/api/keys/{random}")
                .expect(404, "not-found"));
        all.add(new Case("revoke a key whose id is not a UUID", "DELETE", "/api/keys/admin", hr).expect(404, "not-found"));

        // --- Program metrics --------------------------------------------------------------------------------
        String metrics = program + "/metrics";
        String metricsLabel = "/api/programs/{id}/metrics";
        all.add(new Case("metrics: from is not a date", "GET", metrics + "?from=2027-13-01", hr)
                .label(metricsLabel + "?from=2027-13-01").expect(400, "invalid-parameter"));
        all.add(new Case("metrics: to is an instant", "GET", metrics + "?to=2027-06-30T00:00:00Z", hr)
                .label(metricsLabel + "?to=2027-06-30T00:00:00Z").expect(400, "invalid-parameter"));
        all.add(new Case("metrics: from is empty", "GET", metrics + "?from=", pm)
                .label(metricsLabel + "?from=").expect(400, "invalid-parameter"));
        all.add(new Case("metrics: from after to", "GET", metrics + "?from=2027-07-01&to=2027-06-30", hr)
                .label(metricsLabel + "?from=2027-07-01&to=2027-06-30").expect(400, "invalid-parameter"));
        all.add(new Case("metrics: a period of more than 10 years", "GET", metrics + "?from=2017-01-01&to=2027-06-30",
                hr).label(metricsLabel + "?from=2017-01-01&to=2027-06-30").expect(400, "invalid-parameter"));
        all.add(new Case("metrics: only from, after the program's end", "GET", metrics + "?from=2029-01-01", hr)
                .label(metricsLabel + "?from=2029-01-01").expect(400, "invalid-parameter"));
        all.add(new Case("metrics: cohort is not a month", "GET", metrics + "?cohort=spring", pm)
                .label(metricsLabel + "?cohort=spring").expect(400, "invalid-parameter"));
        all.add(new Case("metrics: a cohort nobody enrolled in", "GET", metrics + "?cohort=2020-01", hr)
                .label(metricsLabel + "?cohort=2020-01").expect(400, "unknown-cohort"));
        all.add(new Case("metrics: by week", "GET", metrics + "?by=week", hr)
                .label(metricsLabel + "?by=week").expect(400, "invalid-parameter"));
        all.add(new Case("metrics: an unknown query parameter", "GET", metrics + "?role=MENTEE", hr)
                .label(metricsLabel + "?role=MENTEE").expect(400, "invalid-parameter"));
        all.add(new Case("metrics: from given twice", "GET", metrics + "?from=2027-01-01&from=2027-02-01", hr)
                .label(metricsLabel + "?from=…&from=…").expect(400, "invalid-parameter"));
        all.add(new Case("metrics of an unknown program", "GET", "/api/programs/" + RANDOM_UUID + "/metrics", hr)
                .label("/api/programs/{random}/metrics").expect(404, "not-found"));
        all.add(new Case("metrics of a program id that is not a UUID", "GET", "/api/programs/engineering/metrics", hr)
                .expect(404, "not-found"));
        all.add(new Case("metrics of a program the manager does not manage", "GET", metrics, pmOther)
                .label(metricsLabel + " as pm-other").expect(404, "not-found"));
        all.add(new Case("metrics as a mentee", "GET", metrics, mentee1).label(metricsLabel + " as mentee-1")
                .expect(403, "forbidden"));
        all.add(new Case("metrics as an integration", "GET", metrics, integration)
                .label(metricsLabel + " as integration").expect(403, "forbidden"));
        all.add(new Case("metrics with a body", "GET", metrics, hr).label(metricsLabel + " with a body")
                .body(Map.of("from", "2027-01-01")).expect(400, "unexpected-body"));
        // --- Connectors -------------------------------------------------------------------------------------
        all.add(connectorCase("no body", null, 400, "missing-body"));
        all.add(connectorCase("a setting that is not text", connector("acme", Map.of("page_size", 200)), 400,
                "invalid-type"));
        all.add(connectorCase("an unknown property", with(connector("acme", Map.of()), "schedule", "15m"), 400,
                "unknown-property"));
        all.add(connectorCase("settings as a list", with(connector("acme", Map.of()), "settings", List.of("a")), 400,
                "invalid-type"));
        Map<String, Object> noId = connector("acme", Map.of());
        noId.remove("id");
        all.add(connectorCase("no id", noId, 422, "validation-failed"));
        all.add(connectorCase("an id that is no instance name", connector("ACME corp", Map.of()), 422,
                "validation-failed"));
        all.add(connectorCase("no type", with(connector("acme", Map.of()), "type", null), 422, "validation-failed"));
        all.add(connectorCase("a connector not installed", with(connector("acme", Map.of()), "type", "workday"), 422,
                "validation-failed"));
        all.add(connectorCase("a secret in clear", connector("acme", Map.of("api_token", "tok-123456")), 422,
                "validation-failed"));
        all.add(connectorCase("a reference for a setting that is not secret", connector("acme",
                Map.of("base_url", "$[env:HRIS_URL]")), 422, "validation-failed"));
        all.add(connectorCase("a rate limit that is not a number", connector("acme", Map.of("rate_limit", "fast")),
                422, "validation-failed"));
        all.add(connectorCase("plain http not allowed", connector("acme", Map.of("base_url", "http://hris.example.com")),
                422, "validation-failed"));
        all.add(connectorCase("a link-local base URL", connector("acme", Map.of("base_url", "https://169.254.169.254/")),
                422, "validation-failed"));
        all.add(connectorCase("an unknown setting", connector("acme", Map.of("api_tokn", "x")), 422,
                "validation-failed"));
        all.add(connectorCase("type given as a setting", connector("acme", Map.of("type", "paged-json")), 422,
                "validation-failed"));
        all.add(connectorCase("an instance that exists", connector("hris", Map.of()), 409, "connector-exists"));
        all.add(new Case("replace an instance configured in a file", "PUT", "/api/connectors/payroll", hr)
                .label("/api/connectors/{file}").body(connector(null, Map.of())).expect(409, "file-managed"));
        all.add(new Case("replace with another id in the body", "PUT", "/api/connectors/hris", hr)
                .label("/api/connectors/{id}").body(connector("other", Map.of())).expect(422, "validation-failed"));
        all.add(new Case("replace an unknown instance", "PUT", "/api/connectors/ghost", hr)
                .label("/api/connectors/{unknown}").body(connector(null, Map.of())).expect(404, "not-found"));
        all.add(new Case("delete an instance configured in a file", "DELETE", "/api/connectors/payroll", hr)
                .label("/api/connectors/{file}").expect(409, "file-managed"));
        all.add(new Case("delete an unknown instance", "DELETE", "/api/connectors/ghost", hr)
                .label("/api/connectors/{unknown}").expect(404, "not-found"));
        all.add(new Case("enable an unknown instance", "POST", "/api/connectors/ghost/enable", hr)
                .label("/api/connectors/{unknown}/enable").expect(404, "not-found"));
        all.add(syncCase("an unknown mode", Map.of("mode", "sometimes"), 422, "validation-failed"));
        all.add(syncCase("dry_run as text", Map.of("dry_run", "yes"), 400, "invalid-type"));
        all.add(syncCase("an unknown property", Map.of("dryrun", true), 400, "unknown-property"));
        all.add(new Case("sync an unknown instance", "POST", "/api/connectors/ghost/sync", integration)
                .label("/api/connectors/{unknown}/sync").body(Map.of()).expect(404, "not-found"));
        all.add(new Case("sync with a query parameter", "POST", "/api/connectors/hris/sync?mode=full", hr)
                .label("/api/connectors/{id}/sync").body(Map.of()).expect(400, "invalid-parameter"));
        all.add(new Case("runs with limit 0", "GET", "/api/connectors/hris/runs?limit=0", hr)
                .label("/api/connectors/{id}/runs").expect(400, "invalid-parameter"));
        all.add(new Case("a run id that is not a UUID", "GET", "/api/connectors/hris/runs/latest", hr)
                .label("/api/connectors/{id}/runs/{id}").expect(404, "not-found"));
        all.add(new Case("an unknown run", "GET", "/api/connectors/hris/runs/" + RANDOM_UUID, hr)
                .label("/api/connectors/{id}/runs/{random}").expect(404, "not-found"));
        all.add(new Case("changes of an unknown run", "GET", "/api/connectors/hris/runs/" + RANDOM_UUID + "/changes",
                hr).label("/api/connectors/{id}/runs/{random}/changes").expect(404, "not-found"));
        all.add(new Case("dead letters of an unknown status", "GET", "/api/connectors/hris/dead-letters?status=lost",
                integration).label("/api/connectors/{id}/dead-letters").expect(400, "invalid-parameter"));
        all.add(new Case("dead letters after a forged cursor", "GET", "/api/connectors/hris/dead-letters?cursor=abc",
                hr).label("/api/connectors/{id}/dead-letters").expect(400, "invalid-parameter"));
        all.add(replayCase("ids that are not dead letter ids", Map.of("ids", List.of("first")), 422,
                "validation-failed"));
        all.add(replayCase("a dead letter twice", Map.of("ids", List.of(RANDOM_UUID, RANDOM_UUID)), 422,
                "validation-failed"));
        all.add(replayCase("a dead letter that is not pending", Map.of("ids", List.of(discardedLetter)), 409,
                "not-pending"));
        all.add(replayCase("an unknown dead letter", Map.of("ids", List.of(RANDOM_UUID)), 409, "not-pending"));
        all.add(replayCase("ids as text", Map.of("ids", "all"), 400, "invalid-type"));
        all.add(new Case("discard an unknown dead letter", "POST", "/api/connectors/hris/dead-letters/" + RANDOM_UUID
                + "/discard", hr).label("/api/connectors/{id}/dead-letters/{random}/discard").expect(404, "not-found"));
        all.add(new Case("discard a dead letter twice", "POST", "/api/connectors/hris/dead-letters/" + discardedLetter
                + "/discard", hr).label("/api/connectors/{id}/dead-letters/{discarded}/discard")
                .expect(409, "not-pending"));
        return all;
    }

    private static Map<String, Object> connector(String id, Map<String, Object> changes) {
        Map<String, Object> settings = new LinkedHashMap<>(Map.of("base_url", "https://hris.example.com/v1",
                "api_token", "$[secret:hris.token]", "schedule_incremental", "off", "schedule_full", "off"));
        settings.putAll(changes);
        Map<String, Object> body = new LinkedHashMap<>();
        if (id != null) {
            body.put("id", id);
        }
        body.put("type", "paged-json");
        body.put("settings", settings);
        return body;
    }

    private static Case connectorCase(String what, Object body, int status, String code) {
        Case c = new Case("connector: " + what, "POST", "/api/connectors", fx.key.get("hr_admin"));
        return (body == null ? c : c.body(body)).expect(status, code);
    }

    private static Case syncCase(String what, Object body, int status, String code) {
        return new Case("sync: " + what, "POST", "/api/connectors/hris/sync", fx.key.get("integration"))
                .label("/api/connectors/{id}/sync").body(body).expect(status, code);
    }

    private static Case replayCase(String what, Object body, int status, String code) {
        return new Case("replay: " + what, "POST", "/api/connectors/hris/dead-letters/replay", fx.key.get("hr_admin"))
                .label("/api/connectors/{id}/dead-letters/replay").body(body).expect(status, code);
    }

    /** HR acts as no person: what a pair shared for review it reads, the rest stays hidden, progress it records. */
    @Test
    void hrReadsWhatWasSharedForReviewAndRecordsProgress() throws Exception {
        var shared = expect(200, api.admin("GET", "/api/reflections/" + fx.reflection.get("mentee-2/SHARED_FOR_REVIEW"),
                null));
        assertEquals("SHARED_FOR_REVIEW", shared.body().path("visibility").asText());
        var page = expect(200, api.admin("GET", "/api/pairings/" + fx.pairing2 + "/reflections", null));
        assertEquals(1, page.body().path("items").size(), page.toString());
        assertEquals("SHARED_FOR_REVIEW", page.body().path("items").get(0).path("visibility").asText());
        expect(201, api.admin("POST", "/api/pairings/" + fx.pairing2 + "/goals", MentorshipFixture.goalBody("mentee-2")));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Bodies: each valid as it is, so that a case breaks exactly one thing.

    private static Map<String, Object> newPerson(String id) {
        return MentorshipFixture.person(id, "New", "Person", "Ops");
    }

    private static List<Object> manyPeople(int count) {
        List<Object> people = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            people.add(Map.of("id", "many-" + i, "given_name", "M", "family_name", "Any", "status", "A"));
        }
        return people;
    }

    private static Map<String, Object> newProgram() {
        return MentorshipFixture.program("Leadership circle", "pm-1");
    }

    private static Map<String, Object> phases(String launchStart, String launchEnd) {
        return Map.of("launch", Map.of("start", launchStart, "end", launchEnd),
                "development", Map.of("start", "2027-02-01", "end", "2027-11-30"),
                "completion", Map.of("start", "2027-12-01", "end", "2027-12-31"));
    }

    private static Map<String, Object> newEnrollment() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("person_id", "outsider");
        body.put("role", "MENTEE");
        body.put("capacity", 0);
        body.put("status", "ACTIVE");
        return body;
    }

    private static Map<String, Object> mentorEnrollment() {
        return with(with(newEnrollment(), "role", "MENTOR"), "capacity", 2);
    }

    private static Map<String, Object> enrollmentUpdate() {
        return with(with(newEnrollment(), "person_id", "mentee-1"), "program_id", fx.programId);
    }

    private static Map<String, Object> newPairing() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mentor_id", "mentor-3");
        body.put("mentee_ids", List.of("mentee-4"));
        body.put("score", 70);
        body.put("explanation", List.of(Map.of("factor", "skills", "score", 70, "reason", "shared interests")));
        return body;
    }

    private static Map<String, Object> goalBody() {
        return MentorshipFixture.goalBody("mentee-1");
    }

    private static Map<String, Object> goalUpdate() {
        return with(with(goalBody(), "pairing_id", fx.pairing1), "progress_percent", 40);
    }

    private static Map<String, Object> sessionBody() {
        return new LinkedHashMap<>(MentorshipFixture.sessionBody("mentor-1", "mentee-1"));
    }

    private static Map<String, Object> reflectionBody() {
        return MentorshipFixture.reflectionBody("PRIVATE", fx.session.get("1"));
    }

    private static Map<String, Object> reflectionUpdate() {
        Map<String, Object> body = MentorshipFixture.reflectionBody("PAIR", fx.session.get("1"));
        body.put("pairing_id", fx.pairing1);
        body.put("author_id", "mentee-1");
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> base, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        copy.put(field, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> base, String field) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        copy.remove(field);
        return copy;
    }

    private static Case bulk(String what, Map<String, Object> person, int status, String code) {
        return new Case(what, "POST", "/api/people/bulk", fx.key.get("integration"))
                .body(Map.of("people", List.of(person))).expect(status, code);
    }

    private static Case programCase(String what, Map<String, Object> body, int status, String code) {
        return new Case(what, "POST", "/api/programs", fx.key.get("hr_admin")).body(body).expect(status, code);
    }

    private static Case enrollCase(String what, Map<String, Object> body, int status, String code) {
        return new Case(what, "POST", "/api/programs/" + fx.programId + "/enrollments", fx.key.get("pm"))
                .label("/api/programs/{id}/enrollments").body(body).expect(status, code);
    }

    private static Case proposeCase(String what, Map<String, Object> body, int status, String code) {
        return new Case(what, "POST", "/api/programs/" + fx.programId + "/pairings", fx.key.get("pm"))
                .label("/api/programs/{id}/pairings").body(body).expect(status, code);
    }

    private static Case action(String what, String pairing, String action, String key, Object body, int status,
            String code) {
        Case c = new Case(what, "POST", "/api/pairings/" + pairing + "/" + action, key)
                .label("/api/pairings/{id}/" + action).expect(status, code);
        return body == null ? c : c.body(body);
    }

    private static Case goalCase(String what, Map<String, Object> body, int status, String code) {
        return new Case(what, "POST", "/api/pairings/" + fx.pairing1 + "/goals", fx.key.get("mentee-1"))
                .label("/api/pairings/{id}/goals").body(body).expect(status, code);
    }

    private static Case milestoneCase(String what, Map<String, Object> body, int status, String code) {
        return new Case(what, "POST", "/api/pairings/" + fx.pairing1 + "/milestones", fx.key.get("mentee-1"))
                .label("/api/pairings/{id}/milestones").body(body).expect(status, code);
    }

    private static Case sessionCase(String what, Map<String, Object> body, int status, String code) {
        return new Case(what, "POST", "/api/pairings/" + fx.pairing1 + "/sessions", fx.key.get("mentor-1"))
                .label("/api/pairings/{id}/sessions").body(body).expect(status, code);
    }

    private static Case reflectionCase(String what, Map<String, Object> body, int status, String code) {
        return new Case(what, "POST", "/api/pairings/" + fx.pairing1 + "/reflections", fx.key.get("mentee-1"))
                .label("/api/pairings/{id}/reflections").body(body).expect(status, code);
    }

    private static Case keyCase(String what, Map<String, Object> body, int status, String code) {
        return new Case(what, "POST", "/api/keys", fx.key.get("hr_admin")).body(body).expect(status, code);
    }

    private static String json(Object value) {
        try {
            return JsonMapper.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String b64(String text) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------------------------------------------------
    // One request and what must hold for it.

    static final class Case {
        final String what;
        final String method;
        final String path;
        final String key;
        String label;
        Object body;
        final Map<String, String> headers = new LinkedHashMap<>();
        boolean raw;
        boolean chunked;
        Long declaredLength;
        int status;
        String code;

        Case(String what, String method, String path, String key) {
            this.what = what;
            this.method = method;
            this.path = path;
            this.key = key;
            this.label = path;
        }

        Case label(String value) {
            label = value;
            return this;
        }

        Case body(Object value) {
            body = value;
            return this;
        }

        Case header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Sent over a plain socket, with exactly the headers given (no Content-Type unless set). */
        Case raw(String value) {
            raw = true;
            body = value;
            return this;
        }

        /** Declares this Content-Length but sends only the body given (the server must refuse without reading). */
        Case declaredLength(long value) {
            declaredLength = value;
            return this;
        }

        Case chunked() {
            chunked = true;
            return this;
        }

        Case expect(int expectedStatus, String expectedCode) {
            status = expectedStatus;
            code = expectedCode;
            return this;
        }
    }

    record Outcome(int status, String contentType, JsonNode body, String text) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + text;
        }
    }

    private static void check(String name, Case c) throws Exception {
        Map<String, Long> before = api.rowCounts();
        Outcome outcome = c.raw ? sendRaw(c) : send(c);
        String context = "[" + name + "] " + c.method + " " + c.path + " answered " + outcome;
        assertEquals(c.status, outcome.status(), context);
        assertNotNull(outcome.contentType(), context);
        assertTrue(outcome.contentType().startsWith("application/problem+json"), context);
        JsonNode problem = outcome.body();
        assertNotNull(problem, context);
        for (String field : List.of("type", "title", "detail")) {
            assertTrue(problem.path(field).isTextual() && !problem.path(field).asText().isBlank(),
                    "problem." + field + " in " + context);
        }
        assertTrue(problem.path("status").isInt(), "problem.status in " + context);
        assertEquals(c.status, problem.path("status").asInt(), context);
        assertEquals(c.code, problem.path("code").asText(null), context);
        assertEquals(before, api.rowCounts(), "nothing may change: " + context);
    }

    private static Outcome send(Case c) throws Exception {
        ApiTestSupport.Response response = api.call(c.method, c.path, c.key, c.body, c.headers);
        String text = new String(response.raw().body(), StandardCharsets.UTF_8);
        return new Outcome(response.status(), response.header("Content-Type"), response.body(), text);
    }

    /** A hand-written HTTP/1.1 exchange, for what java.net.http will not send (Content-Length, no Content-Type). */
    private static Outcome sendRaw(Case c) throws Exception {
        byte[] body = ((String) c.body).getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(c.method + " " + c.path + " HTTP/1.1\r\n");
        head.append("Host: 127.0.0.1:").append(api.port).append("\r\nConnection: close\r\n");
        if (c.key != null) {
            head.append("Authorization: Bearer ").append(c.key).append("\r\n");
        }
        c.headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (c.chunked) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else {
            head.append("Content-Length: ").append(c.declaredLength != null ? c.declaredLength : body.length)
                    .append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", api.port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
                    if (c.chunked) {
                        out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body);
                        out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else {
                        out.write(body);
                    }
                    out.flush();
                } catch (IOException e) {
                    // The server may answer and close before reading everything; its answer is what counts.
                }
            });
            writer.start();
            Outcome outcome = readResponse(socket.getInputStream());
            writer.join(60_000);
            return outcome;
        }
    }

    private static Outcome readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the response head: " + headBytes);
            }
            headBytes.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        byte[] body = headers.containsKey("content-length")
                ? in.readNBytes(Integer.parseInt(headers.get("content-length")))
                : in.readAllBytes();
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode json = body.length == 0 ? null : JsonMapper.MAPPER.readTree(body);
        return new Outcome(status, headers.get("content-type"), json, text);
    }
}
