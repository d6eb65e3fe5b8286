package io.mentorhub.engine.survey;

import static io.mentorhub.engine.api.MentorshipFixture.expect;
import static io.mentorhub.engine.api.MentorshipFixture.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorhub.engine.api.ApiTestSupport;
import io.mentorhub.engine.api.MentorshipFixture;
import io.mentorhub.engine.notify.MailTestSupport;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Surveys end to end with the real built-in tool and a real SMTP server: a program's schedule creates each round
 * once (also when run again or by a second node), invitations reach people by e-mail with a signed link, the form
 * is answered without a login exactly once, responses are collected page by page, "not a good fit" in the trial
 * reaches the managers, and results show only groups of at least five respondents.
 */
class SurveyFlowTest {

    private ApiTestSupport api;
    private MentorshipFixture fx;
    private MailTestSupport mail;
    private Surveys surveys;
    private String trialPairing;

    /** The hub under test: H2 here, PostgreSQL in {@code PostgresSurveyFlowIT}. */
    protected ApiTestSupport createSupport() throws Exception {
        return new ApiTestSupport();
    }

    @BeforeEach
    void start() throws Exception {
        api = createSupport();
        fx = new MentorshipFixture(api);
        expect(200, api.call("POST", "/api/people/bulk", fx.key.get("integration"), Map.of("people",
                List.of(person("mentor-9", "Nia", "Mentor", "Ops"), person("mentee-9", "Noa", "Mentee", "Ops")))));
        for (String[] e : new String[][] {{"mentor-9", "MENTOR", "1"}, {"mentee-9", "MENTEE", "0"}}) {
            expect(201, api.admin("POST", "/api/programs/" + fx.programId + "/enrollments", Map.of("person_id", e[0],
                    "role", e[1], "capacity", Integer.parseInt(e[2]), "status", "ACTIVE")));
        }
        fx.key.put("mentee-9", api.keyFor(io.mentorhub.engine.api.Role.MENTEE, "mentee-9"));
        trialPairing = expect(201, api.admin("POST", "/api/programs/" + fx.programId + "/pairings", Map.of(
                "mentor_id", "mentor-9", "mentee_ids", List.of("mentee-9"), "score", 60))).body().path("id").asText();
        expect(200, api.admin("POST", "/api/pairings/" + trialPairing + "/publish", null));
        expect(200, api.admin("POST", "/api/pairings/" + trialPairing + "/start-trial", null));
        Map<String, Object> program = MentorshipFixture.program("Engineering mentoring", "pm-1");
        program.put("survey_schedule", List.of(
                Map.of("kind", "FIRST_SESSION_FIT", "trigger", "PAIRING_STARTED", "offset_days", 0),
                Map.of("kind", "NPS", "trigger", "DEVELOPMENT_STARTED", "offset_days", 0, "repeat_every_days", 91)));
        expect(200, api.call("PUT", "/api/programs/" + fx.programId, fx.key.get("pm"), program));
        api.clock.set(Instant.now());
        mail = new MailTestSupport(api, 10, 5);
        mail.drainAll(); // the pairing mails
        surveys = SurveyTestSupport.engine(api);
    }

    @AfterEach
    void stop() throws Exception {
        mail.close();
        api.close();
    }

    @Test
    void eachOccurrenceBecomesOneRoundAndAnInvitationIsAnsweredOnceWithoutALogin() throws Exception {
        assertEquals(3, surveys.schedule(), "a first-session fit round per live pairing");
        assertEquals(0, surveys.schedule(), "run again: nothing new");
        Surveys secondNode = new Surveys(api.database, api.links, null, SurveyTestSupport.settings(5), api.clock);
        assertEquals(0, secondNode.schedule(), "another hub node: nothing new");
        assertEquals(6L, count("SELECT COUNT(*) FROM survey_invitation WHERE status = 'PENDING'"));

        assertEquals(6, surveys.distribute());
        assertEquals(6L, count("SELECT COUNT(*) FROM survey_invitation WHERE status = 'DISTRIBUTED'"));
        mail.drainAll();
        Map<String, String> links = respondLinks("Your first session — Engineering mentoring");
        assertEquals(List.of("mentee-1@example.com", "mentee-2@example.com", "mentee-9@example.com",
                "mentor-1@example.com", "mentor-2@example.com", "mentor-9@example.com"),
                new ArrayList<>(new java.util.TreeSet<>(links.keySet())));

        String link = links.get("mentee-9@example.com");
        HttpResponse<String> form = api.page("GET", link, null);
        assertEquals(200, form.statusCode());
        assertTrue(form.body().contains("Is this a good fit?"), form.body());
        assertEquals("no-store", form.headers().firstValue("Cache-Control").orElse(null));
        assertEquals("no-referrer", form.headers().firstValue("Referrer-Policy").orElse(null));
        assertFalse(form.body().contains(link.substring("/respond/".length())), "the page does not echo the token");

        Map<String, Long> before = api.rowCounts();
        HttpResponse<String> missing = api.page("POST", link, "connection=4&fit_comment=");
        assertEquals(422, missing.statusCode());
        assertTrue(missing.body().contains("“Is this a good fit?” is required."), missing.body());
        assertEquals(400, api.page("POST", link, "good_fit=no&good_fit=yes").statusCode(), "a field given twice");
        assertEquals(422, api.page("POST", link, "good_fit=maybe").statusCode());
        assertEquals(422, api.page("POST", link, "good_fit=no&unknown=1").statusCode());
        assertEquals(before, api.rowCounts(), "refused answers change nothing");

        HttpResponse<String> answered = api.page("POST", link, "good_fit=no&connection=2&expectations_clear=3&"
                + "fit_comment=We+never+found+a+slot+%3Cscript%3E");
        assertEquals(200, answered.statusCode(), answered.body());
        assertTrue(answered.body().contains("Thank you"));
        assertEquals(410, api.page("GET", link, null).statusCode(), "a used link");
        assertTrue(api.page("GET", link, null).body().contains("Already answered"));
        assertEquals(410, api.page("POST", link, "good_fit=yes").statusCode(), "answers once");
        assertEquals(1L, count("SELECT COUNT(*) FROM survey_submission"));

        String tampered = link.substring(0, link.length() - 3) + (link.endsWith("AAA") ? "BBB" : "AAA");
        assertEquals(404, api.page("GET", tampered, null).statusCode());
        String unknown = "/respond/" + api.links.respondToken(UUID.randomUUID().toString(),
                Instant.now().plusSeconds(3600));
        assertEquals(404, api.page("GET", unknown, null).statusCode());
        assertTrue(api.page("GET", unknown, null).body().contains("This link is not valid"));
        assertEquals(404, api.page("GET", "/respond/not-a-token", null).statusCode());

        // The mentor of an ACTIVE pairing also answers no: recorded, but no re-match path outside the trial.
        assertEquals(200, api.page("POST", links.get("mentor-1@example.com"), "good_fit=no&connection=1&expectations_clear=2").statusCode());
        assertEquals(200, api.page("POST", links.get("mentee-2@example.com"), "good_fit=yes&connection=5&expectations_clear=5")
                .statusCode());

        assertEquals(3, surveys.collect(), "three submissions, read two per page");
        assertEquals(3L, count("SELECT COUNT(*) FROM survey_invitation WHERE status = 'RESPONDED'"));
        assertEquals(0, surveys.collect(), "collected again from the stored cursor: nothing new");
        assertEquals(List.of(true), api.database.inTransaction(tx -> tx.query("SELECT text_value IS NOT NULL FROM "
                + "survey_answer WHERE question_id = 'fit_comment'", row -> row.getBoolean(1))));

        // The trial pairing's concern opens the re-match path: its manager is told.
        JsonNode concerns = expect(200, api.call("GET", "/api/pairings/" + trialPairing + "/fit-concerns",
                fx.key.get("pm"), null)).body().path("items");
        assertEquals(1, concerns.size());
        assertEquals("mentee", concerns.get(0).path("raised_by_role").asText());
        assertTrue(concerns.get(0).path("rematch_open").asBoolean());
        assertEquals("TRIAL", concerns.get(0).path("pairing_state").asText());
        assertEquals(403, api.call("GET", "/api/pairings/" + trialPairing + "/fit-concerns", fx.key.get("mentee-9"),
                null).status(), "participants do not see concerns");
        JsonNode activeConcern = expect(200, api.call("GET", "/api/pairings/" + fx.pairing1 + "/fit-concerns",
                fx.key.get("pm"), null)).body().path("items").get(0);
        assertFalse(activeConcern.path("rematch_open").asBoolean(), "outside the trial: recorded only");
        assertEquals(1L, count("SELECT COUNT(*) FROM outbox WHERE topic = 'pairing.fit_concern'"));
        mail.drainAll();
        List<MimeMessage> toManager = mail.received().stream().filter(m -> to(m).equals("pm-1@example.com")).toList();
        assertEquals(1, toManager.size());
        assertEquals("A pairing in Engineering mentoring may not be a good fit", toManager.get(0).getSubject());
        String managerText = MailTestSupport.text(toManager.get(0));
        assertTrue(managerText.contains("/api/pairings/" + trialPairing + "/dissolve"), managerText);
        assertFalse(managerText.contains("never found a slot"), "no answer is shared");

        // The manager dissolves in trial: the pair is never proposed again (the re-match itself is MatchingRuns').
        expect(200, api.call("POST", "/api/pairings/" + trialPairing + "/dissolve", fx.key.get("pm"),
                Map.of("reason", "not a good fit (first-session survey)")));
        assertEquals(1L, count("SELECT COUNT(*) FROM dissolved_pair WHERE mentor_id = 'mentor-9'"));

        // Expired: a link not used before its expiry opens nothing.
        api.clock.set(Instant.now().plus(java.time.Duration.ofDays(16)));
        HttpResponse<String> expired = api.page("GET", links.get("mentor-2@example.com"), null);
        assertEquals(410, expired.statusCode());
        assertTrue(expired.body().contains("This link has expired"), expired.body());
    }

    @Test
    void resultsShowOnlyGroupsOfAtLeastFiveRespondentsAndNeverAnAnswer() throws Exception {
        api.clock.set(Instant.parse("2027-02-01T09:00:00Z"));
        surveys.schedule();
        surveys.distribute();
        mail.drainAll();
        Map<String, String> links = respondLinks("Would you recommend the program? — Engineering mentoring");
        assertEquals(6, links.size(), "every active participant of the program");
        // Four answers: too few to show anything.
        int[] scores = {10, 10, 9, 7, 2};
        String[] who = {"mentor-1", "mentee-1", "mentor-2", "mentee-2", "mentor-9"};
        for (int i = 0; i < 4; i++) {
            assertEquals(200, api.page("POST", links.get(who[i] + "@example.com"), "nps=" + scores[i]
                    + "&nps_reason=secret+reason+" + i).statusCode());
        }
        surveys.collect();
        JsonNode hidden = expect(200, api.call("GET", "/api/programs/" + fx.programId + "/surveys/nps/results",
                fx.key.get("pm"), null)).body();
        assertEquals(5, hidden.path("anonymity_threshold").asInt());
        assertTrue(hidden.path("groups").get(0).path("hidden").asBoolean(), hidden.toString());
        assertEquals("fewer than 5 respondents", hidden.path("groups").get(0).path("hidden_reason").asText());

        assertEquals(200, api.page("POST", links.get(who[4] + "@example.com"), "nps=" + scores[4]).statusCode());
        surveys.collect();
        JsonNode shown = expect(200, api.call("GET", "/api/programs/" + fx.programId + "/surveys/NPS/results",
                fx.key.get("pm"), null)).body();
        JsonNode all = shown.path("groups").get(0);
        assertFalse(all.path("hidden").asBoolean(), shown.toString());
        assertEquals(5, all.path("respondents").asInt());
        assertEquals(40, all.path("nps").path("score").asInt(), "3 promoters, 1 passive, 1 detractor of 5");
        assertEquals(3, all.path("nps").path("promoters").asInt());
        assertEquals(1, all.path("nps").path("detractors").asInt());
        assertFalse(shown.toString().contains("secret reason"), "free text is never aggregated or shown");
        assertFalse(shown.toString().contains("mentor-1"), "nobody is named");

        JsonNode byRole = expect(200, api.call("GET", "/api/programs/" + fx.programId + "/surveys/nps/results?by=role",
                fx.key.get("pm"), null)).body().path("groups");
        for (JsonNode group : byRole) {
            assertTrue(group.path("hidden").asBoolean(), "mentors (3) and mentees (2) apart are too few: " + group);
        }
        assertEquals(403, api.call("GET", "/api/programs/" + fx.programId + "/surveys/nps/results",
                fx.key.get("mentee-1"), null).status(), "participants never read results");

        JsonNode summary = expect(200, api.call("GET", "/api/programs/" + fx.programId + "/surveys", fx.key.get("pm"),
                null)).body().path("items");
        JsonNode nps = null;
        for (JsonNode item : summary) {
            if (item.path("kind").asText().equals("NPS")) {
                nps = item;
            }
        }
        assertEquals(5, nps.path("invitations").path("RESPONDED").asInt(), summary.toString());
        assertEquals(83.3, nps.path("response_rate").asDouble(), 0.001);

        // Program metrics read the same stored responses (due on the test clock's day, submitted at the database's): NPS over each respondent's latest score, and the rate of
        // invitations answered (5 of 6; the mentor-9 pairing's round was answered too).
        api.programMetrics = new io.mentorhub.engine.metrics.ProgramMetrics(
                io.mentorhub.engine.metrics.ProgramMetrics.Settings.DEFAULT,
                io.mentorhub.engine.metrics.SurveyFigures.from(new io.mentorhub.engine.metrics.StoredSurveyRows()));
        JsonNode metrics = expect(200, api.call("GET", "/api/programs/" + fx.programId
                + "/metrics?from=2026-01-01&to=2027-12-31", fx.key.get("pm"), null)).body();
        assertEquals(40.0, metrics.path("nps").path("value").asDouble(), 0.001, metrics.path("nps").toString());
        assertEquals(5, metrics.path("nps").path("people").asInt());
        assertTrue(metrics.path("survey_response_rate").path("unavailable").isNull(), metrics.toString());
        assertEquals(5.0, metrics.path("survey_response_rate").path("numerator").asDouble(), metrics.toString());
    }

    @Test
    void theThresholdIsRaisedOnlyNeverLowered() {
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> SurveyTestSupport.settings(4));
        assertEquals("anonymityThreshold is 4; it may only be raised above 5, never lowered: smaller groups could "
                + "identify a respondent", refused.getMessage());
        assertEquals(8, SurveyTestSupport.settings(8).anonymityThreshold());
    }

    /** The respond link of each invitation mail with this subject, as a path, by recipient. */
    private Map<String, String> respondLinks(String subject) throws Exception {
        Map<String, String> links = new LinkedHashMap<>();
        for (MimeMessage message : mail.received()) {
            if (message.getSubject().equals(subject)) {
                String link = MailTestSupport.text(message).lines().filter(l -> l.startsWith("http://127.0.0.1/respond/"))
                        .findFirst().orElseThrow();
                assertTrue(MailTestSupport.html(message).contains("href=\"" + link + "\""));
                links.put(to(message), URI.create(link).getPath());
            }
        }
        return links;
    }

    private static String to(MimeMessage message) {
        try {
            return MailTestSupport.recipients(List.of(message)).get(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) throws Exception {
        return api.database.<Long>inTransaction(tx -> tx.count(sql));
    }

}
