package io.mentorhub.engine.matching;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mentorhub.engine.matching.MatchingRun.Phase;
import io.mentorhub.engine.matching.MatchingRun.Status;
import io.mentorhub.engine.matching.MatchingRun.UnmatchedPerson;
import io.mentorhub.engine.store.EntityStore;
import io.mentorhub.engine.store.Tx;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Matching runs in the {@code matching_run} table, and which run proposed which pairing. */
public final class MatchingRunStore {

    private static final TypeReference<Map<String, Object>> COUNTS = new TypeReference<>() {
    };
    private static final TypeReference<List<UnmatchedPerson>> UNMATCHED = new TypeReference<>() {
    };

    public void insert(Tx tx, MatchingRun run) throws SQLException {
        tx.update("INSERT INTO matching_run (id, program_id, strategy, seed, status, phase, progress, counts, unmatched, "
                + "requested_by, options, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Tx.uuid(run.id()), Tx.uuid(run.programId()), run.strategy(), run.seed(), run.status(), run.phase(),
                run.progress(), EntityStore.json(run.counts()), EntityStore.json(run.unmatched()), run.requestedBy(),
                EntityStore.json(run.options()), tx.now(), tx.now());
    }

    public Optional<MatchingRun> find(Tx tx, String id) throws SQLException {
        if (!EntityStore.isUuid(id)) {
            return Optional.empty();
        }
        return tx.one("SELECT * FROM matching_run WHERE id = ?", MatchingRunStore::map, Tx.uuid(id));
    }

    /** The program's runs, newest first. */
    public List<MatchingRun> ofProgram(Tx tx, String programId, int limit) throws SQLException {
        return tx.query("SELECT * FROM matching_run WHERE program_id = ? ORDER BY created_at DESC, id "
                + "FETCH FIRST " + limit + " ROWS ONLY", MatchingRunStore::map, Tx.uuid(programId));
    }

    public void started(Tx tx, String id) throws SQLException {
        tx.update("UPDATE matching_run SET status = 'RUNNING', phase = 'LOADING', started_at = ?, modified_at = ? "
                + "WHERE id = ? AND status = 'QUEUED'", tx.now(), tx.now(), Tx.uuid(id));
    }

    public void phase(Tx tx, String id, Phase phase, int progress, Map<String, Object> counts) throws SQLException {
        tx.update("UPDATE matching_run SET phase = ?, progress = ?, counts = ?, modified_at = ? WHERE id = ?",
                phase, progress, EntityStore.json(counts), tx.now(), Tx.uuid(id));
    }

    public void succeeded(Tx tx, String id, Map<String, Object> counts, List<UnmatchedPerson> unmatched,
            FairnessReport fairness) throws SQLException {
        tx.update("UPDATE matching_run SET status = 'SUCCEEDED', phase = 'DONE', progress = 100, counts = ?, "
                + "unmatched = ?, fairness = ?, finished_at = ?, modified_at = ? WHERE id = ?",
                EntityStore.json(counts), EntityStore.json(unmatched), EntityStore.json(fairness), tx.now(), tx.now(),
                Tx.uuid(id));
    }

    /** Ends a run that did not succeed; the phase stays where it stopped, so the error says what was under way. */
    public void ended(Tx tx, String id, Status status, String error, Map<String, Object> counts) throws SQLException {
        tx.update("UPDATE matching_run SET status = ?, error = ?, counts = ?, finished_at = ?, modified_at = ? "
                + "WHERE id = ?", status, truncate(error), EntityStore.json(counts), tx.now(), tx.now(), Tx.uuid(id));
    }

    /** Asks for a cancellation another node (or the queue) will notice; true if the run was still going. */
    public boolean requestCancel(Tx tx, String id) throws SQLException {
        return tx.update("UPDATE matching_run SET cancel_requested = TRUE, modified_at = ? WHERE id = ? "
                + "AND status IN ('QUEUED', 'RUNNING')", tx.now(), Tx.uuid(id)) > 0;
    }

    public boolean cancelRequested(Tx tx, String id) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM matching_run WHERE id = ? AND cancel_requested", Tx.uuid(id)) > 0;
    }

    /**
     * Runs a stopped hub left QUEUED or RUNNING are marked FAILED at start, so nobody waits for a run that will never
     * finish. Their proposals were never saved: saving is one transaction.
     */
    public int failInterrupted(Tx tx) throws SQLException {
        return tx.update("UPDATE matching_run SET status = 'FAILED', error = 'the hub stopped before the run finished; "
                + "start a new run', finished_at = ?, modified_at = ? WHERE status IN ('QUEUED', 'RUNNING')",
                tx.now(), tx.now());
    }

    public void proposed(Tx tx, String runId, List<String> pairingIds) throws SQLException {
        tx.batch("INSERT INTO matching_proposal (run_id, pairing_id) VALUES (?, ?)",
                pairingIds.stream().map(p -> new Object[] {Tx.uuid(runId), Tx.uuid(p)}).toList());
    }

    public List<String> proposals(Tx tx, String runId) throws SQLException {
        return tx.query("SELECT pairing_id FROM matching_proposal WHERE run_id = ? ORDER BY pairing_id",
                row -> Tx.uuid(row, "pairing_id"), Tx.uuid(runId));
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }

    private static MatchingRun map(ResultSet row) throws SQLException {
        String fairness = row.getString("fairness");
        return new MatchingRun(Tx.uuid(row, "id"), Tx.uuid(row, "program_id"), row.getString("strategy"),
                row.getLong("seed"), EntityStore.json(row.getString("options"), MatchingRun.Options.class),
                Status.valueOf(row.getString("status")), Phase.valueOf(row.getString("phase")), row.getInt("progress"),
                EntityStore.json(row.getString("counts"), COUNTS), EntityStore.json(row.getString("unmatched"), UNMATCHED),
                fairness == null ? null : EntityStore.json(fairness, FairnessReport.class), row.getString("error"),
                row.getString("requested_by"), Tx.instant(row, "created_at"), Tx.instant(row, "started_at"),
                Tx.instant(row, "finished_at"));
    }
}
