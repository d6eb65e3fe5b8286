package io.mentorhub.api.survey;

/** The surveys a mentorship program runs. */
public enum SurveyKind {
    POST_SESSION, FIRST_SESSION_FIT, QUARTERLY_PULSE, NPS, PROGRAM_COMPLETION
}
