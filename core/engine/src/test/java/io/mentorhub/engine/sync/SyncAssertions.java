package io.mentorhub.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.mentorhub.api.connector.PersonFields;
import io.mentorhub.api.domain.Person;
import java.util.Map;
import java.util.Objects;

/** A stored person compared field by field with the vendor's record. */
final class SyncAssertions {

    private SyncAssertions() {
    }

    static void sameAsVendor(String id, Map<String, String> fields, Person person) {
        assertNotNull(person, id);
        assertEquals(fields.get(PersonFields.EMPLOYEE_NUMBER), person.employeeNumber(), id);
        assertEquals(fields.get(PersonFields.GIVEN_NAME), person.givenName(), id);
        assertEquals(fields.get(PersonFields.FAMILY_NAME), person.familyName(), id);
        assertEquals(lower(fields.get(PersonFields.WORK_EMAIL)), person.workEmail(), id);
        assertEquals(fields.get(PersonFields.TITLE), person.title(), id);
        assertEquals(fields.get(PersonFields.GRADE), person.grade(), id);
        assertEquals(fields.get(PersonFields.DEPARTMENT), person.department(), id);
        assertEquals(fields.get(PersonFields.TEAM), person.team(), id);
        assertEquals(fields.get(PersonFields.LOCATION), person.location(), id);
        assertEquals(fields.get(PersonFields.TIME_ZONE), person.timeZone(), id);
        assertEquals(fields.get(PersonFields.LANGUAGES) == null ? "" : fields.get(PersonFields.LANGUAGES),
                String.join(",", person.languages()), id);
        assertEquals(fields.get(PersonFields.MANAGER_ID), person.managerId(), id);
        assertEquals(fields.get(PersonFields.HIRE_DATE), Objects.toString(person.hireDate(), null), id);
        assertEquals(fields.getOrDefault(PersonFields.STATUS, "A"), person.status().name(), id);
        assertEquals(fields.get("custom.cost_center"), person.customAttributes().get("cost_center"), id);
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(java.util.Locale.ROOT);
    }
}
