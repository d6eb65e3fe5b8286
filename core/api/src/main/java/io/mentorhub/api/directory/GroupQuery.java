package io.mentorhub.api.directory;

import io.mentorhub.api.domain.InvalidValueException;
import java.util.List;
import java.util.Objects;

/**
 * Which groups to list, like {@link PersonQuery}: every condition must hold, id order, from {@code offset} or after
 * the id {@code after}, at most {@code limit}; {@code withMembers} loads each group's members.
 */
public record GroupQuery(List<Condition> conditions, String after, int offset, int limit, boolean countTotal,
        boolean withMembers) {

    public enum Field {
        /** The group's id; exact. */
        ID(true),
        /** Ignoring case. */
        DISPLAY_NAME(false),
        /** Exact. */
        EXTERNAL_ID(true),
        /** Groups that have the person with this id as a member; {@link PersonQuery.Match#EQUALS} only. */
        MEMBER(true);

        private final boolean caseExact;

        Field(boolean caseExact) {
            this.caseExact = caseExact;
        }

        public boolean caseExact() {
            return caseExact;
        }
    }

    public record Condition(Field field, PersonQuery.Match match, String value) {
        public Condition {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(value, "value");
            if (field == Field.MEMBER && match != PersonQuery.Match.EQUALS) {
                throw new InvalidValueException("member", "is tested for equality only");
            }
            if (value.length() > 1000) {
                throw new InvalidValueException(field.name().toLowerCase(java.util.Locale.ROOT),
                        "must be at most 1000 characters");
            }
        }
    }

    public GroupQuery {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
        if (offset < 0) {
            throw new InvalidValueException("offset", "must not be negative");
        }
        if (limit < 0 || limit > PersonQuery.MAX_LIMIT) {
            throw new InvalidValueException("limit", "must be between 0 and " + PersonQuery.MAX_LIMIT);
        }
        if (after != null && offset > 0) {
            throw new InvalidValueException("offset", "is not used with after");
        }
    }
}
