package io.mentorhub.engine.metrics;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A program's figures for a period (and cohort), as the API returns them. Every {@link Figure} says what it was
 * computed from, or why it is not shown; {@code formulas} says how each was computed. Rates are fractions (0-1).
 */
public record MetricsReport(
        String programId,
        String programName,
        LocalDate from,
        LocalDate to,
        String cohort,
        Period.Breakdown breakdown,
        int minimumGroupSize,
        Figure participationRate,
        Figure activePairings,
        Figure sessionsPerPairingMonth,
        Figure goalCompletion,
        Long abandonedGoals,
        Figure surveyResponseRate,
        Figure nps,
        Figure satisfaction,
        Comparison retention,
        Comparison promotion,
        String promotionRule,
        long unrankedGradeChanges,
        List<PeriodFigures> periods,
        List<Cohort> cohorts,
        Map<String, String> formulas) {

    /** Participants' figure, non-participants' figure, and participants minus non-participants (null if either is). */
    public record Comparison(Figure participants, Figure nonParticipants, Double difference) {
        static Comparison of(Figure participants, Figure nonParticipants) {
            return new Comparison(participants, nonParticipants,
                    Figure.difference(participants, nonParticipants, 4));
        }
    }

    /** The activity figures of one month or quarter of the period, and its mean satisfaction. */
    public record PeriodFigures(String period, LocalDate from, LocalDate to, Figure participationRate,
            Figure activePairings, Figure sessionsPerPairingMonth, Figure goalCompletion, Figure satisfaction) {
    }

    /** A cohort of the program (the month people enrolled) and how many enrolled then (null under the threshold). */
    public record Cohort(String cohort, Integer enrolled) {
    }
}
