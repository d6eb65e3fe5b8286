package io.mentorhub.api.directory;

import io.mentorhub.api.domain.InvalidValueException;
import java.util.List;
import java.util.Objects;

/**
 * Which people to list: every condition must hold (none: everyone in the directory), ordered by id, either from
 * {@code offset} (0-based) or after the id {@code after} (for reading the whole directory in pages), at most
 * {@code limit} of them; {@code countTotal} asks for the number of matches as well.
 */
public record PersonQuery(List<Condition> conditions, String after, int offset, int limit, boolean countTotal) {

    /** The largest page a query may ask for. */
    public static final int MAX_LIMIT = 1000;

    /** The fields a condition may test, with how their text is compared. */
    public enum Field {
        /** The person's id; exact. */
        ID(true),
        /** {@link DirectoryPerson#userName()}; ignoring case. */
        USER_NAME(false),
        /** {@link DirectoryPerson#externalId()}; exact. */
        EXTERNAL_ID(true),
        WORK_EMAIL(false),
        EMPLOYEE_NUMBER(false),
        GIVEN_NAME(false),
        FAMILY_NAME(false),
        DEPARTMENT(false),
        /** {@code true}: status A or L; {@code false}: status T. {@link Match#EQUALS} only. */
        ACTIVE(true);

        private final boolean caseExact;

        Field(boolean caseExact) {
            this.caseExact = caseExact;
        }

        public boolean caseExact() {
            return caseExact;
        }
    }

    public enum Match {
        EQUALS, STARTS_WITH
    }

    /** One test: {@code field} equals, or starts with, {@code value}. */
    public record Condition(Field field, Match match, String value) {
        public Condition {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(value, "value");
            if (field == Field.ACTIVE && (match != Match.EQUALS || !(value.equals("true") || value.equals("false")))) {
                throw new InvalidValueException("active", "is tested for equality with true or false only");
            }
            if (value.length() > 1000) {
                throw new InvalidValueException(field.name().toLowerCase(java.util.Locale.ROOT),
                        "must be at most 1000 characters");
            }
        }
    }

    public PersonQuery {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        if (offset < 0) {
            throw new InvalidValueException("offset", "must not be negative");
        }
        if (limit < 0 || limit > MAX_LIMIT) {
            throw new InvalidValueException("limit", "must be between 0 and " + MAX_LIMIT);
        }
        if (after != null && offset > 0) {
            throw new InvalidValueException("offset", "is not used with after");
        }
    }

    public static PersonQuery all(int offset, int limit) {
        return new PersonQuery(List.of(), null, offset, limit, true);
    }
}
