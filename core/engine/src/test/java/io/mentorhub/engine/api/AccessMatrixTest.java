package io.mentorhub.engine.api;

import static io.mentorhub.engine.api.MentorshipFixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Who may do what: every route of the API, called by every kind of caller on their own and on other people's
 * objects, with the exact status the spec expects. One dynamic test per cell (request × caller), so a failure names
 * it. What a caller may not see answers 404, what they see but may not change answers 403, a role the route does not
 * admit at all answers 403, and no key answers 401.
 *
 * <p>Placeholders in paths: fixture objects ({program}, {pairing1}, {goal2}, {e:mentee-1} for an enrollment,
 * {r:mentee-1/PAIR} for a reflection, {mentee-1} for a person), {self} for the caller's own person, and objects made
 * fresh for each cell so that writes never depend on what earlier cells did: {freshProgram} (managed by pm-1, with
 * mentor-1 and mentee-1 enrolled), {freshPairing:STATE} (mentor-1 with mentee-1 in a fresh program, moved to STATE)
 * and {freshKey}.
 */
class AccessMatrixTest {

    /** The columns of the table, in order. pm manages the fixture's program; pm-other manages the other one. */
    static final List<String> CALLERS = List.of("hr_admin", "pm", "pm-other", "mentor-1", "mentee-1", "mentor-2",
            "mentee-2", "outsider", "integration", "anonymous");
    /** The person each person-role caller acts as. */
    static final Map<String, String> PERSON = Map.of("pm", "pm-1", "pm-other", "pm-2", "mentor-1", "mentor-1",
            "mentee-1", "mentee-1", "mentor-2", "mentor-2", "mentee-2", "mentee-2", "outsider", "outsider");
    static final List<String> FIXTURE_PEOPLE = List.of("pm-1", "pm-2", "mentor-1", "mentor-2", "mentee-1", "mentee-2",
            "outsider");
    /** Not applicable: the cell is not generated (e.g. {self} for a caller that is not a person). */
    static final int NA = 0;

    static ApiTestSupport api;
    static io.mentorhub.engine.matching.Builtins.Running matching;
    static io.mentorhub.engine.sync.SyncFixtures sync;
    static MentorshipFixture fixture;
    static final Map<String, String> ids = new HashMap<>();
    static final AtomicInteger counter = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        api = new ApiTestSupport();
        matching = io.mentorhub.engine.matching.Builtins.start(api.database);
        api.matchingRuns = matching.runs();
        io.mentorhub.engine.survey.SurveyTestSupport.engine(api);
        sync = new io.mentorhub.engine.sync.SyncFixtures(api.database);
        api.connectorSync = sync.sync();
        sync.configure("hris");
        api.pushControl = io.mentorhub.engine.push.PushTestSupport.control(api.database, sync.instances(), api.clock);
        fixture = new MentorshipFixture(api);
        // Reflections of the mentor of each visibility too, so that "the other member's PAIR and SHARED_FOR_REVIEW"
        // is checked in both directions (pairing2 only, so pairing1 keeps exactly one of each visibility).
        for (String visibility : List.of("PAIR", "SHARED_FOR_REVIEW")) {
            fixture.reflection.put("mentor-2/" + visibility, expect(201, api.call("POST", "/api/pairings/"
                    + fixture.pairing2 + "/reflections", fixture.key.get("mentor-2"),
                    MentorshipFixture.reflectionBody(visibility, null))).body().path("id").asText());
        }
        ids.put("program", fixture.programId);
        ids.put("otherProgram", fixture.otherProgramId);
        ids.put("pairing1", fixture.pairing1);
        ids.put("pairing2", fixture.pairing2);
        for (String n : List.of("1", "2")) {
            ids.put("goal" + n, fixture.goal.get(n));
            ids.put("milestone" + n, fixture.milestone.get(n));
            ids.put("session" + n, fixture.session.get(n));
        }
        fixture.enrollment.forEach((person, id) -> ids.put("e:" + person, id));
        fixture.reflection.forEach((name, id) -> ids.put("r:" + name, id));
        FIXTURE_PEOPLE.forEach(person -> ids.put(person, person));
        ids.put("nps", "nps");
        String run = expect(202, api.admin("POST", "/api/programs/" + fixture.programId + "/matching-runs", Map.of()))
                .body().path("id").asText();
        while (!expect(200, api.admin("GET", "/api/matching-runs/" + run, null)).body().path("status").asText()
                .equals("SUCCEEDED")) {
            Thread.sleep(10);
        }
        ids.put("run", run);
        ids.put("connector", "hris");
        ids.put("task", "completions");
        ids.put("syncRun", expect(202, api.admin("POST", "/api/connectors/hris/sync", Map.of("dry_run", true)))
                .body().path("id").asText());
    }

    @AfterAll
    static void stop() throws Exception {
        sync.close();
        matching.close();
        api.close();
    }

    /** The table: reads first (so list contents are the fixture's), then writes. */
    static List<Row> table() {
        List<String> everyone = FIXTURE_PEOPLE;
        return List.of(
                //                                                hr   pm   pmO  mr1  me1  mr2  me2  out  int  anon
                // The hub.
                row("GET /api/openapi.json",                      200, 200, 200, 200, 200, 200, 200, 200, 200, 401),
                row("GET /api/plugins",                           200, 403, 403, 403, 403, 403, 403, 403, 200, 401),
                // People.
                row("GET /api/people",                            200, 200, 200, 403, 403, 403, 403, 403, 200, 401)
                        .sees("hr_admin pm pm-other integration", everyone),
                row("GET /api/people/{self}",                     NA,  200, 200, 200, 200, 200, 200, 200, NA,  NA),
                row("GET /api/people/{mentee-1}",                 200, 200, 200, 404, 200, 404, 404, 404, 200, 401),
                row("GET /api/people/{mentor-2}",                 200, 200, 200, 404, 404, 200, 404, 404, 200, 401),
                row("GET /api/people/{self}/history",             NA,  200, 200, 200, 200, 200, 200, 200, NA,  NA),
                row("GET /api/people/{mentee-1}/history",         200, 200, 200, 404, 200, 404, 404, 404, 200, 401),
                // Programs and enrollments.
                row("GET /api/programs",                          200, 200, 200, 200, 200, 200, 200, 200, 403, 401)
                        .sees("hr_admin", "program", "otherProgram")
                        .sees("pm mentor-1 mentee-1 mentor-2 mentee-2", "program")
                        .sees("pm-other", "otherProgram")
                        .sees("outsider"),
                row("GET /api/programs/{program}",                200, 200, 404, 200, 200, 200, 200, 404, 403, 401),
                row("GET /api/programs/{otherProgram}",           200, 404, 200, 404, 404, 404, 404, 404, 403, 401),
                row("GET /api/programs/{program}/enrollments",    200, 200, 404, 200, 200, 200, 200, 404, 403, 401)
                        .sees("hr_admin pm", "e:mentor-1", "e:mentor-2", "e:mentee-1", "e:mentee-2")
                        .sees("mentor-1", "e:mentor-1").sees("mentee-1", "e:mentee-1")
                        .sees("mentor-2", "e:mentor-2").sees("mentee-2", "e:mentee-2"),
                row("GET /api/programs/{otherProgram}/enrollments", 200, 404, 200, 404, 404, 404, 404, 404, 403, 401)
                        .sees("hr_admin pm-other"),
                row("GET /api/enrollments/{e:mentor-1}",          200, 200, 404, 200, 404, 404, 404, 404, 403, 401),
                row("GET /api/enrollments/{e:mentee-1}",          200, 200, 404, 404, 200, 404, 404, 404, 403, 401),
                row("GET /api/enrollments/{e:mentor-2}",          200, 200, 404, 404, 404, 200, 404, 404, 403, 401),
                row("GET /api/enrollments/{e:mentee-2}",          200, 200, 404, 404, 404, 404, 200, 404, 403, 401),
                // Pairings.
                row("GET /api/programs/{program}/pairings",       200, 200, 404, 200, 200, 200, 200, 404, 403, 401)
                        .sees("hr_admin pm", "pairing1", "pairing2")
                        .sees("mentor-1 mentee-1", "pairing1").sees("mentor-2 mentee-2", "pairing2"),
                row("GET /api/programs/{otherProgram}/pairings",  200, 404, 200, 404, 404, 404, 404, 404, 403, 401)
                        .sees("hr_admin pm-other"),
                row("GET /api/pairings/{pairing1}",               200, 200, 404, 200, 200, 404, 404, 404, 403, 401),
                row("GET /api/pairings/{pairing2}",               200, 200, 404, 404, 404, 200, 200, 404, 403, 401),
                row("GET /api/pairings/{pairing1}/transitions",   200, 200, 404, 200, 200, 404, 404, 404, 403, 401),
                row("GET /api/pairings/{pairing2}/transitions",   200, 200, 404, 404, 404, 200, 200, 404, 403, 401),
                // Goals, milestones, sessions.
                row("GET /api/pairings/{pairing1}/goals",         200, 200, 404, 200, 200, 404, 404, 404, 403, 401)
                        .sees("hr_admin pm mentor-1 mentee-1", "goal1"),
                row("GET /api/pairings/{pairing2}/goals",         200, 200, 404, 404, 404, 200, 200, 404, 403, 401)
                        .sees("hr_admin pm mentor-2 mentee-2", "goal2"),
                row("GET /api/goals/{goal1}",                     200, 200, 404, 200, 200, 404, 404, 404, 403, 401),
                row("GET /api/goals/{goal2}",                     200, 200, 404, 404, 404, 200, 200, 404, 403, 401),
                row("GET /api/pairings/{pairing1}/milestones",    200, 200, 404, 200, 200, 404, 404, 404, 403, 401)
                        .sees("hr_admin pm mentor-1 mentee-1", "milestone1"),
                row("GET /api/pairings/{pairing2}/milestones",    200, 200, 404, 404, 404, 200, 200, 404, 403, 401)
                        .sees("hr_admin pm mentor-2 mentee-2", "milestone2"),
                row("GET /api/milestones/{milestone1}",           200, 200, 404, 200, 200, 404, 404, 404, 403, 401),
                row("GET /api/milestones/{milestone2}",           200, 200, 404, 404, 404, 200, 200, 404, 403, 401),
                row("GET /api/pairings/{pairing1}/sessions",      200, 200, 404, 200, 200, 404, 404, 404, 403, 401)
                        .sees("hr_admin pm mentor-1 mentee-1", "session1"),
                row("GET /api/pairings/{pairing2}/sessions",      200, 200, 404, 404, 404, 200, 200, 404, 403, 401)
                        .sees("hr_admin pm mentor-2 mentee-2", "session2"),
                row("GET /api/sessions/{session1}",               200, 200, 404, 200, 200, 404, 404, 404, 403, 401),
                row("GET /api/sessions/{session2}",               200, 200, 404, 404, 404, 200, 200, 404, 403, 401),
                // Reflections: PRIVATE for the author only, PAIR for the pair, SHARED_FOR_REVIEW also for HR and the
                // program's managers.
                row("GET /api/pairings/{pairing1}/reflections",   200, 200, 404, 200, 200, 404, 404, 404, 403, 401)
                        .sees("hr_admin pm", "r:mentee-1/SHARED_FOR_REVIEW")
                        .sees("mentor-1", "r:mentor-1/PRIVATE", "r:mentee-1/PAIR", "r:mentee-1/SHARED_FOR_REVIEW")
                        .sees("mentee-1", "r:mentee-1/PRIVATE", "r:mentee-1/PAIR", "r:mentee-1/SHARED_FOR_REVIEW"),
                row("GET /api/pairings/{pairing2}/reflections",   200, 200, 404, 404, 404, 200, 200, 404, 403, 401)
                        .sees("hr_admin pm", "r:mentee-2/SHARED_FOR_REVIEW", "r:mentor-2/SHARED_FOR_REVIEW")
                        .sees("mentor-2", "r:mentor-2/PRIVATE", "r:mentor-2/PAIR", "r:mentor-2/SHARED_FOR_REVIEW",
                                "r:mentee-2/PAIR", "r:mentee-2/SHARED_FOR_REVIEW")
                        .sees("mentee-2", "r:mentee-2/PRIVATE", "r:mentee-2/PAIR", "r:mentee-2/SHARED_FOR_REVIEW",
                                "r:mentor-2/PAIR", "r:mentor-2/SHARED_FOR_REVIEW"),
                row("GET /api/reflections/{r:mentee-1/PRIVATE}",  404, 404, 404, 404, 200, 404, 404, 404, 403, 401),
                row("GET /api/reflections/{r:mentee-1/PAIR}",     404, 404, 404, 200, 200, 404, 404, 404, 403, 401),
                row("GET /api/reflections/{r:mentee-1/SHARED_FOR_REVIEW}",
                                                                  200, 200, 404, 200, 200, 404, 404, 404, 403, 401),
                row("GET /api/reflections/{r:mentor-1/PRIVATE}",  404, 404, 404, 200, 404, 404, 404, 404, 403, 401),
                row("GET /api/reflections/{r:mentee-2/PRIVATE}",  404, 404, 404, 404, 404, 404, 200, 404, 403, 401),
                row("GET /api/reflections/{r:mentee-2/PAIR}",     404, 404, 404, 404, 404, 200, 200, 404, 403, 401),
                row("GET /api/reflections/{r:mentee-2/SHARED_FOR_REVIEW}",
                                                                  200, 200, 404, 404, 404, 200, 200, 404, 403, 401),
                row("GET /api/reflections/{r:mentor-2/PRIVATE}",  404, 404, 404, 404, 404, 200, 404, 404, 403, 401),
                row("GET /api/reflections/{r:mentor-2/PAIR}",     404, 404, 404, 404, 404, 200, 200, 404, 403, 401),
                row("GET /api/reflections/{r:mentor-2/SHARED_FOR_REVIEW}",
                                                                  200, 200, 404, 404, 404, 200, 200, 404, 403, 401),
                // Matching runs: HR and the program's managers; rankings: the mentee too.
                row("GET /api/programs/{program}/matching-runs",  200, 200, 404, 403, 403, 403, 403, 403, 403, 401),
                row("GET /api/matching-runs/{run}",               200, 200, 404, 403, 403, 403, 403, 403, 403, 401),
                row("GET /api/programs/{program}/rankings/{mentee-1}", 200, 200, 404, 403, 200, 403, 403, 404, 403, 401),
                // Surveys: HR and the program's managers only; never individual answers.
                row("GET /api/programs/{program}/survey-tool",    200, 200, 404, 403, 403, 403, 403, 403, 403, 401),
                row("GET /api/programs/{program}/surveys",        200, 200, 404, 403, 403, 403, 403, 403, 403, 401),
                row("GET /api/programs/{program}/surveys/{nps}/results",
                                                                  200, 200, 404, 403, 403, 403, 403, 403, 403, 401),
                row("GET /api/programs/{program}/survey-invitations", 200, 200, 404, 403, 403, 403, 403, 403, 403, 401),
                row("GET /api/pairings/{pairing1}/fit-concerns",  200, 200, 404, 403, 403, 403, 403, 403, 403, 401),
                row("GET /api/pairings/{pairing2}/fit-concerns",  200, 200, 404, 403, 403, 403, 403, 403, 403, 401),
                // Notification preferences: one's own; HR reads them.
                row("GET /api/people/{self}/notification-preferences", NA, 200, 200, 200, 200, 200, 200, 200, NA, NA),
                row("GET /api/people/{mentee-1}/notification-preferences",
                                                                  200, 404, 404, 404, 200, 404, 404, 404, 403, 401),
                // Consent to share with performance reviews: one's own; HR reads it.
                row("GET /api/people/{self}/review-sharing",      NA, 200, 200, 200, 200, 200, 200, 200, NA, NA),
                row("GET /api/people/{mentee-1}/review-sharing",  200, 404, 404, 404, 200, 404, 404, 404, 403, 401),
                // Program metrics: HR and the program's managers.
                row("GET /api/programs/{program}/metrics",        200, 200, 404, 403, 403, 403, 403, 403, 403, 401),
                row("GET /api/programs/{otherProgram}/metrics",   200, 404, 200, 403, 403, 403, 403, 403, 403, 401),
                // Connectors: configured by HR; read, synced and replayed by integrations too.
                row("GET /api/connector-types",                   200, 403, 403, 403, 403, 403, 403, 403, 200, 401),
                row("GET /api/connectors",                        200, 403, 403, 403, 403, 403, 403, 403, 200, 401),
                row("GET /api/connectors/{connector}",            200, 403, 403, 403, 403, 403, 403, 403, 200, 401),
                row("GET /api/connectors/{connector}/runs",       200, 403, 403, 403, 403, 403, 403, 403, 200, 401),
                row("GET /api/connectors/{connector}/runs/{syncRun}", 200, 403, 403, 403, 403, 403, 403, 403, 200, 401),
                row("GET /api/connectors/{connector}/runs/{syncRun}/changes",
                                                                  200, 403, 403, 403, 403, 403, 403, 403, 200, 401),
                row("GET /api/connectors/{connector}/dead-letters", 200, 403, 403, 403, 403, 403, 403, 403, 200, 401),
                row("GET /api/connectors/{connector}/push",       200, 403, 403, 403, 403, 403, 403, 403, 200, 401),
                // Administration.
                row("GET /api/keys",                              200, 403, 403, 403, 403, 403, 403, 403, 403, 401),
                row("GET /api/audit",                             200, 403, 403, 403, 403, 403, 403, 403, 403, 401),
                // The review feed: everyone may ask; what they get is narrowed (ReviewFeedTest checks the content).
                row("GET /api/reports/review-feed?period=2026",   200, 200, 200, 200, 200, 200, 200, 200, 200, 401),
                row("GET /api/reports/review-feed?period=2026&program_id={program}",
                                                                  200, 200, 404, 200, 200, 200, 200, 200, 200, 401),
                row("GET /api/reports/review-feed?period=2026&person_id={mentee-2}",
                                                                  200, 200, 200, 403, 403, 403, 200, 403, 200, 401),

                // ---- Writes. ----
                //                                                hr   pm   pmO  mr1  me1  mr2  me2  out  int  anon
                row("POST /api/people/bulk",                      200, 403, 403, 403, 403, 403, 403, 403, 200, 401)
                        .body(cell -> Map.of("people", List.of(MentorshipFixture.person("bulk-" + counter
                                .incrementAndGet(), "Bo", "Bulk", "Ops")))),
                row("POST /api/programs",                         201, 403, 403, 403, 403, 403, 403, 403, 403, 401)
                        .body(cell -> MentorshipFixture.program("Created " + counter.incrementAndGet(), "pm-1")),
                row("PUT /api/programs/{program}",                200, 200, 404, 403, 403, 403, 403, 403, 403, 401)
                        .body(cell -> MentorshipFixture.program("Engineering mentoring", "pm-1")),
                row("PUT /api/programs/{otherProgram}",           200, 404, 200, 403, 403, 403, 403, 403, 403, 401)
                        .body(cell -> MentorshipFixture.program("Sales mentoring", "pm-2")),
                // Participants enroll themselves only (here: the outsider, into a program open for enrollment).
                row("POST /api/programs/{freshProgram}/enrollments", 201, 201, 404, 403, 403, 403, 403, 201, 403, 401)
                        .body(cell -> enrollmentBody(null, "outsider", "MENTEE", 0)),
                row("PUT /api/enrollments/{e:mentee-1}",          200, 200, 404, 404, 200, 404, 404, 404, 403, 401)
                        .body(cell -> enrollmentBody(fixture.programId, "mentee-1", "MENTEE", 0)),
                row("PUT /api/enrollments/{e:mentor-2}",          200, 200, 404, 404, 404, 200, 404, 404, 403, 401)
                        .body(cell -> enrollmentBody(fixture.programId, "mentor-2", "MENTOR", 2)),
                row("POST /api/programs/{freshProgram}/pairings", 201, 201, 404, 403, 403, 403, 403, 403, 403, 401)
                        .body(cell -> Map.of("mentor_id", "mentor-1", "mentee_ids", List.of("mentee-1"), "score", 70)),
                // Transitions: each cell acts on its own pairing of mentor-1 with mentee-1, in the state it needs.
                row("POST /api/pairings/{freshPairing:PROPOSED}/publish", 200, 200, 404, 403, 403, 403, 403, 403, 403, 401),
                row("POST /api/pairings/{freshPairing:PUBLISHED}/start-trial", 200, 200, 404, 403, 403, 403, 403, 403, 403, 401),
                row("POST /api/pairings/{freshPairing:TRIAL}/activate",  200, 200, 404, 200, 200, 404, 404, 404, 403, 401),
                row("POST /api/pairings/{freshPairing:ACTIVE}/complete", 200, 200, 404, 403, 403, 403, 403, 403, 403, 401),
                row("POST /api/pairings/{freshPairing:ACTIVE}/dissolve", 200, 200, 404, 200, 200, 404, 404, 404, 403, 401)
                        .body(cell -> Map.of("reason", "schedules never align")),
                row("POST /api/pairings/{freshPairing:PROPOSED}/reject", 200, 200, 404, 403, 403, 403, 403, 403, 403, 401)
                        .body(cell -> Map.of("reason", "not a good fit")),
                row("POST /api/programs/{freshProgram}/matching-runs", 202, 202, 404, 403, 403, 403, 403, 403, 403, 401)
                        .body(cell -> Map.of("seed", 1)),
                row("POST /api/pairings/{freshPairing:PROPOSED}/accept", 403, 403, 404, 409, 403, 404, 404, 404, 403, 401),
                row("POST /api/pairings/{freshPairing:PROPOSED}/decline", 403, 403, 404, 409, 403, 404, 404, 404, 403, 401),
                row("POST /api/matching-runs/{run}/publish",      200, 200, 404, 403, 403, 403, 403, 403, 403, 401),
                row("POST /api/matching-runs/{run}/cancel",       409, 409, 404, 403, 403, 403, 403, 403, 403, 401),
                row("PUT /api/programs/{program}/rankings/{mentee-1}", 200, 200, 404, 403, 200, 403, 403, 404, 403, 401)
                        .body(cell -> Map.of("mentor_ids", List.of("mentor-1"))),
                // Goals, milestones, sessions: recorded by HR, the program's managers and the pair.
                row("POST /api/pairings/{pairing1}/goals",        201, 201, 404, 201, 201, 404, 404, 404, 403, 401)
                        .body(cell -> MentorshipFixture.goalBody("mentee-1")),
                row("POST /api/pairings/{pairing2}/goals",        201, 201, 404, 404, 404, 201, 201, 404, 403, 401)
                        .body(cell -> MentorshipFixture.goalBody("mentee-2")),
                row("PUT /api/goals/{goal1}",                     200, 200, 404, 200, 200, 404, 404, 404, 403, 401)
                        .body(cell -> with(MentorshipFixture.goalBody("mentee-1"), "pairing_id", fixture.pairing1)),
                row("PUT /api/goals/{goal2}",                     200, 200, 404, 404, 404, 200, 200, 404, 403, 401)
                        .body(cell -> with(MentorshipFixture.goalBody("mentee-2"), "pairing_id", fixture.pairing2)),
                row("POST /api/pairings/{pairing1}/milestones",   201, 201, 404, 201, 201, 404, 404, 404, 403, 401)
                        .body(cell -> milestoneBody("1")),
                row("POST /api/pairings/{pairing2}/milestones",   201, 201, 404, 404, 404, 201, 201, 404, 403, 401)
                        .body(cell -> milestoneBody("2")),
                row("PUT /api/milestones/{milestone1}",           200, 200, 404, 200, 200, 404, 404, 404, 403, 401)
                        .body(cell -> with(milestoneBody("1"), "pairing_id", fixture.pairing1)),
                row("PUT /api/milestones/{milestone2}",           200, 200, 404, 404, 404, 200, 200, 404, 403, 401)
                        .body(cell -> with(milestoneBody("2"), "pairing_id", fixture.pairing2)),
                row("POST /api/pairings/{pairing1}/sessions",     201, 201, 404, 201, 201, 404, 404, 404, 403, 401)
                        .body(cell -> MentorshipFixture.sessionBody("mentor-1", "mentee-1")),
                row("POST /api/pairings/{pairing2}/sessions",     201, 201, 404, 404, 404, 201, 201, 404, 403, 401)
                        .body(cell -> MentorshipFixture.sessionBody("mentor-2", "mentee-2")),
                row("PUT /api/sessions/{session1}",               200, 200, 404, 200, 200, 404, 404, 404, 403, 401)
                        .body(cell -> with(MentorshipFixture.sessionBody("mentor-1", "mentee-1"), "pairing_id",
                                fixture.pairing1)),
                row("PUT /api/sessions/{session2}",               200, 200, 404, 404, 404, 200, 200, 404, 403, 401)
                        .body(cell -> with(MentorshipFixture.sessionBody("mentor-2", "mentee-2"), "pairing_id",
                                fixture.pairing2)),
                // Reflections are written by the pair's members, and changed by their author only.
                row("POST /api/pairings/{pairing1}/reflections",  403, 403, 404, 201, 201, 404, 404, 404, 403, 401)
                        .body(cell -> MentorshipFixture.reflectionBody("PAIR", null)),
                row("POST /api/pairings/{pairing2}/reflections",  403, 403, 404, 404, 404, 201, 201, 404, 403, 401)
                        .body(cell -> MentorshipFixture.reflectionBody("PAIR", null)),
                row("PUT /api/reflections/{r:mentee-1/PRIVATE}",  404, 404, 404, 404, 200, 404, 404, 404, 403, 401)
                        .body(cell -> reflectionUpdate("mentee-1", "PRIVATE", fixture.pairing1)),
                row("PUT /api/reflections/{r:mentee-1/PAIR}",     404, 404, 404, 403, 200, 404, 404, 404, 403, 401)
                        .body(cell -> reflectionUpdate("mentee-1", "PAIR", fixture.pairing1)),
                row("PUT /api/reflections/{r:mentee-1/SHARED_FOR_REVIEW}",
                                                                  403, 403, 404, 403, 200, 404, 404, 404, 403, 401)
                        .body(cell -> reflectionUpdate("mentee-1", "SHARED_FOR_REVIEW", fixture.pairing1)),
                row("PUT /api/reflections/{r:mentor-1/PRIVATE}",  404, 404, 404, 200, 404, 404, 404, 404, 403, 401)
                        .body(cell -> reflectionUpdate("mentor-1", "PRIVATE", fixture.pairing1)),
                row("PUT /api/reflections/{r:mentee-2/PRIVATE}",  404, 404, 404, 404, 404, 404, 200, 404, 403, 401)
                        .body(cell -> reflectionUpdate("mentee-2", "PRIVATE", fixture.pairing2)),
                row("PUT /api/reflections/{r:mentee-2/PAIR}",     404, 404, 404, 404, 404, 403, 200, 404, 403, 401)
                        .body(cell -> reflectionUpdate("mentee-2", "PAIR", fixture.pairing2)),
                row("PUT /api/reflections/{r:mentee-2/SHARED_FOR_REVIEW}",
                                                                  403, 403, 404, 404, 404, 403, 200, 404, 403, 401)
                        .body(cell -> reflectionUpdate("mentee-2", "SHARED_FOR_REVIEW", fixture.pairing2)),
                row("PUT /api/reflections/{r:mentor-2/PRIVATE}",  404, 404, 404, 404, 404, 200, 404, 404, 403, 401)
                        .body(cell -> reflectionUpdate("mentor-2", "PRIVATE", fixture.pairing2)),
                row("PUT /api/reflections/{r:mentor-2/PAIR}",     404, 404, 404, 404, 404, 200, 403, 404, 403, 401)
                        .body(cell -> reflectionUpdate("mentor-2", "PAIR", fixture.pairing2)),
                row("PUT /api/reflections/{r:mentor-2/SHARED_FOR_REVIEW}",
                                                                  403, 403, 404, 404, 404, 200, 403, 404, 403, 401)
                        .body(cell -> reflectionUpdate("mentor-2", "SHARED_FOR_REVIEW", fixture.pairing2)),
                // Surveys and notification preferences.
                row("PUT /api/programs/{program}/survey-tool",    200, 200, 404, 403, 403, 403, 403, 403, 403, 401)
                        .body(cell -> Map.of("tool", "builtin")),
                row("PUT /api/people/{self}/notification-preferences", NA, 200, 200, 200, 200, 200, 200, 200, NA, NA)
                        .body(cell -> Map.of("opted_out", List.of())),
                row("PUT /api/people/{mentee-1}/notification-preferences",
                                                                  403, 404, 404, 404, 200, 404, 404, 404, 403, 401)
                        .body(cell -> Map.of("opted_out", List.of("goal_due"))),
                row("PUT /api/people/{self}/review-sharing",      NA, 200, 200, 200, 200, 200, 200, 200, NA, NA)
                        .body(cell -> Map.of("shares", false)),
                row("PUT /api/people/{mentee-1}/review-sharing",  403, 404, 404, 404, 200, 404, 404, 404, 403, 401)
                        .body(cell -> Map.of("shares", true)),
                // Connectors.
                row("POST /api/connectors",                       201, 403, 403, 403, 403, 403, 403, 403, 403, 401)
                        .body(cell -> io.mentorhub.engine.sync.SyncFixtures.instanceBody("matrix-"
                                + counter.incrementAndGet())),
                row("PUT /api/connectors/{freshConnector}",       200, 403, 403, 403, 403, 403, 403, 403, 403, 401)
                        .body(cell -> io.mentorhub.engine.sync.SyncFixtures.instanceBody(null)),
                row("DELETE /api/connectors/{freshConnector}",    200, 403, 403, 403, 403, 403, 403, 403, 403, 401),
                row("POST /api/connectors/{connector}/enable",    200, 403, 403, 403, 403, 403, 403, 403, 403, 401),
                row("POST /api/connectors/{connector}/sync",      202, 403, 403, 403, 403, 403, 403, 403, 202, 401)
                        .body(cell -> Map.of("dry_run", true)),
                row("POST /api/connectors/{connector}/dead-letters/replay",
                                                                  202, 403, 403, 403, 403, 403, 403, 403, 202, 401)
                        .body(cell -> Map.of("ids", List.of(cell.freshDeadLetter()))),
                row("POST /api/connectors/{connector}/dead-letters/{freshDeadLetter}/discard",
                                                                  200, 403, 403, 403, 403, 403, 403, 403, 403, 401),
                row("POST /api/connectors/{connector}/push/replay", 200, 403, 403, 403, 403, 403, 403, 403, 200, 401),
                row("POST /api/connectors/{connector}/push/backfill",
                                                                  200, 403, 403, 403, 403, 403, 403, 403, 403, 401),
                // The HRIS instance has no scheduled push task: refused, for the roles that may ask.
                row("POST /api/connectors/{connector}/tasks/{task}", 409, 403, 403, 403, 403, 403, 403, 403, 409, 401),
                // Keys.
                row("POST /api/keys",                             201, 403, 403, 403, 403, 403, 403, 403, 403, 401)
                        .body(cell -> Map.of("name", "matrix-" + counter.incrementAndGet(), "role", "mentee",
                                "person_id", "outsider")),
                row("DELETE /api/keys/{freshKey}",                200, 403, 403, 403, 403, 403, 403, 403, 403, 401));
    }

    @TestFactory
    Stream<DynamicTest> matrix() {
        List<DynamicTest> cells = new ArrayList<>();
        for (Row row : table()) {
            for (int column = 0; column < CALLERS.size(); column++) {
                int expected = row.expected[column];
                if (expected == NA) {
                    continue;
                }
                String caller = CALLERS.get(column);
                cells.add(DynamicTest.dynamicTest(row.method + " " + row.path + " as " + caller + " -> " + expected,
                        () -> check(row, caller, expected)));
            }
        }
        return cells.stream();
    }

    /** The table covers every route the API has, and nothing it does not. */
    @Test
    void theTableCoversEveryRoute() {
        Set<String> routed = new TreeSet<>();
        api.api.routes().forEach(route -> routed.add(route.method() + " "
                + route.template().replaceAll("\\{[a-z_]+}", "{id}")));
        Set<String> covered = new TreeSet<>();
        for (Row row : table()) {
            covered.add(row.method + " " + PLACEHOLDER.matcher(row.path.replaceAll("\\?.*", "")).replaceAll("{id}"));
        }
        assertEquals(routed, covered);
    }

    private static void check(Row row, String caller, int expected) throws Exception {
        Cell cell = new Cell(caller);
        String path = cell.resolve(row.path);
        Object body = row.body == null ? null : row.body.apply(cell);
        boolean write = !row.method.equals("GET");
        if (write && expected >= 400) {
            // Runs queued by earlier cells save pairings in the background: let them finish before counting rows.
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
            while (matching.runs().active() > 0 && java.time.Instant.now().isBefore(deadline)) {
                Thread.sleep(10);
            }
        }
        Map<String, Long> before = write && expected >= 400 ? api.rowCounts() : null;

        ApiTestSupport.Response response = api.call(row.method, path, cell.key(), body);

        String cellName = row.method + " " + row.path + " as " + caller + " (" + path + ")";
        assertEquals(expected, response.status(), () -> cellName + ": " + response);
        switch (expected) {
            case 401 -> assertEquals("unauthenticated", response.code(), () -> cellName + ": " + response);
            case 403 -> assertEquals("forbidden", response.code(), () -> cellName + ": " + response);
            case 404 -> assertEquals("not-found", response.code(), () -> cellName + ": " + response);
            default -> { }
        }
        if (before != null) {
            assertEquals(before, api.rowCounts(), cellName + ": a refused write changes nothing");
        }
        List<String> visible = row.sees.get(caller);
        if (visible != null) {
            Set<String> expectedIds = visible.stream().map(AccessMatrixTest::id).collect(Collectors.toCollection(TreeSet::new));
            Set<String> seen = new TreeSet<>();
            for (JsonNode item : response.body().path("items")) {
                seen.add(item.path("id").asText());
            }
            assertEquals(names(expectedIds), names(seen), cellName + " sees exactly " + visible);
            assertTrue(response.body().path("next_cursor").isNull(), cellName + ": one page holds it all");
        }
    }

    // ---- The table's vocabulary. ----

    static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

    static final class Row {
        final String method;
        final String path;
        final int[] expected;
        Function<Cell, Object> body;
        final Map<String, List<String>> sees = new LinkedHashMap<>();

        Row(String method, String path, int[] expected) {
            this.method = method;
            this.path = path;
            this.expected = expected;
        }

        Row body(Function<Cell, Object> body) {
            this.body = body;
            return this;
        }

        /** For a list: these callers (space-separated) see exactly these objects, by placeholder name. */
        Row sees(String callers, String... objects) {
            return sees(callers, List.of(objects));
        }

        Row sees(String callers, List<String> objects) {
            for (String caller : callers.split(" ")) {
                if (!CALLERS.contains(caller)) {
                    throw new IllegalArgumentException("no caller " + caller);
                }
                sees.put(caller, objects);
            }
            return this;
        }
    }

    /** A row: "METHOD /path" and the expected status for each caller, in the order of {@link #CALLERS}. */
    static Row row(String request, int... expected) {
        if (expected.length != CALLERS.size()) {
            throw new IllegalArgumentException(request + ": " + expected.length + " statuses for " + CALLERS.size()
                    + " callers");
        }
        String[] parts = request.split(" ", 2);
        return new Row(parts[0], parts[1], expected);
    }

    static String id(String name) {
        String id = ids.get(name);
        if (id == null) {
            throw new IllegalArgumentException("no fixture object " + name);
        }
        return id;
    }

    /** Ids turned back into fixture names, so a failing list assertion reads well. */
    static Set<String> names(Set<String> found) {
        Map<String, String> byId = new HashMap<>();
        ids.forEach((name, id) -> byId.putIfAbsent(id, name));
        return found.stream().map(id -> byId.getOrDefault(id, id)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** One cell's caller and the fresh objects made for it. */
    static final class Cell {
        final String caller;
        private final Map<String, String> fresh = new HashMap<>();

        Cell(String caller) {
            this.caller = caller;
        }

        /** A pending dead letter of the fixture's connector, made for this cell. */
        String freshDeadLetter() {
            try {
                return value("freshDeadLetter");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String key() {
            return caller.equals("anonymous") ? null : fixture.key.get(caller);
        }

        String resolve(String template) throws Exception {
            Matcher matcher = PLACEHOLDER.matcher(template);
            StringBuilder path = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(path, Matcher.quoteReplacement(value(matcher.group(1))));
            }
            matcher.appendTail(path);
            return path.toString();
        }

        private String value(String name) throws Exception {
            if (name.equals("self")) {
                return PERSON.get(caller);
            }
            if (!name.startsWith("fresh")) {
                return id(name);
            }
            String made = fresh.get(name);
            if (made == null) {
                made = name.equals("freshProgram") ? freshProgram()
                        : name.equals("freshKey") ? freshKey()
                        : name.equals("freshConnector") ? freshConnector()
                        : name.equals("freshDeadLetter") ? sync.deadLetter("hris")
                        : freshPairing(name.substring("freshPairing:".length()));
                fresh.put(name, made);
            }
            return made;
        }
    }

    /** A program managed by pm-1, open for enrollment, with mentor-1 and mentee-1 enrolled. */
    static String freshProgram() throws Exception {
        String program = expect(201, api.admin("POST", "/api/programs",
                MentorshipFixture.program("Matrix " + counter.incrementAndGet(), "pm-1"))).body().path("id").asText();
        expect(201, api.call("POST", "/api/programs/" + program + "/enrollments", fixture.key.get("pm"),
                enrollmentBody(null, "mentor-1", "MENTOR", 2)));
        expect(201, api.call("POST", "/api/programs/" + program + "/enrollments", fixture.key.get("pm"),
                enrollmentBody(null, "mentee-1", "MENTEE", 0)));
        return program;
    }

    /** mentor-1 with mentee-1 in a fresh program, moved by pm-1 to {@code state}. */
    static String freshPairing(String state) throws Exception {
        String program = freshProgram();
        String pairing = expect(201, api.call("POST", "/api/programs/" + program + "/pairings", fixture.key.get("pm"),
                Map.of("mentor_id", "mentor-1", "mentee_ids", List.of("mentee-1"), "score", 70)))
                .body().path("id").asText();
        List<String> path = switch (state) {
            case "PROPOSED" -> List.of();
            case "PUBLISHED" -> List.of("publish");
            case "TRIAL" -> List.of("publish", "start-trial");
            case "ACTIVE" -> List.of("publish", "start-trial", "activate");
            default -> throw new IllegalArgumentException("no fresh pairing in state " + state);
        };
        for (String action : path) {
            expect(200, api.call("POST", "/api/pairings/" + pairing + "/" + action, fixture.key.get("pm"), null));
        }
        return pairing;
    }

    /** A connector instance made through the API for one cell. */
    static String freshConnector() throws Exception {
        String id = "fresh-" + counter.incrementAndGet();
        expect(201, api.admin("POST", "/api/connectors", io.mentorhub.engine.sync.SyncFixtures.instanceBody(id)));
        return id;
    }

    static String freshKey() throws Exception {
        return expect(201, api.admin("POST", "/api/keys", Map.of("name", "doomed-" + counter.incrementAndGet(),
                "role", "mentee", "person_id", "outsider"))).body().path("key").path("id").asText();
    }

    static Map<String, Object> enrollmentBody(String programId, String person, String role, int capacity) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (programId != null) {
            body.put("program_id", programId);
        }
        body.put("person_id", person);
        body.put("role", role);
        body.put("capacity", capacity);
        body.put("status", "ACTIVE");
        body.put("profile", Map.of("skills_offered", List.of("public speaking"), "development_areas",
                List.of("negotiation"), "learning_style", "CONVERSATIONAL",
                "availability", Map.of("hours_per_month", 4, "slots", List.of("TUE_AM"))));
        return body;
    }

    static Map<String, Object> milestoneBody(String n) {
        return new LinkedHashMap<>(Map.of("title", "First presentation", "due_date", "2027-03-01", "goal_id",
                fixture.goal.get(n)));
    }

    static Map<String, Object> reflectionUpdate(String author, String visibility, String pairing) {
        Map<String, Object> body = MentorshipFixture.reflectionBody(visibility, null);
        body.put("text", "Edited: " + visibility + " note");
        body.put("pairing_id", pairing);
        body.put("author_id", author);
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }
}
