package io.mentorhub.engine.sync;

import java.time.Instant;

/**
 * Something a sync could not apply, as the API and the shell show it — where it was, which record and why, never its
 * content.
 *
 * @param replayable whether a replay can apply it again (a refused record keeps its fields; a refused or unreadable
 *                   record of a vendor page keeps the page query) — a row of a dropped file that could not be read
 *                   cannot: drop a corrected file
 */
public record DeadLetter(String id, String connectorId, String runId, Kind kind, String location, String recordId,
        String reason, Status status, int attempts, boolean replayable, Instant createdAt, Instant modifiedAt,
        Instant resolvedAt, String resolvedBy) {

    /** RECORD: the hub refused the record; UNREADABLE: the connector could not read it; PAGE: the vendor refused a page. */
    public enum Kind {
        RECORD, UNREADABLE, PAGE
    }

    /** PENDING until a replay applies it (REPLAYED) or an administrator discards it (DISCARDED). */
    public enum Status {
        PENDING, REPLAYED, DISCARDED
    }
}
