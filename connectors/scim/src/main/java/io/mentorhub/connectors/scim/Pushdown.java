package io.mentorhub.connectors.scim;

import io.mentorhub.api.directory.GroupQuery;
import io.mentorhub.api.directory.PersonQuery;
import io.mentorhub.api.directory.PersonQuery.Match;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part of a filter the directory can answer in SQL: top-level {@code and}ed {@code eq}/{@code sw} comparisons
 * of the attributes identity providers look people and groups up by (userName, externalId, id, e-mail, names,
 * employee number, department, active; displayName, members). When every conjunct is such a comparison the directory's
 * answer is exact (its totals and pages are used as they are); otherwise the pushed conditions narrow a scan whose
 * results the bundle filters itself.
 */
record Pushdown<C>(List<C> conditions, boolean exact) {

    private static final Map<String, PersonQuery.Field> PERSON_FIELDS = Map.of(
            "id", PersonQuery.Field.ID,
            "userName", PersonQuery.Field.USER_NAME,
            "externalId", PersonQuery.Field.EXTERNAL_ID,
            "emails.value", PersonQuery.Field.WORK_EMAIL,
            "name.givenName", PersonQuery.Field.GIVEN_NAME,
            "name.familyName", PersonQuery.Field.FAMILY_NAME,
            Schemas.ENTERPRISE + ":employeeNumber", PersonQuery.Field.EMPLOYEE_NUMBER,
            Schemas.ENTERPRISE + ":department", PersonQuery.Field.DEPARTMENT);

    private static final Map<String, GroupQuery.Field> GROUP_FIELDS = Map.of(
            "id", GroupQuery.Field.ID,
            "displayName", GroupQuery.Field.DISPLAY_NAME,
            "externalId", GroupQuery.Field.EXTERNAL_ID,
            "members.value", GroupQuery.Field.MEMBER);

    static Pushdown<PersonQuery.Condition> people(Filter filter) {
        if (filter == null) {
            return new Pushdown<>(List.of(), true);
        }
        List<PersonQuery.Condition> conditions = new ArrayList<>();
        boolean exact = true;
        for (Filter part : Filter.conjuncts(filter)) {
            PersonQuery.Condition condition = person(part);
            if (condition == null) {
                exact = false;
            } else {
                conditions.add(condition);
            }
        }
        return new Pushdown<>(conditions, exact);
    }

    private static PersonQuery.Condition person(Filter part) {
        if (!(part instanceof Filter.Compare compare) || compare.value().isNull()) {
            return null;
        }
        String name = compare.path().display();
        if (name.equals("active") && compare.op() == Filter.Op.EQ) {
            return new PersonQuery.Condition(PersonQuery.Field.ACTIVE, Match.EQUALS,
                    String.valueOf(compare.value().booleanValue()));
        }
        PersonQuery.Field field = PERSON_FIELDS.get(name);
        Match match = match(compare.op());
        if (field == null || match == null || !compare.value().isTextual()) {
            return null;
        }
        try {
            return new PersonQuery.Condition(field, match, compare.value().asText());
        } catch (IllegalArgumentException tooLong) {
            return null;
        }
    }

    static Pushdown<GroupQuery.Condition> groups(Filter filter) {
        if (filter == null) {
            return new Pushdown<>(List.of(), true);
        }
        List<GroupQuery.Condition> conditions = new ArrayList<>();
        boolean exact = true;
        for (Filter part : Filter.conjuncts(filter)) {
            GroupQuery.Condition condition = group(part);
            if (condition == null) {
                exact = false;
            } else {
                conditions.add(condition);
            }
        }
        return new Pushdown<>(conditions, exact);
    }

    private static GroupQuery.Condition group(Filter part) {
        if (part instanceof Filter.ValuePath valuePath && valuePath.path().display().equals("members")
                && valuePath.inner() instanceof Filter.Compare inner && inner.op() == Filter.Op.EQ
                && inner.value().isTextual() && inner.path().display().equals("value")) {
            try {
                return new GroupQuery.Condition(GroupQuery.Field.MEMBER, Match.EQUALS, inner.value().asText());
            } catch (IllegalArgumentException tooLong) {
                return null;
            }
        }
        if (!(part instanceof Filter.Compare compare) || !compare.value().isTextual()) {
            return null;
        }
        GroupQuery.Field field = GROUP_FIELDS.get(compare.path().display());
        Match match = match(compare.op());
        if (field == null || match == null || (field == GroupQuery.Field.MEMBER && match != Match.EQUALS)) {
            return null;
        }
        try {
            return new GroupQuery.Condition(field, match, compare.value().asText());
        } catch (IllegalArgumentException tooLong) {
            return null;
        }
    }

    private static Match match(Filter.Op op) {
        return switch (op) {
            case EQ -> Match.EQUALS;
            case SW -> Match.STARTS_WITH;
            default -> null;
        };
    }
}
