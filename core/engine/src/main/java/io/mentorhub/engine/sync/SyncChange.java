package io.mentorhub.engine.sync;

/**
 * One change a dry run found: CREATE (a new person), UPDATE (one field, old and new value), TERMINATE (status to T),
 * REJECT (the record would go to the dead-letter table; {@code newValue} says why). Custom attributes show that they
 * change, not their values.
 */
public record SyncChange(int seq, String personId, String kind, String field, String oldValue, String newValue) {
}
