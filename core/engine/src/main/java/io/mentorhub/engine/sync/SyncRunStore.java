package io.mentorhub.engine.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mentorhub.engine.store.EntityStore;
import io.mentorhub.engine.store.Tx;
import io.mentorhub.engine.sync.SyncRun.Counts;
import io.mentorhub.engine.sync.SyncRun.Mode;
import io.mentorhub.engine.sync.SyncRun.Status;
import io.mentorhub.engine.sync.SyncRun.Timings;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code sync_run} table. A run's checkpoint (next cursor, counts, coverage, warnings) is written by
 * {@link #checkpoint} in the transaction of the page it follows, and every write of a claimed run names the lease
 * token it was claimed with, so a node that lost the lease cannot change the run any more.
 */
final class SyncRunStore {

    /** What a run was asked to do beyond its mode. */
    record Options(boolean acceptCoverageDrop, List<String> deadLetters, String file, String fileSha256) {
        static final Options NONE = new Options(false, List.of(), null, null);
    }

    /** A run's field coverage so far, the fields it protects, and (when finished) the report. */
    record CoverageState(Map<String, long[]> counts, Set<String> protectedFields,
            List<FieldCoverageReport> report) {
        static final CoverageState EMPTY = new CoverageState(Map.of(), Set.of(), List.of());
    }

    /** A run row with what only the engine needs: checkpoint, lease, options, coverage counts. */
    record Row(SyncRun run, String cursor, Long leaseToken, String nodeId, Options options, CoverageState coverage) {
        String id() {
            return run.id();
        }
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    void insert(Tx tx, String id, String instanceId, String type, Mode mode, boolean dryRun, String requestedBy,
            Options options) throws SQLException {
        tx.update("INSERT INTO sync_run (id, instance_id, connector_type, mode, dry_run, status, requested_by, options, "
                + "pages, records, created, updated, unchanged, terminated, failed, coverage, warnings, timings, "
                + "flagged, created_at, modified_at) VALUES (?, ?, ?, ?, ?, 'QUEUED', ?, ?, 0, 0, 0, 0, 0, 0, 0, ?, "
                + "'[]', ?, FALSE, ?, ?)", Tx.uuid(id), instanceId, type, mode, dryRun, requestedBy,
                EntityStore.json(options), EntityStore.json(CoverageState.EMPTY), EntityStore.json(Timings.ZERO),
                tx.now(), tx.now());
    }

    Optional<Row> find(Tx tx, String id) throws SQLException {
        if (!EntityStore.isUuid(id)) {
            return Optional.empty();
        }
        return tx.one("SELECT * FROM sync_run WHERE id = ?", SyncRunStore::row, Tx.uuid(id));
    }

    /** The instance's runs, newest first. */
    List<SyncRun> list(Tx tx, String instanceId, int limit) throws SQLException {
        List<SyncRun> runs = new ArrayList<>();
        for (Row row : tx.query("SELECT * FROM sync_run WHERE instance_id = ? ORDER BY created_at DESC, id "
                + "FETCH FIRST " + limit + " ROWS ONLY", SyncRunStore::row, instanceId)) {
            runs.add(row.run());
        }
        return runs;
    }

    /** Every run queued or running, oldest first. */
    List<Row> unfinished(Tx tx) throws SQLException {
        return tx.query("SELECT * FROM sync_run WHERE status IN ('QUEUED', 'RUNNING') ORDER BY created_at, id",
                SyncRunStore::row);
    }

    /** Takes a queued or interrupted run for this node under a fresh lease token. */
    boolean claim(Tx tx, String id, String node, long token) throws SQLException {
        return tx.update("UPDATE sync_run SET status = 'RUNNING', node_id = ?, lease_token = ?, "
                + "started_at = COALESCE(started_at, ?), modified_at = ? WHERE id = ? AND status IN ('QUEUED', "
                + "'RUNNING')", node, token, tx.now(), tx.now(), Tx.uuid(id)) == 1;
    }

    /** Fixes what the run reads: the watermark and when it started reading (kept when it is resumed). */
    void plan(Tx tx, String id, long token, Mode mode, Instant modifiedSince, Instant fetchStartedAt,
            List<String> warnings) throws SQLException {
        fenced(tx.update("UPDATE sync_run SET mode = ?, modified_since = ?, fetch_started_at = ?, warnings = ?, "
                + "modified_at = ? WHERE id = ? AND lease_token = ?", mode, modifiedSince, fetchStartedAt,
                EntityStore.json(warnings), tx.now(), Tx.uuid(id), token));
    }

    void checkpoint(Tx tx, String id, long token, String cursor, Counts counts, CoverageState coverage,
            List<String> warnings, Timings timings) throws SQLException {
        fenced(tx.update("UPDATE sync_run SET next_cursor = ?, pages = ?, records = ?, created = ?, updated = ?, "
                + "unchanged = ?, terminated = ?, failed = ?, coverage = ?, warnings = ?, timings = ?, modified_at = ? "
                + "WHERE id = ? AND lease_token = ? AND status = 'RUNNING'", cursor, counts.pages(), counts.records(),
                counts.created(), counts.updated(), counts.unchanged(), counts.terminated(), counts.failed(),
                EntityStore.json(coverage), EntityStore.json(warnings), EntityStore.json(timings), tx.now(),
                Tx.uuid(id), token));
    }

    void finish(Tx tx, String id, long token, Status status, String error, Counts counts, CoverageState coverage,
            boolean flagged, List<String> warnings, Timings timings) throws SQLException {
        fenced(tx.update("UPDATE sync_run SET status = ?, error = ?, pages = ?, records = ?, created = ?, updated = ?, "
                + "unchanged = ?, terminated = ?, failed = ?, coverage = ?, flagged = ?, warnings = ?, timings = ?, "
                + "finished_at = ?, modified_at = ? WHERE id = ? AND lease_token = ? AND status = 'RUNNING'", status,
                error == null ? null : truncate(error), counts.pages(), counts.records(), counts.created(),
                counts.updated(), counts.unchanged(), counts.terminated(), counts.failed(), EntityStore.json(coverage),
                flagged, EntityStore.json(warnings), EntityStore.json(timings), tx.now(), tx.now(), Tx.uuid(id),
                token));
    }

    /** Ends a run nobody holds (queued, or left behind by a stopped node) without a lease. */
    int abandon(Tx tx, String id, Status status, String reason) throws SQLException {
        return tx.update("UPDATE sync_run SET status = ?, error = ?, finished_at = ?, modified_at = ? WHERE id = ? "
                + "AND status IN ('QUEUED', 'RUNNING')", status, truncate(reason), tx.now(), tx.now(), Tx.uuid(id));
    }

    /**
     * The watermark source: when the last successful non-dry full or incremental run started reading. Runs of
     * files and replays read no vendor listing, so they say nothing about what the vendor changed since.
     */
    Optional<Instant> lastFetchStart(Tx tx, String instanceId) throws SQLException {
        return tx.one("SELECT fetch_started_at FROM sync_run WHERE instance_id = ? AND status = 'SUCCEEDED' AND "
                + "dry_run = FALSE AND mode IN ('FULL', 'INCREMENTAL') ORDER BY fetch_started_at DESC FETCH FIRST 1 "
                + "ROWS ONLY", r -> Tx.instant(r, "fetch_started_at"), instanceId);
    }

    /** The coverage of the most recent successful non-dry runs, newest first: the baseline's candidates. */
    List<CoverageState> recentCoverage(Tx tx, String instanceId, int limit) throws SQLException {
        return tx.query("SELECT coverage FROM sync_run WHERE instance_id = ? AND status = 'SUCCEEDED' AND "
                + "dry_run = FALSE AND mode <> 'REPLAY' ORDER BY finished_at DESC FETCH FIRST " + limit
                + " ROWS ONLY", r -> EntityStore.json(r.getString(1), CoverageState.class), instanceId);
    }

    /** When the last run the schedule started was created (of this mode; null: any mode). */
    Optional<Instant> lastScheduled(Tx tx, String instanceId, Mode mode) throws SQLException {
        String sql = "SELECT MAX(created_at) AS last_at FROM sync_run WHERE instance_id = ? AND requested_by = ?"
                + (mode == null ? "" : " AND mode = ?");
        Object[] parameters = mode == null ? new Object[] {instanceId, ConnectorSync.SCHEDULE}
                : new Object[] {instanceId, ConnectorSync.SCHEDULE, mode};
        List<Instant> last = tx.query(sql, r -> Tx.instant(r, "last_at"), parameters);
        return last.isEmpty() ? Optional.empty() : Optional.ofNullable(last.get(0));
    }

    private static void fenced(int updated) {
        if (updated != 1) {
            throw new LeaseStore.LeaseLost("the run is no longer held under this node's lease");
        }
    }

    private static String truncate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }

    private static Row row(ResultSet r) throws SQLException {
        CoverageState coverage = EntityStore.json(r.getString("coverage"), CoverageState.class);
        Options options = EntityStore.json(r.getString("options"), Options.class);
        long token = r.getLong("lease_token");
        Long leaseToken = r.wasNull() ? null : token;
        SyncRun run = new SyncRun(Tx.uuid(r, "id"), r.getString("instance_id"), r.getString("connector_type"),
                Mode.valueOf(r.getString("mode")), r.getBoolean("dry_run"), Status.valueOf(r.getString("status")),
                null, r.getString("requested_by"), Tx.instant(r, "modified_since"), Tx.instant(r, "fetch_started_at"),
                new Counts(r.getInt("pages"), r.getInt("records"), r.getInt("created"), r.getInt("updated"),
                        r.getInt("unchanged"), r.getInt("terminated"), r.getInt("failed")),
                coverage.report(), r.getBoolean("flagged"), EntityStore.json(r.getString("warnings"), STRINGS),
                EntityStore.json(r.getString("timings"), Timings.class), r.getString("error"), options.file(),
                Tx.instant(r, "created_at"), Tx.instant(r, "started_at"), Tx.instant(r, "finished_at"));
        return new Row(run, r.getString("next_cursor"), leaseToken, r.getString("node_id"), options, coverage);
    }
}
