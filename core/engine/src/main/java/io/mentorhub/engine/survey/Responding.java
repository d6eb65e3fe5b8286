package io.mentorhub.engine.survey;

import io.mentorhub.api.domain.InvalidValueException;
import io.mentorhub.api.survey.Answer;
import io.mentorhub.api.survey.Question;
import io.mentorhub.api.survey.QuestionType;
import io.mentorhub.api.survey.SurveyDefinition;
import io.mentorhub.engine.links.Links;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.EntityStore;
import io.mentorhub.engine.store.Tx;
import io.mentorhub.engine.web.HtmlPage;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Answering a survey without a login, on the signed respond link. Showing the form changes nothing; submitting it
 * stores the answers in the hub's survey inbox and uses the link up, in one transaction, so a link answers once. A
 * link that is tampered with or unknown, expired, already used or withdrawn gets a page that says so and changes
 * nothing. Pages never echo the token and never log it or the answers.
 */
public final class Responding {

    /** What the respondent gets: a status and an HTML page, or a redirect to the tool's own form. */
    public record Outcome(int status, String html, URI redirect) {
        static Outcome page(int status, String html) {
            return new Outcome(status, html, null);
        }
    }

    /** The invitation a valid token names, as the form needs it. */
    private record Open(String invitationId, String externalRef, String status, Instant usedAt, Instant expiresAt,
            String answerAt, SurveyDefinition definition, String programName) {
    }

    private final Database database;
    private final Links links;
    private final Clock clock;

    public Responding(Database database, Links links, Clock clock) {
        this.database = database;
        this.links = links;
        this.clock = clock;
    }

    public Outcome show(String token) throws SQLException {
        Object found = find(token);
        if (found instanceof Outcome refused) {
            return refused;
        }
        Open open = (Open) found;
        if (open.answerAt() != null) {
            return new Outcome(303, null, URI.create(open.answerAt()));
        }
        return Outcome.page(200, form(open, Map.of(), null));
    }

    /** Stores the submitted form fields (names are question ids) if they answer the survey by its rules. */
    public Outcome submit(String token, Map<String, String> fields) throws SQLException {
        Object found = find(token);
        if (found instanceof Outcome refused) {
            return refused;
        }
        Open open = (Open) found;
        if (open.answerAt() != null) {
            return Outcome.page(409, message("Answer on the survey's own page",
                    "This survey is answered on another site; follow your link again to get there."));
        }
        Map<String, String> answered = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, String> field : fields.entrySet()) {
                if (open.definition().question(field.getKey()).isEmpty()) {
                    throw new InvalidValueException("answers", "the form has a field that is not a question of "
                            + "this survey");
                }
                answered.put(field.getKey(), field.getValue());
            }
            open.definition().check(answers(open.definition(), answered));
        } catch (InvalidValueException e) {
            return Outcome.page(422, form(open, answered, explain(open.definition(), e)));
        }
        boolean stored = database.inTransaction(tx -> {
            if (tx.update("UPDATE survey_invitation SET token_used_at = ?, modified_at = ? WHERE id = ? AND "
                    + "token_used_at IS NULL AND status = 'DISTRIBUTED'", tx.now(), tx.now(),
                    Tx.uuid(open.invitationId())) != 1) {
                return false;
            }
            HubSurveyInbox.submit(tx, open.definition().surveyId(), open.externalRef(), answered);
            return true;
        });
        if (!stored) {
            return used();
        }
        return Outcome.page(200, message("Thank you", "Your answers to “" + open.definition().title()
                + "” are recorded. Individual answers are never shown to program managers."));
    }

    /** The open invitation a token names, or the page that says why there is none. */
    private Object find(String token) throws SQLException {
        Optional<Links.RespondClaim> claim = links.readRespondToken(token);
        if (claim.isEmpty()) {
            return invalid();
        }
        String hash = Links.hash(token);
        Optional<Open> open = database.inTransaction(tx -> tx.one("SELECT i.id, i.external_ref, i.status, "
                + "i.token_used_at, i.expires_at, i.answer_at, s.definition, p.name FROM survey_invitation i "
                + "LEFT JOIN survey s ON s.id = i.survey_id JOIN program p ON p.id = i.program_id "
                + "WHERE i.token_hash = ? AND i.id = ?", row -> new Open(Tx.uuid(row, "id"),
                        row.getString("external_ref"), row.getString("status"), Tx.instant(row, "token_used_at"),
                        Tx.instant(row, "expires_at"), row.getString("answer_at"),
                        row.getString("definition") == null ? null
                                : EntityStore.json(row.getString("definition"), SurveyDefinition.class),
                        row.getString("name")), hash, Tx.uuid(claim.get().invitationId())));
        if (open.isEmpty()) {
            return invalid();
        }
        Open o = open.get();
        if (o.usedAt() != null || o.status().equals("RESPONDED")) {
            return used();
        }
        if (claim.get().expired(now()) || !now().isBefore(o.expiresAt())) {
            return Outcome.page(410, message("This link has expired", "The survey closed on "
                    + LocalDate.ofInstant(o.expiresAt().minusSeconds(1), ZoneOffset.UTC) + ". Thank you all the same."));
        }
        if (!o.status().equals("DISTRIBUTED") || o.definition() == null) {
            return Outcome.page(410, message("This survey is closed", "This invitation was withdrawn."));
        }
        return o;
    }

    private static Outcome invalid() {
        return Outcome.page(404, message("This link is not valid", "Check that you opened the whole link from your "
                + "e-mail. A link that was changed, or that this hub did not send, does not open a survey."));
    }

    private static Outcome used() {
        return Outcome.page(410, message("Already answered", "This link has been used: each survey link records "
                + "one set of answers. Thank you."));
    }

    /** Form fields as people type them: blank is no answer, yes/no, whole numbers. Errors never quote a value. */
    static List<Answer> answers(SurveyDefinition survey, Map<String, String> fields) {
        List<Answer> answers = new ArrayList<>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            Question question = survey.question(field.getKey()).orElseThrow();
            String value = field.getValue().strip();
            if (value.isEmpty()) {
                continue;
            }
            String name = "answers." + question.id();
            answers.add(switch (question.type()) {
                case SCALE_1_5, NPS_0_10 -> {
                    if (!value.matches("-?[0-9]{1,3}")) {
                        throw new InvalidValueException(name, "must be a whole number");
                    }
                    yield Answer.ofNumber(question.id(), Integer.parseInt(value));
                }
                case YES_NO -> switch (value.toLowerCase(Locale.ROOT)) {
                    case "yes", "true" -> Answer.ofYesNo(question.id(), true);
                    case "no", "false" -> Answer.ofYesNo(question.id(), false);
                    default -> throw new InvalidValueException(name, "must be yes or no");
                };
                case FREE_TEXT -> Answer.ofText(question.id(), value);
            });
        }
        return answers;
    }

    /** The rule a submission broke, in the respondent's words: the question, not the value. */
    private static String explain(SurveyDefinition survey, InvalidValueException e) {
        String field = e.field();
        if (field.startsWith("answers.")) {
            Optional<Question> question = survey.question(field.substring("answers.".length()));
            if (question.isPresent()) {
                return "“" + question.get().text() + "” " + e.reason() + ".";
            }
        }
        return "The answers could not be recorded: " + e.reason() + ".";
    }

    private static String message(String title, String text) {
        return HtmlPage.page(title, "<h1>" + HtmlPage.escape(title) + "</h1>\n<p>" + HtmlPage.escape(text) + "</p>");
    }

    private static String form(Open open, Map<String, String> given, String error) {
        SurveyDefinition survey = open.definition();
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(HtmlPage.escape(survey.title())).append("</h1>\n");
        body.append("<p class=\"note\">").append(HtmlPage.escape(open.programName()))
                .append(". Individual answers are never shown to program managers.</p>\n");
        if (error != null) {
            body.append("<p class=\"error\" role=\"alert\">").append(HtmlPage.escape(error)).append("</p>\n");
        }
        body.append("<form method=\"post\" accept-charset=\"UTF-8\">\n");
        for (Question q : survey.questions()) {
            String value = given.getOrDefault(q.id(), "");
            String name = HtmlPage.escape(q.id());
            body.append("<fieldset><legend>").append(HtmlPage.escape(q.text()))
                    .append(q.required() ? " <span class=\"required\">(required)</span>" : "").append("</legend>\n");
            if (q.type() == QuestionType.FREE_TEXT) {
                body.append("<textarea name=\"").append(name).append("\" rows=\"4\" maxlength=\"20000\">")
                        .append(HtmlPage.escape(value)).append("</textarea>\n");
            } else {
                List<String[]> choices = new ArrayList<>();
                if (q.type() == QuestionType.YES_NO) {
                    choices.add(new String[] {"yes", "Yes"});
                    choices.add(new String[] {"no", "No"});
                } else {
                    for (int n = q.type().min(); n <= q.type().max(); n++) {
                        choices.add(new String[] {Integer.toString(n), Integer.toString(n)});
                    }
                }
                for (String[] choice : choices) {
                    body.append("<label><input type=\"radio\" name=\"").append(name).append("\" value=\"")
                            .append(choice[0]).append('"').append(choice[0].equals(value.strip()) ? " checked" : "")
                            .append(q.required() ? " required" : "").append("> ").append(choice[1]).append("</label>\n");
                }
                if (q.type().numeric()) {
                    body.append("<div class=\"scale\">").append(q.type() == QuestionType.NPS_0_10
                            ? "0 = not at all likely, 10 = extremely likely" : "1 = low, 5 = high").append("</div>\n");
                }
            }
            body.append("</fieldset>\n");
        }
        body.append("<button type=\"submit\">Send my answers</button>\n</form>\n");
        body.append("<p class=\"note\">This link works once and expires on ")
                .append(LocalDate.ofInstant(open.expiresAt().minusSeconds(1), ZoneOffset.UTC)).append(".</p>\n");
        return HtmlPage.page(survey.title(), body.toString());
    }

    /** The clock's instant at the microsecond precision both databases store, so stored and compared times agree. */
    private java.time.Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
