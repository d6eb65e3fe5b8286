package io.mentorhub.testkit;

import io.mentorhub.api.connector.PersonFields;
import io.mentorhub.api.connector.PersonRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The people every connector sandbox serves, in the hub's own terms: a small company with a management chain, people
 * on leave and leavers, names beyond ASCII, and values with commas, semicolons, quotes and a line break — what
 * real HRIS data holds and what breaks naive parsers. Deterministic: the same {@code n} gives the same people.
 */
public final class CanonicalPeople {

    private static final String[] GIVEN = {"Ada", "Zoë", "Łukasz", "Amara", "José", "Mei", "Søren", "Nuno", "Aoife",
        "Ravi", "Chiara", "Kwame"};
    private static final String[] FAMILY = {"Lovelace", "Müller", "Nowak", "Okafor", "García", "Sato", "Kierkegaard",
        "Silva", "O'Brien", "Iyer", "Bianchi", "Mensah"};
    private static final String[] TITLES = {"Engineer, \"Platform\"", "Product Manager", "Data Analyst",
        "Head of People"};
    private static final String[] DEPARTMENTS = {"Engineering", "Sales; EMEA", "People\nOperations", "Finance"};
    private static final String[] LOCATIONS = {"Berlin", "Lisbon", "Tokyo", "Accra"};

    private CanonicalPeople() {
    }

    /** The HRIS id of the {@code i}-th person (numeric, as most HRIS number their employees). */
    public static String id(int i) {
        return String.valueOf(1001 + i);
    }

    /**
     * {@code n} people. Person 0 heads the company; everyone else reports to person {@code (i - 1) / 3}. Every tenth
     * person from the eighth on has left (status T with a termination date), every tenth from the fifth on is on
     * leave (L); the rest are active (A).
     */
    public static List<PersonRecord> of(int n) {
        List<PersonRecord> people = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, String> fields = new LinkedHashMap<>();
            String given = GIVEN[i % GIVEN.length];
            String family = FAMILY[(i / GIVEN.length + i) % FAMILY.length];
            LocalDate hired = LocalDate.of(2015, 1, 5).plusDays(37L * i);
            fields.put(PersonFields.EMPLOYEE_NUMBER, "EMP-" + (500 + i));
            fields.put(PersonFields.GIVEN_NAME, given);
            fields.put(PersonFields.FAMILY_NAME, family);
            fields.put(PersonFields.WORK_EMAIL, ascii(given) + "." + ascii(family) + "." + i + "@northwind.example");
            fields.put(PersonFields.TITLE, TITLES[i % TITLES.length]);
            fields.put(PersonFields.DEPARTMENT, DEPARTMENTS[i % DEPARTMENTS.length]);
            fields.put(PersonFields.LOCATION, LOCATIONS[i % LOCATIONS.length]);
            if (i > 0) {
                fields.put(PersonFields.MANAGER_ID, id((i - 1) / 3));
            }
            fields.put(PersonFields.HIRE_DATE, hired.toString());
            if (i % 10 == 7) {
                fields.put(PersonFields.STATUS, "T");
                fields.put(PersonFields.TERMINATION_DATE, hired.plusDays(400).toString());
            } else {
                fields.put(PersonFields.STATUS, i % 10 == 4 ? "L" : "A");
            }
            people.add(PersonRecord.of(id(i), fields));
        }
        return List.copyOf(people);
    }

    private static String ascii(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "")
                .toLowerCase(Locale.ROOT);
    }
}
