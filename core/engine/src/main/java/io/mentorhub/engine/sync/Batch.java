package io.mentorhub.engine.sync;

import io.mentorhub.api.connector.PersonRecord;
import io.mentorhub.api.connector.RejectedRecord;
import java.util.List;
import java.util.Map;

/**
 * One page of work for {@link PageApplier}: records to apply, records the connector could not read, where the next
 * page starts, and — for a replay — which dead letters these records came from.
 *
 * @param query      how this page was asked for, kept with dead letters so the page can be fetched again (null: it
 *                   cannot, e.g. a row of a dropped file)
 * @param replaying  record id → the dead letter it replays: settled if the record applies, retried if not
 * @param settled    dead letters settled by this page having been fetched at all (a refused page replayed)
 * @param notReplayed dead letter id → why it could not be replayed this time
 */
record Batch(List<PersonRecord> records, List<RejectedRecord> rejected, String nextCursor,
        DeadLetterStore.PageQuery query, Map<String, String> replaying, List<String> settled,
        Map<String, String> notReplayed) {

    static Batch page(List<PersonRecord> records, List<RejectedRecord> rejected, String nextCursor,
            DeadLetterStore.PageQuery query) {
        return new Batch(records, rejected, nextCursor, query, Map.of(), List.of(), Map.of());
    }
}
