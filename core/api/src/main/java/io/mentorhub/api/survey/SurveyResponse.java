package io.mentorhub.api.survey;

import io.mentorhub.api.domain.InvalidValueException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One completed response, already checked against its survey's definition. {@code responseId} is the tool's id: a
 * response edited later comes again with the same id and replaces the earlier one. {@code externalRef} is the
 * {@link Distribution#externalRef()} of the invitation it answers, which is how the hub knows the respondent.
 * {@link #toString()} never prints answers.
 */
public record SurveyResponse(String responseId, String surveyId, String externalRef, Instant submittedAt,
        List<Answer> answers) {

    public SurveyResponse {
        Values.id("response_id", responseId);
        Values.id("survey_id", surveyId);
        Values.id("external_ref", externalRef);
        Values.required("submitted_at", submittedAt);
        answers = List.copyOf(Values.required("answers", answers));
        Set<String> seen = new HashSet<>();
        for (Answer a : answers) {
            if (!seen.add(a.questionId())) {
                throw new InvalidValueException("answers." + a.questionId(), "is answered twice");
            }
        }
    }

    public Optional<Answer> answer(String questionId) {
        return answers.stream().filter(a -> a.questionId().equals(questionId)).findFirst();
    }

    /**
     * True if the respondent answered "no" to {@value SurveyDefinition#FIT_QUESTION}: during the trial period the hub
     * opens the re-match path for the pairing.
     */
    public boolean fitConcern() {
        return answer(SurveyDefinition.FIT_QUESTION).map(a -> Boolean.FALSE.equals(a.yes())).orElse(false);
    }

    /** The band of the {@value SurveyDefinition#NPS_QUESTION} answer, if there is one. */
    public Optional<NpsBand> npsBand() {
        return answer(SurveyDefinition.NPS_QUESTION).filter(a -> a.number() != null).map(a -> NpsBand.of(a.number()));
    }

    @Override
    public String toString() {
        return "SurveyResponse[" + responseId + ", survey=" + surveyId + ", ref=" + externalRef + ", "
                + answers.size() + " answers]";
    }
}
