package io.mentorhub.engine.survey;

import static io.mentorhub.engine.api.MentorshipFixture.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.survey.Distribution;
import io.mentorhub.api.survey.Invitation;
import io.mentorhub.api.survey.Question;
import io.mentorhub.api.survey.QuestionType;
import io.mentorhub.api.survey.ResponsePage;
import io.mentorhub.api.survey.SurveyContext;
import io.mentorhub.api.survey.SurveyDefinition;
import io.mentorhub.api.survey.SurveyKind;
import io.mentorhub.api.survey.SurveyTool;
import io.mentorhub.api.survey.SurveyToolException;
import io.mentorhub.engine.api.ApiTestSupport;
import io.mentorhub.engine.api.MentorshipFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the engine does with each typed failure of a survey tool, seen through a tool whose answers the test scripts
 * (the engine's side of the SPI contract): CONFIG blocks the tool's surveys until it is registered again, TRANSIENT
 * is retried after the backoff or the tool's retry-after, up to the maximum; PERMANENT and refusals fail the
 * invitations with the reason. No invitation is lost: each one ends DISTRIBUTED or FAILED with why.
 */
class SurveyToolFailuresTest {

    /** A survey tool that answers what the test tells it to. */
    static final class ScriptedTool implements SurveyTool {
        SurveyToolException failNext;
        final Set<String> refuse = new java.util.HashSet<>();
        final List<Integer> calls = new ArrayList<>();

        @Override
        public String id() {
            return "scripted";
        }

        @Override
        public Set<SurveyKind> supportedKinds() {
            return EnumSet.of(SurveyKind.FIRST_SESSION_FIT);
        }

        @Override
        public SurveyDefinition define(SurveyKind kind, SurveyContext context) {
            return new SurveyDefinition("scripted-" + context.programId(), kind, "Fit check",
                    List.of(new Question(SurveyDefinition.FIT_QUESTION, "Is this a good fit?", QuestionType.YES_NO,
                            true)), Map.of("vendor_question", "q-1"));
        }

        @Override
        public List<Distribution> distribute(SurveyDefinition survey, List<Invitation> invitations)
                throws SurveyToolException {
            calls.add(invitations.size());
            if (failNext != null) {
                SurveyToolException failure = failNext;
                failNext = null;
                throw failure;
            }
            return invitations.stream().map(i -> refuse.contains(i.respondentId())
                    ? Distribution.refused(i.invitationId(), "the address opted out at the vendor")
                    : Distribution.accepted(i.invitationId(), "ref-" + i.invitationId(), null)).toList();
        }

        @Override
        public ResponsePage collect(SurveyDefinition survey, String cursor) {
            return new ResponsePage(List.of(), List.of(), "0", false);
        }
    }

    private ApiTestSupport api;
    private MentorshipFixture fx;
    private Surveys surveys;
    private ScriptedTool tool;

    @BeforeEach
    void start() throws Exception {
        api = new ApiTestSupport();
        fx = new MentorshipFixture(api);
        Map<String, Object> program = MentorshipFixture.program("Engineering mentoring", "pm-1");
        program.put("survey_schedule", List.of(Map.of("kind", "FIRST_SESSION_FIT", "trigger", "PAIRING_STARTED",
                "offset_days", 0)));
        expect(200, api.call("PUT", "/api/programs/" + fx.programId, fx.key.get("pm"), program));
        api.clock.set(Instant.now());
        surveys = SurveyTestSupport.engine(api);
        tool = new ScriptedTool();
        surveys.bindTool(tool);
        assertEquals(422, api.call("PUT", "/api/programs/" + fx.programId + "/survey-tool", fx.key.get("pm"),
                Map.of("tool", "qualtrics")).status(), "only an installed tool");
        var chosen = expect(200, api.call("PUT", "/api/programs/" + fx.programId + "/survey-tool", fx.key.get("pm"),
                Map.of("tool", "scripted")));
        assertEquals("scripted", chosen.body().path("tool").asText());
        assertEquals(4, surveys.schedule() * 2, "two pairings, two members each");
    }

    @AfterEach
    void stop() throws Exception {
        api.close();
    }

    @Test
    void configBlocksTheToolUntilItIsRegisteredAgainThenTransientIsRetriedAfterItsRetryAfter() throws Exception {
        tool.failNext = SurveyToolException.config("the API token was rejected (401)");
        assertEquals(0, surveys.distribute());
        assertEquals(Map.of("PENDING", 4L), statuses(), "nothing lost: the invitations wait");
        assertEquals("BLOCKED", one("SELECT status FROM survey"));
        assertEquals("the API token was rejected (401)", one("SELECT blocked_reason FROM survey"));
        assertEquals(Map.of("scripted", "the API token was rejected (401)"),
                surveys.health().details().get("blocked"));
        assertEquals(0, surveys.distribute());
        assertEquals(List.of(4), tool.calls, "a blocked tool is not called again");
        var summary = expect(200, api.call("GET", "/api/programs/" + fx.programId + "/surveys", fx.key.get("pm"),
                null)).body().path("items").get(0);
        assertEquals("BLOCKED", summary.path("status").asText());

        surveys.bindTool(tool); // e.g. the tool's configuration was fixed
        assertEquals("ACTIVE", one("SELECT status FROM survey"));
        tool.failNext = SurveyToolException.transientFailure("SurveyMonkey answered 429", Duration.ofSeconds(300));
        assertEquals(0, surveys.distribute());
        assertEquals(List.of(4, 4), tool.calls);
        assertEquals(Instant.parse(one("SELECT MIN(next_attempt_at) FROM survey_invitation").replace(' ', 'T')
                .replaceAll("(\\+00(:00)?)$", "Z")).getEpochSecond(), api.clock.instant().plusSeconds(300)
                .getEpochSecond(), "the tool's retry-after (300 s) beats the backoff (60 s)");
        assertEquals("SurveyMonkey answered 429", one("SELECT MIN(failure) FROM survey_invitation"));
        assertEquals(0, surveys.distribute(), "not before the retry-after");

        api.clock.advance(Duration.ofSeconds(301));
        tool.refuse.add("mentee-1");
        assertEquals(4, surveys.distribute());
        assertEquals(Map.of("DISTRIBUTED", 3L, "FAILED", 1L), statuses());
        assertEquals("refused by the tool: the address opted out at the vendor",
                one("SELECT failure FROM survey_invitation WHERE status = 'FAILED'"));
        var failed = expect(200, api.call("GET", "/api/programs/" + fx.programId + "/survey-invitations?status=FAILED",
                fx.key.get("pm"), null)).body().path("items");
        assertEquals("mentee-1", failed.get(0).path("respondent_id").asText());
        assertTrue(surveys.health().details().get("blocked") == null);
    }

    @Test
    void permanentFailsTheBatchWithTheReasonAndTransientGivesUpAfterTheMaximum() throws Exception {
        tool.failNext = SurveyToolException.permanent("the survey was deleted at the vendor (404)");
        assertEquals(4, surveys.distribute());
        assertEquals(Map.of("FAILED", 4L), statuses());
        assertEquals("the survey was deleted at the vendor (404)", one("SELECT MIN(failure) FROM survey_invitation"));

        api.clock.advance(Duration.ofDays(1));
        api.database.inTransaction(tx -> tx.update("DELETE FROM survey_invitation"));
        api.database.inTransaction(tx -> tx.update("DELETE FROM survey_round"));
        surveys.schedule();
        for (int attempt = 1; attempt <= 3; attempt++) {
            tool.failNext = SurveyToolException.transientFailure("connection reset", null);
            surveys.distribute();
            api.clock.advance(Duration.ofMinutes(20));
        }
        assertEquals(Map.of("FAILED", 4L), statuses());
        assertEquals("gave up after 3 attempts: connection reset", one("SELECT MIN(failure) FROM survey_invitation"));
    }

    private Map<String, Long> statuses() throws Exception {
        return api.database.inTransaction(tx -> {
            Map<String, Long> counts = new java.util.TreeMap<>();
            tx.query("SELECT status, COUNT(*) AS n FROM survey_invitation GROUP BY status",
                    row -> counts.put(row.getString(1), row.getLong(2)));
            return counts;
        });
    }

    private String one(String sql) throws Exception {
        return api.database.inTransaction(tx -> tx.one(sql, row -> row.getString(1)).orElse(null));
    }

}
