package io.mentorhub.api.connector;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a facet call failed, in the terms the hub acts on:
 * <ul>
 * <li>CONFIG — the instance's configuration or credentials are wrong (401, 403, an unknown tenant): the hub disables
 * the instance and tells the administrator; retrying will not help;</li>
 * <li>TRANSIENT — try again (5xx, 429, timeouts, a reset connection, a truncated or malformed body): the hub retries
 * with backoff, after {@link #retryAfter()} when the vendor said so;</li>
 * <li>PERMANENT — this request will never succeed (a 400 or 404 for this page or record): the hub puts it in the
 * dead-letter table, from where an administrator can replay it.</li>
 * </ul>
 * It is the only exception a facet throws, it carries no cause (so no vendor or HTTP client type and no request with
 * credentials travels with it), and its message never holds a secret.
 */
public class ConnectorException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        CONFIG, TRANSIENT, PERMANENT
    }

    private final Kind kind;
    private final Duration retryAfter;

    private ConnectorException(Kind kind, String message, Duration retryAfter) {
        super(Objects.requireNonNull(message, "message"));
        this.kind = Objects.requireNonNull(kind, "kind");
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
        this.retryAfter = retryAfter;
    }

    public static ConnectorException config(String message) {
        return new ConnectorException(Kind.CONFIG, message, null);
    }

    /** A failure worth retrying; {@code retryAfter} is null when the vendor gave no hint. */
    public static ConnectorException transientFailure(String message, Duration retryAfter) {
        return new ConnectorException(Kind.TRANSIENT, message, retryAfter);
    }

    public static ConnectorException permanent(String message) {
        return new ConnectorException(Kind.PERMANENT, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** How long the vendor asked to wait (HTTP Retry-After) before retrying a TRANSIENT failure. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String toString() {
        return "ConnectorException[" + kind + (retryAfter == null ? "" : ", retry after " + retryAfter) + "]: "
                + getMessage();
    }
}
