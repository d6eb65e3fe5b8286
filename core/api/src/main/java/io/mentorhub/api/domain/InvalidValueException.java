package io.mentorhub.api.domain;

/** A value that breaks a domain rule; {@link #field()} names where, e.g. {@code phases.launch.end}. */
public class InvalidValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidValueException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The rule that was broken, without the field name. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
