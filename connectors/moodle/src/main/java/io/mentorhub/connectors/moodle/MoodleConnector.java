package io.mentorhub.connectors.moodle;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorhub.api.connector.Capability;
import io.mentorhub.api.connector.Connector;
import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.ConnectorKind;
import io.mentorhub.api.connector.CourseCompletions;
import io.mentorhub.api.connector.CourseEnrolments;
import io.mentorhub.api.connector.Delivery;
import io.mentorhub.api.connector.Setting;
import io.mentorhub.connectors.moodle.MoodleSite.Answer;
import io.mentorhub.connectors.moodle.MoodleSite.Fault;
import io.mentorhub.connectors.support.http.VendorHttp;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Moodle through its REST web services. Learners are found by work e-mail ({@code core_user_get_users_by_field},
 * {@code field=email}); enrolments go through the course's manual enrolment method ({@code enrol_manual_enrol_users},
 * as the configured student role — enrolling someone already enrolled changes nothing and counts as delivered);
 * completion is {@code core_completion_get_course_completion_status} per learner and course.
 *
 * <p>{@code enrol_manual_enrol_users} stops at the first bad enrolment and rolls the batch back, so when a batch
 * fails for one item (a course without manual enrolment, a course that does not exist) the enrolments are sent again
 * one at a time: the good ones are delivered, the bad one refused with Moodle's reason. Enrolment is idempotent in
 * Moodle, so a batch retried after a time-out never enrols anyone twice.
 */
@Component(service = {Connector.class, CourseEnrolments.class, CourseCompletions.class})
public final class MoodleConnector implements Connector, CourseEnrolments, CourseCompletions, AutoCloseable {

    static final String SITE_URL = "site_url";
    static final String TOKEN = "token";
    static final String STUDENT_ROLE_ID = "student_role_id";
    static final String TIME_ZONE = "time_zone";
    static final String TIMEOUT = "timeout_seconds";

    private static final List<Setting> SETTINGS = List.of(
            Setting.required(SITE_URL, "Moodle site URL", Setting.Type.URL,
                    "The site's address, e.g. https://learn.example.com (or its …/webservice/rest/server.php)"),
            Setting.required(TOKEN, "Web service token", Setting.Type.SECRET,
                    "Token of the web service user (Site administration > Server > Web services > Manage tokens) for"
                            + " an external service with core_user_get_users_by_field, enrol_manual_enrol_users and"
                            + " core_completion_get_course_completion_status"),
            Setting.optional(STUDENT_ROLE_ID, "Student role id", Setting.Type.INTEGER, "5",
                    "The role learners are enrolled with (Site administration > Users > Define roles; 5 is Moodle's"
                            + " student role)"),
            Setting.optional(TIME_ZONE, "Time zone of completion dates", Setting.Type.STRING, "UTC",
                    "IANA time zone in which a completion instant becomes a date, e.g. Europe/Berlin"),
            Setting.optional(TIMEOUT, "Time-out (seconds)", Setting.Type.INTEGER, "30",
                    "How long to wait for Moodle to answer one request (1-300)"));

    static final String USERS_BY_FIELD = "core_user_get_users_by_field";
    static final String ENROL = "enrol_manual_enrol_users";
    static final String COMPLETION = "core_completion_get_course_completion_status";

    /** Faults that concern one learner or course of a call, not the instance. */
    private static final Set<String> ITEM_CODES = Set.of("invalidrecord", "invalidparameter", "wsnoinstance",
            "wscannotenrol");
    private static final Set<String> NOT_ENROLLED = Set.of("usernotenroled", "notenroled", "nocriteriaset");

    private final VendorHttp http;

    public MoodleConnector() {
        this(new VendorHttp("Moodle", VendorHttp.Limits.DEFAULT, List.of()));
    }

    MoodleConnector(VendorHttp http) {
        this.http = http;
    }

    @Override
    public String id() {
        return "moodle";
    }

    @Override
    public String displayName() {
        return "Moodle";
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.LMS;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.LEARNING_ENROLMENT, Capability.LEARNING_COMPLETIONS);
    }

    @Override
    public List<Setting> settings() {
        return SETTINGS;
    }

    @Deactivate
    @Override
    public void close() throws IOException {
        http.close();
    }

    @Override
    public String toString() {
        return "MoodleConnector";
    }

    // --- enrolments -------------------------------------------------------------------------------------------------

    @Override
    public List<Delivery> enrol(ConnectorConfig config, List<Enrolment> enrolments) throws ConnectorException {
        Delivery.requireValidBatch(enrolments);
        Instance moodle = instance(config);
        Map<String, Learner> learners = moodle.learners(enrolments.stream().map(Enrolment::workEmail).toList());
        Delivery[] deliveries = new Delivery[enrolments.size()];
        Map<Placement, List<Integer>> wanted = new LinkedHashMap<>();
        for (int i = 0; i < enrolments.size(); i++) {
            Enrolment enrolment = enrolments.get(i);
            Long course = courseId(enrolment.courseId());
            Learner learner = learners.get(mailKey(enrolment.workEmail()));
            if (course == null) {
                deliveries[i] = Delivery.refused(enrolment.key(), "Moodle course ids are whole numbers; "
                        + "the course id given is not one");
            } else if (learner.problem() != null) {
                deliveries[i] = Delivery.refused(enrolment.key(), learner.problem());
            } else if (learner.suspended()) {
                deliveries[i] = Delivery.refused(enrolment.key(), "the Moodle account with this work e-mail is"
                        + " suspended; reactivate it in Moodle, then replay");
            } else {
                wanted.computeIfAbsent(new Placement(learner.id(), course), p -> new ArrayList<>()).add(i);
            }
        }
        if (!wanted.isEmpty()) {
            Map<Placement, String> refusals = moodle.enrol(new ArrayList<>(wanted.keySet()));
            wanted.forEach((placement, indexes) -> {
                String refusal = refusals.get(placement);
                for (int i : indexes) {
                    String key = enrolments.get(i).key();
                    deliveries[i] = refusal == null ? Delivery.delivered(key, placement.reference())
                            : Delivery.refused(key, refusal);
                }
            });
        }
        return List.of(deliveries);
    }

    // --- completions ------------------------------------------------------------------------------------------------

    @Override
    public List<CourseStatus> fetchCompletions(ConnectorConfig config, List<CourseQuestion> questions)
            throws ConnectorException {
        if (questions == null || questions.isEmpty() || questions.size() > Delivery.MAX_BATCH) {
            throw new IllegalArgumentException("a completion query takes 1.." + Delivery.MAX_BATCH + " questions");
        }
        Instance moodle = instance(config);
        Map<String, Learner> learners = moodle.learners(questions.stream().map(CourseQuestion::workEmail).toList());
        Map<Placement, Completion> answered = new HashMap<>();
        List<CourseStatus> statuses = new ArrayList<>(questions.size());
        for (CourseQuestion question : questions) {
            Long course = courseId(question.courseId());
            Learner learner = learners.get(mailKey(question.workEmail()));
            if (course == null || learner.problem() != null) {
                statuses.add(new CourseStatus(question.workEmail(), question.courseId(), false, false, null));
                continue;
            }
            Placement placement = new Placement(learner.id(), course);
            Completion status = answered.get(placement);
            if (status == null) {
                status = moodle.completion(placement);
                answered.put(placement, status);
            }
            statuses.add(new CourseStatus(question.workEmail(), question.courseId(), status.known(),
                    status.completed(), status.completedOn()));
        }
        return statuses;
    }

    // --- one configured site ----------------------------------------------------------------------------------------

    private Instance instance(ConnectorConfig config) throws ConnectorException {
        long seconds = config.number(TIMEOUT).orElse(30L);
        if (seconds < 1 || seconds > 300) {
            throw ConnectorException.config(TIMEOUT + " must be 1-300 seconds");
        }
        long role = config.number(STUDENT_ROLE_ID).orElse(5L);
        if (role < 1) {
            throw ConnectorException.config(STUDENT_ROLE_ID + " must be a Moodle role id (a positive number)");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(config.text(TIME_ZONE).orElse("UTC"));
        } catch (DateTimeException e) {
            throw ConnectorException.config(TIME_ZONE + " is not a known time zone (use an IANA name such as"
                    + " Europe/Berlin)");
        }
        MoodleSite site = new MoodleSite(http,
                MoodleSite.endpoint(config.url(SITE_URL).orElseThrow(() -> ConnectorException.config(SITE_URL
                        + " is required"))),
                config.secret(TOKEN).orElseThrow(() -> ConnectorException.config(TOKEN + " is required")),
                Duration.ofSeconds(seconds));
        return new Instance(site, role, zone);
    }

    /** What Moodle knows of one learner in one course. */
    private record Completion(boolean known, boolean completed, LocalDate completedOn) {
        static final Completion UNKNOWN = new Completion(false, false, null);
        static final Completion NOT_COMPLETED = new Completion(true, false, null);
    }

    /** A learner in a course, by Moodle ids. */
    record Placement(long userId, long courseId) {
        String reference() {
            return "user/" + userId + "/course/" + courseId;
        }
    }

    /** What the e-mail lookup found for one address: a usable account, or why there is none. */
    record Learner(long id, boolean suspended, String problem) {
    }

    private record Instance(MoodleSite site, long roleId, ZoneId zone) {

        /** Looks every address up in one call; the result has an entry for each address (by {@link #mailKey}). */
        Map<String, Learner> learners(Collection<String> emails) throws ConnectorException {
            Set<String> values = new LinkedHashSet<>();
            for (String email : emails) {
                // Moodle compares e-mails as stored; ask for the address as given and in lower case.
                values.add(email.strip());
                values.add(mailKey(email));
            }
            List<Map.Entry<String, String>> parameters = new ArrayList<>();
            parameters.add(Map.entry("field", "email"));
            int i = 0;
            for (String value : values) {
                parameters.add(Map.entry("values[" + i++ + "]", value));
            }
            Answer answer = site.call(USERS_BY_FIELD, parameters);
            if (answer.failed()) {
                throw site.failure(answer.fault());
            }
            if (!answer.result().isArray()) {
                throw ConnectorException.transientFailure("Moodle answered " + USERS_BY_FIELD
                        + " with something other than a list of users", null);
            }
            Map<String, Map<Long, Boolean>> accounts = new HashMap<>();
            for (JsonNode user : answer.result()) {
                if (!user.path("id").canConvertToLong()) {
                    throw ConnectorException.transientFailure("Moodle answered " + USERS_BY_FIELD
                            + " with a user without an id", null);
                }
                String email = user.path("email").asText("");
                if (email.isEmpty()) {
                    throw ConnectorException.config("Moodle does not show the web service user other users' e-mail"
                            + " addresses; give it moodle/user:viewhiddendetails (or moodle/site:viewuseridentity)");
                }
                accounts.computeIfAbsent(mailKey(email), k -> new LinkedHashMap<>())
                        .put(user.get("id").asLong(), user.path("suspended").asBoolean(false));
            }
            Map<String, Learner> learners = new HashMap<>();
            for (String email : emails) {
                Map<Long, Boolean> found = accounts.getOrDefault(mailKey(email), Map.of());
                Learner learner;
                if (found.isEmpty()) {
                    learner = new Learner(0, false, "no Moodle account has this work e-mail");
                } else if (found.size() > 1) {
                    learner = new Learner(0, false, found.size() + " Moodle accounts share this work e-mail;"
                            + " leave one, then replay");
                } else {
                    Map.Entry<Long, Boolean> account = found.entrySet().iterator().next();
                    learner = new Learner(account.getKey(), account.getValue(), null);
                }
                learners.put(mailKey(email), learner);
            }
            return learners;
        }

        /**
         * Enrols every placement, all in one call; if Moodle refuses the batch for one of them, one call each. Returns
         * the refused placements with the reason.
         */
        Map<Placement, String> enrol(List<Placement> placements) throws ConnectorException {
            Answer answer = site.call(ENROL, enrolParameters(placements));
            if (!answer.failed()) {
                return Map.of();
            }
            Fault fault = answer.fault();
            if (!ITEM_CODES.contains(fault.errorCode()) || MoodleSite.isConfig(fault)) {
                throw site.failure(fault);
            }
            if (placements.size() == 1) {
                return Map.of(placements.get(0), refusal(fault));
            }
            Map<Placement, String> refused = new LinkedHashMap<>();
            for (Placement placement : placements) {
                refused.putAll(enrol(List.of(placement)));
            }
            return refused;
        }

        private List<Map.Entry<String, String>> enrolParameters(List<Placement> placements) {
            List<Map.Entry<String, String>> parameters = new ArrayList<>();
            for (int i = 0; i < placements.size(); i++) {
                parameters.add(Map.entry("enrolments[" + i + "][roleid]", Long.toString(roleId)));
                parameters.add(Map.entry("enrolments[" + i + "][userid]", Long.toString(placements.get(i).userId())));
                parameters.add(Map.entry("enrolments[" + i + "][courseid]",
                        Long.toString(placements.get(i).courseId())));
            }
            return parameters;
        }

        private static String refusal(Fault fault) {
            String advice = switch (fault.errorCode()) {
                case "wsnoinstance" -> "; add the Manual enrolments method to the course";
                case "invalidparameter", "invalidrecord" -> "; the course does not exist in Moodle";
                default -> "";
            };
            return "Moodle refused the enrolment (" + fault.errorCode() + ": " + fault.message() + ")" + advice;
        }

        /** One learner's completion of one course, as the hub's answer. */
        Completion completion(Placement placement) throws ConnectorException {
            Answer answer = site.call(COMPLETION, List.of(
                    Map.entry("courseid", Long.toString(placement.courseId())),
                    Map.entry("userid", Long.toString(placement.userId()))));
            if (answer.failed()) {
                Fault fault = answer.fault();
                if (MoodleSite.isConfig(fault) || MoodleSite.isTransient(fault)) {
                    throw site.failure(fault);
                }
                if (NOT_ENROLLED.contains(fault.errorCode())) {
                    // A learner who is not in the course, or a course that tracks nothing, has not completed it.
                    return Completion.NOT_COMPLETED;
                }
                if (ITEM_CODES.contains(fault.errorCode())) {
                    return Completion.UNKNOWN;
                }
                throw site.failure(fault);
            }
            JsonNode status = answer.result().path("completionstatus");
            if (!status.isObject() || !status.path("completed").isBoolean()) {
                throw ConnectorException.transientFailure("Moodle answered " + COMPLETION
                        + " without a completion status", null);
            }
            if (!status.get("completed").asBoolean()) {
                return Completion.NOT_COMPLETED;
            }
            return new Completion(true, true, completedOn(status));
        }

        /**
         * The day the course was completed: when the last criterion was met (aggregation 1, all criteria) or the first
         * (aggregation 2, any criterion). Moodle's answer has no course-level time; null when no criterion has one.
         */
        private LocalDate completedOn(JsonNode status) {
            boolean any = status.path("aggregation").asInt(1) == 2;
            Long chosen = null;
            for (JsonNode criterion : status.path("completions")) {
                JsonNode time = criterion.path("timecompleted");
                if (!criterion.path("complete").asBoolean(false) || !time.canConvertToLong() || time.asLong() <= 0) {
                    continue;
                }
                long seconds = time.asLong();
                if (chosen == null || (any ? seconds < chosen : seconds > chosen)) {
                    chosen = seconds;
                }
            }
            return chosen == null ? null : Instant.ofEpochSecond(chosen).atZone(zone).toLocalDate();
        }
    }

    private static Long courseId(String courseId) {
        String id = courseId.strip();
        if (!id.matches("[1-9][0-9]{0,17}")) {
            return null;
        }
        return Long.parseLong(id);
    }

    static String mailKey(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
