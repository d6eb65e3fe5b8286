package io.mentorhub.api.survey;

/**
 * How a question is answered. Numeric answers carry a number within {@link #min()}..{@link #max()}; YES_NO a
 * boolean; FREE_TEXT a text that is as confidential as a reflection: it is never logged, printed or shown beyond the
 * people a program's privacy rules allow.
 */
public enum QuestionType {
    /** 1 (low) to 5 (high). */
    SCALE_1_5(1, 5),
    /** Net Promoter Score: 0 (not at all likely) to 10 (extremely likely). See {@link NpsBand}. */
    NPS_0_10(0, 10),
    YES_NO(0, 0),
    FREE_TEXT(0, 0);

    private final int min;
    private final int max;

    QuestionType(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public boolean numeric() {
        return this == SCALE_1_5 || this == NPS_0_10;
    }

    /** Lowest numeric answer; 0 for types that are not numeric. */
    public int min() {
        return min;
    }

    /** Highest numeric answer; 0 for types that are not numeric. */
    public int max() {
        return max;
    }

    /** Answers of this type are confidential: free text. */
    public boolean confidential() {
        return this == FREE_TEXT;
    }
}
