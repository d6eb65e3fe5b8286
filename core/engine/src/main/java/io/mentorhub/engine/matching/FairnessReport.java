package io.mentorhub.engine.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a run treated each opt-in group: for every attribute participants chose to share (for matching or for fairness
 * reporting), per value, how many were matched, the unmatched rate and the score distribution of their pairs — next
 * to the same figures for everyone. Groups smaller than {@code minimumGroupSize} are not shown, not even by value,
 * so the report cannot single anyone out; they are counted in {@code suppressedGroups}.
 */
public record FairnessReport(int minimumGroupSize, Figures everyone, List<Attribute> attributes) {

    /** Purposes under which a participant's attribute may be counted in this report. */
    public static final List<String> PURPOSES = List.of("matching", "fairness-report");

    public static final int MINIMUM_GROUP_SIZE = 5;

    public record Attribute(String name, List<Figures> groups, int suppressedGroups) {
    }

    /** Figures for one group; the scores are of the group's matched pairs. */
    public record Figures(String group, int people, int matched, double unmatchedRate, Integer minScore,
            Integer p25Score, Integer medianScore, Integer p75Score, Integer maxScore, Double meanScore) {

        static Figures of(String group, int people, int[] scores) {
            int[] sorted = scores.clone();
            Arrays.sort(sorted);
            int matched = sorted.length;
            double unmatchedRate = people == 0 ? 0 : round((people - matched) / (double) people);
            if (matched == 0) {
                return new Figures(group, people, 0, unmatchedRate, null, null, null, null, null, null);
            }
            double mean = Arrays.stream(sorted).average().orElse(0);
            return new Figures(group, people, matched, unmatchedRate, sorted[0], percentile(sorted, 25),
                    percentile(sorted, 50), percentile(sorted, 75), sorted[matched - 1], round(mean));
        }

        /** Nearest-rank percentile. */
        private static int percentile(int[] sorted, int p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }

        private static double round(double value) {
            return Math.round(value * 1000) / 1000.0;
        }
    }

    /**
     * Builds the report. {@code attributes} maps each person to their reportable attributes (name → value);
     * {@code scores} maps each matched person to their pair's score; {@code people} is everyone the run considered.
     */
    static FairnessReport build(List<String> people, Map<String, Map<String, String>> attributes,
            Map<String, Integer> scores, int minimumGroupSize) {
        Map<String, Map<String, List<String>>> byAttribute = new TreeMap<>();
        for (String person : people) {
            attributes.getOrDefault(person, Map.of()).forEach((name, value) -> byAttribute
                    .computeIfAbsent(name, n -> new TreeMap<>())
                    .computeIfAbsent(value.strip().toLowerCase(java.util.Locale.ROOT), v -> new ArrayList<>())
                    .add(person));
        }
        List<Attribute> report = new ArrayList<>();
        byAttribute.forEach((name, groups) -> {
            List<Figures> shown = new ArrayList<>();
            int suppressed = 0;
            for (Map.Entry<String, List<String>> group : groups.entrySet()) {
                if (group.getValue().size() < minimumGroupSize) {
                    suppressed++;
                } else {
                    shown.add(Figures.of(group.getKey(), group.getValue().size(), scoresOf(group.getValue(), scores)));
                }
            }
            report.add(new Attribute(name, shown, suppressed));
        });
        return new FairnessReport(minimumGroupSize, Figures.of("everyone", people.size(), scoresOf(people, scores)),
                report);
    }

    private static int[] scoresOf(List<String> people, Map<String, Integer> scores) {
        return people.stream().map(scores::get).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue)
                .toArray();
    }
}
