package io.mentorhub.engine.sync;

/**
 * Where a run's pages come from: the vendor's API ({@link ConnectorSync} pages through it with the instance's rate
 * limit and retries), a dropped file, or the dead letters a replay settles.
 */
interface PageSource {

    /** The next batch from the job's cursor; the job is exhausted when its {@link Batch#nextCursor()} is null. */
    Batch next(SyncJob job) throws Exception;
}
