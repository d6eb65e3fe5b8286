/**
 * Program metrics: what a program achieved over a period, for HR and the program's managers.
 *
 * <p>{@link io.mentorhub.engine.metrics.ProgramMetrics} reads the program once ({@code ProgramData}: enrollments and
 * the days each pairing was live) and asks one class per concern: {@code Participation} (participation rate, active
 * pairings), {@code SessionFrequency}, {@code GoalCompletion}, {@code WorkforceOutcomes} (retention and promotion of
 * participants against non-participants, counted in SQL over the dated HRIS history) and
 * {@link io.mentorhub.engine.metrics.SurveyFigures} (response rate, NPS, satisfaction, read through
 * {@link io.mentorhub.engine.metrics.SurveyRows.Source}). Every {@link io.mentorhub.engine.metrics.Figure} carries
 * its parts or the reason it is missing; figures over fewer than five people are suppressed. The formulas are in the
 * root README, "Program metrics", and in every report.
 */
package io.mentorhub.engine.metrics;
