package io.mentorhub.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.HubPlugin;
import io.mentorhub.api.survey.Answer;
import io.mentorhub.api.survey.Distribution;
import io.mentorhub.api.survey.Invitation;
import io.mentorhub.api.survey.Question;
import io.mentorhub.api.survey.ResponsePage;
import io.mentorhub.api.survey.SurveyContext;
import io.mentorhub.api.survey.SurveyDefinition;
import io.mentorhub.api.survey.SurveyKind;
import io.mentorhub.api.survey.SurveyResponse;
import io.mentorhub.api.survey.SurveyTool;
import io.mentorhub.api.survey.SurveyToolException;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules every {@link SurveyTool} obeys. A tool's test extends this class, returns the tool configured against its
 * sandbox from {@link #tool()} (with a page size of {@link #pageSize()}), and the sandbox from {@link #sandbox()}; the
 * hub relies on each rule: a valid id and kinds, a valid definition for every supported kind, one distribution per
 * invitation in order, responses that come back through {@code collect} page by page until the cursor ends and match
 * what respondents answered, unreadable records set aside rather than thrown, typed errors, and no secret, signed
 * link or answer in any {@code toString()} or error message.
 */
public abstract class SurveyToolContractTest {

    protected static final SurveyContext CONTEXT = new SurveyContext("3f1c2a9e-1111-4c3b-9d1e-0a1b2c3d4e5f",
            "Northwind Robotics mentoring 2026");
    protected static final String CONFIDENTIAL = "Confidential: I am unsure about my manager";

    /** A fresh tool, configured against the sandbox, with {@link #pageSize()} responses per page. */
    protected abstract SurveyTool tool();

    protected abstract SurveySandbox sandbox();

    /** The page size the tool under test was configured with: small, so paging is exercised. */
    protected int pageSize() {
        return 2;
    }

    /** Credentials and other secrets the tool was configured with: they must never be printed. */
    protected Set<String> secrets() {
        return Set.of();
    }

    @Test
    void hasAValidIdAndSupportedKinds() {
        HubPlugin.requireValidId(tool().id());
        assertFalse(tool().supportedKinds().isEmpty(), "a survey tool supports at least one kind");
    }

    @Test
    void definesEverySupportedKindValidly() throws SurveyToolException {
        SurveyTool tool = tool();
        for (SurveyKind kind : tool.supportedKinds()) {
            SurveyDefinition definition = tool.define(kind, CONTEXT);
            assertEquals(kind, definition.kind(), kind.name());
            assertFalse(definition.questions().isEmpty(), kind.name());
            // The definition accepts the answers a respondent would give, so it can be answered at all.
            assertEquals(answersFor(definition, 1).size(), definition.check(answersFor(definition, 1)).size());
        }
        for (SurveyKind kind : EnumSet.complementOf(EnumSet.copyOf(tool.supportedKinds()))) {
            assertThrows(IllegalArgumentException.class, () -> tool.define(kind, CONTEXT), kind.name());
        }
    }

    @Test
    void distributesOneResultPerInvitationInOrder() throws SurveyToolException {
        SurveyTool tool = tool();
        SurveyDefinition survey = tool.define(kindToUse(tool), CONTEXT);
        List<Invitation> invitations = invitations(3, "d");
        List<Distribution> distributions = tool.distribute(survey, invitations);
        assertEquals(invitations.stream().map(Invitation::invitationId).toList(),
                distributions.stream().map(Distribution::invitationId).toList());
        assertTrue(distributions.stream().allMatch(Distribution::isAccepted), distributions.toString());
        assertEquals(3, distributions.stream().map(Distribution::externalRef).distinct().count());
        assertEquals(List.of(), tool.distribute(survey, List.of()));
        List<Invitation> twice = List.of(invitations.get(0), invitations.get(0));
        assertThrows(IllegalArgumentException.class, () -> tool.distribute(survey, twice));
    }

    @Test
    void aToolThatDeliversItselfRefusesInvitationsWithoutAnAddress() throws SurveyToolException {
        SurveyTool tool = tool();
        if (tool.hubDelivers()) {
            return;
        }
        SurveyDefinition survey = tool.define(kindToUse(tool), CONTEXT);
        Invitation withAddress = invitations(1, "a").get(0);
        Invitation without = new Invitation("inv-n-0", "emp-n-0", null, CONTEXT.programId(), "pairing-n-0",
                URI.create("https://hub.example/respond/inv-n-0?sig=x"), LocalDate.of(2026, 5, 1));
        List<Distribution> result = tool.distribute(survey, List.of(without, withAddress));
        assertFalse(result.get(0).isAccepted());
        assertTrue(result.get(1).isAccepted());
    }

    @Test
    void responsesComeBackPageByPageUntilTheCursorEnds() throws SurveyToolException {
        SurveyTool tool = tool();
        SurveyDefinition survey = tool.define(kindToUse(tool), CONTEXT);
        int respondents = 2 * pageSize() + 1;
        List<Invitation> invitations = invitations(respondents, "r");
        List<Distribution> distributions = tool.distribute(survey, invitations);
        Map<String, List<Answer>> expected = new HashMap<>();
        for (int i = 0; i < respondents; i++) {
            List<Answer> answers = answersFor(survey, i);
            sandbox().respond(survey, invitations.get(i), distributions.get(i), answers);
            expected.put(distributions.get(i).externalRef(), survey.check(answers));
        }
        Collected collected = collectAll(tool, survey, null);
        assertTrue(collected.pages >= 3, respondents + " responses at " + pageSize() + " a page take at least 3 pages, took " + collected.pages);
        assertEquals(expected.keySet(), collected.byRef.keySet());
        collected.byRef.forEach((ref, response) -> {
            assertEquals(expected.get(ref), response.answers(), "answers of " + ref);
            assertEquals(survey.surveyId(), response.surveyId());
        });
        if (survey.kind() == SurveyKind.FIRST_SESSION_FIT) {
            assertTrue(collected.byRef.get(distributions.get(0).externalRef()).fitConcern(),
                    "respondent 0 said this is not a good fit");
            assertFalse(collected.byRef.get(distributions.get(1).externalRef()).fitConcern());
        }
        assertTrue(collected.rejected.isEmpty(), collected.rejected.toString());

        // The last cursor resumes: nothing new yet, then exactly what arrived since.
        ResponsePage again = tool.collect(survey, collected.lastCursor);
        assertEquals(List.of(), again.responses());
        assertFalse(again.more());
        List<Invitation> late = invitations(1, "late");
        Distribution lateDistribution = tool.distribute(survey, late).get(0);
        sandbox().respond(survey, late.get(0), lateDistribution, answersFor(survey, 7));
        Collected since = collectAll(tool, survey, again.cursor());
        assertEquals(Set.of(lateDistribution.externalRef()), since.byRef.keySet());
    }

    @Test
    void unreadableRecordsAreSetAsideNotThrown() throws SurveyToolException {
        SurveyTool tool = tool();
        SurveyDefinition survey = tool.define(kindToUse(tool), CONTEXT);
        List<Invitation> invitations = invitations(3, "m");
        List<Distribution> distributions = tool.distribute(survey, invitations);
        sandbox().respond(survey, invitations.get(0), distributions.get(0), answersFor(survey, 0));
        sandbox().respondMalformed(survey, invitations.get(1), distributions.get(1));
        sandbox().respond(survey, invitations.get(2), distributions.get(2), answersFor(survey, 2));
        Collected collected = collectAll(tool, survey, null);
        assertEquals(Set.of(distributions.get(0).externalRef(), distributions.get(2).externalRef()),
                collected.byRef.keySet());
        assertEquals(1, collected.rejected.size(), collected.rejected.toString());
    }

    @Test
    void failuresAreTypedAndSecretsNeverPrinted() throws SurveyToolException {
        SurveyTool tool = tool();
        assertNoSecret(tool.toString());
        SurveyDefinition survey = tool.define(kindToUse(tool), CONTEXT);
        List<Invitation> invitations = invitations(2, "s");
        List<Distribution> distributions = tool.distribute(survey, invitations);
        sandbox().respond(survey, invitations.get(0), distributions.get(0), answersFor(survey, 0));
        Collected collected = collectAll(tool, survey, null);
        collected.byRef.values().forEach(r -> assertNoSecret(r.toString()));
        distributions.forEach(d -> assertNoSecret(d.toString()));
        invitations.forEach(i -> assertNoSecret(i.toString()));
        for (SurveyToolException.Kind kind : sandbox().stageableFailures()) {
            sandbox().failWith(kind);
            try {
                SurveyToolException e = assertThrows(SurveyToolException.class,
                        () -> tool.collect(survey, null), kind.name());
                assertEquals(kind, e.kind(), e.toString());
                assertNoSecret(e.toString());
                assertEquals(null, e.getCause(), "no library exception crosses the SPI");
                if (sandbox().stagedFailuresReachDistribute()) {
                    SurveyToolException d = assertThrows(SurveyToolException.class,
                            () -> tool.distribute(survey, invitations(1, "f" + kind)), kind.name());
                    assertEquals(kind, d.kind(), d.toString());
                    assertNoSecret(d.toString());
                }
            } finally {
                sandbox().stopFailing();
            }
        }
        assertNotNull(tool.collect(survey, null), "the tool works again once the sandbox recovers");
    }

    /** The kind the round trip uses: first-session fit if supported (it checks the fit concern), else any. */
    protected static SurveyKind kindToUse(SurveyTool tool) {
        return tool.supportedKinds().contains(SurveyKind.FIRST_SESSION_FIT) ? SurveyKind.FIRST_SESSION_FIT
                : tool.supportedKinds().stream().sorted().findFirst().orElseThrow();
    }

    /** Valid answers from respondent {@code i}: respondent 0 says the pairing is not a good fit. */
    protected static List<Answer> answersFor(SurveyDefinition survey, int i) {
        List<Answer> answers = new ArrayList<>();
        for (Question q : survey.questions()) {
            switch (q.type()) {
                case SCALE_1_5 -> answers.add(Answer.ofNumber(q.id(), 1 + (i + q.id().length()) % 5));
                case NPS_0_10 -> answers.add(Answer.ofNumber(q.id(), (i * 3 + 4) % 11));
                case YES_NO -> answers.add(Answer.ofYesNo(q.id(),
                        q.id().equals(SurveyDefinition.FIT_QUESTION) ? i != 0 : i % 2 == 1));
                case FREE_TEXT -> {
                    if (q.required() || i % 2 == 0) {
                        answers.add(Answer.ofText(q.id(), CONFIDENTIAL + " (" + i + ")"));
                    }
                }
            }
        }
        return answers;
    }

    protected static List<Invitation> invitations(int count, String tag) {
        List<Invitation> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new Invitation("inv-" + tag + "-" + i, "emp-" + tag + "-" + i,
                    "person." + tag + i + "@northwind.example", CONTEXT.programId(), "pairing-" + tag + "-" + i,
                    URI.create("https://hub.example/respond/inv-" + tag + "-" + i + "?sig=signed-link-secret"),
                    LocalDate.of(2026, 5, 1)));
        }
        return list;
    }

    protected void assertNoSecret(String text) {
        Set<String> forbidden = new HashSet<>(secrets());
        forbidden.add("signed-link-secret");
        forbidden.add("Confidential:");
        forbidden.add("@northwind.example");
        for (String secret : forbidden) {
            assertFalse(text.contains(secret), "printed a secret or confidential value: " + text);
        }
    }

    /** Everything collect returns from a cursor until it says there is no more. */
    protected record Collected(Map<String, SurveyResponse> byRef, List<ResponsePage.Rejected> rejected, int pages,
            String lastCursor) {
    }

    protected Collected collectAll(SurveyTool tool, SurveyDefinition survey, String cursor)
            throws SurveyToolException {
        Map<String, SurveyResponse> byRef = new HashMap<>();
        List<ResponsePage.Rejected> rejected = new ArrayList<>();
        int pages = 0;
        while (true) {
            ResponsePage page = tool.collect(survey, cursor);
            pages++;
            assertTrue(page.responses().size() + page.rejected().size() <= pageSize(),
                    "a page holds at most the configured page size");
            for (SurveyResponse r : page.responses()) {
                byRef.put(r.externalRef(), r);
            }
            rejected.addAll(page.rejected());
            assertNotNull(page.cursor());
            if (!page.more()) {
                return new Collected(byRef, rejected, pages, page.cursor());
            }
            assertTrue(pages < 1000, "collect never ends its cursor");
            cursor = page.cursor();
        }
    }
}
