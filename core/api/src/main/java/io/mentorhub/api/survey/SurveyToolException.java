package io.mentorhub.api.survey;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a survey tool call failed, in the terms the hub acts on: CONFIG (fix the tool's configuration or credentials;
 * retrying will not help), TRANSIENT (try again, after {@link #retryAfter()} if the tool knows), PERMANENT (this
 * request will never succeed). Tools never retry themselves, and never let an HTTP client's or vendor's exception
 * through: this is the only exception that crosses the SPI, and it carries no cause. Messages never contain
 * secrets, signed links or answers.
 */
public class SurveyToolException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        CONFIG, TRANSIENT, PERMANENT
    }

    private final Kind kind;
    private final Duration retryAfter;

    private SurveyToolException(Kind kind, String message, Duration retryAfter) {
        super(Objects.requireNonNull(message, "message"));
        this.kind = Objects.requireNonNull(kind, "kind");
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
        this.retryAfter = retryAfter;
    }

    public static SurveyToolException config(String message) {
        return new SurveyToolException(Kind.CONFIG, message, null);
    }

    /** A failure worth retrying; {@code retryAfter} is null when the tool has no hint. */
    public static SurveyToolException transientFailure(String message, Duration retryAfter) {
        return new SurveyToolException(Kind.TRANSIENT, message, retryAfter);
    }

    public static SurveyToolException permanent(String message) {
        return new SurveyToolException(Kind.PERMANENT, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** How long to wait before retrying a TRANSIENT failure, when the tool was told (e.g. HTTP Retry-After). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String toString() {
        return "SurveyToolException[" + kind + (retryAfter == null ? "" : ", retry after " + retryAfter) + "]: "
                + getMessage();
    }
}
