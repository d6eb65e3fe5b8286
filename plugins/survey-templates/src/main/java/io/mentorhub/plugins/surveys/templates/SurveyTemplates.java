package io.mentorhub.plugins.surveys.templates;

import static io.mentorhub.api.survey.QuestionType.FREE_TEXT;
import static io.mentorhub.api.survey.QuestionType.NPS_0_10;
import static io.mentorhub.api.survey.QuestionType.SCALE_1_5;
import static io.mentorhub.api.survey.QuestionType.YES_NO;

import io.mentorhub.api.survey.Question;
import io.mentorhub.api.survey.SurveyDefinition;
import io.mentorhub.api.survey.SurveyKind;
import java.util.List;

/**
 * The five standard surveys, the same in every survey tool so metrics compare answers by question id across tools,
 * programs and time. Questions are short so people answer them; scales run 1 (low) to 5 (high). A changed meaning
 * gets a new id and a new {@link #VERSION}. Free text is always optional and confidential.
 *
 * <p>A plain library that bnd copies privately into each survey tool bundle ({@code -conditionalpackage}).
 */
public final class SurveyTemplates {

    /** Part of every survey id: a template change that alters questions bumps it. */
    public static final String VERSION = "v1";

    private SurveyTemplates() {
    }

    public static String title(SurveyKind kind, String programName) {
        String what = switch (kind) {
            case POST_SESSION -> "After your session";
            case FIRST_SESSION_FIT -> "Your first session";
            case QUARTERLY_PULSE -> "Quarterly check-in";
            case NPS -> "Would you recommend the program?";
            case PROGRAM_COMPLETION -> "Looking back on the program";
        };
        String title = what + " — " + programName;
        return title.length() <= 200 ? title : title.substring(0, 199) + "…";
    }

    public static List<Question> questions(SurveyKind kind) {
        return switch (kind) {
            // A short reflection right after a session: was it worth the time, did it move the mentee's goals.
            case POST_SESSION -> List.of(
                    q("session_value", "How valuable was this session for you?", SCALE_1_5, true),
                    q("goal_progress", "How much did this session move you towards your goals?", SCALE_1_5, true),
                    q("takeaway", "What is your main takeaway from this session?", FREE_TEXT, false),
                    q("next_focus", "What would you like to focus on next time?", FREE_TEXT, false));
            // During the trial period: "no" to good_fit opens the re-match path for the pairing.
            case FIRST_SESSION_FIT -> List.of(
                    q(SurveyDefinition.FIT_QUESTION, "Is this a good fit?", YES_NO, true),
                    q("connection", "How well did you connect with your mentoring partner?", SCALE_1_5, true),
                    q("expectations_clear",
                            "How clear are your shared expectations (goals, meeting rhythm, confidentiality)?",
                            SCALE_1_5, true),
                    q("fit_comment", "Is there anything the program team should know?", FREE_TEXT, false));
            // Every quarter: is the relationship healthy, are the pair meeting, is progress being made.
            case QUARTERLY_PULSE -> List.of(
                    q("satisfaction", "How satisfied are you with your mentoring relationship?", SCALE_1_5, true),
                    q("meeting_regularity", "How well are you keeping to your planned meetings?", SCALE_1_5, true),
                    q("goal_progress", "How much progress have you made on your goals this quarter?", SCALE_1_5,
                            true),
                    q("wants_support", "Would you like support from the program team?", YES_NO, true),
                    q("pulse_comment", "Anything you would like to add?", FREE_TEXT, false));
            // Standard NPS wording, so scores compare with other programs.
            case NPS -> List.of(
                    q(SurveyDefinition.NPS_QUESTION,
                            "How likely are you to recommend this mentoring program to a colleague?", NPS_0_10, true),
                    q("nps_reason", "What is the main reason for your score?", FREE_TEXT, false));
            // At the end: outcomes against goals, growth, the partner, and the program's NPS.
            case PROGRAM_COMPLETION -> List.of(
                    q("goals_achieved", "How fully did you achieve the goals you set?", SCALE_1_5, true),
                    q("growth", "How much did the program help your skills or career?", SCALE_1_5, true),
                    q("partner_rating", "How would you rate your mentoring partner overall?", SCALE_1_5, true),
                    q(SurveyDefinition.NPS_QUESTION,
                            "How likely are you to recommend this mentoring program to a colleague?", NPS_0_10, true),
                    q("keep_meeting", "Do you plan to keep meeting after the program?", YES_NO, true),
                    q("highlight", "What was the most valuable part of the program?", FREE_TEXT, false),
                    q("improve", "What should the program do differently next time?", FREE_TEXT, false));
        };
    }

    private static Question q(String id, String text, io.mentorhub.api.survey.QuestionType type, boolean required) {
        return new Question(id, text, type, required);
    }
}
