package io.mentorhub.api.domain;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Validation shared by the domain records. Package-private: not part of the API. */
final class Check {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}");
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    private Check() {
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    /** Required text, stripped, 1..max characters, no control characters. */
    static String text(String field, String value, int max) {
        return text(field, required(field, value), max, true);
    }

    /** Optional text: null or blank becomes null. */
    static String optionalText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return text(field, value, max, true);
    }

    /** Long free text (reflections): newlines and tabs allowed. */
    static String longText(String field, String value, int max) {
        return text(field, required(field, value), max, false);
    }

    private static String text(String field, String value, int max, boolean singleLine) {
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            throw new InvalidValueException(field, "must not be blank");
        }
        if (stripped.length() > max) {
            throw new InvalidValueException(field, "must be at most " + max + " characters");
        }
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (Character.isISOControl(c) && (singleLine || (c != '\n' && c != '\r' && c != '\t'))) {
                throw new InvalidValueException(field, "must not contain control characters");
            }
        }
        return stripped;
    }

    static String id(String field, String value) {
        if (!ID.matcher(required(field, value)).matches()) {
            throw new InvalidValueException(field, "must be 1-64 characters of letters, digits and ._:@- ");
        }
        return value;
    }

    static String optionalId(String field, String value) {
        return value == null ? null : id(field, value);
    }

    /** Server-assigned identifiers: lower-case UUIDs; null before the record is stored. */
    static String uuid(String field, String value) {
        if (value != null && !UUID.matcher(value).matches()) {
            throw new InvalidValueException(field, "must be a lower-case UUID");
        }
        return value;
    }

    static String requiredUuid(String field, String value) {
        return uuid(field, required(field, value));
    }

    static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidValueException(field, "must be between " + min + " and " + max);
        }
        return value;
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

    static String timeZone(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(value.strip()).getId();
        } catch (DateTimeException e) {
            throw new InvalidValueException(field, "must be an IANA time zone such as Europe/Paris");
        }
    }

    /** A list of distinct texts (null means empty), each checked, at most maxItems. */
    static List<String> texts(String field, List<String> values, int maxItems, int maxLength) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > maxItems) {
            throw new InvalidValueException(field, "must have at most " + maxItems + " items");
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = text(field + "[" + i + "]", values.get(i), maxLength);
            if (!result.contains(value)) {
                result.add(value);
            }
        }
        return List.copyOf(result);
    }

    static List<String> ids(String field, List<String> values, int maxItems) {
        List<String> result = texts(field, values, maxItems, 64);
        for (int i = 0; i < result.size(); i++) {
            id(field + "[" + i + "]", result.get(i));
        }
        return result;
    }

    static List<String> languages(String field, List<String> values) {
        List<String> result = texts(field, values, 20, 35);
        for (int i = 0; i < result.size(); i++) {
            if (!LANGUAGE.matcher(result.get(i)).matches()) {
                throw new InvalidValueException(field + "[" + i + "]", "must be a language tag such as en or fr-CA");
            }
        }
        return result;
    }

    static <T> List<T> list(String field, List<T> values, int maxItems) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > maxItems) {
            throw new InvalidValueException(field, "must have at most " + maxItems + " items");
        }
        for (int i = 0; i < values.size(); i++) {
            required(field + "[" + i + "]", values.get(i));
        }
        return List.copyOf(values);
    }

    static Map<String, String> attributes(String field, Map<String, String> values, int maxEntries, int maxLength) {
        if (values == null) {
            return Map.of();
        }
        if (values.size() > maxEntries) {
            throw new InvalidValueException(field, "must have at most " + maxEntries + " entries");
        }
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key == null || !KEY.matcher(key).matches()) {
                throw new InvalidValueException(field, "keys must be lower-case identifiers, was: " + key);
            }
            result.put(key, text(field + "." + key, value, maxLength));
        });
        return java.util.Collections.unmodifiableMap(result);
    }
}
