package io.mentorhub.engine.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small program built through the API: a program manager, two pairs (mentor-1 with mentee-1, mentor-2 with
 * mentee-2), an outsider, and in each pairing a goal, a milestone, a session and one reflection of each visibility.
 * Keys for every role act as these people.
 */
public final class MentorshipFixture {

    public final ApiTestSupport api;
    public String programId;
    public String otherProgramId;
    public final Map<String, String> enrollment = new LinkedHashMap<>();
    public String pairing1;
    public String pairing2;
    public final Map<String, String> goal = new LinkedHashMap<>();
    public final Map<String, String> milestone = new LinkedHashMap<>();
    public final Map<String, String> session = new LinkedHashMap<>();
    /** Reflection ids by name, e.g. "mentee-1/PRIVATE". */
    public final Map<String, String> reflection = new LinkedHashMap<>();
    /** API keys by name: hr_admin, integration, pm (manages the program), pm-other, mentor-1, mentee-1, ... */
    public final Map<String, String> key = new LinkedHashMap<>();

    public MentorshipFixture(ApiTestSupport api) throws Exception {
        this.api = api;
        key.put("hr_admin", api.keys.get("hr_admin"));
        key.put("integration", api.keys.get("integration"));
        expect(200, api.call("POST", "/api/people/bulk", api.keys.get("integration"), Map.of("people", List.of(
                person("pm-1", "Paula", "Manager", "HR"),
                person("pm-2", "Otto", "Manager", "HR"),
                person("mentor-1", "Maya", "Mentor", "Engineering"),
                person("mentor-2", "Mo", "Mentor", "Sales"),
                person("mentee-1", "Eve", "Mentee", "Engineering"),
                person("mentee-2", "Ed", "Mentee", "Sales"),
                person("outsider", "Olga", "Outsider", "Finance")))));
        key.put("pm", api.keyFor(Role.PROGRAM_MANAGER, "pm-1"));
        key.put("pm-other", api.keyFor(Role.PROGRAM_MANAGER, "pm-2"));
        for (String person : List.of("mentor-1", "mentor-2")) {
            key.put(person, api.keyFor(Role.MENTOR, person));
        }
        for (String person : List.of("mentee-1", "mentee-2", "outsider")) {
            key.put(person, api.keyFor(Role.MENTEE, person));
        }
        programId = expect(201, api.admin("POST", "/api/programs", program("Engineering mentoring", "pm-1")))
                .body().path("id").asText();
        otherProgramId = expect(201, api.admin("POST", "/api/programs", program("Sales mentoring", "pm-2")))
                .body().path("id").asText();
        for (String mentor : List.of("mentor-1", "mentor-2")) {
            enrollment.put(mentor, enroll(mentor, "MENTOR", 2));
        }
        for (String mentee : List.of("mentee-1", "mentee-2")) {
            enrollment.put(mentee, enroll(mentee, "MENTEE", 0));
        }
        pairing1 = livePairing("mentor-1", "mentee-1");
        pairing2 = livePairing("mentor-2", "mentee-2");
        fill("1", pairing1, "mentor-1", "mentee-1");
        fill("2", pairing2, "mentor-2", "mentee-2");
    }

    private void fill(String n, String pairing, String mentor, String mentee) throws Exception {
        goal.put(n, expect(201, api.call("POST", "/api/pairings/" + pairing + "/goals", key.get(mentee), goalBody(mentee)))
                .body().path("id").asText());
        milestone.put(n, expect(201, api.call("POST", "/api/pairings/" + pairing + "/milestones", key.get(mentee),
                Map.of("title", "First presentation", "due_date", "2027-03-01", "goal_id", goal.get(n))))
                .body().path("id").asText());
        session.put(n, expect(201, api.call("POST", "/api/pairings/" + pairing + "/sessions", key.get(mentor),
                sessionBody(mentor, mentee))).body().path("id").asText());
        for (String visibility : List.of("PRIVATE", "PAIR", "SHARED_FOR_REVIEW")) {
            reflection.put(mentee + "/" + visibility, expect(201, api.call("POST", "/api/pairings/" + pairing
                    + "/reflections", key.get(mentee), reflectionBody(visibility, session.get(n)))).body().path("id").asText());
        }
        reflection.put(mentor + "/PRIVATE", expect(201, api.call("POST", "/api/pairings/" + pairing + "/reflections",
                key.get(mentor), reflectionBody("PRIVATE", null))).body().path("id").asText());
    }

    private String enroll(String person, String role, int capacity) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("person_id", person);
        body.put("role", role);
        body.put("capacity", capacity);
        body.put("status", "ACTIVE");
        body.put("profile", Map.of("skills_offered", List.of("public speaking"), "development_areas",
                List.of("negotiation"), "learning_style", "CONVERSATIONAL",
                "availability", Map.of("hours_per_month", 4, "slots", List.of("TUE_AM"))));
        return expect(201, api.call("POST", "/api/programs/" + programId + "/enrollments", key.get("pm"), body))
                .body().path("id").asText();
    }

    private String livePairing(String mentor, String mentee) throws Exception {
        String id = expect(201, api.call("POST", "/api/programs/" + programId + "/pairings", key.get("pm"),
                Map.of("mentor_id", mentor, "mentee_ids", List.of(mentee), "score", 80, "explanation",
                        List.of(Map.of("factor", "skills", "score", 80, "reason", "speaks about what the mentee wants")))))
                .body().path("id").asText();
        expect(200, api.call("POST", "/api/pairings/" + id + "/publish", key.get("pm"), null));
        expect(200, api.call("POST", "/api/pairings/" + id + "/start-trial", key.get("pm"), null));
        expect(200, api.call("POST", "/api/pairings/" + id + "/activate", key.get(mentee), null));
        return id;
    }

    public static Map<String, Object> person(String id, String given, String family, String department) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("id", id);
        person.put("given_name", given);
        person.put("family_name", family);
        person.put("work_email", id + "@example.com");
        person.put("department", department);
        person.put("title", "Engineer");
        person.put("status", "A");
        person.put("time_zone", "Europe/Paris");
        person.put("languages", List.of("en", "fr"));
        person.put("hire_date", "2020-01-15");
        return person;
    }

    public static Map<String, Object> program(String name, String manager) {
        Map<String, Object> program = new LinkedHashMap<>();
        program.put("name", name);
        program.put("charter", Map.of("objectives", List.of("Grow leaders"), "goals",
                List.of("Each mentee sets 2 SMART goals by month 2"), "time_commitment", "2 hours per month"));
        program.put("format", "ONE_TO_ONE");
        program.put("duration_months", 12);
        program.put("phases", Map.of(
                "launch", Map.of("start", "2027-01-04", "end", "2027-01-31"),
                "development", Map.of("start", "2027-02-01", "end", "2027-11-30"),
                "completion", Map.of("start", "2027-12-01", "end", "2027-12-31")));
        program.put("meeting_cadence", "MONTHLY");
        program.put("trial_period_days", 30);
        program.put("manager_ids", List.of(manager));
        program.put("status", "ENROLLING");
        return program;
    }

    public static Map<String, Object> goalBody(String owner) {
        Map<String, Object> goal = new LinkedHashMap<>();
        goal.put("owner_id", owner);
        goal.put("title", "Present at the all-hands");
        goal.put("specific", "Give a 10 minute talk on the new build system");
        goal.put("measure", "talks given");
        goal.put("target_value", 1);
        goal.put("due_date", "2027-06-30");
        goal.put("status", "IN_PROGRESS");
        goal.put("progress_percent", 20);
        return goal;
    }

    public static Map<String, Object> sessionBody(String mentor, String mentee) {
        return Map.of("starts_at", "2027-02-10T09:00:00Z", "duration_minutes", 60, "format", "VIDEO",
                "attendance", List.of(Map.of("person_id", mentor, "presence", "ATTENDED"),
                        Map.of("person_id", mentee, "presence", "ATTENDED")));
    }

    public static Map<String, Object> reflectionBody(String visibility, String sessionId) {
        Map<String, Object> reflection = new LinkedHashMap<>();
        reflection.put("text", "Confidential: " + visibility + " note about the session");
        reflection.put("visibility", visibility);
        if (sessionId != null) {
            reflection.put("session_id", sessionId);
        }
        if (visibility.equals("SHARED_FOR_REVIEW")) {
            reflection.put("consented_at", "2027-02-10T10:00:00Z");
        }
        return reflection;
    }

    public static ApiTestSupport.Response expect(int status, ApiTestSupport.Response response) {
        if (response.status() != status) {
            throw new AssertionError("expected " + status + " but got " + response);
        }
        return response;
    }
}
