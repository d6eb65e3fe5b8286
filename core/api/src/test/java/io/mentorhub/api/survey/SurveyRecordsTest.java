package io.mentorhub.api.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.domain.InvalidValueException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SurveyRecordsTest {

    static final SurveyDefinition FIT = new SurveyDefinition("fit-1", SurveyKind.FIRST_SESSION_FIT, "First session",
            List.of(new Question("good_fit", "Is this a good fit?", QuestionType.YES_NO, true),
                    new Question("connection", "How well did you connect?", QuestionType.SCALE_1_5, true),
                    new Question("nps", "Would you recommend the program?", QuestionType.NPS_0_10, false),
                    new Question("comment", "Anything else?", QuestionType.FREE_TEXT, false)),
            Map.of());

    @Test
    void checkAcceptsValidAnswersInQuestionOrder() {
        List<Answer> answers = List.of(Answer.ofText("comment", "Lovely\nchat"), Answer.ofNumber("connection", 4),
                Answer.ofYesNo("good_fit", true));
        assertEquals(List.of(answers.get(2), answers.get(1), answers.get(0)), FIT.check(answers));
    }

    @Test
    void checkNamesTheQuestionThatBreaksARule() {
        assertEquals("answers.connection", assertThrows(InvalidValueException.class,
                () -> FIT.check(List.of(Answer.ofYesNo("good_fit", true)))).field());
        assertEquals("answers.connection", assertThrows(InvalidValueException.class, () -> FIT.check(List.of(
                Answer.ofYesNo("good_fit", true), Answer.ofNumber("connection", 6)))).field());
        assertEquals("answers.nps", assertThrows(InvalidValueException.class, () -> FIT.check(List.of(
                Answer.ofYesNo("good_fit", true), Answer.ofNumber("connection", 3), Answer.ofNumber("nps", 11)))).field());
        assertEquals("answers.good_fit", assertThrows(InvalidValueException.class, () -> FIT.check(List.of(
                Answer.ofNumber("good_fit", 1), Answer.ofNumber("connection", 3)))).field());
        assertEquals("answers.comment", assertThrows(InvalidValueException.class, () -> FIT.check(List.of(
                Answer.ofYesNo("good_fit", true), Answer.ofNumber("connection", 3), Answer.ofYesNo("comment", true))))
                .field());
        assertEquals("answers.mood", assertThrows(InvalidValueException.class, () -> FIT.check(List.of(
                Answer.ofYesNo("good_fit", true), Answer.ofNumber("connection", 3), Answer.ofNumber("mood", 3)))).field());
        assertEquals("answers.good_fit", assertThrows(InvalidValueException.class, () -> FIT.check(List.of(
                Answer.ofYesNo("good_fit", true), Answer.ofYesNo("good_fit", false), Answer.ofNumber("connection", 3))))
                .field());
    }

    @Test
    void reservedQuestionsKeepTheirMeaning() {
        var yesNoFit = new Question("good_fit", "Is this a good fit?", QuestionType.YES_NO, true);
        var scale = new Question("satisfaction", "How satisfied are you?", QuestionType.SCALE_1_5, true);
        assertThrows(InvalidValueException.class, () -> new SurveyDefinition("s", SurveyKind.FIRST_SESSION_FIT, "t",
                List.of(scale), null));
        assertThrows(InvalidValueException.class, () -> new SurveyDefinition("s", SurveyKind.FIRST_SESSION_FIT, "t",
                List.of(new Question("good_fit", "Fit?", QuestionType.YES_NO, false)), null));
        assertThrows(InvalidValueException.class, () -> new SurveyDefinition("s", SurveyKind.QUARTERLY_PULSE, "t",
                List.of(yesNoFit), null));
        assertThrows(InvalidValueException.class, () -> new SurveyDefinition("s", SurveyKind.NPS, "t",
                List.of(scale), null));
        assertThrows(InvalidValueException.class, () -> new SurveyDefinition("s", SurveyKind.QUARTERLY_PULSE, "t",
                List.of(new Question("nps", "Recommend?", QuestionType.SCALE_1_5, true)), null));
        assertThrows(InvalidValueException.class, () -> new SurveyDefinition("s", SurveyKind.QUARTERLY_PULSE, "t",
                List.of(scale, scale), null));
        assertThrows(InvalidValueException.class, () -> new SurveyDefinition("s", SurveyKind.QUARTERLY_PULSE, "t",
                List.of(), null));
        assertThrows(InvalidValueException.class, () -> new Question("Good Fit", "Fit?", QuestionType.YES_NO, true));
    }

    @Test
    void aNoToTheFitQuestionIsAFitConcern() {
        Instant at = Instant.parse("2026-02-01T10:00:00Z");
        var no = new SurveyResponse("r1", "fit-1", "inv-1", at,
                FIT.check(List.of(Answer.ofYesNo("good_fit", false), Answer.ofNumber("connection", 2))));
        var yes = new SurveyResponse("r2", "fit-1", "inv-2", at,
                FIT.check(List.of(Answer.ofYesNo("good_fit", true), Answer.ofNumber("connection", 5))));
        assertTrue(no.fitConcern());
        assertFalse(yes.fitConcern());
        assertFalse(new SurveyResponse("r3", "pulse", "inv-3", at, List.of(Answer.ofNumber("satisfaction", 1)))
                .fitConcern());
    }

    @Test
    void npsBandsAreTheStandardOnes() {
        for (int score = 0; score <= 10; score++) {
            NpsBand expected = score <= 6 ? NpsBand.DETRACTOR : score <= 8 ? NpsBand.PASSIVE : NpsBand.PROMOTER;
            assertEquals(expected, NpsBand.of(score), "score " + score);
            var response = new SurveyResponse("r", "nps", "ref", Instant.EPOCH, List.of(Answer.ofNumber("nps", score)));
            assertEquals(Optional.of(expected), response.npsBand());
        }
        assertThrows(IllegalArgumentException.class, () -> NpsBand.of(-1));
        assertThrows(IllegalArgumentException.class, () -> NpsBand.of(11));
    }

    @Test
    void confidentialValuesNeverReachToString() {
        String secretText = "I am thinking of leaving the company";
        var answer = Answer.ofText("comment", secretText);
        assertFalse(answer.toString().contains("leaving"), answer.toString());
        var response = new SurveyResponse("r1", "fit-1", "inv-1", Instant.EPOCH, List.of(answer));
        assertFalse(response.toString().contains("leaving"), response.toString());
        var invitation = new Invitation("inv-1", "emp-7", "Ada@Example.com", "prog-1", "p-1",
                URI.create("https://hub.example/respond/inv-1?sig=s3cr3t-signature"), LocalDate.of(2026, 3, 1));
        assertEquals("ada@example.com", invitation.respondentEmail());
        assertFalse(invitation.toString().contains("s3cr3t"), invitation.toString());
        assertFalse(invitation.toString().contains("ada@"), invitation.toString());
        var distribution = Distribution.accepted("inv-1", "rcp-9", URI.create("https://vendor.example/r/X?mh=inv-1"));
        assertFalse(distribution.toString().contains("vendor.example"), distribution.toString());
        var submission = new SurveyInbox.Submission("sub-1", "inv-1", Instant.EPOCH, Map.of("comment", secretText));
        assertFalse(submission.toString().contains("leaving"), submission.toString());
    }

    @Test
    void answersAndDistributionsAreWellFormed() {
        assertThrows(InvalidValueException.class, () -> new Answer("q", 1, true, null));
        assertThrows(InvalidValueException.class, () -> new Answer("q", null, null, null));
        assertThrows(InvalidValueException.class, () -> Answer.ofText("q", "   "));
        assertThrows(InvalidValueException.class, () -> new Distribution("inv-1", "ref", null, "opted out"));
        assertThrows(InvalidValueException.class, () -> Distribution.accepted("inv-1", null, null));
        assertThrows(InvalidValueException.class,
                () -> Distribution.accepted("inv-1", "ref", URI.create("ftp://vendor.example/x")));
        assertTrue(Distribution.refused("inv-1", "opted out").toString().contains("opted out"));
        assertThrows(InvalidValueException.class, () -> new Invitation("inv-1", "emp-7", null, "prog-1", null,
                URI.create("/relative"), LocalDate.of(2026, 3, 1)));
        assertThrows(InvalidValueException.class, () -> new ResponsePage(List.of(), List.of(), null, false));
    }

    @Test
    void typedErrorsCarryTheirKindAndRetryHint() {
        var transientFailure = SurveyToolException.transientFailure("rate limited", Duration.ofSeconds(30));
        assertEquals(SurveyToolException.Kind.TRANSIENT, transientFailure.kind());
        assertEquals(Optional.of(Duration.ofSeconds(30)), transientFailure.retryAfter());
        assertEquals(null, transientFailure.getCause());
        assertEquals(SurveyToolException.Kind.CONFIG, SurveyToolException.config("bad token").kind());
        assertEquals(Optional.empty(), SurveyToolException.permanent("gone").retryAfter());
        assertThrows(IllegalArgumentException.class,
                () -> SurveyToolException.transientFailure("x", Duration.ofSeconds(-1)));
    }
}
