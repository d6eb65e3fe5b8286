package io.mentorhub.plugins.surveys.surveymonkey;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.http.Fault;
import io.mentorhub.api.survey.Distribution;
import io.mentorhub.api.survey.Invitation;
import io.mentorhub.api.survey.ResponsePage;
import io.mentorhub.api.survey.SurveyDefinition;
import io.mentorhub.api.survey.SurveyKind;
import io.mentorhub.api.survey.SurveyToolException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract over weblink collectors (the hub e-mails), plus SurveyMonkey's request shapes and failure modes. */
class SurveyMonkeyWeblinkIT extends SurveyMonkeyTestSupport {

    @Override
    String delivery() {
        return "weblink";
    }

    @Test
    void createsTheSurveyAsOnePageOfQuestionsWithTheBearerToken() throws SurveyToolException {
        SurveyDefinition fit = smTool("weblink", 2, 5).define(SurveyKind.FIRST_SESSION_FIT, CONTEXT);
        server.verify(postRequestedFor(urlEqualTo("/v3/surveys"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.custom_variables.mh_inv"))
                .withRequestBody(matchingJsonPath("$.pages[0].questions[0].family", equalTo("single_choice")))
                .withRequestBody(matchingJsonPath("$.pages[0].questions[0].headings[0].heading",
                        equalTo("Is this a good fit?")))
                .withRequestBody(matchingJsonPath("$.pages[0].questions[0].answers.choices[1].text", equalTo("No")))
                .withRequestBody(matchingJsonPath("$.pages[0].questions[3].family", equalTo("open_ended")))
                .withRequestBody(matchingJsonPath("$.pages[0].questions[3].subtype", equalTo("essay"))));
        server.verify(getRequestedFor(urlEqualTo("/v3/surveys/" + fit.surveyId() + "/details")));
        // 4 question ids + 2 yes/no + 5 + 5 scale choices.
        assertEquals(16, fit.toolData().size(), fit.toolData().toString());
        assertEquals(List.of("good_fit", "connection", "expectations_clear", "fit_comment"),
                fit.questions().stream().map(q -> q.id()).toList());
    }

    @Test
    void weblinksCarryTheInvitationInTheSurveysCustomVariable() throws SurveyToolException {
        var tool = smTool("weblink", 2, 5);
        SurveyDefinition nps = tool.define(SurveyKind.NPS, CONTEXT);
        List<Distribution> sent = tool.distribute(nps, invitations(2, "w"));
        server.verify(postRequestedFor(urlEqualTo("/v3/surveys/" + nps.surveyId() + "/collectors"))
                .withRequestBody(matchingJsonPath("$.type", equalTo("weblink")))
                .withRequestBody(matchingJsonPath("$.edit_response_type", equalTo("until_complete"))));
        assertTrue(tool.hubDelivers());
        assertEquals("inv-w-0", sent.get(0).externalRef());
        assertTrue(sent.get(0).answerAt().toString().matches("https://www\\.surveymonkey\\.com/r/MH[0-9]+\\?mh_inv=inv-w-0"),
                sent.get(0).answerAt().toString());
    }

    @Test
    void pagesAskForCompletedResponsesOldestChangeFirst() throws SurveyToolException {
        var tool = smTool("weblink", 2, 5);
        SurveyDefinition nps = tool.define(SurveyKind.NPS, CONTEXT);
        tool.collect(nps, null);
        server.verify(getRequestedFor(urlPathEqualTo("/v3/surveys/" + nps.surveyId() + "/responses/bulk"))
                .withQueryParam("page", equalTo("1")).withQueryParam("per_page", equalTo("2"))
                .withQueryParam("status", equalTo("completed")).withQueryParam("sort_by", equalTo("date_modified"))
                .withQueryParam("sort_order", equalTo("ASC")));
    }

    @Test
    void responsesChangedInTheWatermarksSecondAreNeitherLostNorRepeated() throws SurveyToolException {
        var tool = smTool("weblink", 2, 5);
        SurveyDefinition nps = tool.define(SurveyKind.NPS, CONTEXT);
        List<Invitation> invitations = invitations(4, "t");
        List<Distribution> sent = tool.distribute(nps, invitations);
        fake.sameSecond = true;
        fake.respond(nps, invitations.get(0), sent.get(0), answersFor(nps, 0));
        fake.respond(nps, invitations.get(1), sent.get(1), answersFor(nps, 1));
        Collected first = collectAll(tool, nps, null);
        assertEquals(2, first.byRef().size());
        // Another response in the very same second: SurveyMonkey's start_modified_at returns all three again.
        fake.respond(nps, invitations.get(2), sent.get(2), answersFor(nps, 2));
        Collected second = collectAll(tool, nps, first.lastCursor());
        assertEquals(List.of("inv-t-2"), List.copyOf(second.byRef().keySet()));
        server.verify(getRequestedFor(urlPathMatching(".*/responses/bulk"))
                .withQueryParam("start_modified_at", equalTo("2026-03-02T08:00:00")));
    }

    @Test
    void partialResponsesAreSkippedAndUnreferencedOnesRejected() throws SurveyToolException {
        var tool = smTool("weblink", 10, 5);
        SurveyDefinition nps = tool.define(SurveyKind.NPS, CONTEXT);
        List<Invitation> invitations = invitations(2, "p");
        List<Distribution> sent = tool.distribute(nps, invitations);
        fake.respond(nps, invitations.get(0), sent.get(0), answersFor(nps, 0));
        Map<String, Object> stray = fake.record(nps, Distribution.accepted("x", "x", null), List.of());
        stray.put("custom_variables", Map.of());
        ResponsePage page = tool.collect(nps, null);
        assertEquals(1, page.responses().size());
        assertEquals(1, page.rejected().size());
        assertTrue(page.rejected().get(0).reason().contains("names no invitation"), page.rejected().toString());
    }

    @Test
    void rateLimitsAreTransientWithTheirRetryAfter() throws SurveyToolException {
        SurveyDefinition nps = smTool("weblink", 2, 5).define(SurveyKind.NPS, CONTEXT);
        server.stubFor(get(urlPathMatching(".*/responses/bulk")).atPriority(1).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "30").withBody("{\"error\":{\"id\":\"1040\",\"name\":\"Rate limit reached\"}}")));
        SurveyToolException e = collectFails(nps);
        assertEquals(SurveyToolException.Kind.TRANSIENT, e.kind());
        assertEquals(Optional.of(Duration.ofSeconds(30)), e.retryAfter());
        assertTrue(e.getMessage().contains("1040"), e.getMessage());

        server.stubFor(get(urlPathMatching(".*/responses/bulk")).atPriority(1).willReturn(aResponse().withStatus(503)
                .withHeader("Date", "Mon, 02 Mar 2026 08:00:00 GMT")
                .withHeader("Retry-After", "Mon, 02 Mar 2026 08:02:00 GMT")));
        e = collectFails(nps);
        assertEquals(SurveyToolException.Kind.TRANSIENT, e.kind());
        assertEquals(Optional.of(Duration.ofMinutes(2)), e.retryAfter());

        server.stubFor(get(urlPathMatching(".*/responses/bulk")).atPriority(1).willReturn(aResponse().withStatus(500)));
        e = collectFails(nps);
        assertEquals(SurveyToolException.Kind.TRANSIENT, e.kind());
        assertEquals(Optional.empty(), e.retryAfter());
    }

    @Test
    void networkFaultsAndGarbledAnswersAreTransient() throws SurveyToolException {
        SurveyDefinition nps = smTool("weblink", 2, 5).define(SurveyKind.NPS, CONTEXT);
        for (Fault fault : List.of(Fault.CONNECTION_RESET_BY_PEER, Fault.EMPTY_RESPONSE, Fault.MALFORMED_RESPONSE_CHUNK,
                Fault.RANDOM_DATA_THEN_CLOSE)) {
            server.stubFor(get(urlPathMatching(".*/responses/bulk")).atPriority(1)
                    .willReturn(aResponse().withFault(fault)));
            assertEquals(SurveyToolException.Kind.TRANSIENT, collectFails(nps).kind(), fault.name());
        }
        server.stubFor(get(urlPathMatching(".*/responses/bulk")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withBody("{\"data\": [{\"id\": \"1\", ")));
        assertEquals(SurveyToolException.Kind.TRANSIENT, collectFails(nps).kind());
    }

    @Test
    void aSlowAnswerTimesOutAsTransient() throws SurveyToolException {
        var tool = smTool("weblink", 2, 1);
        SurveyDefinition nps = tool.define(SurveyKind.NPS, CONTEXT);
        server.stubFor(get(urlPathMatching(".*/responses/bulk")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(3000)));
        var e = assertThrows(SurveyToolException.class, () -> tool.collect(nps, null));
        assertEquals(SurveyToolException.Kind.TRANSIENT, e.kind());
        assertTrue(e.getMessage().contains("in time"), e.getMessage());
    }

    @Test
    void refusedTokensAreConfigErrorsAndOtherRefusalsPermanent() throws SurveyToolException {
        SurveyDefinition nps = smTool("weblink", 2, 5).define(SurveyKind.NPS, CONTEXT);
        server.stubFor(get(urlPathMatching(".*/responses/bulk")).atPriority(1).willReturn(aResponse().withStatus(403)
                .withBody("{\"error\":{\"id\":\"1015\",\"name\":\"Permission Error\",\"message\":\"token "
                        + TOKEN + " lacks responses_read_detail\"}}")));
        SurveyToolException e = collectFails(nps);
        assertEquals(SurveyToolException.Kind.CONFIG, e.kind());
        assertFalse(e.getMessage().contains(TOKEN), "SurveyMonkey's own message is not repeated: " + e.getMessage());
        var wrongToken = new SurveyMonkeySurveyTool(config("http://127.0.0.1:" + server.port(), "not-the-token",
                "weblink", 2, 5, true));
        assertEquals(SurveyToolException.Kind.CONFIG,
                assertThrows(SurveyToolException.class, () -> wrongToken.collect(nps, null)).kind());
        server.stubFor(get(urlPathMatching(".*/responses/bulk")).atPriority(1).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":{\"id\":\"1002\",\"name\":\"Bad Request\"}}")));
        assertEquals(SurveyToolException.Kind.PERMANENT, collectFails(nps).kind());
    }

    @Test
    void refusesCursorsItDidNotWriteAndHostileIds() throws SurveyToolException {
        var tool = smTool("weblink", 2, 5);
        SurveyDefinition nps = tool.define(SurveyKind.NPS, CONTEXT);
        assertThrows(IllegalArgumentException.class, () -> tool.collect(nps, "page=2"));
        assertThrows(IllegalArgumentException.class, () -> tool.collect(nps, "sm1|-|0|||"));
        var hostile = new SurveyDefinition("1:2@users..", SurveyKind.NPS, "t", nps.questions(), nps.toolData());
        assertEquals(SurveyToolException.Kind.PERMANENT,
                assertThrows(SurveyToolException.class, () -> tool.collect(hostile, null)).kind());
    }

    private SurveyToolException collectFails(SurveyDefinition survey) {
        var tool = smTool("weblink", 2, 5);
        return assertThrows(SurveyToolException.class, () -> tool.collect(survey, null));
    }
}
