package io.mentorhub.engine.sync;

import java.time.Instant;
import java.util.List;

/**
 * One sync of a connector instance, as the API and the shell show it: what was asked, where it is, what it did.
 *
 * @param phase          while running: what it is doing now (on the node running it)
 * @param modifiedSince  an incremental run's watermark: the previous successful run's fetch start minus the overlap
 * @param fetchStartedAt when this run started reading: the next incremental run's watermark if it succeeds
 * @param coverage       each allowlisted field's fill rate against the baseline; flagged fields kept their values
 * @param file           a FILE run's file name
 */
public record SyncRun(String id, String connectorId, String connectorType, Mode mode, boolean dryRun, Status status,
        String phase, String requestedBy, Instant modifiedSince, Instant fetchStartedAt, Counts counts,
        List<FieldCoverageReport> coverage, boolean flagged, List<String> warnings, Timings timings,
        String error, String file, Instant createdAt, Instant startedAt, Instant finishedAt) {

    /** FULL reads everyone; INCREMENTAL what changed; FILE a dropped file; REPLAY dead letters. */
    public enum Mode {
        FULL, INCREMENTAL, FILE, REPLAY
    }

    public enum Status {
        QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    /**
     * What a run did (a dry run: would do). {@code failed}: records put in the dead-letter table (or, dry, that would
     * be); {@code terminated}: people who became status T, deletions included.
     */
    public record Counts(int pages, int records, int created, int updated, int unchanged, int terminated, int failed) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

        Counts plus(Counts other) {
            return new Counts(pages + other.pages, records + other.records, created + other.created,
                    updated + other.updated, unchanged + other.unchanged, terminated + other.terminated,
                    failed + other.failed);
        }
    }

    /** Where the time went: reading from the vendor, writing, and waiting (rate limit and backoff). */
    public record Timings(long fetchMillis, long applyMillis, long waitMillis, int retries) {
        public static final Timings ZERO = new Timings(0, 0, 0, 0);
    }
}
