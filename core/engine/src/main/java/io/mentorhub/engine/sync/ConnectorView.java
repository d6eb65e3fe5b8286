package io.mentorhub.engine.sync;

import java.time.Instant;
import java.util.Map;

/**
 * A connector instance as the API and the shell show it.
 *
 * @param state      ACTIVE, DISABLED (enabled = false), INVALID (see reason), WAITING (its connector is not
 *                   installed) or SUSPENDED (the vendor refused its configuration or credentials; it runs again once
 *                   the configuration changes or it is enabled)
 * @param source     {@code api}, or the file it is configured in (edit the file to change it)
 * @param settings   the configuration, every secret — and every key whose kind is unknown — masked
 * @param nextIncrementalAt when the schedule runs an incremental sync next (null: not scheduled)
 */
public record ConnectorView(String id, String type, State state, String reason, String source, boolean editable,
        Map<String, String> settings, SyncRun lastRun, Instant lastSuccessAt, long pendingDeadLetters,
        Instant nextIncrementalAt, Instant nextFullAt) {

    public enum State {
        ACTIVE, DISABLED, INVALID, WAITING, SUSPENDED
    }
}
