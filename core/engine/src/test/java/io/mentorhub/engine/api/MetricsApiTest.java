package io.mentorhub.engine.api;

import static io.mentorhub.engine.api.MentorshipFixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorhub.engine.metrics.MetricsDataSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /api/programs/{id}/metrics over HTTP on the hand-built {@link MetricsDataSet}: the wire shape (snake_case,
 * figures with their parts or the reason they are missing, formulas), the program manager's view, and that reading
 * metrics changes nothing. The figures themselves are worked out in ProgramMetricsContractTest.
 */
class MetricsApiTest {

    static ApiTestSupport api;
    static MetricsDataSet data;
    static String managerKey;
    static String otherManagerKey;

    @BeforeAll
    static void start() throws Exception {
        api = new ApiTestSupport();
        data = new MetricsDataSet(api.database);
        // The program's manager, hired during the period so that they are in neither comparison group.
        Map<String, Object> manager = MentorshipFixture.person("pm-metrics", "Petra", "Manager", "HR");
        manager.put("hire_date", "2027-03-01");
        Map<String, Object> other = MentorshipFixture.person("pm-elsewhere", "Otto", "Manager", "HR");
        other.put("hire_date", "2027-03-01");
        expect(200, api.call("POST", "/api/people/bulk", api.keys.get("integration"), Map.of("people",
                List.of(manager, other), "effective_date", "2027-03-01")));
        managerKey = api.keyFor(Role.PROGRAM_MANAGER, "pm-metrics");
        otherManagerKey = api.keyFor(Role.PROGRAM_MANAGER, "pm-elsewhere");
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    static String firstHalf(String more) {
        return "/api/programs/" + data.programId + "/metrics?from=2027-01-01&to=2027-06-30" + more;
    }

    @Test
    void figuresComeWithTheirPartsAndFormulas() throws Exception {
        Map<String, Long> before = api.rowCounts();
        JsonNode report = expect(200, api.admin("GET", firstHalf("&by=quarter"), null)).body();
        assertEquals(before, api.rowCounts(), "reading metrics changes nothing");

        assertEquals(data.programId, report.path("program_id").asText());
        assertEquals("Metrics program", report.path("program_name").asText());
        assertEquals("2027-01-01", report.path("from").asText());
        assertEquals("2027-06-30", report.path("to").asText());
        assertTrue(report.path("cohort").isNull());
        assertEquals("QUARTER", report.path("breakdown").asText());
        assertEquals(5, report.path("minimum_group_size").asInt());
        JsonNode participation = report.path("participation_rate");
        assertEquals(0.8182, participation.path("value").asDouble());
        assertEquals(9, participation.path("numerator").asDouble());
        assertEquals(11, participation.path("denominator").asDouble());
        assertEquals(11, participation.path("people").asInt());
        assertTrue(participation.path("unavailable").isNull());
        List<String> fields = new java.util.ArrayList<>();
        participation.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("value", "numerator", "denominator", "people", "unavailable"), fields);
        assertEquals(5, report.path("active_pairings").path("value").asDouble());
        assertEquals(0.7681, report.path("sessions_per_pairing_month").path("value").asDouble());
        assertEquals(0.6667, report.path("goal_completion").path("value").asDouble());
        assertEquals(1, report.path("abandoned_goals").asLong());
        for (String survey : List.of("survey_response_rate", "nps", "satisfaction")) {
            assertTrue(report.path(survey).path("value").isNull(), survey);
            assertEquals("no survey responses stored", report.path(survey).path("unavailable").asText(), survey);
        }
        assertEquals(0.8889, report.path("retention").path("participants").path("value").asDouble());
        assertEquals(0.625, report.path("retention").path("non_participants").path("value").asDouble());
        assertEquals(0.2639, report.path("retention").path("difference").asDouble());
        assertEquals(-0.0417, report.path("promotion").path("difference").asDouble());
        assertEquals(1, report.path("unranked_grade_changes").asLong());
        assertTrue(report.path("promotion_rule").asText().contains("any grade change"));

        JsonNode q1 = report.path("periods").path(0);
        assertEquals("2027-Q1", q1.path("period").asText());
        assertEquals("2027-03-31", q1.path("to").asText());
        assertEquals(0.9313, q1.path("sessions_per_pairing_month").path("value").asDouble());
        // Under 5 people: no value, no parts, no head count — only the reason.
        JsonNode suppressed = q1.path("goal_completion");
        for (String field : List.of("value", "numerator", "denominator", "people")) {
            assertTrue(suppressed.path(field).isNull(), field);
        }
        assertEquals("suppressed: fewer than 5 people", suppressed.path("unavailable").asText());
        assertEquals(2, report.path("periods").size());

        assertEquals("2026-12", report.path("cohorts").path(1).path("cohort").asText());
        assertEquals(6, report.path("cohorts").path(1).path("enrolled").asInt());
        assertTrue(report.path("cohorts").path(0).path("enrolled").isNull(), "W1's cohort of one is not counted");
        for (String figure : List.of("participation_rate", "active_pairings", "sessions_per_pairing_month",
                "goal_completion", "survey_response_rate", "nps", "satisfaction", "retention", "promotion")) {
            assertTrue(report.path("formulas").path(figure).asText().length() > 20, figure);
        }
    }

    @Test
    void theProgramsManagerSeesTheSameFiguresAndOtherManagersNothing() throws Exception {
        JsonNode byHr = expect(200, api.admin("GET", firstHalf("&cohort=2026-12"), null)).body();
        JsonNode byManager = expect(200, api.call("GET", firstHalf("&cohort=2026-12"), managerKey, null)).body();
        assertEquals(byHr, byManager);
        assertEquals("2026-12", byManager.path("cohort").asText());
        assertEquals(1.0, byManager.path("participation_rate").path("value").asDouble());
        assertEquals("not-found", expect(404, api.call("GET", firstHalf(""), otherManagerKey, null)).code());
    }

    @Test
    void theDefaultPeriodIsTheProgramSoFar() throws Exception {
        // The data set's program ran in 2027; whatever today is, the default period starts at its launch and ends
        // at the earlier of today and its completion end (the whole program while it has not started).
        JsonNode report = expect(200, api.admin("GET", "/api/programs/" + data.programId + "/metrics", null)).body();
        assertEquals("2027-01-01", report.path("from").asText());
        assertEquals("MONTH", report.path("breakdown").asText());
        assertTrue(report.path("to").asText().compareTo("2027-01-01") >= 0);
        assertTrue(report.path("to").asText().compareTo("2027-12-31") <= 0);
    }

    @Test
    void withoutMetricsRunningTheApiSaysSo() throws Exception {
        var running = api.programMetrics;
        api.programMetrics = null;
        try {
            ApiTestSupport.Response response = api.admin("GET", firstHalf(""), null);
            assertEquals(503, response.status());
            assertEquals("unavailable", response.code());
        } finally {
            api.programMetrics = running;
        }
    }
}
