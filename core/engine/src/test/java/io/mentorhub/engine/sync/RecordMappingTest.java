package io.mentorhub.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.connector.PersonFields;
import io.mentorhub.api.connector.PersonRecord;
import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.PersonStatus;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordMappingTest {

    private static final Set<String> ALL = allowlist("custom.cost_center");
    private static final Person STORED = new Person("E1", "N1", "Ada", "Lovelace", "ada@example.com", "Engineer", "G5",
            "Engineering", "Platform", "Berlin", "Europe/Berlin", List.of("en"), "M1", LocalDate.of(2020, 1, 6),
            PersonStatus.A, Map.of("cost_center", "CC-1", "pronouns", "she/her"));

    private static Set<String> allowlist(String... extra) {
        Set<String> fields = new LinkedHashSet<>(PersonFields.ALL);
        fields.addAll(List.of(extra));
        return fields;
    }

    private static Map<String, String> full(Map<String, String> changes) {
        Map<String, String> fields = new HashMap<>(Map.of("employee_number", "N1", "given_name", "Ada", "family_name",
                "Lovelace", "work_email", "ada@example.com", "title", "Engineer", "grade", "G5", "department",
                "Engineering", "team", "Platform", "location", "Berlin", "time_zone", "Europe/Berlin"));
        fields.putAll(Map.of("languages", "en", "manager_id", "M1", "hire_date", "2020-01-06", "status", "A",
                "custom.cost_center", "CC-1"));
        fields.putAll(changes);
        fields.values().removeIf(v -> v == null);
        return fields;
    }

    private static RecordMapping.Outcome map(Map<String, String> fields, Person stored, Set<String> allowlist,
            Set<String> protectedFields) {
        return RecordMapping.map(PersonRecord.of("E1", fields), stored, allowlist, protectedFields,
                id -> id.startsWith("M"));
    }

    @Test
    void theSameRecordGivesTheSamePerson() {
        RecordMapping.Apply apply = assertInstanceOf(RecordMapping.Apply.class, map(full(Map.of()), STORED, ALL, Set.of()));
        assertEquals(STORED, apply.person());
        assertNull(apply.pendingManager());
        assertFalse(apply.terminates());
    }

    @Test
    void fieldsOutsideTheAllowlistKeepTheirStoredValueAndAreNeverTaken() {
        Set<String> noTitle = new LinkedHashSet<>(ALL);
        noTitle.remove(PersonFields.TITLE);
        Person person = ((RecordMapping.Apply) map(full(Map.of("title", "CEO")), STORED, noTitle, Set.of())).person();
        assertEquals("Engineer", person.title());
        Person created = ((RecordMapping.Apply) map(full(Map.of("title", "CEO")), null, noTitle, Set.of())).person();
        assertNull(created.title());
        assertEquals("she/her", person.customAttributes().get("pronouns"), "not the connector's: kept");
    }

    @Test
    void anEmptyValueClearsTheStoredOneUnlessTheFieldsCoverageWasFlagged() {
        Map<String, String> blank = new HashMap<>(full(Map.of()));
        blank.remove("title");
        blank.remove("custom.cost_center");
        RecordMapping.Apply cleared = (RecordMapping.Apply) map(blank, STORED, ALL, Set.of());
        assertNull(cleared.person().title());
        assertNull(cleared.person().customAttributes().get("cost_center"));
        assertEquals(0, cleared.keptValues());
        RecordMapping.Apply kept = (RecordMapping.Apply) map(blank, STORED, ALL, Set.of("title", "custom.cost_center"));
        assertEquals("Engineer", kept.person().title());
        assertEquals("CC-1", kept.person().customAttributes().get("cost_center"));
        assertEquals(2, kept.keptValues());
    }

    @Test
    void aPersonKeepsTheirNamesButANewOneNeedsThem() {
        Map<String, String> nameless = new HashMap<>(full(Map.of()));
        nameless.remove("given_name");
        assertEquals("Ada", ((RecordMapping.Apply) map(nameless, STORED, ALL, Set.of())).person().givenName());
        RecordMapping.Reject reject = assertInstanceOf(RecordMapping.Reject.class, map(nameless, null, ALL, Set.of()));
        assertTrue(reject.reason().startsWith("given_name"), reject.reason());
    }

    @Test
    void aManagerTheHubDoesNotKnowYetWaitsAndSelfManagementMeansNone() {
        RecordMapping.Apply waiting = (RecordMapping.Apply) map(full(Map.of("manager_id", "X9")), STORED, ALL, Set.of());
        assertEquals("X9", waiting.pendingManager());
        assertEquals("M1", waiting.person().managerId(), "the known manager stays until X9 arrives");
        RecordMapping.Apply known = (RecordMapping.Apply) map(full(Map.of("manager_id", "M2")), STORED, ALL, Set.of());
        assertEquals("M2", known.person().managerId());
        RecordMapping.Apply top = (RecordMapping.Apply) map(full(Map.of("manager_id", "E1")), STORED, ALL, Set.of());
        assertNull(top.person().managerId());
        assertNull(top.pendingManager());
    }

    @Test
    void aTerminationIsDatedAtItsTerminationDateOtherChangesAtTheirEffectiveDate() {
        RecordMapping.Apply leaver = (RecordMapping.Apply) map(full(Map.of("status", "T", "termination_date",
                "2026-02-27", "effective_date", "2026-02-01")), STORED, ALL, Set.of());
        assertTrue(leaver.terminates());
        assertEquals(LocalDate.parse("2026-02-27"), leaver.effectiveDate());
        RecordMapping.Apply promoted = (RecordMapping.Apply) map(full(Map.of("title", "Staff Engineer",
                "effective_date", "2026-04-01")), STORED, ALL, Set.of());
        assertEquals(LocalDate.parse("2026-04-01"), promoted.effectiveDate());
        assertNull(((RecordMapping.Apply) map(full(Map.of()), STORED, ALL, Set.of())).effectiveDate());
    }

    @Test
    void aDeletionTerminatesNeverDeletesAndADeletionOfAStrangerIsNothing() {
        RecordMapping.Apply deleted = (RecordMapping.Apply) RecordMapping.map(PersonRecord.deletedRecord("E1"), STORED,
                ALL, Set.of(), id -> true);
        assertTrue(deleted.terminates());
        assertEquals(PersonStatus.T, deleted.person().status());
        assertEquals("Engineer", deleted.person().title(), "everything else stays");
        assertInstanceOf(RecordMapping.Skip.class, RecordMapping.map(PersonRecord.deletedRecord("E2"), null, ALL,
                Set.of(), id -> true));
    }

    @Test
    void invalidValuesAreRefusedNamingTheFieldButNotTheValue() {
        Map<String, String> cases = Map.of("hire_date", "06/01/2020", "status", "X", "work_email", "not-an-address",
                "time_zone", "Mars/Olympus", "languages", "English!");
        cases.forEach((field, value) -> {
            RecordMapping.Reject reject = assertInstanceOf(RecordMapping.Reject.class,
                    map(full(Map.of(field, value)), STORED, ALL, Set.of()), field);
            assertTrue(reject.reason().contains(field), reject.reason());
            assertFalse(reject.reason().contains(value), reject.reason());
        });
    }
}
