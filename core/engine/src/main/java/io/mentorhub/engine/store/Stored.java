package io.mentorhub.engine.store;

import java.time.Instant;

/** A stored value with the version that guards concurrent updates (the HTTP ETag) and its timestamps. */
public record Stored<T>(T value, long version, Instant createdAt, Instant modifiedAt) {

    public String etag() {
        return "\"" + version + "\"";
    }
}
