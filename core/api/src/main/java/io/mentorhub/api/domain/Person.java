package io.mentorhub.api.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A person as the HRIS knows them. {@code id} is the HRIS's stable identifier; people are never deleted — a leaver
 * is status T and keeps their dated history, which retention and promotion metrics read.
 */
public record Person(
        String id,
        String employeeNumber,
        String givenName,
        String familyName,
        String workEmail,
        String title,
        String grade,
        String department,
        String team,
        String location,
        String timeZone,
        List<String> languages,
        String managerId,
        LocalDate hireDate,
        PersonStatus status,
        Map<String, String> customAttributes) {

    public Person {
        id = Check.id("id", id);
        employeeNumber = Check.optionalText("employee_number", employeeNumber, 64);
        givenName = Check.text("given_name", givenName, 100);
        familyName = Check.text("family_name", familyName, 100);
        workEmail = Check.email("work_email", workEmail);
        title = Check.optionalText("title", title, 200);
        grade = Check.optionalText("grade", grade, 50);
        department = Check.optionalText("department", department, 200);
        team = Check.optionalText("team", team, 200);
        location = Check.optionalText("location", location, 200);
        timeZone = Check.timeZone("time_zone", timeZone);
        languages = Check.languages("languages", languages);
        managerId = Check.optionalId("manager_id", managerId);
        if (id.equals(managerId)) {
            throw new InvalidValueException("manager_id", "a person cannot be their own manager");
        }
        if (hireDate != null && (hireDate.getYear() < 1900 || hireDate.getYear() > 2200)) {
            throw new InvalidValueException("hire_date", "must be a real date");
        }
        Check.required("status", status);
        customAttributes = Check.attributes("custom_attributes", customAttributes, 50, 500);
    }

    /** The fields whose changes are kept as dated history. */
    public enum TrackedField {
        TITLE, GRADE, DEPARTMENT, MANAGER_ID, STATUS;

        public String valueOf(Person person) {
            return switch (this) {
                case TITLE -> person.title();
                case GRADE -> person.grade();
                case DEPARTMENT -> person.department();
                case MANAGER_ID -> person.managerId();
                case STATUS -> person.status().name();
            };
        }
    }

    /** One dated change of a tracked field: what it was, what it became, from when. */
    public record Change(String personId, TrackedField field, String oldValue, String newValue, LocalDate effectiveDate) {
        public Change {
            Check.id("person_id", personId);
            Check.required("field", field);
            Check.required("effective_date", effectiveDate);
        }
    }
}
