package io.mentorhub.plugins.surveys.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.survey.NpsBand;
import io.mentorhub.api.survey.Question;
import io.mentorhub.api.survey.QuestionType;
import io.mentorhub.api.survey.ResponsePage;
import io.mentorhub.api.survey.SurveyDefinition;
import io.mentorhub.api.survey.SurveyKind;
import io.mentorhub.api.survey.SurveyResponse;
import io.mentorhub.api.survey.SurveyTool;
import io.mentorhub.api.survey.SurveyToolException;
import io.mentorhub.testkit.SurveySandbox;
import io.mentorhub.testkit.SurveyToolContractTest;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuiltinSurveyToolTest extends SurveyToolContractTest {

    private final InMemoryInbox inbox = new InMemoryInbox();

    @Override
    protected SurveyTool tool() {
        return builtin();
    }

    private BuiltinSurveyTool builtin() {
        return new BuiltinSurveyTool(config(2), inbox);
    }

    @Override
    protected SurveySandbox sandbox() {
        return inbox;
    }

    @Test
    void templatesAskTheDocumentedQuestions() {
        assertEquals(List.of("session_value", "goal_progress", "takeaway", "next_focus"), ids(SurveyKind.POST_SESSION));
        assertEquals(List.of("good_fit", "connection", "expectations_clear", "fit_comment"),
                ids(SurveyKind.FIRST_SESSION_FIT));
        assertEquals(List.of("satisfaction", "meeting_regularity", "goal_progress", "wants_support", "pulse_comment"),
                ids(SurveyKind.QUARTERLY_PULSE));
        assertEquals(List.of("nps", "nps_reason"), ids(SurveyKind.NPS));
        assertEquals(List.of("goals_achieved", "growth", "partner_rating", "nps", "keep_meeting", "highlight",
                "improve"), ids(SurveyKind.PROGRAM_COMPLETION));
        for (SurveyKind kind : SurveyKind.values()) {
            for (Question q : define(kind).questions()) {
                assertEquals(q.type() != QuestionType.FREE_TEXT, q.required(),
                        kind + "." + q.id() + ": free text is optional, everything else required");
            }
        }
        assertEquals(QuestionType.NPS_0_10, define(SurveyKind.NPS).question("nps").orElseThrow().type());
    }

    @Test
    void surveysOfTwoProgramsStayApart() {
        var other = new io.mentorhub.api.survey.SurveyContext("prog-2", "Graduate buddies");
        SurveyDefinition a = define(SurveyKind.NPS);
        SurveyDefinition b = builtin().define(SurveyKind.NPS, other);
        assertFalse(a.surveyId().equals(b.surveyId()));
        assertTrue(b.title().contains("Graduate buddies"), b.title());
        assertEquals(a, define(SurveyKind.NPS), "defining is deterministic");
    }

    @Test
    void formAnswersAreReadLikeAPersonTypesThem() throws SurveyToolException {
        SurveyDefinition fit = define(SurveyKind.FIRST_SESSION_FIT);
        inbox.submit(fit.surveyId(), "inv-1", Map.of("good_fit", " No ", "connection", "2",
                "expectations_clear", "4", "fit_comment", ""));
        inbox.submit(fit.surveyId(), "inv-2", Map.of("good_fit", "TRUE", "connection", "5", "expectations_clear", "5"));
        ResponsePage page = new BuiltinSurveyTool(config(10), inbox).collect(fit, null);
        assertEquals(List.of(), page.rejected());
        SurveyResponse first = page.responses().get(0);
        assertTrue(first.fitConcern());
        assertEquals(3, first.answers().size(), "the empty optional comment is no answer");
        assertFalse(page.responses().get(1).fitConcern());
        assertFalse(page.more());
    }

    @Test
    void badSubmissionsAreRejectedWithTheRuleNotTheValue() throws SurveyToolException {
        SurveyDefinition nps = define(SurveyKind.NPS);
        inbox.submit(nps.surveyId(), "inv-1", Map.of("nps", "11"));
        inbox.submit(nps.surveyId(), "inv-2", Map.of("nps", "nine"));
        inbox.submit(nps.surveyId(), "inv-3", Map.of("nps", "9", "favourite_colour", "teal"));
        inbox.submit(nps.surveyId(), "inv-4", Map.of("nps_reason", "my secret reason"));
        inbox.submit(nps.surveyId(), "inv-5", Map.of("nps", "10", "nps_reason", "my secret reason"));
        ResponsePage page = new BuiltinSurveyTool(config(10), inbox).collect(nps, null);
        assertEquals(List.of("answers.nps: must be between 0 and 10", "answers.nps: must be a whole number",
                "answers: a form field is not a question of survey " + nps.surveyId(), "answers.nps: is required"),
                page.rejected().stream().map(ResponsePage.Rejected::reason).toList());
        assertEquals(1, page.responses().size());
        assertEquals(Optional.of(NpsBand.PROMOTER), page.responses().get(0).npsBand());
        page.rejected().forEach(r -> assertFalse(r.reason().contains("teal") || r.reason().contains("secret")));
    }

    @Test
    void withoutTheHubsInboxCollectingIsAConfigurationError() throws SurveyToolException {
        var tool = new BuiltinSurveyTool(config(10), null);
        SurveyDefinition pulse = tool.define(SurveyKind.QUARTERLY_PULSE, CONTEXT);
        assertEquals(1, tool.distribute(pulse, invitations(1, "x")).size(), "defining and distributing still work");
        assertEquals(SurveyToolException.Kind.CONFIG,
                assertThrows(SurveyToolException.class, () -> tool.collect(pulse, null)).kind());
    }

    @Test
    void theInboxFailureMessageStaysOut() {
        inbox.failWith(SurveyToolException.Kind.TRANSIENT);
        SurveyDefinition pulse = define(SurveyKind.QUARTERLY_PULSE);
        var e = assertThrows(SurveyToolException.class, () -> tool().collect(pulse, null));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void rejectsPageSizesOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new BuiltinSurveyTool(config(0), inbox));
        assertThrows(IllegalArgumentException.class, () -> new BuiltinSurveyTool(config(1001), inbox));
    }

    private SurveyDefinition define(SurveyKind kind) {
        return builtin().define(kind, CONTEXT);
    }

    private List<String> ids(SurveyKind kind) {
        return define(kind).questions().stream().map(Question::id).toList();
    }

    static BuiltinSurveyTool.Config config(int pageSize) {
        return new BuiltinSurveyTool.Config() {
            @Override
            public int pageSize() {
                return pageSize;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return BuiltinSurveyTool.Config.class;
            }
        };
    }
}
