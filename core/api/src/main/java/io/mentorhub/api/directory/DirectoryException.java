package io.mentorhub.api.directory;

/**
 * What the directory refuses, typed so a protocol can answer with its own status: no such person or group, a value
 * another person or group already holds, a version that is no longer current, or a value the hub cannot accept (an
 * unknown manager or member). Messages name fields and ids, never personal values.
 */
public class DirectoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No such person or group (or one removed from the directory). */
        NOT_FOUND,
        /** {@link #field()} must be unique and another person or group holds the value. */
        CONFLICT,
        /** The version the caller read is no longer the current one. */
        STALE_VERSION,
        /** {@link #field()} holds a value the hub refuses, e.g. a manager or member that is not in the directory. */
        INVALID
    }

    /** Names of the fields a conflict or an invalid value is about. */
    public static final String USER_NAME = "user_name";
    public static final String DISPLAY_NAME = "display_name";
    public static final String MEMBERS = "members";

    private final Kind kind;
    private final String field;

    public DirectoryException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The field concerned: a {@link io.mentorhub.api.connector.PersonFields} name ({@code work_email},
     * {@code employee_number}, {@code manager_id}), {@link #USER_NAME}, {@link #DISPLAY_NAME} or {@link #MEMBERS};
     * null when the whole record is meant.
     */
    public String field() {
        return field;
    }

    public static DirectoryException notFound(String what, String id) {
        return new DirectoryException(Kind.NOT_FOUND, null, "no " + what + " with id " + id);
    }
}
