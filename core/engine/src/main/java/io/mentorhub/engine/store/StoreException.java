package io.mentorhub.engine.store;

/** What a store refuses, typed so the API can answer with the right status and a stable code. */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No such row (404). */
        NOT_FOUND,
        /** A unique rule or the current state forbids it (409). */
        CONFLICT,
        /** The caller's version is not the stored one (412). */
        STALE_VERSION
    }

    private final Kind kind;
    private final String code;

    public StoreException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** Stable, machine-readable error code, e.g. {@code duplicate-email}. */
    public String code() {
        return code;
    }

    public static StoreException notFound(String what, String id) {
        return new StoreException(Kind.NOT_FOUND, "not-found", "no " + what + " with id " + id);
    }

    public static StoreException stale(String what, String id, long expected) {
        return new StoreException(Kind.STALE_VERSION, "version-mismatch",
                what + " " + id + " is no longer at version " + expected + "; read it again and retry");
    }
}
