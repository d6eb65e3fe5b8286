package io.mentorhub.engine.sync;

import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * The database lease that makes one hub node at a time run an instance's sync job, with a fencing token. Hazelcast
 * decides which node should try; this row decides who may write. Every acquisition takes a new, larger token, and
 * every page commit checks it ({@link #renew}) inside its own transaction — so a node that was paused or cut off past
 * its lease, and lost it to another node, can no longer commit a page, a checkpoint or a run's end.
 */
final class LeaseStore {

    /** This node no longer holds the lease it ran under: it must stop without writing anything. */
    static final class LeaseLost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LeaseLost(String message) {
            super(message);
        }
    }

    /** Who holds an instance's lease, and until when. */
    record Holder(String node, long token, Instant expiresAt) {
    }

    /** Makes sure the instance has a lease row (in its own transaction: two nodes may race to create it). */
    void ensure(Database database, String instanceId) throws SQLException {
        try {
            database.inTransaction(tx -> {
                if (tx.count("SELECT COUNT(*) FROM sync_lease WHERE instance_id = ?", instanceId) == 0) {
                    tx.update("INSERT INTO sync_lease (instance_id, owner_node, token, acquired_at, expires_at) "
                            + "VALUES (?, NULL, 0, ?, ?)", instanceId, tx.now(), tx.now());
                }
                return null;
            });
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    /**
     * Takes the lease for {@code node} if nobody holds it: free, expired, or held by a node that is no longer a cluster
     * member ({@code alive} false) — e.g. this hub before it was killed. Returns the new fencing token. A lease the
     * same node still holds is taken again (the caller knows it runs no job for the instance).
     */
    OptionalLong acquire(Tx tx, String instanceId, String node, Predicate<String> alive, Duration ttl)
            throws SQLException {
        Optional<Holder> current = tx.one("SELECT owner_node, token, expires_at FROM sync_lease WHERE instance_id = ? "
                + "FOR UPDATE", r -> new Holder(r.getString("owner_node"), r.getLong("token"),
                        Tx.instant(r, "expires_at")), instanceId);
        if (current.isEmpty()) {
            throw new IllegalStateException("no lease row for " + instanceId + "; call ensure first");
        }
        Holder holder = current.get();
        boolean held = holder.node() != null && !holder.node().equals(node) && holder.expiresAt().isAfter(tx.now())
                && alive.test(holder.node());
        if (held) {
            return OptionalLong.empty();
        }
        long token = holder.token() + 1;
        tx.update("UPDATE sync_lease SET owner_node = ?, token = ?, acquired_at = ?, expires_at = ? WHERE instance_id = ?",
                node, token, tx.now(), tx.now().plus(ttl), instanceId);
        return OptionalLong.of(token);
    }

    /**
     * Extends the lease if {@code token} still holds it for {@code node}, in the caller's transaction: the fencing
     * check every page commit makes. False when the lease was lost.
     */
    boolean renew(Tx tx, String instanceId, long token, String node, Duration ttl) throws SQLException {
        return tx.update("UPDATE sync_lease SET expires_at = ? WHERE instance_id = ? AND token = ? AND owner_node = ?",
                tx.now().plus(ttl), instanceId, token, node) == 1;
    }

    /** Renews or throws {@link LeaseLost}, so the caller's transaction rolls back. */
    void fence(Tx tx, String instanceId, long token, String node, Duration ttl) throws SQLException {
        if (!renew(tx, instanceId, token, node, ttl)) {
            throw new LeaseLost("the lease of " + instanceId + " was taken over (fencing token " + token
                    + " is stale); this node stops without writing");
        }
    }

    void release(Tx tx, String instanceId, long token) throws SQLException {
        tx.update("UPDATE sync_lease SET owner_node = NULL, expires_at = ? WHERE instance_id = ? AND token = ?",
                tx.now(), instanceId, token);
    }

    Optional<Holder> holder(Tx tx, String instanceId) throws SQLException {
        return tx.one("SELECT owner_node, token, expires_at FROM sync_lease WHERE instance_id = ?",
                r -> new Holder(r.getString("owner_node"), r.getLong("token"), Tx.instant(r, "expires_at")),
                instanceId);
    }
}
