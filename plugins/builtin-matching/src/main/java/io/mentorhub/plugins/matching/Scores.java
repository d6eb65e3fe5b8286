package io.mentorhub.plugins.matching;

/** Score arithmetic shared by the scorers. */
final class Scores {

    /**
     * The score for "nothing to compare" (a profile field left empty, a grade or time zone unknown): the middle of
     * the range, so missing data neither rewards nor punishes a pair.
     */
    static final int NEUTRAL = 50;

    private Scores() {
    }

    /** {@code 100 × part / whole}, rounded half up; whole > 0. */
    static int percent(long part, long whole) {
        return (int) ((200 * part + whole) / (2 * whole));
    }
}
