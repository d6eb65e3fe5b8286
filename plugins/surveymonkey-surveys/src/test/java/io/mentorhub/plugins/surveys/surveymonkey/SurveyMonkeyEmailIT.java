package io.mentorhub.plugins.surveys.surveymonkey;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.survey.Distribution;
import io.mentorhub.api.survey.Invitation;
import io.mentorhub.api.survey.SurveyDefinition;
import io.mentorhub.api.survey.SurveyKind;
import io.mentorhub.api.survey.SurveyToolException;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract over e-mail collectors (SurveyMonkey sends), plus its recipient quirks. */
class SurveyMonkeyEmailIT extends SurveyMonkeyTestSupport {

    @Override
    String delivery() {
        return "email";
    }

    @Test
    void sendsThroughCollectorMessageRecipientsAndSend() throws SurveyToolException {
        var tool = smTool("email", 2, 5);
        assertFalse(tool.hubDelivers());
        SurveyDefinition pulse = tool.define(SurveyKind.QUARTERLY_PULSE, CONTEXT);
        List<Distribution> sent = tool.distribute(pulse, invitations(2, "e"));
        server.verify(postRequestedFor(urlMatching("/v3/surveys/" + pulse.surveyId() + "/collectors"))
                .withRequestBody(matchingJsonPath("$.type", equalTo("email"))));
        server.verify(postRequestedFor(urlMatching("/v3/collectors/[0-9]+/messages"))
                .withRequestBody(matchingJsonPath("$.type", equalTo("invite")))
                .withRequestBody(matchingJsonPath("$.subject", equalTo(pulse.title()))));
        server.verify(postRequestedFor(urlMatching("/v3/collectors/[0-9]+/messages/[0-9]+/recipients/bulk"))
                .withRequestBody(matchingJsonPath("$.contacts[1].email", equalTo("person.e1@northwind.example"))));
        server.verify(1, postRequestedFor(urlMatching("/v3/collectors/[0-9]+/messages/[0-9]+/send")));
        assertTrue(sent.stream().allMatch(d -> d.externalRef().startsWith("recipient-") && d.answerAt() == null));
    }

    @Test
    void bouncedAndOptedOutAddressesAreRefusedTheRestSent() throws SurveyToolException {
        var tool = smTool("email", 2, 5);
        SurveyDefinition pulse = tool.define(SurveyKind.QUARTERLY_PULSE, CONTEXT);
        List<Distribution> sent = tool.distribute(pulse, List.of(invitation("i1", "bounce@northwind.example"),
                invitation("i2", "ok@northwind.example"), invitation("i3", "optout@northwind.example")));
        assertEquals(List.of(false, true, false), sent.stream().map(Distribution::isAccepted).toList());
        assertTrue(sent.get(0).refusal().contains("bounced"), sent.get(0).refusal());
        assertTrue(sent.get(2).refusal().contains("opted out"), sent.get(2).refusal());
    }

    @Test
    void aPersonInvitedTwiceInOneBatchGetsTwoRounds() throws SurveyToolException {
        var tool = smTool("email", 2, 5);
        SurveyDefinition reflection = tool.define(SurveyKind.POST_SESSION, CONTEXT);
        List<Distribution> sent = tool.distribute(reflection, List.of(invitation("s1", "ada@northwind.example"),
                invitation("s2", "ada@northwind.example"), invitation("s3", "bo@northwind.example")));
        assertTrue(sent.stream().allMatch(Distribution::isAccepted), sent.toString());
        assertEquals(3, sent.stream().map(Distribution::externalRef).distinct().count());
        server.verify(2, postRequestedFor(urlPathMatching("/v3/surveys/[0-9]+/collectors")));
        server.verify(2, postRequestedFor(urlMatching("/v3/collectors/[0-9]+/messages/[0-9]+/send")));
    }

    @Test
    void nothingIsSentWhenNoAddressWasAccepted() throws SurveyToolException {
        var tool = smTool("email", 2, 5);
        SurveyDefinition pulse = tool.define(SurveyKind.QUARTERLY_PULSE, CONTEXT);
        List<Distribution> sent = tool.distribute(pulse, List.of(invitation("o1", "optout@northwind.example")));
        assertFalse(sent.get(0).isAccepted());
        server.verify(0, postRequestedFor(urlMatching("/v3/collectors/[0-9]+/messages/[0-9]+/send")));
    }

    private static Invitation invitation(String id, String email) {
        return new Invitation(id, "emp-" + id, email, CONTEXT.programId(), null,
                URI.create("https://hub.example/respond/" + id + "?sig=signed-link-secret"), LocalDate.of(2026, 5, 1));
    }
}
