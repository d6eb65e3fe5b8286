package io.mentorhub.api.survey;

/**
 * The standard Net Promoter bands of a 0-10 answer: 0-6 detractor, 7-8 passive, 9-10 promoter. A program's NPS is
 * the percentage of promoters minus the percentage of detractors (-100..100).
 */
public enum NpsBand {
    DETRACTOR, PASSIVE, PROMOTER;

    public static NpsBand of(int score) {
        if (score < 0 || score > 10) {
            throw new IllegalArgumentException("an NPS answer is 0-10, was " + score);
        }
        return score <= 6 ? DETRACTOR : score <= 8 ? PASSIVE : PROMOTER;
    }
}
