package io.mentorhub.engine.sync;

/**
 * One allowlisted field in a run's coverage report: how often it came filled in this run and in the baseline (the
 * last successful run that measured it and did not flag it), in percent. {@code flagged}: its fill rate fell past the
 * instance's coverage_threshold, so its empty values did not overwrite stored ones.
 */
public record FieldCoverageReport(String field, Double previousPercent, double percent, long filled, long seen,
        boolean flagged) {
}
