package io.mentorhub.engine.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorhub.engine.api.ApiTestSupport;
import io.mentorhub.engine.api.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Matching runs end to end through the API, on H2 with a real Camel context and the real optimal strategy; scorers
 * and constraints are small test plugins whose scores are easy to predict.
 */
class MatchingRunsTest {

    private static final List<String> SKILLS = List.of("sql", "negotiation", "public speaking", "java", "hiring",
            "budgeting", "design", "coaching");

    private final List<Hub> hubs = new ArrayList<>();

    /** One hub: API on Jetty, H2 in memory, Camel, matching runs with the test plugins. */
    private static final class Hub implements AutoCloseable {
        final ApiTestSupport api;
        final DefaultCamelContext camel = new DefaultCamelContext();
        final MatchingRuns runs;

        Hub(MatchingRuns.Settings settings) throws Exception {
            api = new ApiTestSupport();
            camel.start();
            runs = new MatchingRuns(api.database, camel, settings);
            runs.bindScorer(new TestPlugins.SharedSkills());
            runs.bindScorer(new TestPlugins.Seniority());
            runs.bindConstraint(new TestPlugins.NotSameTeam());
            runs.bindStrategy(DualCertificateTest.optimalStrategy());
            runs.bindStrategy(new TestPlugins.Endless());
            runs.bindStrategy(new TestPlugins.RuleBreaker());
            runs.bindStrategy((io.mentorhub.api.matching.MatchingStrategy) Builtins.create(
                    "io.mentorhub.plugins.menteechoice.MenteeChoiceStrategy", Map.of()));
            api.matchingRuns = runs;
        }

        @Override
        public void close() throws Exception {
            runs.stop();
            camel.close();
            api.close();
        }
    }

    private Hub hub(MatchingRuns.Settings settings) throws Exception {
        Hub hub = new Hub(settings);
        hubs.add(hub);
        return hub;
    }

    private Hub hub() throws Exception {
        return hub(MatchingRuns.Settings.DEFAULT);
    }

    @AfterEach
    void close() throws Exception {
        for (Hub hub : hubs) {
            hub.close();
        }
    }

    // ---------------------------------------------------------------- the data

    /**
     * People and a program: mentors m00.. (levels 5-8, capacity 1-2) and mentees e00.. (levels 1-4), in teams t0..t3,
     * with random skills and development areas from the seed. Returns the program id.
     */
    private static String company(Hub hub, int mentors, int mentees, long seed, String strategy,
            Map<String, Object> extraPeople) throws Exception {
        Random random = new Random(seed);
        List<Map<String, Object>> people = new ArrayList<>();
        for (int i = 0; i < mentors; i++) {
            people.add(person(String.format("m%02d", i), "t" + random.nextInt(4), "L" + (5 + random.nextInt(4))));
        }
        for (int j = 0; j < mentees; j++) {
            people.add(person(String.format("e%02d", j), "t" + random.nextInt(4), "L" + (1 + random.nextInt(4))));
        }
        expect(200, hub.api.call("POST", "/api/people/bulk", hub.api.keys.get("integration"), Map.of("people", people)));
        Map<String, Object> program = program("Matching " + seed + " " + strategy, strategy);
        String programId = expect(201, hub.api.admin("POST", "/api/programs", program)).body().path("id").asText();
        for (int i = 0; i < mentors; i++) {
            enroll(hub, programId, String.format("m%02d", i), "MENTOR", 1 + random.nextInt(2),
                    pick(random, 3), List.of(), extraPeople);
        }
        for (int j = 0; j < mentees; j++) {
            enroll(hub, programId, String.format("e%02d", j), "MENTEE", 0, List.of(), pick(random, 2), extraPeople);
        }
        return programId;
    }

    private static List<String> pick(Random random, int n) {
        Set<String> chosen = new TreeSet<>();
        while (chosen.size() < n) {
            chosen.add(SKILLS.get(random.nextInt(SKILLS.size())));
        }
        return List.copyOf(chosen);
    }

    static Map<String, Object> person(String id, String team, String grade) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("id", id);
        person.put("given_name", "Given " + id);
        person.put("family_name", "Family");
        person.put("work_email", id + "@example.com");
        person.put("team", team);
        person.put("grade", grade);
        person.put("status", "A");
        return person;
    }

    static Map<String, Object> program(String name, String strategy) {
        Map<String, Object> program = new LinkedHashMap<>();
        program.put("name", name);
        program.put("charter", Map.of("objectives", List.of("Grow leaders"), "goals", List.of("Two SMART goals"),
                "time_commitment", "2 hours per month"));
        program.put("format", "ONE_TO_ONE");
        program.put("duration_months", 12);
        program.put("phases", Map.of(
                "launch", Map.of("start", "2027-01-04", "end", "2027-01-31"),
                "development", Map.of("start", "2027-02-01", "end", "2027-11-30"),
                "completion", Map.of("start", "2027-12-01", "end", "2027-12-31")));
        program.put("meeting_cadence", "MONTHLY");
        program.put("trial_period_days", 30);
        program.put("matching", Map.of("strategy", strategy, "weights", Map.of("shared-skills", 10),
                "constraints", List.of("not-same-team")));
        program.put("status", "ENROLLING");
        return program;
    }

    /** {@code extra}: person id → sensitive attributes (a list of maps) to add to that enrollment. */
    private static void enroll(Hub hub, String programId, String person, String role, int capacity,
            List<String> offered, List<String> wanted, Map<String, Object> extra) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("person_id", person);
        body.put("role", role);
        body.put("capacity", capacity);
        body.put("status", "ACTIVE");
        body.put("profile", Map.of("skills_offered", offered, "development_areas", wanted));
        if (extra.containsKey(person)) {
            body.put("sensitive_attributes", extra.get(person));
        }
        expect(201, hub.api.admin("POST", "/api/programs/" + programId + "/enrollments", body));
    }

    // ---------------------------------------------------------------- running

    static ApiTestSupport.Response expect(int status, ApiTestSupport.Response response) {
        if (response.status() != status) {
            throw new AssertionError("expected " + status + " but got " + response);
        }
        return response;
    }

    private static JsonNode run(Hub hub, String programId, Object body) throws Exception {
        ApiTestSupport.Response started = expect(202, hub.api.admin("POST", "/api/programs/" + programId
                + "/matching-runs", body));
        assertEquals("/api/matching-runs/" + started.body().path("id").asText(), started.header("Location"));
        return waitFor(hub, started.body().path("id").asText());
    }

    private static JsonNode waitFor(Hub hub, String runId) throws Exception {
        long until = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonNode run = expect(200, hub.api.admin("GET", "/api/matching-runs/" + runId, null)).body();
            String status = run.path("status").asText();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return run;
            }
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("run did not finish: " + run);
            }
            Thread.sleep(20);
        }
    }

    private static List<JsonNode> pairings(Hub hub, String programId, String state) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        expect(200, hub.api.admin("GET", "/api/programs/" + programId + "/pairings?limit=200&state=" + state, null))
                .body().path("items").forEach(items::add);
        return items;
    }

    private static Set<String> pairs(List<JsonNode> pairings) {
        Set<String> pairs = new TreeSet<>();
        for (JsonNode p : pairings) {
            p.path("mentee_ids").forEach(m -> pairs.add(p.path("mentor_id").asText() + "/" + m.asText()));
        }
        return pairs;
    }

    private static String team(Hub hub, String person) throws Exception {
        return expect(200, hub.api.admin("GET", "/api/people/" + person, null)).body().path("team").asText();
    }

    // ---------------------------------------------------------------- tests

    @Test
    void aRunProposesExplainedPairsThatKeepEveryRule() throws Exception {
        Hub hub = hub();
        String programId = company(hub, 8, 14, 1, "optimal", Map.of());
        JsonNode run = run(hub, programId, Map.of("seed", 7));
        assertEquals("SUCCEEDED", run.path("status").asText(), run.toString());
        assertEquals("DONE", run.path("phase").asText());
        assertEquals(100, run.path("progress").asInt());
        assertEquals(7, run.path("seed").asLong());
        assertTrue(run.path("counts").path("certified_optimal").asBoolean(), run.toString());

        List<JsonNode> proposed = pairings(hub, programId, "PROPOSED");
        assertEquals(run.path("counts").path("proposed_pairings").asInt(), proposed.size());
        assertFalse(proposed.isEmpty());
        Map<String, Integer> load = new HashMap<>();
        Set<String> mentees = new HashSet<>();
        long total = 0;
        for (JsonNode pairing : proposed) {
            String mentor = pairing.path("mentor_id").asText();
            String mentee = pairing.path("mentee_ids").get(0).asText();
            assertNotEquals(team(hub, mentor), team(hub, mentee), "the not-same-team constraint holds");
            assertTrue(mentees.add(mentee), "a mentee is proposed once");
            load.merge(mentor, 1, Integer::sum);
            int sum = 0;
            for (JsonNode factor : pairing.path("explanation")) {
                assertFalse(factor.path("reason").asText().isBlank());
                sum += factor.path("score").asInt();
            }
            assertEquals(pairing.path("score").asInt(), sum, "the explanation adds up to the score");
            assertEquals(Set.of("shared-skills", "seniority"), factorNames(pairing));
            total += pairing.path("score").asInt();
        }
        load.forEach((mentor, taken) -> assertTrue(taken <= 2, mentor + " is within capacity"));
        assertEquals(total, run.path("counts").path("total_score").asLong());
        int unmatched = run.path("unmatched").size();
        assertEquals(14, mentees.size() + unmatched, "every mentee is proposed or unmatched with a reason");
        run.path("unmatched").forEach(u -> assertFalse(u.path("reason").asText().isBlank()));
        JsonNode transitions = expect(200, hub.api.admin("GET", "/api/pairings/" + proposed.get(0).path("id").asText()
                + "/transitions", null)).body().path("items");
        assertEquals("matching-run", transitions.get(0).path("actor").asText());
    }

    private static Set<String> factorNames(JsonNode pairing) {
        Set<String> names = new HashSet<>();
        pairing.path("explanation").forEach(f -> names.add(f.path("factor").asText()));
        return names;
    }

    @Test
    void theSameSeedGivesTheSameProposals() throws Exception {
        Set<String> first = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            Hub hub = hub();
            String programId = company(hub, 10, 18, 3, "optimal", Map.of());
            assertEquals("SUCCEEDED", run(hub, programId, Map.of("seed", 99)).path("status").asText());
            Set<String> pairs = pairs(pairings(hub, programId, "PROPOSED"));
            if (first == null) {
                first = pairs;
            } else {
                assertEquals(first, pairs);
            }
        }
    }

    @Test
    void narrowCandidatesAreCertifiedAndReachTheDenseOptimum() throws Exception {
        Hub dense = hub();
        String denseProgram = company(dense, 12, 24, 5, "optimal", Map.of());
        JsonNode denseRun = run(dense, denseProgram, Map.of("seed", 1));
        assertEquals("all feasible pairs", denseRun.path("counts").path("candidate_selection").asText());

        Hub narrow = hub(new MatchingRuns.Settings(0, 1, 1, 50, 600, java.time.Duration.ofDays(7)));
        String narrowProgram = company(narrow, 12, 24, 5, "optimal", Map.of());
        JsonNode narrowRun = run(narrow, narrowProgram, Map.of("seed", 1));
        assertEquals("SUCCEEDED", narrowRun.path("status").asText(), narrowRun.toString());
        assertTrue(narrowRun.path("counts").path("candidates").asInt() < denseRun.path("counts").path("candidates").asInt());
        assertTrue(narrowRun.path("counts").path("certified_optimal").asBoolean());
        assertEquals(denseRun.path("counts").path("total_score").asLong(),
                narrowRun.path("counts").path("total_score").asLong(),
                "pairs added back by the certificate recover the optimum over all feasible pairs");
    }

    @Test
    void aRejectedProposalIsReMatchedForThatMenteeOnlyAndNeverProposedAgain() throws Exception {
        Hub hub = hub();
        String programId = company(hub, 8, 10, 11, "optimal", Map.of());
        String runId = run(hub, programId, Map.of("seed", 3)).path("id").asText();
        List<JsonNode> proposed = pairings(hub, programId, "PROPOSED");
        JsonNode rejected = proposed.get(0);
        String mentee = rejected.path("mentee_ids").get(0).asText();
        String mentor = rejected.path("mentor_id").asText();
        expect(200, hub.api.admin("POST", "/api/pairings/" + rejected.path("id").asText() + "/reject",
                Map.of("reason", "they worked together before")));
        JsonNode published = expect(200, hub.api.admin("POST", "/api/matching-runs/" + runId + "/publish", null)).body();
        assertEquals(proposed.size() - 1, published.path("published").asInt());
        assertEquals(1, published.path("skipped").asInt());
        Set<String> before = pairs(pairings(hub, programId, "PUBLISHED"));

        JsonNode rerun = run(hub, programId, Map.of("seed", 3, "people", List.of(mentee)));
        assertEquals("SUCCEEDED", rerun.path("status").asText(), rerun.toString());
        List<JsonNode> again = pairings(hub, programId, "PROPOSED");
        for (JsonNode p : again) {
            assertEquals(List.of(mentee), List.of(p.path("mentee_ids").get(0).asText()), "only the affected mentee");
            assertNotEquals(mentor, p.path("mentor_id").asText(), "the rejected pair is not proposed again");
        }
        assertEquals(before, pairs(pairings(hub, programId, "PUBLISHED")), "every other pairing is untouched");
        assertEquals(1, again.size() + rerun.path("unmatched").size());
    }

    @Test
    void dissolvingDuringTheTrialReMatchesItsPeopleOnly() throws Exception {
        Hub hub = hub();
        String programId = company(hub, 6, 8, 13, "optimal", Map.of());
        String runId = run(hub, programId, Map.of("seed", 5)).path("id").asText();
        expect(200, hub.api.admin("POST", "/api/matching-runs/" + runId + "/publish", null));
        List<JsonNode> published = pairings(hub, programId, "PUBLISHED");
        JsonNode trial = published.get(0);
        String id = trial.path("id").asText();
        expect(200, hub.api.admin("POST", "/api/pairings/" + id + "/start-trial", null));
        Set<String> others = pairs(pairings(hub, programId, "PUBLISHED"));
        expect(200, hub.api.admin("POST", "/api/pairings/" + id + "/dissolve", Map.of("reason", "not a good fit")));

        JsonNode runs = expect(200, hub.api.admin("GET", "/api/programs/" + programId + "/matching-runs", null)).body();
        assertEquals(2, runs.path("items").size(), "the dissolve queued a re-match");
        JsonNode rematch = waitFor(hub, runs.path("items").get(0).path("id").asText());
        assertEquals("SUCCEEDED", rematch.path("status").asText(), rematch.toString());
        assertTrue(rematch.path("requested_by").asText().startsWith("re-match: trial re-match of pairing " + id));
        String mentee = trial.path("mentee_ids").get(0).asText();
        for (JsonNode p : pairings(hub, programId, "PROPOSED")) {
            assertEquals(mentee, p.path("mentee_ids").get(0).asText());
            assertNotEquals(trial.path("mentor_id").asText(), p.path("mentor_id").asText());
        }
        assertEquals(others, pairs(pairings(hub, programId, "PUBLISHED")));
    }

    @Test
    void aCancelledRunEndsCancelledAndSavesNothing() throws Exception {
        Hub hub = hub();
        String programId = company(hub, 4, 4, 17, "endless", Map.of());
        String runId = expect(202, hub.api.admin("POST", "/api/programs/" + programId + "/matching-runs", Map.of()))
                .body().path("id").asText();
        expect(409, hub.api.admin("POST", "/api/programs/" + programId + "/matching-runs", Map.of()));
        while (!expect(200, hub.api.admin("GET", "/api/matching-runs/" + runId, null)).body().path("phase").asText()
                .equals("SOLVING")) {
            Thread.sleep(10);
        }
        assertEquals(202, hub.api.admin("POST", "/api/matching-runs/" + runId + "/cancel", null).status());
        JsonNode run = waitFor(hub, runId);
        assertEquals("CANCELLED", run.path("status").asText());
        assertEquals("cancelled during SOLVING", run.path("error").asText());
        assertTrue(pairings(hub, programId, "PROPOSED").isEmpty());
        expect(409, hub.api.admin("POST", "/api/matching-runs/" + runId + "/cancel", null));
        expect(409, hub.api.admin("POST", "/api/matching-runs/" + runId + "/publish", null));
    }

    @Test
    void aRunStopsAtItsDeadline() throws Exception {
        Hub hub = hub();
        String programId = company(hub, 4, 4, 19, "endless", Map.of());
        JsonNode run = run(hub, programId, Map.of("deadline_seconds", 1));
        assertEquals("FAILED", run.path("status").asText());
        assertTrue(run.path("error").asText().startsWith("stopped at its deadline"), run.toString());
        assertTrue(pairings(hub, programId, "PROPOSED").isEmpty());
    }

    @Test
    void aStrategyThatBreaksTheRulesFailsTheRunAndSavesNothing() throws Exception {
        Hub hub = hub();
        String programId = company(hub, 3, 5, 23, "rule-breaker", Map.of());
        JsonNode run = run(hub, programId, Map.of());
        assertEquals("FAILED", run.path("status").asText());
        assertTrue(run.path("error").asText().startsWith("plugin 'rule-breaker' "), run.toString());
        assertTrue(pairings(hub, programId, "PROPOSED").isEmpty());
    }

    @Test
    void menteesWithoutAnyAllowedMentorAreUnmatchedWithTheConstraintNamed() throws Exception {
        Hub hub = hub();
        expect(200, hub.api.call("POST", "/api/people/bulk", hub.api.keys.get("integration"), Map.of("people", List.of(
                person("m1", "red", "L7"), person("m2", "red", "L7"), person("e1", "red", "L2"),
                person("e2", "blue", "L2")))));
        String programId = expect(201, hub.api.admin("POST", "/api/programs", program("Teams", "optimal")))
                .body().path("id").asText();
        enroll(hub, programId, "m1", "MENTOR", 1, List.of("sql"), List.of(), Map.of());
        enroll(hub, programId, "m2", "MENTOR", 1, List.of("sql"), List.of(), Map.of());
        enroll(hub, programId, "e1", "MENTEE", 0, List.of(), List.of("sql"), Map.of());
        enroll(hub, programId, "e2", "MENTEE", 0, List.of(), List.of("sql"), Map.of());
        JsonNode run = run(hub, programId, Map.of());
        assertEquals(1, run.path("unmatched").size(), run.toString());
        assertEquals("e1", run.path("unmatched").get(0).path("person_id").asText());
        assertEquals("no candidate mentor: 2 ruled out by constraint not-same-team",
                run.path("unmatched").get(0).path("reason").asText());
    }

    @Test
    void theFairnessReportShowsOnlyGroupsOfFiveOrMore() throws Exception {
        Hub hub = hub();
        Map<String, Object> attributes = new HashMap<>();
        for (int j = 0; j < 8; j++) {
            String value = j < 6 ? "first-generation" : "career-break";
            attributes.put(String.format("e%02d", j), List.of(Map.of("name", "background", "value", value,
                    "purpose", "fairness-report", "consented_at", "2026-11-01T00:00:00Z")));
        }
        String programId = company(hub, 8, 12, 29, "optimal", attributes);
        JsonNode fairness = run(hub, programId, Map.of()).path("fairness");
        assertEquals(5, fairness.path("minimum_group_size").asInt());
        assertEquals(12, fairness.path("everyone").path("people").asInt());
        JsonNode background = fairness.path("attributes").get(0);
        assertEquals("background", background.path("name").asText());
        assertEquals(1, background.path("groups").size());
        assertEquals("first-generation", background.path("groups").get(0).path("group").asText());
        assertEquals(6, background.path("groups").get(0).path("people").asInt());
        assertEquals(1, background.path("suppressed_groups").asInt(), "the group of 2 is not shown");
        assertFalse(fairness.toString().contains("career-break"));
    }

    @Test
    void runsThatCannotStartAreRefusedWithAReasonAndChangeNothing() throws Exception {
        Hub hub = hub();
        String programId = company(hub, 2, 2, 31, "optimal", Map.of());
        String path = "/api/programs/" + programId + "/matching-runs";
        assertEquals("validation-failed", hub.api.admin("POST", path, Map.of("seed", -1)).code());
        assertEquals(400, hub.api.admin("POST", path, Map.of("colour", "blue")).status());
        assertEquals(422, hub.api.admin("POST", path, Map.of("deadline_seconds", 0)).status());
        assertEquals(422, hub.api.admin("POST", path, Map.of("people", List.of("e00", "e00"))).status());
        assertEquals(404, hub.api.admin("POST", "/api/programs/00000000-0000-0000-0000-000000000000/matching-runs",
                Map.of()).status());
        String mentorKey = hub.api.keyFor(Role.MENTOR, "m00");
        assertEquals(403, hub.api.call("POST", path, mentorKey, Map.of()).status());
        String draft = expect(201, hub.api.admin("POST", "/api/programs", withStatus(program("Draft", "optimal"),
                "DRAFT"))).body().path("id").asText();
        ApiTestSupport.Response refused = hub.api.admin("POST", "/api/programs/" + draft + "/matching-runs", Map.of());
        assertEquals(409, refused.status());
        assertTrue(refused.body().path("detail").asText().contains("DRAFT"));
        String unknown = expect(201, hub.api.admin("POST", "/api/programs", program("Unknown", "hungarian")))
                .body().path("id").asText();
        ApiTestSupport.Response missing = hub.api.admin("POST", "/api/programs/" + unknown + "/matching-runs", Map.of());
        assertEquals(409, missing.status());
        assertTrue(missing.body().path("detail").asText().contains("'hungarian' is not installed"));
        assertEquals(0, expect(200, hub.api.admin("GET", path, null)).body().path("items").size());
        assertEquals(404, hub.api.admin("GET", "/api/matching-runs/not-a-run", null).status());
    }

    private static Map<String, Object> withStatus(Map<String, Object> program, String status) {
        program.put("status", status);
        return program;
    }

    @Test
    void menteesRankMentorsForThemselves() throws Exception {
        Hub hub = hub();
        String programId = company(hub, 3, 2, 37, "optimal", Map.of());
        String path = "/api/programs/" + programId + "/rankings/e00";
        String menteeKey = hub.api.keyFor(Role.MENTEE, "e00");
        String otherKey = hub.api.keyFor(Role.MENTEE, "e01");
        JsonNode saved = expect(200, hub.api.call("PUT", path, menteeKey, Map.of("mentor_ids", List.of("m02", "m00"))))
                .body();
        assertEquals("[\"m02\",\"m00\"]", saved.path("mentor_ids").toString());
        assertEquals(saved, expect(200, hub.api.call("GET", path, menteeKey, null)).body());
        assertEquals(403, hub.api.call("PUT", path, otherKey, Map.of("mentor_ids", List.of("m01"))).status());
        assertEquals(422, hub.api.call("PUT", path, menteeKey, Map.of("mentor_ids", List.of("e01"))).status());
        assertEquals(422, hub.api.call("PUT", path, menteeKey, Map.of("mentor_ids", List.of("m00", "m00"))).status());
        assertEquals(saved, expect(200, hub.api.call("GET", path, menteeKey, null)).body(), "bad input changed nothing");
    }

    @Test
    void inMenteeChoiceProgramsMentorsAcceptOrDeclineAndDeclinedMenteesMoveOn() throws Exception {
        Hub hub = hub();
        String programId = company(hub, 4, 3, 41, "mentee-choice", Map.of());
        // e00 ranks every mentor outside their own team, in id order.
        List<String> allowed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String mentor = String.format("m%02d", i);
            if (!team(hub, mentor).equals(team(hub, "e00"))) {
                allowed.add(mentor);
            }
        }
        assertTrue(allowed.size() >= 2, "the seed gives e00 at least two allowed mentors");
        String mentee = hub.api.keyFor(Role.MENTEE, "e00");
        expect(200, hub.api.call("PUT", "/api/programs/" + programId + "/rankings/e00", mentee,
                Map.of("mentor_ids", allowed)));
        run(hub, programId, Map.of("seed", 1));
        JsonNode first = proposalFor(hub, programId, "e00");
        assertEquals(allowed.get(0), first.path("mentor_id").asText(), "the first choice, uncontended");
        String firstMentor = hub.api.keyFor(Role.MENTOR, allowed.get(0));
        String pairing = first.path("id").asText();
        assertEquals(403, hub.api.call("POST", "/api/pairings/" + pairing + "/accept", mentee, null).status(),
                "only the mentor answers");
        assertEquals(403, hub.api.admin("POST", "/api/pairings/" + pairing + "/accept", null).status());
        JsonNode declined = expect(200, hub.api.call("POST", "/api/pairings/" + pairing + "/decline", firstMentor,
                Map.of("reason", "no time this quarter"))).body();
        assertEquals("REJECTED", declined.path("state").asText());
        assertEquals("declined by the mentor: no time this quarter", declined.path("state_reason").asText());
        assertEquals(409, hub.api.call("POST", "/api/pairings/" + pairing + "/accept", firstMentor, null).status(),
                "an answered proposal stays answered");

        JsonNode rematch = waitFor(hub, latestRun(hub, programId));
        assertEquals("SUCCEEDED", rematch.path("status").asText(), rematch.toString());
        JsonNode second = proposalFor(hub, programId, "e00");
        assertEquals(allowed.get(1), second.path("mentor_id").asText(), "the request moved on to the next choice");
        String secondMentor = hub.api.keyFor(Role.MENTOR, allowed.get(1));
        JsonNode accepted = expect(200, hub.api.call("POST", "/api/pairings/" + second.path("id").asText() + "/accept",
                secondMentor, null)).body();
        assertEquals("PUBLISHED", accepted.path("state").asText());
    }

    @Test
    void unansweredProposalsLapseAndTheirMenteesAreMatchedAgain() throws Exception {
        Hub hub = hub(new MatchingRuns.Settings(4_000_000, 50, 10, 20, 600, java.time.Duration.ZERO));
        String programId = company(hub, 4, 2, 43, "mentee-choice", Map.of());
        run(hub, programId, Map.of("seed", 2));
        List<JsonNode> proposed = pairings(hub, programId, "PROPOSED");
        assertFalse(proposed.isEmpty());
        Thread.sleep(5);
        hub.runs.lapseUnansweredProposals();
        for (JsonNode p : proposed) {
            JsonNode lapsed = expect(200, hub.api.admin("GET", "/api/pairings/" + p.path("id").asText(), null)).body();
            assertEquals("REJECTED", lapsed.path("state").asText());
            assertEquals("the mentor did not answer within 0 seconds", lapsed.path("state_reason").asText());
        }
        JsonNode rematch = waitFor(hub, latestRun(hub, programId));
        assertTrue(rematch.path("requested_by").asText().startsWith("re-match: lapsed proposals"), rematch.toString());
        for (JsonNode p : pairings(hub, programId, "PROPOSED")) {
            assertFalse(pairs(proposed).contains(p.path("mentor_id").asText() + "/" + p.path("mentee_ids").get(0).asText()),
                    "a lapsed pair is not proposed again");
        }
    }

    @Test
    void mentorsAnswerOnlyWhereTheStrategyLeavesItToThem() throws Exception {
        Hub hub = hub();
        String programId = company(hub, 3, 2, 47, "optimal", Map.of());
        run(hub, programId, Map.of("seed", 1));
        JsonNode proposal = pairings(hub, programId, "PROPOSED").get(0);
        String mentor = hub.api.keyFor(Role.MENTOR, proposal.path("mentor_id").asText());
        ApiTestSupport.Response refused = hub.api.call("POST", "/api/pairings/" + proposal.path("id").asText()
                + "/accept", mentor, null);
        assertEquals(409, refused.status());
        assertEquals("PROPOSED", expect(200, hub.api.admin("GET", "/api/pairings/" + proposal.path("id").asText(),
                null)).body().path("state").asText());
    }

    private static JsonNode proposalFor(Hub hub, String programId, String mentee) throws Exception {
        for (JsonNode p : pairings(hub, programId, "PROPOSED")) {
            if (p.path("mentee_ids").get(0).asText().equals(mentee)) {
                return p;
            }
        }
        throw new AssertionError("no proposal for " + mentee);
    }

    private static String latestRun(Hub hub, String programId) throws Exception {
        return expect(200, hub.api.admin("GET", "/api/programs/" + programId + "/matching-runs", null)).body()
                .path("items").get(0).path("id").asText();
    }
}
