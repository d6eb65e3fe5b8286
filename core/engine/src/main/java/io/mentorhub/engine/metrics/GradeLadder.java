package io.mentorhub.engine.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a grade change is a promotion. In order: the configured ladder (lowest grade first), when both grades are
 * on it; else the numeric suffix, when both grades share the prefix before it (L3 → L4, "Band 2" → "Band 3"); else
 * the change cannot be ranked and — as the only thing known is that the grade changed — counts as a promotion, which
 * the report states with the number of such changes. Grades compare case-insensitively, ignoring outer spaces. A
 * first grade (no grade before) is not a promotion.
 */
public final class GradeLadder {

    /** How one change ranks. */
    public enum Step {
        UP, NOT_UP, UNRANKED
    }

    private static final Pattern NUMBERED = Pattern.compile("(.*?)(\\d{1,9})");

    private final List<String> ladder;
    private final Map<String, Integer> rank = new HashMap<>();

    /** {@code ladder}: grades from lowest to highest; empty for none. */
    public GradeLadder(List<String> ladder) {
        this.ladder = ladder.stream().map(String::strip).toList();
        for (int i = 0; i < ladder.size(); i++) {
            String grade = key(ladder.get(i));
            if (grade.isEmpty()) {
                throw new IllegalArgumentException("the grade ladder has an empty grade at position " + (i + 1));
            }
            if (rank.put(grade, i) != null) {
                throw new IllegalArgumentException("the grade ladder lists " + ladder.get(i).strip() + " twice");
            }
        }
    }

    /** A ladder from configuration: grades separated by commas, lowest first; blank for none. */
    public static GradeLadder parse(String text) {
        if (text == null || text.isBlank()) {
            return new GradeLadder(List.of());
        }
        return new GradeLadder(List.of(text.split(",", -1)));
    }

    public List<String> grades() {
        return ladder;
    }

    public Step step(String from, String to) {
        if (from == null || to == null || from.isBlank() || to.isBlank()) {
            return Step.NOT_UP;
        }
        String a = key(from);
        String b = key(to);
        if (a.equals(b)) {
            return Step.NOT_UP;
        }
        Integer ra = rank.get(a);
        Integer rb = rank.get(b);
        if (ra != null && rb != null) {
            return rb > ra ? Step.UP : Step.NOT_UP;
        }
        Matcher ma = NUMBERED.matcher(a);
        Matcher mb = NUMBERED.matcher(b);
        if (ma.matches() && mb.matches() && ma.group(1).strip().equals(mb.group(1).strip())) {
            return Integer.parseInt(mb.group(2)) > Integer.parseInt(ma.group(2)) ? Step.UP : Step.NOT_UP;
        }
        return Step.UNRANKED;
    }

    /** The rule in words, for the report. */
    public String describe() {
        String numeric = "the number at the end of grades with the same prefix (L3 < L4)";
        String fallback = "; a change neither ranks counts as a promotion (any grade change)";
        return ladder.isEmpty() ? "upward by " + numeric + fallback
                : "upward on the grade ladder " + String.join(" < ", ladder)
                        + ", else by " + numeric + fallback;
    }

    private static String key(String grade) {
        return grade.strip().toLowerCase(Locale.ROOT);
    }
}
