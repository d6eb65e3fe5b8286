package io.mentorhub.api.survey;

import io.mentorhub.api.domain.InvalidValueException;
import java.net.URI;
import java.util.regex.Pattern;

/** Validation shared by the survey records. Package-private: not part of the API. */
final class Values {

    /** Ids from the hub or a tool: person ids, survey ids, vendor ids. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");
    /** Question ids: stable keys that metrics and the engine refer to. */
    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private Values() {
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    static String id(String field, String value) {
        if (!ID.matcher(required(field, value)).matches()) {
            throw new InvalidValueException(field, "must be 1-128 characters of letters, digits and ._:@-");
        }
        return value;
    }

    static String optionalId(String field, String value) {
        return value == null ? null : id(field, value);
    }

    static String key(String field, String value) {
        if (!KEY.matcher(required(field, value)).matches()) {
            throw new InvalidValueException(field, "must be a lower-case key such as good_fit, was: " + value);
        }
        return value;
    }

    /** Required text, stripped, 1..max characters; newlines allowed only where {@code multiLine}. */
    static String text(String field, String value, int max, boolean multiLine) {
        String stripped = required(field, value).strip();
        if (stripped.isEmpty()) {
            throw new InvalidValueException(field, "must not be blank");
        }
        if (stripped.length() > max) {
            throw new InvalidValueException(field, "must be at most " + max + " characters");
        }
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (Character.isISOControl(c) && !(multiLine && (c == '\n' || c == '\r' || c == '\t'))) {
                throw new InvalidValueException(field, "must not contain control characters");
            }
        }
        return stripped;
    }

    static String optionalText(String field, String value, int max) {
        return value == null || value.isBlank() ? null : text(field, value, max, false);
    }

    static String email(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String email = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw new InvalidValueException(field, "must be an e-mail address");
        }
        return email;
    }

    /** An absolute http(s) URL without user info: where a person is sent. */
    static URI webAddress(String field, URI value) {
        required(field, value);
        String scheme = value.getScheme();
        if (!value.isAbsolute() || value.getHost() == null
                || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
            throw new InvalidValueException(field, "must be an absolute http(s) URL");
        }
        if (value.getRawUserInfo() != null) {
            throw new InvalidValueException(field, "must not carry user info");
        }
        return value;
    }
}
