package io.mentorhub.engine.metrics;

/**
 * One figure: its value with the numerator and denominator it was computed from and how many distinct people it
 * covers, or, when it cannot be shown, null values and the reason ({@code unavailable}). A figure over fewer people
 * than the privacy threshold is suppressed entirely — value, parts and head count — as in the fairness report, so
 * it cannot single anyone out.
 */
public record Figure(Double value, Double numerator, Double denominator, Integer people, String unavailable) {

    public static Figure unavailable(String reason) {
        return new Figure(null, null, null, null, reason);
    }

    public boolean shown() {
        return value != null;
    }

    static String suppressed(int minimumGroupSize) {
        return "suppressed: fewer than " + minimumGroupSize + " people";
    }

    /**
     * {@code scale × numerator / denominator}, rounded to {@code decimals}; null with {@code emptyReason} when the
     * denominator is 0, suppressed when {@code people} is under the threshold.
     */
    static Figure ratio(double numerator, double denominator, int people, int minimumGroupSize, String emptyReason,
            double scale, int decimals) {
        if (denominator == 0) {
            return unavailable(emptyReason);
        }
        if (people < minimumGroupSize) {
            return unavailable(suppressed(minimumGroupSize));
        }
        return new Figure(round(scale * numerator / denominator, decimals), round(numerator, 4),
                round(denominator, 4), people);
    }

    /** A rate from 0 to 1, to four decimals. */
    static Figure rate(long numerator, long denominator, int people, int minimumGroupSize, String emptyReason) {
        return ratio(numerator, denominator, people, minimumGroupSize, emptyReason, 1, 4);
    }

    /** A count of things involving {@code people}; none is 0 (nobody to protect), 1 to threshold-1 is suppressed. */
    static Figure count(long count, int people, int minimumGroupSize) {
        if (count > 0 && people < minimumGroupSize) {
            return unavailable(suppressed(minimumGroupSize));
        }
        return new Figure((double) count, null, null, people);
    }

    private Figure(Double value, Double numerator, Double denominator, Integer people) {
        this(value, numerator, denominator, people, null);
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** {@code a − b} when both are shown, else null. */
    static Double difference(Figure a, Figure b, int decimals) {
        return a.shown() && b.shown() ? round(a.value() - b.value(), decimals) : null;
    }
}
