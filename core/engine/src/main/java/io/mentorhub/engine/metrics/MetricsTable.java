package io.mentorhub.engine.metrics;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A report as a console table ({@code hub:metrics}): each figure with what it was computed from, or why it is not
 * shown; outcomes of participants against non-participants; then the figures per month or quarter, where "<N" marks
 * a figure over too few people and "n/a" one with nothing to count or not available (the API gives each reason).
 */
public final class MetricsTable {

    private MetricsTable() {
    }

    public static String render(MetricsReport r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Program metrics: %s (%s)%n", r.programName(), r.programId()));
        out.append(String.format("Period %s to %s, %s; figures over fewer than %d people are not shown%n", r.from(),
                r.to(), r.cohort() == null ? "everyone enrolled" : "cohort " + r.cohort() + " (enrolled that month)",
                r.minimumGroupSize()));
        if (!r.cohorts().isEmpty()) {
            out.append("Cohorts: ").append(r.cohorts().stream().map(c -> c.cohort()
                    + (c.enrolled() == null ? "" : " (" + c.enrolled() + ")")).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        String line = "  %-28s %-10s %s%n";
        out.append('\n').append(String.format(line, "FIGURE", "VALUE", "FROM"));
        out.append(String.format(line, "participation rate", percent(r.participationRate()),
                parts(r.participationRate(), "%.0f of %.0f enrolled people")));
        Figure pairings = r.activePairings();
        out.append(String.format(line, "active pairings", count(pairings),
                pairings.shown() ? pairings.people() + " people" : pairings.unavailable()));
        out.append(String.format(line, "sessions per pairing-month", decimal(r.sessionsPerPairingMonth()),
                parts(r.sessionsPerPairingMonth(), "%.0f held / %.2f pairing-months")));
        out.append(String.format(line, "goal completion", percent(r.goalCompletion()),
                parts(r.goalCompletion(), "%.0f of %.0f goals due")
                        + (r.abandonedGoals() == null || r.abandonedGoals() == 0 ? ""
                                : " (" + r.abandonedGoals() + " abandoned, left out)")));
        out.append(String.format(line, "survey response rate", percent(r.surveyResponseRate()),
                parts(r.surveyResponseRate(), "%.0f of %.0f invitations answered")));
        out.append(String.format(line, "NPS (-100..100)", signed(r.nps()),
                parts(r.nps(), "promoters - detractors: %.0f of %.0f respondents")));
        out.append(String.format(line, "satisfaction (1-5)", decimal(r.satisfaction()),
                parts(r.satisfaction(), "total %.0f over %.0f answers")));

        String outcome = "  %-28s %-16s %-18s %s%n";
        out.append('\n').append(String.format(outcome, "OUTCOMES", "PARTICIPANTS", "NON-PARTICIPANTS", "DIFFERENCE"));
        for (var entry : new Object[][] {{"retention", r.retention()}, {"promotion", r.promotion()}}) {
            MetricsReport.Comparison c = (MetricsReport.Comparison) entry[1];
            out.append(String.format(outcome, entry[0], ofPeople(c.participants()), ofPeople(c.nonParticipants()),
                    c.difference() == null ? "-" : String.format(Locale.ROOT, "%+.1f points", c.difference() * 100)));
        }
        for (MetricsReport.Comparison c : new MetricsReport.Comparison[] {r.retention(), r.promotion()}) {
            for (Figure f : new Figure[] {c.participants(), c.nonParticipants()}) {
                if (!f.shown() && !f.unavailable().startsWith("suppressed")) {
                    out.append("  (").append(f.unavailable()).append(")\n");
                }
            }
        }
        out.append("  promotion: ").append(r.promotionRule());
        out.append(r.unrankedGradeChanges() == 0 ? "" : "; " + r.unrankedGradeChanges()
                + " grade change(s) could not be ranked").append('\n');

        String row = "  %-10s %-14s %-9s %-12s %-10s %s%n";
        out.append('\n').append(String.format(row, "PERIOD", "PARTICIPATION", "PAIRINGS", "SESSIONS/PM", "GOALS",
                "SATISFACTION"));
        for (MetricsReport.PeriodFigures p : r.periods()) {
            out.append(String.format(row, p.period(), cell(p.participationRate(), percent(p.participationRate()), r),
                    cell(p.activePairings(), count(p.activePairings()), r),
                    cell(p.sessionsPerPairingMonth(), decimal(p.sessionsPerPairingMonth()), r),
                    cell(p.goalCompletion(), percent(p.goalCompletion()), r),
                    cell(p.satisfaction(), decimal(p.satisfaction()), r)));
        }
        out.append(String.format("  (<%d: fewer than %d people; n/a: nothing to count, or not available)%n",
                r.minimumGroupSize(), r.minimumGroupSize()));
        return out.toString();
    }

    private static String cell(Figure f, String shown, MetricsReport r) {
        if (f.shown()) {
            return shown;
        }
        return f.unavailable().startsWith("suppressed") ? "<" + r.minimumGroupSize() : "n/a";
    }

    /** From the parts, not the rounded value: 6/11 is 54.5 %, while 0.5455 would print 54.6 %. */
    private static String percent(Figure f) {
        return f.shown() ? String.format(Locale.ROOT, "%.1f %%", 100 * f.numerator() / f.denominator()) : "-";
    }

    private static String decimal(Figure f) {
        return f.shown() ? String.format(Locale.ROOT, "%.2f", f.value()) : "-";
    }

    private static String signed(Figure f) {
        return f.shown() ? String.format(Locale.ROOT, "%+.1f", f.value()) : "-";
    }

    private static String count(Figure f) {
        return f.shown() ? String.format(Locale.ROOT, "%.0f", f.value()) : "-";
    }

    private static String parts(Figure f, String format) {
        return f.shown() ? String.format(Locale.ROOT, format, f.numerator(), f.denominator()) : f.unavailable();
    }

    private static String ofPeople(Figure f) {
        if (f.shown()) {
            return String.format(Locale.ROOT, "%.1f %% of %d", 100 * f.numerator() / f.denominator(), f.people());
        }
        return f.unavailable().startsWith("suppressed") ? "not shown" : "n/a";
    }
}
