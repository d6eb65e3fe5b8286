package io.mentorhub.api.survey;

/**
 * One question of a survey. {@code id} is a stable key (e.g. {@code good_fit}) that answers and the hub's metrics
 * refer to; {@code text} is what the respondent reads.
 */
public record Question(String id, String text, QuestionType type, boolean required) {

    public Question {
        Values.key("question.id", id);
        text = Values.text("question.text", text, 500, false);
        Values.required("question.type", type);
    }
}
