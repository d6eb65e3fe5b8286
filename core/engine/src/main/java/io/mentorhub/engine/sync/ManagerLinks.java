package io.mentorhub.engine.sync;

import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

/**
 * Manager links whose manager the hub does not know yet ({@code sync_pending_link}). A report often arrives before
 * their manager (a later page, or a later run); linking to an unknown person would leave a dangling reference that
 * matching's manager chains and reporting trip over. So the link waits here — durably, in the page's transaction, so
 * a resumed run still has it — and is made once the manager exists: at the end of the run, or of a later one. The
 * vendor's latest word wins: a newer record of the person replaces or clears a waiting link.
 */
final class ManagerLinks {

    record Link(String personId, String managerId, LocalDate effectiveDate) {
    }

    /** Replaces the waiting links of these people with {@code links} (people in both lists: the new link wins). */
    void replace(Tx tx, String instanceId, String runId, Collection<String> people, List<Link> links)
            throws SQLException {
        List<String> ids = new ArrayList<>(people);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            StringJoiner marks = new StringJoiner(", ");
            List<Object> parameters = new ArrayList<>(List.of(instanceId));
            for (String id : chunk) {
                marks.add("?");
                parameters.add(id);
            }
            tx.update("DELETE FROM sync_pending_link WHERE instance_id = ? AND hris_id IN (" + marks + ")",
                    parameters.toArray());
        }
        List<Object[]> rows = new ArrayList<>(links.size());
        for (Link link : links) {
            rows.add(new Object[] {instanceId, link.personId(), link.managerId(), link.effectiveDate(), Tx.uuid(runId),
                    tx.now()});
        }
        tx.batch("INSERT INTO sync_pending_link (instance_id, hris_id, manager_id, effective_date, run_id, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", rows);
    }

    /** Waiting links whose manager the hub now knows, at most {@code limit}. */
    List<Link> resolvable(Tx tx, String instanceId, int limit) throws SQLException {
        return tx.query("SELECT l.hris_id, l.manager_id, l.effective_date FROM sync_pending_link l WHERE l.instance_id = ? "
                + "AND EXISTS (SELECT 1 FROM person p WHERE p.hris_id = l.manager_id) ORDER BY l.hris_id FETCH FIRST "
                + limit + " ROWS ONLY", r -> new Link(r.getString(1), r.getString(2), Tx.date(r, "effective_date")),
                instanceId);
    }

    void remove(Tx tx, String instanceId, Collection<String> people) throws SQLException {
        replace(tx, instanceId, null, people, List.of());
    }

    long waiting(Tx tx, String instanceId) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM sync_pending_link WHERE instance_id = ?", instanceId);
    }

    /** A few waiting links, to name in a warning. */
    List<Link> examples(Tx tx, String instanceId, int limit) throws SQLException {
        return tx.query("SELECT hris_id, manager_id, effective_date FROM sync_pending_link WHERE instance_id = ? ORDER BY "
                + "hris_id FETCH FIRST " + limit + " ROWS ONLY", r -> new Link(r.getString(1), r.getString(2),
                        Tx.date(r, "effective_date")), instanceId);
    }
}
