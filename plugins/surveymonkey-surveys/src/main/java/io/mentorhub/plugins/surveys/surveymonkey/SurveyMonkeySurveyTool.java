package io.mentorhub.plugins.surveys.surveymonkey;

import io.mentorhub.plugins.surveys.templates.SurveyTemplates;
import io.mentorhub.api.domain.InvalidValueException;
import io.mentorhub.api.survey.Answer;
import io.mentorhub.api.survey.Distribution;
import io.mentorhub.api.survey.Invitation;
import io.mentorhub.api.survey.Question;
import io.mentorhub.api.survey.QuestionType;
import io.mentorhub.api.survey.ResponsePage;
import io.mentorhub.api.survey.SurveyContext;
import io.mentorhub.api.survey.SurveyDefinition;
import io.mentorhub.api.survey.SurveyKind;
import io.mentorhub.api.survey.SurveyResponse;
import io.mentorhub.api.survey.SurveyTool;
import io.mentorhub.api.survey.SurveyToolException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Surveys run at SurveyMonkey (API v3). {@code define} creates the survey from the standard templates and records
 * SurveyMonkey's question and choice ids in the definition's tool data; {@code distribute} opens a collector per
 * batch — a weblink the hub's signed link leads to ({@code delivery = weblink}: the hub e-mails), or an e-mail
 * invitation SurveyMonkey sends itself ({@code delivery = email}); {@code collect} pages through completed responses
 * ({@code /responses/bulk}) oldest change first, and its final cursor resumes from the last change seen.
 */
@Component(configurationPid = SurveyMonkeySurveyTool.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SurveyMonkeySurveyTool.Config.class)
public class SurveyMonkeySurveyTool implements SurveyTool {

    static final String PID = "io.mentorhub.survey.surveymonkey";
    /** The survey's custom variable a weblink carries: which invitation a response answers. */
    static final String INVITATION_VARIABLE = "mh_inv";
    static final String RECIPIENT_REF = "recipient-";
    private static final String CURSOR_PREFIX = "sm1";
    /** At most this many ids seen at the watermark ride in the cursor; beyond, a few responses come twice. */
    private static final int MAX_IDS_AT_WATERMARK = 50;
    private static final Pattern CURSOR_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final DateTimeFormatter QUERY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    @ObjectClassDefinition(name = "SurveyMonkey surveys")
    @interface Config {
        @AttributeDefinition(name = "API base URL", description = "SurveyMonkey's API root for your data centre,"
                + " e.g. https://api.surveymonkey.com or https://api.eu.surveymonkey.com.")
        String baseUrl() default "https://api.surveymonkey.com";

        /** A private property (.accessToken): the hub never shows it among the service's properties. */
        @AttributeDefinition(name = "Access token", type = AttributeType.PASSWORD,
                description = "Bearer token of a private app with surveys, collectors and responses scopes.")
        String _accessToken();

        @AttributeDefinition(name = "Delivery", options = {
                @Option(value = "weblink", label = "The hub e-mails a link to a SurveyMonkey weblink collector"),
                @Option(value = "email", label = "SurveyMonkey e-mails each respondent (an e-mail collector)")})
        String delivery() default "weblink";

        @AttributeDefinition(name = "Sender e-mail", description = "Verified sender address for e-mail"
                + " collectors; empty: the account owner's.")
        String senderEmail() default "";

        @AttributeDefinition(name = "Page size", description = "Responses per collect call (1-100).", min = "1",
                max = "100")
        int pageSize() default 100;

        @AttributeDefinition(name = "Timeout (seconds)", min = "1", max = "300")
        int timeoutSeconds() default 30;

        @AttributeDefinition(name = "Allow plain http (tests only)", description = "Permits http and loopback base"
                + " URLs, for a local fake of the API. Never in production.")
        boolean allowPlainHttpForTests() default false;
    }

    private final URI base;
    private final boolean emailDelivery;
    private final String senderEmail;
    private final int pageSize;
    private final SurveyMonkeyApi api;

    @Activate
    public SurveyMonkeySurveyTool(Config config) {
        this.base = Endpoint.validate(config.baseUrl(), config.allowPlainHttpForTests());
        String token = config._accessToken();
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(".accessToken is required");
        }
        if (token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException(".accessToken must be printable ASCII without spaces");
        }
        String delivery = config.delivery() == null ? "" : config.delivery().strip().toLowerCase(Locale.ROOT);
        if (!delivery.equals("weblink") && !delivery.equals("email")) {
            throw new IllegalArgumentException("delivery must be weblink or email, was: " + config.delivery());
        }
        this.emailDelivery = delivery.equals("email");
        String sender = config.senderEmail() == null ? "" : config.senderEmail().strip();
        if (!sender.isEmpty() && !sender.matches("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+")) {
            throw new IllegalArgumentException("senderEmail must be an e-mail address");
        }
        this.senderEmail = sender.isEmpty() ? null : sender;
        if (config.pageSize() < 1 || config.pageSize() > 100) {
            throw new IllegalArgumentException("pageSize must be 1-100 (SurveyMonkey's maximum), was "
                    + config.pageSize());
        }
        this.pageSize = config.pageSize();
        if (config.timeoutSeconds() < 1 || config.timeoutSeconds() > 300) {
            throw new IllegalArgumentException("timeoutSeconds must be 1-300, was " + config.timeoutSeconds());
        }
        this.api = new SurveyMonkeyApi(base, token, Duration.ofSeconds(config.timeoutSeconds()));
    }

    @Override
    public String id() {
        return "surveymonkey";
    }

    @Override
    public String displayName() {
        return "SurveyMonkey";
    }

    @Override
    public Set<SurveyKind> supportedKinds() {
        return EnumSet.allOf(SurveyKind.class);
    }

    @Override
    public boolean hubDelivers() {
        return !emailDelivery;
    }

    // --- define ---------------------------------------------------------------------------------------------

    /**
     * Creates the survey with one page of questions ({@code POST /v3/surveys}), then reads back its details for the
     * ids SurveyMonkey gave questions and choices. Not idempotent: a retry after a failure between the two calls
     * leaves an unused survey at SurveyMonkey.
     */
    @Override
    public SurveyDefinition define(SurveyKind kind, SurveyContext context) throws SurveyToolException {
        if (kind == null || context == null) {
            throw new IllegalArgumentException("kind and context are required");
        }
        String title = SurveyTemplates.title(kind, context.programName());
        List<Question> questions = SurveyTemplates.questions(kind);
        List<Object> smQuestions = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            smQuestions.add(questionJson(questions.get(i), i + 1));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("language", "en");
        body.put("custom_variables", Map.of(INVITATION_VARIABLE, "mentorhub invitation"));
        body.put("pages", List.of(Map.of("title", title, "questions", smQuestions)));
        String surveyId = SurveyMonkeyApi.pathId(text(api.post("/v3/surveys", body, "create survey"), "id"),
                "survey id");
        Map<String, Object> details = api.get("/v3/surveys/" + surveyId + "/details", "read survey details");
        Map<String, String> toolData = new LinkedHashMap<>();
        try {
            List<Map<String, Object>> created = orderedQuestions(details);
            if (created.size() != questions.size()) {
                throw new IllegalArgumentException("has " + created.size() + " questions, expected "
                        + questions.size());
            }
            for (int i = 0; i < questions.size(); i++) {
                mapQuestion(questions.get(i), created.get(i), toolData);
            }
        } catch (IllegalArgumentException e) {
            throw SurveyToolException.permanent("SurveyMonkey's survey " + surveyId
                    + " does not match the template: " + e.getMessage());
        }
        return new SurveyDefinition(surveyId, kind, title, questions, toolData);
    }

    private static Map<String, Object> questionJson(Question q, int position) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("headings", List.of(Map.of("heading", q.text())));
        json.put("position", position);
        switch (q.type()) {
            case SCALE_1_5, NPS_0_10 -> {
                json.put("family", "single_choice");
                json.put("subtype", "horiz");
                json.put("answers", Map.of("choices", choices(q.type())));
            }
            case YES_NO -> {
                json.put("family", "single_choice");
                json.put("subtype", "vertical");
                json.put("answers", Map.of("choices", choices(q.type())));
            }
            case FREE_TEXT -> {
                json.put("family", "open_ended");
                json.put("subtype", "essay");
            }
        }
        if (q.required()) {
            json.put("required", Map.of("text", "Please answer this question."));
        }
        return json;
    }

    /** Choice texts as respondents see them, in order; their values are the text, lower-cased. */
    private static List<Object> choices(QuestionType type) {
        List<Object> choices = new ArrayList<>();
        if (type == QuestionType.YES_NO) {
            choices.add(Map.of("text", "Yes", "position", 1));
            choices.add(Map.of("text", "No", "position", 2));
        } else {
            for (int v = type.min(); v <= type.max(); v++) {
                choices.add(Map.of("text", Integer.toString(v), "position", v - type.min() + 1));
            }
        }
        return choices;
    }

    private static List<Map<String, Object>> orderedQuestions(Map<String, Object> details) {
        List<Map<String, Object>> pages = new ArrayList<>();
        for (Object page : Json.array(details.get("pages"), "pages")) {
            pages.add(Json.object(page, "page"));
        }
        pages.sort(Comparator.comparingInt(p -> position(p)));
        List<Map<String, Object>> result = new ArrayList<>();
        for (Map<String, Object> page : pages) {
            List<Map<String, Object>> onPage = new ArrayList<>();
            for (Object q : Json.array(page.get("questions"), "questions")) {
                onPage.add(Json.object(q, "question"));
            }
            onPage.sort(Comparator.comparingInt(q -> position(q)));
            result.addAll(onPage);
        }
        return result;
    }

    private static int position(Map<String, Object> object) {
        Object p = object.get("position");
        return p instanceof java.math.BigDecimal n ? n.intValue() : 0;
    }

    private static void mapQuestion(Question question, Map<String, Object> created, Map<String, String> toolData) {
        String expectedFamily = question.type() == QuestionType.FREE_TEXT ? "open_ended" : "single_choice";
        if (!expectedFamily.equals(created.get("family"))) {
            throw new IllegalArgumentException("question " + question.id() + " is not " + expectedFamily);
        }
        toolData.put("q." + Json.text(created, "id"), question.id());
        if (question.type() == QuestionType.FREE_TEXT) {
            return;
        }
        Map<String, String> idByText = new HashMap<>();
        for (Object c : Json.array(Json.object(created.get("answers"), "answers").get("choices"), "choices")) {
            Map<String, Object> choice = Json.object(c, "choice");
            idByText.put(Json.text(choice, "text").strip().toLowerCase(Locale.ROOT), Json.text(choice, "id"));
        }
        for (Object c : choices(question.type())) {
            String value = ((String) Json.object(c, "choice").get("text")).toLowerCase(Locale.ROOT);
            String choiceId = idByText.get(value);
            if (choiceId == null) {
                throw new IllegalArgumentException("question " + question.id() + " lacks the choice " + value);
            }
            toolData.put("c." + choiceId, value);
        }
    }

    // --- distribute -----------------------------------------------------------------------------------------

    @Override
    public List<Distribution> distribute(SurveyDefinition survey, List<Invitation> invitations)
            throws SurveyToolException {
        SurveyTool.requireValidBatch(invitations);
        if (invitations.isEmpty()) {
            return List.of();
        }
        String surveyId = SurveyMonkeyApi.pathId(survey.surveyId(), "survey id");
        return emailDelivery ? distributeByEmail(survey, surveyId, invitations) : distributeByWeblink(surveyId,
                invitations);
    }

    /** One weblink collector per batch; each invitation's link names it in the survey's custom variable. */
    private List<Distribution> distributeByWeblink(String surveyId, List<Invitation> invitations)
            throws SurveyToolException {
        Map<String, Object> collector = api.post("/v3/surveys/" + surveyId + "/collectors",
                collectorBody("weblink", invitations.get(0)), "create weblink collector");
        URI url;
        try {
            url = new URI(text(collector, "url"));
        } catch (java.net.URISyntaxException e) {
            throw SurveyToolException.permanent("SurveyMonkey's weblink collector has no valid url");
        }
        boolean plainHttpAllowed = base.getScheme().equals("http");
        if (!"https".equals(url.getScheme()) && !(plainHttpAllowed && "http".equals(url.getScheme()))) {
            throw SurveyToolException.permanent("SurveyMonkey's weblink collector url is not https");
        }
        String separator = url.getRawQuery() == null ? "?" : "&";
        List<Distribution> result = new ArrayList<>();
        for (Invitation invitation : invitations) {
            URI answerAt = URI.create(url + separator + INVITATION_VARIABLE + "="
                    + URLEncoder.encode(invitation.invitationId(), StandardCharsets.UTF_8));
            result.add(Distribution.accepted(invitation.invitationId(), invitation.invitationId(), answerAt));
        }
        return result;
    }

    /**
     * SurveyMonkey sends: per round an e-mail collector, an invite message, its recipients in bulk, then send. A
     * round holds each address once (a person may be invited twice in a batch, e.g. for two sessions); a failure
     * before send leaves nothing sent, so the hub's retry of the batch sends no second e-mail for that round.
     */
    private List<Distribution> distributeByEmail(SurveyDefinition survey, String surveyId,
            List<Invitation> invitations) throws SurveyToolException {
        Map<String, Distribution> byInvitation = new HashMap<>();
        List<Invitation> pending = new ArrayList<>();
        for (Invitation invitation : invitations) {
            if (invitation.respondentEmail() == null) {
                byInvitation.put(invitation.invitationId(), Distribution.refused(invitation.invitationId(),
                        "no e-mail address, and SurveyMonkey delivers this survey by e-mail"));
            } else {
                pending.add(invitation);
            }
        }
        while (!pending.isEmpty()) {
            Map<String, Invitation> round = new LinkedHashMap<>();
            List<Invitation> later = new ArrayList<>();
            for (Invitation invitation : pending) {
                if (round.putIfAbsent(invitation.respondentEmail(), invitation) != null) {
                    later.add(invitation);
                }
            }
            sendRound(survey, surveyId, round, byInvitation);
            pending = later;
        }
        return invitations.stream().map(i -> byInvitation.get(i.invitationId())).toList();
    }

    private void sendRound(SurveyDefinition survey, String surveyId, Map<String, Invitation> byEmail,
            Map<String, Distribution> results) throws SurveyToolException {
        Invitation first = byEmail.values().iterator().next();
        String collectorId = SurveyMonkeyApi.pathId(text(api.post("/v3/surveys/" + surveyId + "/collectors",
                collectorBody("email", first), "create email collector"), "id"), "collector id");
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "invite");
        message.put("subject", survey.title());
        message.put("body_html", invitationHtml(survey.title()));
        String messageId = SurveyMonkeyApi.pathId(text(api.post("/v3/collectors/" + collectorId + "/messages",
                message, "create invite message"), "id"), "message id");
        List<Object> contacts = new ArrayList<>();
        byEmail.keySet().forEach(email -> contacts.add(Map.of("email", email)));
        String messagePath = "/v3/collectors/" + collectorId + "/messages/" + messageId;
        Map<String, Object> added = api.post(messagePath + "/recipients/bulk", Map.of("contacts", contacts),
                "add recipients");
        Map<String, String> recipientByEmail = new HashMap<>();
        Map<String, String> refusalByEmail = new HashMap<>();
        try {
            for (Object s : Json.array(added.getOrDefault("succeeded", List.of()), "succeeded")) {
                Map<String, Object> recipient = Json.object(s, "recipient");
                recipientByEmail.put(Json.text(recipient, "email").toLowerCase(Locale.ROOT),
                        Json.text(recipient, "id"));
            }
            refusals(added, "invalids", "SurveyMonkey found the e-mail address invalid", refusalByEmail);
            refusals(added, "bounced", "e-mail to this address bounced before", refusalByEmail);
            refusals(added, "opted_out", "the respondent opted out of SurveyMonkey e-mail", refusalByEmail);
        } catch (IllegalArgumentException e) {
            throw SurveyToolException.permanent("SurveyMonkey's answer to adding recipients is malformed: "
                    + e.getMessage());
        }
        for (Map.Entry<String, Invitation> entry : byEmail.entrySet()) {
            String id = entry.getValue().invitationId();
            String recipientId = recipientByEmail.get(entry.getKey());
            if (recipientId != null && CURSOR_ID.matcher(recipientId).matches()) {
                results.put(id, Distribution.accepted(id, RECIPIENT_REF + recipientId, null));
            } else {
                results.put(id, Distribution.refused(id, refusalByEmail.getOrDefault(entry.getKey(),
                        "SurveyMonkey did not add the address as a recipient")));
            }
        }
        if (!recipientByEmail.isEmpty()) {
            api.post(messagePath + "/send", Map.of(), "send invite message");
        }
    }

    /** SurveyMonkey lists refused addresses as strings (or objects with an email). */
    private static void refusals(Map<String, Object> added, String list, String reason, Map<String, String> out) {
        for (Object item : Json.array(added.getOrDefault(list, List.of()), list)) {
            String email = item instanceof String s ? s : Json.text(Json.object(item, list), "email");
            out.put(email.toLowerCase(Locale.ROOT), reason);
        }
    }

    private Map<String, Object> collectorBody(String type, Invitation first) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("name", "mentorhub " + first.invitationId());
        // Completed responses never change, so paging by date_modified cannot shift under the hub.
        body.put("edit_response_type", "until_complete");
        body.put("allow_multiple_responses", false);
        body.put("anonymous_type", "not_anonymous");
        if (type.equals("email") && senderEmail != null) {
            body.put("sender_email", senderEmail);
        }
        return body;
    }

    /** SurveyMonkey requires its [SurveyLink], [OptOutLink] and [FooterLink] placeholders, the opt-out labelled. */
    static String invitationHtml(String title) {
        String escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        return "<html><body><p>Your mentoring program asks a few short questions: <strong>" + escaped
                + "</strong>.</p><p><a href=\"[SurveyLink]\">Answer the survey</a></p>"
                + "<p>Your free-text answers are confidential.</p>"
                + "<p><a href=\"[OptOutLink]\">Unsubscribe</a> from SurveyMonkey e-mail for this sender.</p>"
                + "<p>[FooterLink]</p></body></html>";
    }

    // --- collect --------------------------------------------------------------------------------------------

    /**
     * One page of completed responses, oldest change first. The cursor holds the pass's starting watermark
     * (SurveyMonkey's {@code start_modified_at}), the page, the ids already seen at that watermark (so an inclusive
     * filter does not return them again) and the newest change seen so far, which becomes the next pass's
     * watermark when {@code links.next} runs out.
     */
    @Override
    public ResponsePage collect(SurveyDefinition survey, String cursor) throws SurveyToolException {
        String surveyId = SurveyMonkeyApi.pathId(survey.surveyId(), "survey id");
        Cursor at = Cursor.parse(cursor);
        StringBuilder query = new StringBuilder("/v3/surveys/").append(surveyId).append("/responses/bulk?page=")
                .append(at.page).append("&per_page=").append(pageSize)
                .append("&status=completed&sort_by=date_modified&sort_order=ASC");
        if (at.watermark != null) {
            query.append("&start_modified_at=").append(QUERY_TIME.format(at.watermark));
        }
        Map<String, Object> body = api.get(query.toString(), "read responses");
        List<Object> data;
        boolean more;
        try {
            data = Json.array(body.get("data"), "data");
            Object links = body.get("links");
            more = links instanceof Map<?, ?> map && map.get("next") instanceof String next && !next.isBlank();
        } catch (IllegalArgumentException e) {
            throw SurveyToolException.transientFailure("SurveyMonkey sent an unreadable page of responses", null);
        }
        Instant newest = at.newest;
        Set<String> idsAtNewest = new LinkedHashSet<>(at.idsAtNewest);
        List<SurveyResponse> responses = new ArrayList<>();
        List<ResponsePage.Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            String recordId = "page-" + at.page + "-record-" + i;
            try {
                Map<String, Object> record = Json.object(data.get(i), "response");
                String id = Json.text(record, "id");
                if (CURSOR_ID.matcher(id).matches()) {
                    recordId = id;
                }
                if (!"completed".equals(record.get("response_status"))) {
                    continue;
                }
                Instant modified = OffsetDateTime.parse(Json.text(record, "date_modified")).toInstant()
                        .truncatedTo(ChronoUnit.SECONDS);
                if (at.watermark != null && modified.equals(at.watermark) && at.idsAtWatermark.contains(id)) {
                    continue;
                }
                if (newest == null || modified.isAfter(newest)) {
                    newest = modified;
                    idsAtNewest.clear();
                }
                if (modified.equals(newest) && idsAtNewest.size() < MAX_IDS_AT_WATERMARK
                        && CURSOR_ID.matcher(id).matches()) {
                    idsAtNewest.add(id);
                }
                responses.add(response(survey, record, id, modified));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                // Includes InvalidValueException from the definition's check: the rule, never the answer.
                rejected.add(new ResponsePage.Rejected(recordId, e.getMessage() == null ? "unreadable record"
                        : e.getMessage()));
            }
        }
        Cursor next = more ? new Cursor(at.watermark, at.page + 1, at.idsAtWatermark, newest, idsAtNewest)
                : new Cursor(newest, 1, idsAtNewest, newest, idsAtNewest);
        return new ResponsePage(responses, rejected, next.format(), more);
    }

    private static SurveyResponse response(SurveyDefinition survey, Map<String, Object> record, String id,
            Instant modified) {
        String ref = null;
        if (record.get("custom_variables") instanceof Map<?, ?> variables
                && variables.get(INVITATION_VARIABLE) instanceof String invitation && !invitation.isBlank()) {
            ref = invitation.strip();
        } else if (record.get("recipient_id") != null) {
            String recipient = Json.text(record, "recipient_id");
            if (!recipient.isBlank() && !recipient.equals("0")) {
                ref = RECIPIENT_REF + recipient;
            }
        }
        if (ref == null) {
            throw new IllegalArgumentException("the response names no invitation (answered through another"
                    + " collector?)");
        }
        List<Answer> answers = new ArrayList<>();
        for (Object p : Json.array(record.getOrDefault("pages", List.of()), "pages")) {
            for (Object q : Json.array(Json.object(p, "page").getOrDefault("questions", List.of()), "questions")) {
                Map<String, Object> question = Json.object(q, "question");
                String questionId = survey.toolData().get("q." + Json.text(question, "id"));
                if (questionId == null) {
                    throw new IllegalArgumentException("answers a question the survey definition does not know"
                            + " (was the survey edited at SurveyMonkey?)");
                }
                Question asked = survey.question(questionId).orElseThrow(() -> new IllegalArgumentException(
                        "tool data names an unknown question"));
                List<Object> given = Json.array(question.getOrDefault("answers", List.of()), "answers");
                if (given.size() != 1) {
                    throw new InvalidValueException("answers." + questionId, "needs exactly one answer, has "
                            + given.size());
                }
                answers.add(answer(survey, asked, Json.object(given.get(0), "answer")));
            }
        }
        return new SurveyResponse(id, survey.surveyId(), ref, modified, survey.check(answers));
    }

    private static Answer answer(SurveyDefinition survey, Question asked, Map<String, Object> given) {
        String field = "answers." + asked.id();
        if (asked.type() == QuestionType.FREE_TEXT) {
            Object text = given.get("text");
            if (!(text instanceof String s) || s.isBlank()) {
                throw new InvalidValueException(field, "needs a text");
            }
            return Answer.ofText(asked.id(), s);
        }
        String choiceId = given.get("choice_id") == null ? null : Json.text(given, "choice_id");
        String value = choiceId == null ? null : survey.toolData().get("c." + choiceId);
        if (value == null) {
            throw new InvalidValueException(field, "names a choice the survey definition does not have");
        }
        if (asked.type() == QuestionType.YES_NO) {
            if (!value.equals("yes") && !value.equals("no")) {
                throw new InvalidValueException(field, "needs yes or no");
            }
            return Answer.ofYesNo(asked.id(), value.equals("yes"));
        }
        if (!value.matches("[0-9]{1,2}")) {
            throw new InvalidValueException(field, "needs a number");
        }
        return Answer.ofNumber(asked.id(), Integer.parseInt(value));
    }

    private static String text(Map<String, Object> object, String field) throws SurveyToolException {
        try {
            return Json.text(object, field);
        } catch (IllegalArgumentException e) {
            throw SurveyToolException.permanent("SurveyMonkey's answer lacks " + field);
        }
    }

    /** Where a collect pass stands; see {@link #collect}. Written as {@code sm1|watermark|page|ids|newest|ids}. */
    private record Cursor(Instant watermark, int page, Set<String> idsAtWatermark, Instant newest,
            Set<String> idsAtNewest) {

        static Cursor parse(String text) {
            if (text == null) {
                return new Cursor(null, 1, Set.of(), null, Set.of());
            }
            String[] parts = text.split("\\|", -1);
            try {
                if (parts.length != 6 || !parts[0].equals(CURSOR_PREFIX)) {
                    throw new IllegalArgumentException();
                }
                int page = Integer.parseInt(parts[2]);
                if (page < 1) {
                    throw new IllegalArgumentException();
                }
                return new Cursor(instant(parts[1]), page, ids(parts[3]), instant(parts[4]), ids(parts[5]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a cursor this SurveyMonkey tool wrote");
            }
        }

        String format() {
            return CURSOR_PREFIX + "|" + (watermark == null ? "-" : watermark) + "|" + page + "|"
                    + String.join(",", idsAtWatermark) + "|" + (newest == null ? "-" : newest) + "|"
                    + String.join(",", idsAtNewest);
        }

        private static Instant instant(String text) {
            return text.equals("-") ? null : Instant.parse(text);
        }

        private static Set<String> ids(String text) {
            Set<String> ids = new LinkedHashSet<>();
            for (String id : text.split(",")) {
                if (!id.isEmpty()) {
                    if (!CURSOR_ID.matcher(id).matches()) {
                        throw new IllegalArgumentException();
                    }
                    ids.add(id);
                }
            }
            return ids;
        }
    }

    /** The token is a secret: only where the tool points and how it delivers. */
    @Override
    public String toString() {
        return "SurveyMonkeySurveyTool[" + base + ", delivery=" + (emailDelivery ? "email" : "weblink") + ", pageSize="
                + pageSize + "]";
    }
}
