package io.mentorhub.connectors.moodle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.mentorhub.api.connector.CourseEnrolments.Enrolment;
import io.mentorhub.api.connector.Delivery;
import io.mentorhub.testkit.ScriptedTarget;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Moodle site's REST web service ({@code /webservice/rest/server.php}) as a WireMock extension, in memory: users,
 * courses with or without a manual enrolment method, enrolments and course completion, answering the three functions
 * the connector calls with the shapes of Moodle's external function definitions — and failing as Moodle does, with
 * HTTP 200 and {@code {"exception", "errorcode", "message"}}: {@code invalidtoken}, {@code accessexception} for a
 * function missing from the token's service, {@code invalidparameter} for a course that does not exist (its context
 * is missing), {@code wsnoinstance}, {@code wsusercannotassign}, {@code invalidrecord}, {@code usernotenroled},
 * {@code nocriteriaset}, {@code cannotviewreport}. {@code enrol_manual_enrol_users} is one transaction: the first bad
 * enrolment rolls the whole batch back.
 */
public final class FakeMoodle extends ScriptedTarget implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-moodle";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A Moodle-specific fault staged on every request (the canonical ones come through {@link #fail}). */
    public enum Trouble {
        NONE, MAINTENANCE, HTML_PAGE, CUT_JSON
    }

    /** How long a stalled answer is held back: longer than the 1 s time-out the tests configure. */
    public static final int STALL_MILLIS = 2500;

    private record User(long id, String email, boolean suspended) {
    }

    private record Course(long id, boolean manualEnrolment, boolean completionTracked, int aggregation) {
    }

    public record Placement(long userId, long courseId) {
    }

    private final String token;
    private final Map<Long, User> users = new TreeMap<>();
    private final Map<Long, Course> courses = new TreeMap<>();
    private final Map<Placement, Long> enrolments = new LinkedHashMap<>();
    /** Completed criteria per placement: their completion times (seconds). */
    private final Map<Placement, List<Long>> criteriaMet = new HashMap<>();
    private final Map<Long, Integer> criteriaCount = new HashMap<>();
    private final Set<String> functions = new HashSet<>(Set.of(MoodleConnector.USERS_BY_FIELD, MoodleConnector.ENROL,
            MoodleConnector.COMPLETION));
    private final Set<Long> assignableRoles = new HashSet<>(Set.of(3L, 5L));
    private long nextUser = 100;
    private int enrolmentWrites;
    private Trouble trouble = Trouble.NONE;
    private int stallNextEnrolMillis;

    public FakeMoodle(String token) {
        this.token = token;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    // --- the site's content -----------------------------------------------------------------------------------------

    public synchronized long user(String email, boolean suspended) {
        long id = nextUser++;
        users.put(id, new User(id, email, suspended));
        return id;
    }

    public synchronized void course(long id, boolean manualEnrolment, boolean completionTracked, int criteria,
            int aggregation) {
        courses.put(id, new Course(id, manualEnrolment, completionTracked, aggregation));
        criteriaCount.put(id, criteria);
    }

    public synchronized void enrolled(long userId, long courseId) {
        enrolments.put(new Placement(userId, courseId), 5L);
    }

    public synchronized void criterionMet(long userId, long courseId, long epochSecond) {
        criteriaMet.computeIfAbsent(new Placement(userId, courseId), p -> new ArrayList<>()).add(epochSecond);
    }

    public synchronized void withoutFunction(String function) {
        functions.remove(function);
    }

    public synchronized void trouble(Trouble trouble) {
        this.trouble = trouble;
    }

    /** The next enrolment call commits, then answers only after this many milliseconds. */
    public synchronized void stallNextEnrolment(int millis) {
        stallNextEnrolMillis = millis;
    }

    @Override
    public synchronized void commitThenStall() {
        stallNextEnrolment(STALL_MILLIS);
    }

    @Override
    public synchronized void stopFailing() {
        super.stopFailing();
        trouble = Trouble.NONE;
    }

    /** 1 if the learner with the enrolment's e-mail is enrolled in its course (Moodle holds an enrolment once). */
    @Override
    public synchronized int copies(Delivery.Keyed item) {
        Enrolment enrolment = (Enrolment) item;
        for (User user : users.values()) {
            if (user.email().toLowerCase(Locale.ROOT).equals(enrolment.workEmail().strip().toLowerCase(Locale.ROOT))
                    && enrolments.containsKey(new Placement(user.id(), Long.parseLong(enrolment.courseId().strip())))) {
                return 1;
            }
        }
        return 0;
    }

    public synchronized Map<Placement, Long> enrolments() {
        return Map.copyOf(enrolments);
    }

    /** How many enrolments were created (an enrolment of someone already enrolled creates nothing). */
    public synchronized int enrolmentWrites() {
        return enrolmentWrites;
    }

    // --- the web service --------------------------------------------------------------------------------------------

    @Override
    protected ResponseDefinition unauthorized() {
        return exception("moodle_exception", "invalidtoken", "Invalid token - token not found");
    }

    /** Moodle has no rate limit of its own; the reverse proxy in front of it does. */
    @Override
    protected ResponseDefinition rateLimited(ResponseDefinitionBuilder tooMany) {
        return tooMany.withHeader("Content-Type", "text/html").withBody("<html><body>Too Many Requests</body></html>")
                .build();
    }

    @Override
    protected ResponseDefinition serverError() {
        return new ResponseDefinitionBuilder().withStatus(503).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Service Unavailable</body></html>").build();
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        ResponseDefinition scripted = counted();
        if (scripted != null) {
            return scripted;
        }
        switch (trouble) {
            case HTML_PAGE:
                return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody("<!DOCTYPE html><html><body>Log in to the site</body></html>").build();
            case CUT_JSON:
                return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("[{\"id\":101,\"email\":\"ada@exa").build();
            default:
                break;
        }
        Map<String, String> form = form(request.getBodyAsString());
        String function = request.queryParameter("wsfunction").isPresent()
                ? request.queryParameter("wsfunction").firstValue() : "";
        if (!"json".equals(request.queryParameter("moodlewsrestformat").isPresent()
                ? request.queryParameter("moodlewsrestformat").firstValue() : "")) {
            return xml("invalid format");
        }
        if (!token.equals(form.get("wstoken"))) {
            return exception("moodle_exception", "invalidtoken", "Invalid token - token not found");
        }
        if (trouble == Trouble.MAINTENANCE) {
            return exception("moodle_exception", "sitemaintenance", "Site is under maintenance");
        }
        if (!functions.contains(function)) {
            return exception("webservice_access_exception", "accessexception", "Access control exception");
        }
        return switch (function) {
            case MoodleConnector.USERS_BY_FIELD -> usersByField(form);
            case MoodleConnector.ENROL -> enrol(form);
            case MoodleConnector.COMPLETION -> completion(form);
            default -> exception("dml_missing_record_exception", "invalidrecord",
                    "Can't find data record in database table external_functions.");
        };
    }

    private ResponseDefinition usersByField(Map<String, String> form) {
        if (!"email".equals(form.get("field"))) {
            return exception("invalid_parameter_exception", "invalidparameter", "Invalid parameter value detected");
        }
        Set<String> values = new HashSet<>();
        form.forEach((name, value) -> {
            if (name.startsWith("values[")) {
                values.add(value);
            }
        });
        List<Map<String, Object>> found = new ArrayList<>();
        for (User user : users.values()) {
            if (values.contains(user.email())) { // compared as stored, as on PostgreSQL
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("id", user.id());
                shown.put("username", "user" + user.id());
                shown.put("firstname", "First");
                shown.put("lastname", "Last");
                shown.put("fullname", "First Last");
                shown.put("email", user.email());
                shown.put("department", "");
                shown.put("firstaccess", 0);
                shown.put("lastaccess", 0);
                shown.put("auth", "manual");
                shown.put("suspended", user.suspended());
                shown.put("confirmed", true);
                shown.put("lang", "en");
                shown.put("theme", "");
                shown.put("timezone", "99");
                shown.put("mailformat", 1);
                shown.put("description", "");
                shown.put("descriptionformat", 1);
                shown.put("profileimageurlsmall", "https://learn.example.com/theme/image.php/boost/core/1/u/f2");
                shown.put("profileimageurl", "https://learn.example.com/theme/image.php/boost/core/1/u/f1");
                found.add(shown);
            }
        }
        return json(found);
    }

    private ResponseDefinition enrol(Map<String, String> form) {
        List<Map<String, Long>> requested = new ArrayList<>();
        for (int i = 0; form.containsKey("enrolments[" + i + "][userid]"); i++) {
            requested.add(Map.of("roleid", Long.parseLong(form.get("enrolments[" + i + "][roleid]")),
                    "userid", Long.parseLong(form.get("enrolments[" + i + "][userid]")),
                    "courseid", Long.parseLong(form.get("enrolments[" + i + "][courseid]"))));
        }
        // One transaction: check everything first, as the rollback would leave nothing behind.
        for (Map<String, Long> enrolment : requested) {
            Course course = courses.get(enrolment.get("courseid"));
            if (course == null) {
                return exception("invalid_parameter_exception", "invalidparameter", "Invalid parameter value detected");
            }
            if (!assignableRoles.contains(enrolment.get("roleid"))) {
                return exception("moodle_exception", "wsusercannotassign", "You don't have the permission to assign"
                        + " this role (" + enrolment.get("roleid") + ") to this user (" + enrolment.get("userid")
                        + ") in this course(" + enrolment.get("courseid") + ").");
            }
            if (!course.manualEnrolment()) {
                return exception("moodle_exception", "wsnoinstance", "Manual enrolment plugin instance doesn't exist"
                        + " or is disabled for the course (id = " + course.id() + ")");
            }
        }
        for (Map<String, Long> enrolment : requested) {
            Placement placement = new Placement(enrolment.get("userid"), enrolment.get("courseid"));
            if (enrolments.put(placement, enrolment.get("roleid")) == null) {
                enrolmentWrites++;
            }
        }
        ResponseDefinitionBuilder answer = new ResponseDefinitionBuilder().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("null");
        if (stallNextEnrolMillis > 0) {
            answer.withFixedDelay(stallNextEnrolMillis);
            stallNextEnrolMillis = 0;
        }
        return answer.build();
    }

    private ResponseDefinition completion(Map<String, String> form) {
        long userId = Long.parseLong(form.getOrDefault("userid", "0"));
        long courseId = Long.parseLong(form.getOrDefault("courseid", "0"));
        Course course = courses.get(courseId);
        if (course == null) {
            return exception("dml_missing_record_exception", "invalidrecord",
                    "Can't find data record in database table course.");
        }
        if (!users.containsKey(userId)) {
            return exception("dml_missing_record_exception", "invalidrecord",
                    "Can't find data record in database table user.");
        }
        if (!course.completionTracked()) {
            return exception("moodle_exception", "cannotviewreport", "Cannot view participant report");
        }
        Placement placement = new Placement(userId, courseId);
        if (!enrolments.containsKey(placement)) {
            return exception("moodle_exception", "usernotenroled", "User is not enrolled in this course");
        }
        int criteria = criteriaCount.getOrDefault(courseId, 0);
        if (criteria == 0) {
            return exception("moodle_exception", "nocriteriaset", "No criteria set for this course");
        }
        List<Long> met = criteriaMet.getOrDefault(placement, List.of());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < criteria; i++) {
            boolean complete = i < met.size();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("type", 4);
            row.put("title", "Activity completion");
            row.put("status", complete ? "Yes" : "No");
            row.put("complete", complete);
            row.put("timecompleted", complete ? met.get(i) : null);
            row.put("details", Map.of("type", "Activity completion", "criteria", "Quiz " + (i + 1),
                    "requirement", "Marking yourself complete", "status", complete ? "Yes" : "No"));
            rows.add(row);
        }
        boolean completed = course.aggregation() == 2 ? !met.isEmpty() : met.size() >= criteria;
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("completed", completed);
        status.put("aggregation", course.aggregation());
        status.put("completions", rows);
        return json(Map.of("completionstatus", status, "warnings", List.of()));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }

    private static ResponseDefinition exception(String type, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("exception", type);
        error.put("errorcode", code);
        error.put("message", message);
        return json(error);
    }

    private static ResponseDefinition xml(String message) {
        return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/xml")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<EXCEPTION class=\"moodle_exception\">"
                        + "<MESSAGE>" + message + "</MESSAGE></EXCEPTION>").build();
    }

    private static ResponseDefinition json(Object body) {
        try {
            return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(body)).build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
