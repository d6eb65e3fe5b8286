package io.mentorhub.engine.sync;

import io.mentorhub.api.connector.PersonFields;
import io.mentorhub.api.connector.PersonRecord;
import io.mentorhub.api.domain.InvalidValueException;
import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.PersonStatus;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns one HRIS record into the person the hub stores, merged with what it stores already:
 * <ul>
 * <li>only allowlisted fields are taken; every other field keeps its stored value (it may come from another source);</li>
 * <li>an allowlisted field the vendor left empty clears the stored value — unless the run flagged that field's
 * coverage (the vendor probably stopped sending it), in which case the stored value is kept; required names are kept
 * too;</li>
 * <li>a manager the hub does not know yet is not linked now but returned as pending: it is linked once the manager
 * arrives (later in the run, or in a later run); a person named as their own manager has none;</li>
 * <li>status T dates its history at termination_date; other changes at effective_date (else the sync date);</li>
 * <li>a deleted record terminates the person; people are never deleted.</li>
 * </ul>
 * A record that cannot become a valid person is rejected with the reason, naming fields, never values.
 */
final class RecordMapping {

    sealed interface Outcome permits Apply, Skip, Reject {
    }

    /**
     * @param pendingManager a manager id to link once that person is known; null if none is pending
     * @param keptValues     how many empty values did not overwrite a stored one
     */
    record Apply(Person person, LocalDate effectiveDate, String pendingManager, boolean terminates, int keptValues)
            implements Outcome {
    }

    /** Nothing to do: a deletion of someone the hub never had. */
    record Skip() implements Outcome {
    }

    record Reject(String reason) implements Outcome {
    }

    private RecordMapping() {
    }

    static Outcome map(PersonRecord record, Person stored, Set<String> fields, Set<String> protectedFields,
            Predicate<String> managerKnown) {
        if (record.deleted()) {
            if (stored == null) {
                return new Skip();
            }
            if (stored.status() == PersonStatus.T) {
                return new Apply(stored, null, null, false, 0);
            }
            return new Apply(with(stored, PersonStatus.T), null, null, true, 0);
        }
        Merge merge = new Merge(record, stored, fields, protectedFields);
        try {
            String givenName = merge.required(PersonFields.GIVEN_NAME, stored == null ? null : stored.givenName());
            String familyName = merge.required(PersonFields.FAMILY_NAME, stored == null ? null : stored.familyName());
            if (givenName == null || familyName == null) {
                return new Reject((givenName == null ? "given_name" : "family_name") + " is empty: a new person needs "
                        + "given_name and family_name");
            }
            String statusText = merge.value(PersonFields.STATUS, stored == null ? null : stored.status().name());
            PersonStatus status = statusText == null ? PersonStatus.A : status(statusText);
            if (status == null) {
                return new Reject("status must be A, L or T");
            }
            String languages = merge.value(PersonFields.LANGUAGES,
                    stored == null || stored.languages().isEmpty() ? null : String.join(",", stored.languages()));
            String hire = merge.value(PersonFields.HIRE_DATE,
                    stored == null || stored.hireDate() == null ? null : stored.hireDate().toString());
            LocalDate hireDate = hire == null ? null : date(hire, PersonFields.HIRE_DATE);
            LocalDate terminationDate = date(record.get(PersonFields.TERMINATION_DATE), PersonFields.TERMINATION_DATE);
            LocalDate effectiveDate = date(record.get(PersonFields.EFFECTIVE_DATE), PersonFields.EFFECTIVE_DATE);
            if (!fields.contains(PersonFields.TERMINATION_DATE)) {
                terminationDate = null;
            }
            if (!fields.contains(PersonFields.EFFECTIVE_DATE)) {
                effectiveDate = null;
            }

            String storedManager = stored == null ? null : stored.managerId();
            String manager = merge.value(PersonFields.MANAGER_ID, storedManager);
            String pending = null;
            if (manager != null && manager.equals(record.id())) {
                manager = null;
            }
            if (manager != null && !manager.equals(storedManager) && !managerKnown.test(manager)) {
                pending = manager;
                manager = storedManager;
            }

            Map<String, String> custom = new LinkedHashMap<>(stored == null ? Map.of() : stored.customAttributes());
            for (String field : fields) {
                if (field.startsWith(PersonFields.CUSTOM_PREFIX)) {
                    String key = field.substring(PersonFields.CUSTOM_PREFIX.length());
                    String value = merge.value(field, custom.get(key));
                    if (value == null) {
                        custom.remove(key);
                    } else {
                        custom.put(key, value);
                    }
                }
            }

            Person person = new Person(record.id(),
                    merge.value(PersonFields.EMPLOYEE_NUMBER, stored == null ? null : stored.employeeNumber()),
                    givenName, familyName,
                    merge.value(PersonFields.WORK_EMAIL, stored == null ? null : stored.workEmail()),
                    merge.value(PersonFields.TITLE, stored == null ? null : stored.title()),
                    merge.value(PersonFields.GRADE, stored == null ? null : stored.grade()),
                    merge.value(PersonFields.DEPARTMENT, stored == null ? null : stored.department()),
                    merge.value(PersonFields.TEAM, stored == null ? null : stored.team()),
                    merge.value(PersonFields.LOCATION, stored == null ? null : stored.location()),
                    merge.value(PersonFields.TIME_ZONE, stored == null ? null : stored.timeZone()),
                    languages(languages), manager, hireDate, status, custom);
            boolean terminates = status == PersonStatus.T && (stored == null || stored.status() != PersonStatus.T);
            LocalDate effective = terminates && terminationDate != null ? terminationDate : effectiveDate;
            return new Apply(person, effective, pending, terminates && stored != null, merge.kept);
        } catch (InvalidValueException e) {
            return new Reject(e.field() + ": " + e.reason());
        } catch (Invalid e) {
            return new Reject(e.getMessage());
        }
    }

    /** Which value each field ends up with, and how many empty values were kept from being applied. */
    private static final class Merge {
        private final PersonRecord record;
        private final Person stored;
        private final Set<String> fields;
        private final Set<String> protectedFields;
        private int kept;

        Merge(PersonRecord record, Person stored, Set<String> fields, Set<String> protectedFields) {
            this.record = record;
            this.stored = stored;
            this.fields = fields;
            this.protectedFields = protectedFields;
        }

        String value(String field, String storedValue) {
            if (!fields.contains(field)) {
                return storedValue;
            }
            String value = record.get(field);
            if (value != null) {
                return value;
            }
            if (stored != null && storedValue != null && protectedFields.contains(field)) {
                kept++;
                return storedValue;
            }
            return null;
        }

        String required(String field, String storedValue) {
            String value = value(field, storedValue);
            if (value == null && storedValue != null) {
                kept++;
                return storedValue;
            }
            return value;
        }
    }

    private static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private static PersonStatus status(String text) {
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "A" -> PersonStatus.A;
            case "L" -> PersonStatus.L;
            case "T" -> PersonStatus.T;
            default -> null;
        };
    }

    private static LocalDate date(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Invalid(field + " must be a date such as 2026-03-31");
        }
    }

    private static List<String> languages(String text) {
        List<String> languages = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    languages.add(part.strip());
                }
            }
        }
        return languages;
    }

    private static Person with(Person p, PersonStatus status) {
        return new Person(p.id(), p.employeeNumber(), p.givenName(), p.familyName(), p.workEmail(), p.title(),
                p.grade(), p.department(), p.team(), p.location(), p.timeZone(), p.languages(), p.managerId(),
                p.hireDate(), status, p.customAttributes());
    }

    /** The same person with this manager (a pending link being resolved). */
    static Person withManager(Person p, String managerId) {
        return new Person(p.id(), p.employeeNumber(), p.givenName(), p.familyName(), p.workEmail(), p.title(),
                p.grade(), p.department(), p.team(), p.location(), p.timeZone(), p.languages(), managerId,
                p.hireDate(), p.status(), p.customAttributes());
    }
}
