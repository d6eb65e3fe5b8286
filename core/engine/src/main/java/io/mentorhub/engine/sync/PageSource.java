package io.mentorhub.engine.sync;

/**
 * Where a run's pages come from: the vendor's API ({@link ConnectorSync} pages through it with the instance's rate
 * limit and retries), a dropped file, or the dead letters a replay settles.
 */
interface PageSource {

    /**
     * The batch that starts at {@code cursor} (null: the first), the run's page number {@code page}; the job is
     * exhausted when its {@link Batch#nextCursor()} is null. May run on the read-ahead thread while the previous page
     * is being applied: it reads the job's fixed settings, never its progress.
     */
    Batch next(SyncJob job, String cursor, int page) throws Exception;

    /** Whether the next page may be read while this one is applied (only a vendor's API: worth hiding its latency). */
    default boolean readsAhead() {
        return false;
    }
}
