package io.mentorhub.api.connector;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names of the fields a {@link PersonRecord} carries: the hub's own person fields (as in the REST API), the dates
 * an HRIS knows about a change, and custom attributes as {@code custom.<key>}. A connector maps its vendor's fields to
 * these; an instance's allowlist names which of them the hub keeps.
 */
public final class PersonFields {

    public static final String ID = "id";
    public static final String EMPLOYEE_NUMBER = "employee_number";
    public static final String GIVEN_NAME = "given_name";
    public static final String FAMILY_NAME = "family_name";
    public static final String WORK_EMAIL = "work_email";
    public static final String TITLE = "title";
    public static final String GRADE = "grade";
    public static final String DEPARTMENT = "department";
    public static final String TEAM = "team";
    public static final String LOCATION = "location";
    /** An IANA zone id, e.g. {@code Europe/Berlin}. */
    public static final String TIME_ZONE = "time_zone";
    /** Comma-separated language tags, e.g. {@code en,de}. */
    public static final String LANGUAGES = "languages";
    /** The manager's HRIS id; resolved by the hub after the whole page set is in. */
    public static final String MANAGER_ID = "manager_id";
    /** ISO date, {@code YYYY-MM-DD}. */
    public static final String HIRE_DATE = "hire_date";
    /** {@code A} (active), {@code L} (on leave) or {@code T} (terminated). */
    public static final String STATUS = "status";
    /** ISO date the termination takes effect; dates the status change to T in the person's history. */
    public static final String TERMINATION_DATE = "termination_date";
    /** ISO date the record's changes take effect (a job change's effective date); the sync date if absent. */
    public static final String EFFECTIVE_DATE = "effective_date";
    /** Prefix of custom attributes: {@code custom.cost_center}. */
    public static final String CUSTOM_PREFIX = "custom.";

    /** Every standard field (custom attributes aside). */
    public static final Set<String> ALL = Set.of(ID, EMPLOYEE_NUMBER, GIVEN_NAME, FAMILY_NAME, WORK_EMAIL, TITLE, GRADE,
            DEPARTMENT, TEAM, LOCATION, TIME_ZONE, LANGUAGES, MANAGER_ID, HIRE_DATE, STATUS, TERMINATION_DATE,
            EFFECTIVE_DATE);

    private static final Pattern CUSTOM = Pattern.compile("custom\\.[a-z][a-z0-9_]{0,49}");

    private PersonFields() {
    }

    /** True for a standard field or a well-formed {@code custom.<key>}. */
    public static boolean isKnown(String field) {
        return field != null && (ALL.contains(field) || CUSTOM.matcher(field).matches());
    }
}
