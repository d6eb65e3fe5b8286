package io.mentorhub.api.connector;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The outcome of one item of a push: delivered (with the target's reference to what it created or updated) or
 * refused for good with a reason (the hub moves that item to the dead-letter table). A failure of the whole call is a
 * {@link ConnectorException} instead, and the hub retries the same items with the same keys.
 *
 * @param key         the item's idempotency key, as the hub gave it
 * @param externalRef the target's id of the written object; null when refused
 * @param refusal     why the target refused the item for good; null when delivered
 */
public record Delivery(String key, String externalRef, String refusal) {

    /** The most items one push call takes. */
    public static final int MAX_BATCH = 100;

    public Delivery {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a delivery needs its item's key");
        }
        if ((externalRef == null) == (refusal == null)) {
            throw new IllegalArgumentException("a delivery is either delivered (external ref) or refused (reason)");
        }
    }

    public static Delivery delivered(String key, String externalRef) {
        return new Delivery(key, externalRef, null);
    }

    public static Delivery refused(String key, String reason) {
        return new Delivery(key, null, reason);
    }

    public boolean delivered() {
        return refusal == null;
    }

    /** Checks a push batch: 1..{@value #MAX_BATCH} items, each key once. Returns it or throws. */
    public static <T extends Keyed> List<T> requireValidBatch(List<T> items) {
        if (items == null || items.isEmpty() || items.size() > MAX_BATCH) {
            throw new IllegalArgumentException("a push takes 1.." + MAX_BATCH + " items");
        }
        Set<String> keys = new HashSet<>();
        for (T item : items) {
            if (!keys.add(item.key())) {
                throw new IllegalArgumentException("key " + item.key() + " is listed twice");
            }
        }
        return items;
    }

    /**
     * An item the hub pushes. Its key is stable across retries: a connector sends it as the target's idempotency key
     * or derives the target's id from it, so a retried push never writes twice.
     */
    public interface Keyed {
        String key();
    }
}
