package io.mentorhub.engine.api;

import java.util.List;
import java.util.Map;

/** An answer other than success, rendered as RFC 9457 problem+json with a stable {@code code}. */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient List<Map<String, String>> errors;

    public ApiException(int status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    public ApiException(int status, String code, String detail, List<Map<String, String>> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = errors;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Map<String, String>> errors() {
        return errors;
    }

    public static ApiException badRequest(String code, String detail) {
        return new ApiException(400, code, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", detail);
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(404, "not-found", "no " + what + " with id " + id);
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(409, code, detail);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(422, "validation-failed", field + ": " + message,
                List.of(Map.of("field", field, "message", message)));
    }

    /** The title for a status, as RFC 9457 suggests: the same for every occurrence of the problem type. */
    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Authentication required";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 409 -> "Conflict";
            case 412 -> "Precondition failed";
            case 413 -> "Request too large";
            case 415 -> "Unsupported media type";
            case 422 -> "Validation failed";
            case 503 -> "Service unavailable";
            default -> "Internal error";
        };
    }
}
