package io.mentorhub.engine.push;

import io.mentorhub.api.connector.Capability;
import io.mentorhub.engine.store.Outbox;
import io.mentorhub.engine.store.Sha256;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One item the hub owes one connector instance, queued as an outbox entry of topic {@value #TOPIC}: which instance,
 * through which capability, the item's key (what the target deduplicates by) and the ids the item is built from when
 * it is delivered — never its content, which is read then, as it is at that moment.
 *
 * @param about ids and small facts, e.g. {@code session_id}, {@code person_id}, {@code verb}
 */
public record PushEntry(String instanceId, Capability capability, String itemKey, Map<String, String> about) {

    public static final String TOPIC = "connector.push";
    /** Longest item key kept as it is in the outbox's key; a longer one is hashed there (the payload keeps it). */
    private static final int LONGEST_PLAIN_KEY = 120;
    private static final Set<String> OWN_FIELDS = Set.of("type", "instance", "capability", "item_key");

    public PushEntry {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(itemKey, "itemKey");
        about = Map.copyOf(about);
    }

    /** The outbox's idempotency key: one entry per instance and item, however often the item is planned. */
    public String outboxKey() {
        return "push:" + instanceId + ":" + (itemKey.length() <= LONGEST_PLAIN_KEY ? itemKey : "sha256-"
                + Sha256.hex(itemKey));
    }

    /** Queues the entry unless this instance already has one for the item; returns whether it was queued now. */
    public boolean queue(Tx tx) throws SQLException {
        String key = outboxKey();
        if (tx.count("SELECT COUNT(*) FROM outbox WHERE idempotency_key = ?", key) > 0) {
            return false;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", TOPIC);
        payload.put("instance", instanceId);
        payload.put("capability", capability.name());
        payload.put("item_key", itemKey);
        payload.putAll(about);
        Outbox.append(tx, new Outbox.Event(TOPIC, "connector", instanceId, key, payload));
        return true;
    }

    /** Reads an entry back from an outbox payload; null if it is not one. */
    static PushEntry of(Map<String, Object> payload) {
        Object instance = payload.get("instance");
        Object capability = payload.get("capability");
        Object key = payload.get("item_key");
        if (instance == null || capability == null || key == null) {
            return null;
        }
        Capability parsed;
        try {
            parsed = Capability.valueOf(String.valueOf(capability));
        } catch (IllegalArgumentException e) {
            return null;
        }
        Map<String, String> about = new LinkedHashMap<>();
        payload.forEach((name, value) -> {
            if (value != null && !OWN_FIELDS.contains(name)) {
                about.put(name, String.valueOf(value));
            }
        });
        return new PushEntry(String.valueOf(instance), parsed, String.valueOf(key), about);
    }

    public String get(String name) {
        return about.get(name);
    }
}
