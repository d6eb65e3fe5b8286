package io.mentorhub.engine.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Announcements of changes that must leave the hub, written in the same transaction as the change: either both are
 * stored or neither. The payload carries identifiers and versions only — never confidential content; a consumer
 * reads the current state when it delivers. The idempotency key makes a repeated announcement a no-op downstream.
 */
public final class Outbox {

    private Outbox() {
    }

    public record Event(String topic, String aggregateType, String aggregateId, String idempotencyKey,
            Map<String, Object> payload) {

        public static Event of(String topic, String aggregateType, String aggregateId, long version) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("type", topic);
            payload.put("id", aggregateId);
            payload.put("version", version);
            return new Event(topic, aggregateType, aggregateId, topic + ":" + aggregateId + ":" + version, payload);
        }
    }

    public static void append(Tx tx, Event event) throws SQLException {
        append(tx, List.of(event));
    }

    public static void append(Tx tx, List<Event> events) throws SQLException {
        List<Object[]> rows = new ArrayList<>(events.size());
        for (Event event : events) {
            rows.add(new Object[] {event.topic(), event.aggregateType(), event.aggregateId(), event.idempotencyKey(),
                    EntityStore.json(event.payload()), tx.now(), 0});
        }
        tx.batch("INSERT INTO outbox (topic, aggregate_type, aggregate_id, idempotency_key, payload, created_at, "
                + "attempts) VALUES (?, ?, ?, ?, ?, ?, ?)", rows);
    }

    /** Entries not yet delivered, oldest first (the drain routes of later flows read these). */
    public static List<Map<String, Object>> pending(Tx tx, int limit) throws SQLException {
        return tx.query("SELECT id, topic, aggregate_id, idempotency_key FROM outbox WHERE published_at IS NULL "
                + "ORDER BY id FETCH FIRST " + limit + " ROWS ONLY", row -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("id", row.getLong("id"));
                    entry.put("topic", row.getString("topic"));
                    entry.put("aggregate_id", row.getString("aggregate_id"));
                    entry.put("idempotency_key", row.getString("idempotency_key"));
                    return entry;
                });
    }
}
