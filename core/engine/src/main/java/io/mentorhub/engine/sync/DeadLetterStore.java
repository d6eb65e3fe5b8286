package io.mentorhub.engine.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mentorhub.api.connector.PersonRecord;
import io.mentorhub.engine.store.EntityStore;
import io.mentorhub.engine.store.Page;
import io.mentorhub.engine.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The durable dead-letter table of connector syncs ({@code sync_dead_letter}). Nothing a sync could not apply is
 * dropped: a record the hub refused keeps its fields so it can be replayed once the cause is fixed; a record the
 * connector could not read, and a page the vendor refused, keep the page query so it can be fetched again. The API
 * shows where, which record and why — never the content, which never reaches a log either.
 */
final class DeadLetterStore {

    /** The page query a dead letter keeps, to fetch the page again. */
    record PageQuery(String cursor, Instant modifiedSince, int pageSize, List<String> fields) {
    }

    /** The record fields a RECORD dead letter keeps, to apply again. */
    record Content(String id, Map<String, String> fields, boolean deleted) {
        static Content of(PersonRecord record) {
            return new Content(record.id(), record.fields(), record.deleted());
        }

        PersonRecord record() {
            return new PersonRecord(id, fields, deleted);
        }
    }

    /** A dead letter with what a replay needs. */
    record Entry(DeadLetter letter, Content content, PageQuery query) {
        String id() {
            return letter.id();
        }
    }

    /** A new dead letter. */
    record New(DeadLetter.Kind kind, String location, String recordId, String reason, Content content, PageQuery query) {
    }

    private static final TypeReference<Content> CONTENT = new TypeReference<>() {
    };

    void insert(Tx tx, String instanceId, String runId, List<New> letters) throws SQLException {
        List<Object[]> rows = new ArrayList<>(letters.size());
        for (New letter : letters) {
            rows.add(new Object[] {UUID.randomUUID(), instanceId, Tx.uuid(runId), letter.kind(),
                    truncate(letter.location(), 200), letter.recordId() == null || letter.recordId().length() > 64
                            ? null : letter.recordId(), truncate(letter.reason(), 2000),
                    letter.content() == null ? null : EntityStore.json(letter.content()),
                    letter.query() == null ? null : EntityStore.json(letter.query()), tx.now(), tx.now()});
        }
        tx.batch("INSERT INTO sync_dead_letter (id, instance_id, run_id, kind, location, record_id, reason, content, "
                + "page_query, status, attempts, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', "
                + "1, ?, ?)", rows);
    }

    /** The instance's dead letters, oldest first, optionally of one status. */
    Page<DeadLetter> list(Tx tx, String instanceId, DeadLetter.Status status, int limit, Page.Cursor after) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT * FROM sync_dead_letter WHERE instance_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(instanceId));
        if (status != null) {
            sql.append(" AND status = ?");
            parameters.add(status.name());
        }
        if (after != null) {
            if (!EntityStore.isUuid(after.id())) {
                throw new IllegalArgumentException("not a dead-letter cursor");
            }
            sql.append(" AND (created_at > ? OR (created_at = ? AND id > ?))");
            parameters.add(after.modifiedAt());
            parameters.add(after.modifiedAt());
            parameters.add(Tx.uuid(after.id()));
        }
        sql.append(" ORDER BY created_at, id FETCH FIRST ").append(limit + 1).append(" ROWS ONLY");
        List<DeadLetter> letters = new ArrayList<>(tx.query(sql.toString(), r -> entry(r).letter(),
                parameters.toArray()));
        String next = null;
        if (letters.size() > limit) {
            letters = letters.subList(0, limit);
            DeadLetter last = letters.get(limit - 1);
            next = new Page.Cursor(last.createdAt(), last.id()).encode();
        }
        List<io.mentorhub.engine.store.Stored<DeadLetter>> items = new ArrayList<>();
        for (DeadLetter letter : letters) {
            items.add(new io.mentorhub.engine.store.Stored<>(letter, letter.attempts(), letter.createdAt(),
                    letter.modifiedAt()));
        }
        return new Page<>(items, next);
    }

    Optional<Entry> find(Tx tx, String instanceId, String id) throws SQLException {
        if (!EntityStore.isUuid(id)) {
            return Optional.empty();
        }
        return tx.one("SELECT * FROM sync_dead_letter WHERE id = ? AND instance_id = ?", DeadLetterStore::entry,
                Tx.uuid(id), instanceId);
    }

    /** Pending dead letters of the instance: these ids (all of them if empty), oldest first, at most {@code limit}. */
    List<Entry> pending(Tx tx, String instanceId, List<String> ids, int limit) throws SQLException {
        if (ids.isEmpty()) {
            return tx.query("SELECT * FROM sync_dead_letter WHERE instance_id = ? AND status = 'PENDING' ORDER BY "
                    + "created_at, id FETCH FIRST " + limit + " ROWS ONLY", DeadLetterStore::entry, instanceId);
        }
        List<Entry> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            StringJoiner marks = new StringJoiner(", ");
            List<Object> parameters = new ArrayList<>(List.of(instanceId));
            for (String id : chunk) {
                marks.add("?");
                parameters.add(Tx.uuid(id));
            }
            found.addAll(tx.query("SELECT * FROM sync_dead_letter WHERE instance_id = ? AND status = 'PENDING' AND "
                    + "id IN (" + marks + ") ORDER BY created_at, id", DeadLetterStore::entry, parameters.toArray()));
        }
        return found;
    }

    /** Replayed successfully by this run. */
    void replayed(Tx tx, List<String> ids, String runId) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(new Object[] {tx.now(), tx.now(), "run " + runId, Tx.uuid(id)});
        }
        tx.batch("UPDATE sync_dead_letter SET status = 'REPLAYED', resolved_at = ?, modified_at = ?, resolved_by = ? "
                + "WHERE id = ? AND status = 'PENDING'", rows);
    }

    /**
     * Pending dead letters of these people's records that a newer record of theirs has now replaced: settled, so an
     * old refused record is never replayed over newer data.
     */
    int superseded(Tx tx, String instanceId, java.util.Collection<String> recordIds, String runId) throws SQLException {
        int settled = 0;
        List<String> ids = new ArrayList<>(recordIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            StringJoiner marks = new StringJoiner(", ");
            List<Object> parameters = new ArrayList<>(List.of(tx.now(), tx.now(), "superseded by run " + runId,
                    instanceId));
            for (String id : chunk) {
                marks.add("?");
                parameters.add(id);
            }
            settled += tx.update("UPDATE sync_dead_letter SET status = 'REPLAYED', resolved_at = ?, modified_at = ?, "
                    + "resolved_by = ? WHERE instance_id = ? AND status = 'PENDING' AND kind <> 'PAGE' AND record_id IN ("
                    + marks + ")", parameters.toArray());
        }
        return settled;
    }

    /** A replay failed again: still pending, one more attempt, the latest reason. */
    void failedAgain(Tx tx, String id, String reason) throws SQLException {
        tx.update("UPDATE sync_dead_letter SET attempts = attempts + 1, reason = ?, modified_at = ? WHERE id = ?",
                truncate(reason, 2000), tx.now(), Tx.uuid(id));
    }

    boolean discard(Tx tx, String instanceId, String id, String actor) throws SQLException {
        return tx.update("UPDATE sync_dead_letter SET status = 'DISCARDED', resolved_at = ?, modified_at = ?, "
                + "resolved_by = ? WHERE id = ? AND instance_id = ? AND status = 'PENDING'", tx.now(), tx.now(),
                truncate(actor, 128), Tx.uuid(id), instanceId) == 1;
    }

    long pendingCount(Tx tx, String instanceId) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM sync_dead_letter WHERE instance_id = ? AND status = 'PENDING'",
                instanceId);
    }

    private static Entry entry(ResultSet r) throws SQLException {
        String content = r.getString("content");
        String query = r.getString("page_query");
        DeadLetter.Kind kind = DeadLetter.Kind.valueOf(r.getString("kind"));
        boolean replayable = kind == DeadLetter.Kind.RECORD ? content != null : query != null;
        DeadLetter letter = new DeadLetter(Tx.uuid(r, "id"), r.getString("instance_id"), Tx.uuid(r, "run_id"), kind,
                r.getString("location"), r.getString("record_id"), r.getString("reason"),
                DeadLetter.Status.valueOf(r.getString("status")), r.getInt("attempts"), replayable, Tx.instant(r, "created_at"),
                Tx.instant(r, "modified_at"), Tx.instant(r, "resolved_at"), r.getString("resolved_by"));
        return new Entry(letter, content == null ? null : EntityStore.json(content, CONTENT),
                query == null ? null : EntityStore.json(query, PageQuery.class));
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
