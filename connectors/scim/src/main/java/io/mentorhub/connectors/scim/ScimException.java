package io.mentorhub.connectors.scim;

/**
 * A request the service provider refuses, answered as a SCIM error (RFC 7644 §3.12): the HTTP status, the
 * {@code scimType} for 400/409 and a detail that names attributes, never their values.
 */
final class ScimException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** scimType values of RFC 7644 §3.12. */
    static final String INVALID_FILTER = "invalidFilter";
    static final String TOO_MANY = "tooMany";
    static final String UNIQUENESS = "uniqueness";
    static final String MUTABILITY = "mutability";
    static final String INVALID_SYNTAX = "invalidSyntax";
    static final String INVALID_PATH = "invalidPath";
    static final String NO_TARGET = "noTarget";
    static final String INVALID_VALUE = "invalidValue";
    static final String INVALID_VERSION = "invalidVers";

    private final int status;
    private final String scimType;
    private final String allow;

    ScimException(int status, String scimType, String detail) {
        this(status, scimType, detail, null);
    }

    /** A 405 with the methods the resource allows. */
    ScimException(int status, String scimType, String detail, String allow) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
        this.allow = allow;
    }

    String allow() {
        return allow;
    }

    int status() {
        return status;
    }

    String scimType() {
        return scimType;
    }

    static ScimException badRequest(String scimType, String detail) {
        return new ScimException(400, scimType, detail);
    }

    static ScimException notFound(String detail) {
        return new ScimException(404, null, detail);
    }
}
