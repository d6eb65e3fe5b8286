package io.mentorhub.api.survey;

import io.mentorhub.api.domain.InvalidValueException;

/**
 * A respondent's answer to one question: exactly one of {@code number} (SCALE_1_5, NPS_0_10), {@code yes} (YES_NO)
 * or {@code text} (FREE_TEXT). Free text is confidential, so {@link #toString()} never prints it.
 */
public record Answer(String questionId, Integer number, Boolean yes, String text) {

    public Answer {
        Values.key("answer.question_id", questionId);
        text = text == null ? null : Values.text("answer.text", text, 20_000, true);
        int given = (number == null ? 0 : 1) + (yes == null ? 0 : 1) + (text == null ? 0 : 1);
        if (given != 1) {
            throw new InvalidValueException("answer." + questionId, "needs exactly one of number, yes or text");
        }
    }

    public static Answer ofNumber(String questionId, int number) {
        return new Answer(questionId, number, null, null);
    }

    public static Answer ofYesNo(String questionId, boolean yes) {
        return new Answer(questionId, null, yes, null);
    }

    public static Answer ofText(String questionId, String text) {
        return new Answer(questionId, null, null, text);
    }

    /** Free text is confidential like a reflection: never in a log. */
    @Override
    public String toString() {
        String value = number != null ? number.toString() : yes != null ? (yes ? "yes" : "no") : "<confidential text>";
        return "Answer[" + questionId + "=" + value + "]";
    }
}
