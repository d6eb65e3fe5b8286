package io.mentorhub.api.survey;

/** What a tool may know about the program a survey is defined for: its id and the name respondents know it by. */
public record SurveyContext(String programId, String programName) {

    public SurveyContext {
        Values.id("program_id", programId);
        programName = Values.text("program_name", programName, 200, false);
    }
}
