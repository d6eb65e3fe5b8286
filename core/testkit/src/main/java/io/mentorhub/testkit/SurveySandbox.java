package io.mentorhub.testkit;

import io.mentorhub.api.survey.Answer;
import io.mentorhub.api.survey.Distribution;
import io.mentorhub.api.survey.Invitation;
import io.mentorhub.api.survey.SurveyDefinition;
import io.mentorhub.api.survey.SurveyToolException;
import java.util.List;
import java.util.Set;

/**
 * Where a survey tool's respondents answer in a test: a vendor's fake API (WireMock) or the hub's inbox. The contract
 * test uses it to play the respondents and to stage failures.
 */
public interface SurveySandbox {

    /** Records a completed response to an accepted distribution, as the respondent's answers would arrive. */
    void respond(SurveyDefinition survey, Invitation invitation, Distribution distribution, List<Answer> answers);

    /** Records a completed response the tool cannot read (e.g. an answer to a choice it never defined). */
    void respondMalformed(SurveyDefinition survey, Invitation invitation, Distribution distribution);

    /** The failure kinds {@link #failWith} can stage; may be empty. */
    Set<SurveyToolException.Kind> stageableFailures();

    /** Makes every call of the tool fail with this kind of error until {@link #stopFailing()}. */
    void failWith(SurveyToolException.Kind kind);

    void stopFailing();

    /** False for a tool whose distribute does no I/O (the hub delivers), so staged failures cannot reach it. */
    default boolean stagedFailuresReachDistribute() {
        return true;
    }
}
