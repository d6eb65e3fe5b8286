package io.mentorhub.plugins.surveys.surveymonkey;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.mentorhub.api.survey.Answer;
import io.mentorhub.api.survey.Distribution;
import io.mentorhub.api.survey.Invitation;
import io.mentorhub.api.survey.Question;
import io.mentorhub.api.survey.SurveyDefinition;
import io.mentorhub.api.survey.SurveyToolException;
import io.mentorhub.testkit.SurveySandbox;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SurveyMonkey API v3 as a WireMock extension: the endpoints the tool uses, with the request and response shapes of
 * SurveyMonkey's public API documentation (ids as strings, {@code links.next} paging, {@code error} objects), kept in
 * memory. As a sandbox it plays respondents answering through a collector, and stages the failures SurveyMonkey
 * gives: 401 for a bad token, 429 with Retry-After when rate limited, 404 for a survey that is gone.
 */
final class FakeSurveyMonkey implements ResponseDefinitionTransformerV2, SurveySandbox {

    static final String NAME = "fake-surveymonkey";
    private static final DateTimeFormatter SM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss+00:00")
            .withZone(ZoneOffset.UTC);

    private final String token;
    private final Map<String, Map<String, Object>> surveys = new HashMap<>();
    private final Map<String, Map<String, Object>> collectors = new HashMap<>();
    private final Map<String, Map<String, Object>> messages = new HashMap<>();
    private final Map<String, String> recipientEmails = new HashMap<>();
    private final Map<String, List<Map<String, Object>>> responses = new HashMap<>();
    private long nextId = 400_000_000L;
    private Instant clock = Instant.parse("2026-03-02T08:00:00Z");
    private SurveyToolException.Kind failing;

    FakeSurveyMonkey(String token) {
        this.token = token;
    }

    @Override
    public String getName() {
        return NAME;
    }

    /** Only the catch-all stub uses the fake; a test's own stubs answer as they are. */
    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        if (!("Bearer " + token).equals(request.getHeader("Authorization")) || failing == SurveyToolException.Kind.CONFIG) {
            return error(401, "1014", "Authorization Error", "The authorization token provided was invalid.");
        }
        if (failing == SurveyToolException.Kind.TRANSIENT) {
            return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(429)
                    .withHeader("Content-Type", "application/json").withHeader("Retry-After", "7")
                    .withBody(Json.write(Map.of("error", Map.of("id", "1040", "name", "Rate limit reached",
                            "message", "Too many requests were made, try again later.", "http_status_code", 429))))
                    .build();
        }
        if (failing == SurveyToolException.Kind.PERMANENT) {
            return error(404, "1020", "Resource Not Found", "There was an error retrieving the requested resource.");
        }
        String path = request.getUrl().split("\\?", 2)[0];
        String method = request.getMethod().getName();
        Matcher m;
        if (method.equals("POST") && path.equals("/v3/surveys")) {
            return ok(createSurvey(Json.object(Json.parse(request.getBodyAsString()), "body")));
        }
        if (method.equals("GET") && (m = match("/v3/surveys/([^/]+)/details", path)) != null) {
            Map<String, Object> survey = surveys.get(m.group(1));
            return survey == null ? notFound() : ok(survey);
        }
        if (method.equals("POST") && (m = match("/v3/surveys/([^/]+)/collectors", path)) != null) {
            if (!surveys.containsKey(m.group(1))) {
                return notFound();
            }
            return ok(createCollector(m.group(1), Json.object(Json.parse(request.getBodyAsString()), "body")));
        }
        if (method.equals("POST") && (m = match("/v3/collectors/([^/]+)/messages", path)) != null) {
            return createMessage(m.group(1), Json.object(Json.parse(request.getBodyAsString()), "body"));
        }
        if (method.equals("POST") && (m = match("/v3/collectors/([^/]+)/messages/([^/]+)/recipients/bulk", path)) != null) {
            return addRecipients(m.group(2), Json.object(Json.parse(request.getBodyAsString()), "body"));
        }
        if (method.equals("POST") && (m = match("/v3/collectors/([^/]+)/messages/([^/]+)/send", path)) != null) {
            return send(m.group(2));
        }
        if (method.equals("GET") && (m = match("/v3/surveys/([^/]+)/responses/bulk", path)) != null) {
            return responsesBulk(m.group(1), request);
        }
        return notFound();
    }

    private static Matcher match(String regex, String path) {
        Matcher m = Pattern.compile(regex).matcher(path);
        return m.matches() ? m : null;
    }

    private String id() {
        return Long.toString(nextId++);
    }

    private Map<String, Object> createSurvey(Map<String, Object> body) {
        String surveyId = id();
        List<Object> pages = new ArrayList<>();
        int pagePosition = 1;
        for (Object p : Json.array(body.get("pages"), "pages")) {
            Map<String, Object> page = Json.object(p, "page");
            List<Object> questions = new ArrayList<>();
            for (Object q : Json.array(page.get("questions"), "questions")) {
                Map<String, Object> question = new LinkedHashMap<>(Json.object(q, "question"));
                question.put("id", id());
                question.put("visible", true);
                if (question.get("answers") instanceof Map<?, ?> answers) {
                    List<Object> choices = new ArrayList<>();
                    for (Object c : Json.array(answers.get("choices"), "choices")) {
                        Map<String, Object> choice = new LinkedHashMap<>(Json.object(c, "choice"));
                        choice.put("id", id());
                        choice.put("visible", true);
                        choices.add(choice);
                    }
                    question.put("answers", Map.of("choices", choices));
                }
                question.put("href", "https://api.surveymonkey.com/v3/surveys/" + surveyId + "/pages/x/questions/"
                        + question.get("id"));
                questions.add(question);
            }
            pages.add(Map.of("id", id(), "title", page.getOrDefault("title", ""), "position", pagePosition++,
                    "question_count", questions.size(), "questions", questions));
        }
        // Reversed, so the tool must order by position rather than trust the array order.
        java.util.Collections.reverse(pages);
        Map<String, Object> survey = new LinkedHashMap<>();
        survey.put("title", body.get("title"));
        survey.put("language", body.getOrDefault("language", "en"));
        survey.put("id", surveyId);
        survey.put("href", "https://api.surveymonkey.com/v3/surveys/" + surveyId);
        survey.put("custom_variables", body.getOrDefault("custom_variables", Map.of()));
        survey.put("date_created", SM_TIME.format(clock));
        survey.put("date_modified", SM_TIME.format(clock));
        survey.put("preview", "https://www.surveymonkey.com/r/Preview/?sm=" + surveyId);
        survey.put("page_count", pages.size());
        survey.put("pages", pages);
        surveys.put(surveyId, survey);
        Map<String, Object> created = new LinkedHashMap<>(survey);
        created.remove("pages");
        return created;
    }

    private Map<String, Object> createCollector(String surveyId, Map<String, Object> body) {
        String collectorId = id();
        Map<String, Object> collector = new LinkedHashMap<>();
        collector.put("status", "open");
        collector.put("id", collectorId);
        collector.put("type", body.get("type"));
        collector.put("name", body.getOrDefault("name", "New Link"));
        collector.put("edit_response_type", body.getOrDefault("edit_response_type", "until_complete"));
        collector.put("anonymous_type", body.getOrDefault("anonymous_type", "not_anonymous"));
        collector.put("allow_multiple_responses", body.getOrDefault("allow_multiple_responses", false));
        collector.put("date_created", SM_TIME.format(clock));
        collector.put("date_modified", SM_TIME.format(clock));
        collector.put("url", "weblink".equals(body.get("type")) ? "https://www.surveymonkey.com/r/MH" + collectorId
                : null);
        collector.put("sender_email", body.get("sender_email"));
        collector.put("href", "https://api.surveymonkey.com/v3/collectors/" + collectorId);
        collector.put("survey_id", surveyId);
        collectors.put(collectorId, collector);
        return collector;
    }

    private ResponseDefinition createMessage(String collectorId, Map<String, Object> body) {
        Map<String, Object> collector = collectors.get(collectorId);
        if (collector == null) {
            return notFound();
        }
        String html = String.valueOf(body.get("body_html"));
        if (!html.contains("[SurveyLink]") || !html.contains("[OptOutLink]") || !html.contains("[FooterLink]")) {
            return error(400, "1002", "Bad Request", "Message must include [SurveyLink], [OptOutLink], [FooterLink].");
        }
        String messageId = id();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("status", "not_sent");
        message.put("is_scheduled", false);
        message.put("scheduled_date", null);
        message.put("type", body.get("type"));
        message.put("subject", body.getOrDefault("subject", "We want your opinion"));
        message.put("body", html);
        message.put("recipient_status", null);
        message.put("is_branding_enabled", true);
        message.put("date_created", SM_TIME.format(clock));
        message.put("id", messageId);
        message.put("href", "https://api.surveymonkey.com/v3/collectors/" + collectorId + "/messages/" + messageId);
        messages.put(messageId, new LinkedHashMap<>(Map.of("collector", collectorId, "sent", false,
                "recipients", new ArrayList<String>())));
        return ok(message);
    }

    @SuppressWarnings("unchecked")
    private ResponseDefinition addRecipients(String messageId, Map<String, Object> body) {
        Map<String, Object> message = messages.get(messageId);
        if (message == null) {
            return notFound();
        }
        List<Object> succeeded = new ArrayList<>();
        List<Object> invalids = new ArrayList<>();
        List<Object> bounced = new ArrayList<>();
        List<Object> optedOut = new ArrayList<>();
        List<Object> duplicate = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Object c : Json.array(body.getOrDefault("contacts", List.of()), "contacts")) {
            String email = Json.text(Json.object(c, "contact"), "email");
            if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                invalids.add(email);
            } else if (email.startsWith("bounce")) {
                bounced.add(email);
            } else if (email.startsWith("optout")) {
                optedOut.add(email);
            } else if (seen.contains(email)) {
                duplicate.add(email);
            } else {
                seen.add(email);
                String recipientId = id();
                recipientEmails.put(recipientId, email);
                ((List<String>) message.get("recipients")).add(recipientId);
                succeeded.add(Map.of("id", recipientId, "email", email,
                        "href", "https://api.surveymonkey.com/v3/collectors/" + message.get("collector")
                                + "/recipients/" + recipientId));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("succeeded", succeeded);
        result.put("invalids", invalids);
        result.put("existing", List.of());
        result.put("bounced", bounced);
        result.put("opted_out", optedOut);
        result.put("duplicate", duplicate);
        return ok(result);
    }

    @SuppressWarnings("unchecked")
    private ResponseDefinition send(String messageId) {
        Map<String, Object> message = messages.get(messageId);
        if (message == null) {
            return notFound();
        }
        List<String> recipients = (List<String>) message.get("recipients");
        if (Boolean.TRUE.equals(message.get("sent")) || recipients.isEmpty()) {
            return error(400, "1002", "Bad Request", "The message has been sent or has no recipients.");
        }
        message.put("sent", true);
        return ok(Map.of("is_scheduled", false, "recipients", recipients, "type", "invite",
                "subject", "We want your opinion", "body", "<html>...</html>"));
    }

    private ResponseDefinition responsesBulk(String surveyId, Request request) {
        if (!surveys.containsKey(surveyId)) {
            return notFound();
        }
        int page = intParam(request, "page", 1);
        int perPage = intParam(request, "per_page", 50);
        if (perPage < 1 || perPage > 100) {
            return error(400, "1002", "Bad Request", "per_page must be between 1 and 100.");
        }
        String status = param(request, "status");
        String start = param(request, "start_modified_at");
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> r : responses.getOrDefault(surveyId, List.of())) {
            if (status != null && !status.equals(r.get("response_status"))) {
                continue;
            }
            // SurveyMonkey's filter is taken as inclusive: the tool must not return a response twice anyway.
            if (start != null && r.get("date_modified").toString().substring(0, 19).compareTo(start) < 0) {
                continue;
            }
            matching.add(r);
        }
        matching.sort(Comparator.comparing((Map<String, Object> r) -> r.get("date_modified").toString())
                .thenComparing(r -> Long.parseLong(r.get("id").toString())));
        int from = Math.min(matching.size(), (page - 1) * perPage);
        int to = Math.min(matching.size(), from + perPage);
        String self = "https://api.surveymonkey.com/v3/surveys/" + surveyId + "/responses/bulk?page=" + page
                + "&per_page=" + perPage;
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("self", self);
        if (to < matching.size()) {
            links.put("next", "https://api.surveymonkey.com/v3/surveys/" + surveyId + "/responses/bulk?page="
                    + (page + 1) + "&per_page=" + perPage);
        }
        if (page > 1) {
            links.put("prev", "https://api.surveymonkey.com/v3/surveys/" + surveyId + "/responses/bulk?page="
                    + (page - 1) + "&per_page=" + perPage);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("per_page", perPage);
        body.put("total", matching.size());
        body.put("page", page);
        body.put("data", new ArrayList<Object>(matching.subList(from, to)));
        body.put("links", links);
        return ok(body);
    }

    private static String param(Request request, String name) {
        var p = request.queryParameter(name);
        return p != null && p.isPresent() ? p.firstValue() : null;
    }

    private static int intParam(Request request, String name, int otherwise) {
        String v = param(request, name);
        return v == null ? otherwise : Integer.parseInt(v);
    }

    // --- the sandbox: respondents ------------------------------------------------------------------------------

    @Override
    public synchronized void respond(SurveyDefinition survey, Invitation invitation, Distribution distribution,
            List<Answer> answers) {
        Map<String, String> questionIds = new HashMap<>();
        Map<String, String> choiceIds = new HashMap<>();
        survey.toolData().forEach((k, v) -> {
            if (k.startsWith("q.")) {
                questionIds.put(v, k.substring(2));
            } else {
                choiceIds.put(v + "|" + k.substring(2), k.substring(2));
            }
        });
        List<Object> questions = new ArrayList<>();
        for (Answer a : answers) {
            Question q = survey.question(a.questionId()).orElseThrow();
            String value = a.number() != null ? a.number().toString() : a.yes() != null ? (a.yes() ? "yes" : "no") : null;
            Map<String, Object> given;
            if (value == null) {
                given = Map.of("text", a.text());
            } else {
                String choiceId = choiceIds.entrySet().stream().filter(e -> e.getKey().startsWith(value + "|"))
                        .map(Map.Entry::getValue).filter(id -> ownedBy(survey, q, id)).findFirst().orElseThrow();
                given = Map.of("choice_id", choiceId);
            }
            questions.add(Map.of("id", questionIds.get(q.id()), "answers", List.of(given)));
        }
        record(survey, distribution, questions);
    }

    /** Whether a choice id belongs to the question (choices of two questions share texts such as "3"). */
    @SuppressWarnings("unchecked")
    private boolean ownedBy(SurveyDefinition survey, Question q, String choiceId) {
        String smQuestion = survey.toolData().entrySet().stream()
                .filter(e -> e.getKey().startsWith("q.") && e.getValue().equals(q.id())).findFirst().orElseThrow()
                .getKey().substring(2);
        for (Object p : (List<Object>) surveys.get(survey.surveyId()).get("pages")) {
            for (Object question : (List<Object>) ((Map<String, Object>) p).get("questions")) {
                Map<String, Object> sq = (Map<String, Object>) question;
                if (sq.get("id").equals(smQuestion) && sq.get("answers") instanceof Map<?, ?> a) {
                    return ((List<Object>) a.get("choices")).stream()
                            .anyMatch(c -> ((Map<String, Object>) c).get("id").equals(choiceId));
                }
            }
        }
        return false;
    }

    @Override
    public synchronized void respondMalformed(SurveyDefinition survey, Invitation invitation,
            Distribution distribution) {
        String anyQuestion = survey.toolData().keySet().stream().filter(k -> k.startsWith("q.")).findFirst()
                .orElseThrow().substring(2);
        record(survey, distribution, List.of(Map.of("id", anyQuestion, "answers", List.of(Map.of("choice_id",
                "999999999")))));
    }

    /** Records a completed response arriving now (each a second after the last, unless {@link #sameSecond}). */
    synchronized Map<String, Object> record(SurveyDefinition survey, Distribution distribution,
            List<Object> questions) {
        clock = clock.plusSeconds(sameSecond ? 0 : 1);
        String ref = distribution.externalRef();
        Map<String, Object> r = new LinkedHashMap<>();
        String id = id();
        r.put("id", id);
        r.put("recipient_id", ref.startsWith(SurveyMonkeySurveyTool.RECIPIENT_REF)
                ? ref.substring(SurveyMonkeySurveyTool.RECIPIENT_REF.length()) : "");
        if (ref.startsWith(SurveyMonkeySurveyTool.RECIPIENT_REF)
                && !recipientEmails.containsKey(ref.substring(SurveyMonkeySurveyTool.RECIPIENT_REF.length()))) {
            throw new IllegalStateException("no such recipient: the invitation was never sent");
        }
        r.put("collection_mode", "default");
        r.put("response_status", "completed");
        r.put("custom_value", "");
        r.put("first_name", "");
        r.put("last_name", "");
        r.put("email_address", "");
        r.put("ip_address", "198.51.100.7");
        r.put("logic_path", Map.of());
        r.put("metadata", Map.of());
        r.put("page_path", List.of());
        r.put("collector_id", "1");
        r.put("survey_id", survey.surveyId());
        r.put("custom_variables", ref.startsWith(SurveyMonkeySurveyTool.RECIPIENT_REF) ? Map.of()
                : Map.of(SurveyMonkeySurveyTool.INVITATION_VARIABLE, ref));
        r.put("edit_url", "https://www.surveymonkey.com/r/?sm=edit" + id);
        r.put("analyze_url", "https://www.surveymonkey.com/analyze/browse/?respondent_id=" + id);
        r.put("total_time", new BigDecimal(63));
        r.put("date_modified", SM_TIME.format(clock));
        r.put("date_created", SM_TIME.format(clock.minusSeconds(63)));
        r.put("href", "https://api.surveymonkey.com/v3/surveys/" + survey.surveyId() + "/responses/" + id);
        r.put("pages", List.of(Map.of("id", "1", "questions", questions)));
        responses.computeIfAbsent(survey.surveyId(), s -> new ArrayList<>()).add(r);
        return r;
    }

    /** When true, responses recorded next share one date_modified second. */
    volatile boolean sameSecond;

    @Override
    public Set<SurveyToolException.Kind> stageableFailures() {
        return EnumSet.allOf(SurveyToolException.Kind.class);
    }

    @Override
    public synchronized void failWith(SurveyToolException.Kind kind) {
        failing = kind;
    }

    @Override
    public synchronized void stopFailing() {
        failing = null;
    }

    private static ResponseDefinition ok(Map<String, Object> body) {
        return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(Json.write(body)).build();
    }

    private static ResponseDefinition notFound() {
        return error(404, "1020", "Resource Not Found", "There was an error retrieving the requested resource.");
    }

    private static ResponseDefinition error(int status, String id, String name, String message) {
        return new com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(Json.write(Map.of("error", Map.of("id", id, "name", name, "docs",
                        "https://developer.surveymonkey.com/api/v3/#error-codes", "message", message,
                        "http_status_code", status))))
                .build();
    }
}
