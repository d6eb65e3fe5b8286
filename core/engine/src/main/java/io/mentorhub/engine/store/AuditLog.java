package io.mentorhub.engine.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Who did what: key and role changes, reads of reflections, exports. Written in the transaction of the act. */
public final class AuditLog {

    public record Entry(long id, Instant at, String actor, String action, String targetType, String targetId,
            Map<String, Object> detail) {
    }

    private AuditLog() {
    }

    public static void record(Tx tx, String actor, String action, String targetType, String targetId,
            Map<String, Object> detail) throws SQLException {
        tx.update("INSERT INTO audit_log (at, actor, action, target_type, target_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
                tx.now(), actor, action, targetType, targetId, EntityStore.json(detail));
    }

    /** Newest first, before an id (for paging back through the log). */
    public static List<Entry> list(Tx tx, Long beforeId, int limit) throws SQLException {
        return tx.query("SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY",
                row -> new Entry(row.getLong("id"), Tx.instant(row, "at"), row.getString("actor"),
                        row.getString("action"), row.getString("target_type"), row.getString("target_id"),
                        EntityStore.json(row.getString("detail"), new com.fasterxml.jackson.core.type.TypeReference<
                                Map<String, Object>>() {
                        })),
                beforeId == null ? Long.MAX_VALUE : beforeId);
    }
}
