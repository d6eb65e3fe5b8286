package io.mentorhub.api.directory;

import io.mentorhub.api.domain.InvalidValueException;

/**
 * How the pushing system knows a person: the login it provisions ({@code userName}, unique ignoring case), the name
 * it displays, and its own id for the person. None of these is an HRIS field, so the hub keeps them beside the person.
 */
public record Account(String userName, String displayName, String externalId) {

    public static final int MAX_LENGTH = 256;

    public Account {
        userName = text("user_name", userName, true);
        displayName = text("display_name", displayName, false);
        externalId = text("external_id", externalId, false);
    }

    static String text(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidValueException(field, "is required");
            }
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > MAX_LENGTH) {
            throw new InvalidValueException(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException(field, "must not contain control characters");
        }
        return stripped;
    }
}
