package io.mentorhub.connectors.xapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mentorhub.api.connector.LearningRecords.LearningRecord;
import io.mentorhub.api.connector.LearningRecords.Verb;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How a learning record becomes an xAPI 1.0.3 statement. The statement id is the record's {@link
 * LearningRecord#recordId()}, so a record sent again is the same statement and a store keeps it once. The actor is
 * the person's work e-mail as a {@code mailto:} mbox (lower case, so one person is one agent); verbs come from the ADL
 * vocabulary where it has one; activities are named under the instance's IRI base.
 *
 * <table>
 * <caption>Verbs and activities</caption>
 * <tr><th>record</th><th>verb</th><th>activity id</th><th>activity type</th></tr>
 * <tr><td>ATTENDED_SESSION</td><td>http://adlnet.gov/expapi/verbs/attended</td><td>{base}activities/session/{id}</td>
 * <td>http://adlnet.gov/expapi/activities/meeting</td></tr>
 * <tr><td>SET_GOAL</td><td>http://id.tincanapi.com/verb/defined (ADL has no verb for it)</td>
 * <td>{base}activities/goal/{id}</td><td>http://adlnet.gov/expapi/activities/objective</td></tr>
 * <tr><td>COMPLETED_GOAL</td><td>http://adlnet.gov/expapi/verbs/completed</td><td>{base}activities/goal/{id}</td>
 * <td>http://adlnet.gov/expapi/activities/objective</td></tr>
 * <tr><td>REACHED_MILESTONE</td><td>http://adlnet.gov/expapi/verbs/achieved</td>
 * <td>{base}activities/milestone/{id}</td><td>http://adlnet.gov/expapi/activities/objective</td></tr>
 * </table>
 */
final class Statements {

    static final String VERSION = "1.0.3";
    static final String MEETING = "http://adlnet.gov/expapi/activities/meeting";
    static final String OBJECTIVE = "http://adlnet.gov/expapi/activities/objective";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String iriBase;
    private final String platform;
    private final String language;

    /**
     * @param iriBase  absolute IRI ending in a slash
     * @param language RFC 5646 tag for the display names
     */
    Statements(String iriBase, String platform, String language) {
        this.iriBase = iriBase;
        this.platform = platform;
        this.language = language;
    }

    static String verbId(Verb verb) {
        return switch (verb) {
            case ATTENDED_SESSION -> "http://adlnet.gov/expapi/verbs/attended";
            case SET_GOAL -> "http://id.tincanapi.com/verb/defined";
            case COMPLETED_GOAL -> "http://adlnet.gov/expapi/verbs/completed";
            case REACHED_MILESTONE -> "http://adlnet.gov/expapi/verbs/achieved";
        };
    }

    private static String verbDisplay(Verb verb) {
        return switch (verb) {
            case ATTENDED_SESSION -> "attended";
            case SET_GOAL -> "defined";
            case COMPLETED_GOAL -> "completed";
            case REACHED_MILESTONE -> "achieved";
        };
    }

    String activityId(LearningRecord record) {
        String kind = switch (record.verb()) {
            case ATTENDED_SESSION -> "session";
            case SET_GOAL, COMPLETED_GOAL -> "goal";
            case REACHED_MILESTONE -> "milestone";
        };
        return iriBase + "activities/" + kind + "/" + segment(record.objectId());
    }

    String programExtension() {
        return iriBase + "extensions/program";
    }

    /** The mbox of a work e-mail, or null if it cannot be one (blank, spaces, no single @). */
    static String mbox(String workEmail) {
        String email = workEmail.strip().toLowerCase(Locale.ROOT);
        if (email.isEmpty() || !email.matches("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+")) {
            return null;
        }
        return "mailto:" + email;
    }

    ObjectNode statement(LearningRecord record) {
        ObjectNode statement = JSON.createObjectNode();
        statement.put("id", record.recordId().toString());
        ObjectNode actor = statement.putObject("actor");
        actor.put("objectType", "Agent");
        if (record.name() != null && !record.name().isBlank()) {
            actor.put("name", record.name().strip());
        }
        actor.put("mbox", mbox(record.workEmail()));
        ObjectNode verb = statement.putObject("verb");
        verb.put("id", verbId(record.verb()));
        verb.putObject("display").put(language, verbDisplay(record.verb()));
        ObjectNode object = statement.putObject("object");
        object.put("objectType", "Activity");
        object.put("id", activityId(record));
        ObjectNode definition = object.putObject("definition");
        definition.put("type", record.verb() == Verb.ATTENDED_SESSION ? MEETING : OBJECTIVE);
        if (record.objectName() != null && !record.objectName().isBlank()) {
            definition.putObject("name").put(language, record.objectName().strip());
        }
        ObjectNode context = statement.putObject("context");
        context.put("platform", platform);
        context.put("language", language);
        if (record.programName() != null && !record.programName().isBlank()) {
            context.putObject("extensions").put(programExtension(), record.programName().strip());
        }
        // Milliseconds at most: LRSs compare timestamps at that precision when they check a resent statement.
        statement.put("timestamp", record.at().truncatedTo(ChronoUnit.MILLIS).toString());
        return statement;
    }

    private static String segment(String id) {
        return URLEncoder.encode(id.strip(), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
