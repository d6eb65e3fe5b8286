package io.mentorhub.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mentorhub.api.connector.PersonFields;
import io.mentorhub.api.domain.Person;
import io.mentorhub.fixtures.syncconnector.PagedJsonVendor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sync users trust: a vendor change that blanks a field for everyone flags the run and does not wipe the stored
 * values — run after run — until an administrator accepts the drop; a few people legitimately losing a value are
 * applied as usual.
 */
class CoverageProtectionTest {

    private final SyncHub hub;

    CoverageProtectionTest() throws Exception {
        hub = new SyncHub();
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
    }

    private static JsonNode coverage(JsonNode run, String field) {
        for (JsonNode entry : run.path("coverage")) {
            if (entry.path("field").asText().equals(field)) {
                return entry;
            }
        }
        throw new AssertionError("no coverage of " + field + " in " + run);
    }

    @Test
    void aFieldTheVendorStoppedSendingIsFlaggedAndKeepsItsStoredValuesUntilTheDropIsAccepted() throws Exception {
        hub.vendor.seedCompany(100, 3);
        hub.configure("acme", Map.of());
        JsonNode baseline = hub.syncOk("acme", Map.of());
        assertFalse(baseline.path("flagged").asBoolean());
        Map<String, String> titles = new HashMap<>();
        hub.people().forEach((id, person) -> titles.put(id, person.title()));

        // The vendor's API change: title and cost centre come back empty for everyone.
        for (int i = 0; i < 100; i++) {
            Map<String, String> blank = new HashMap<>();
            blank.put(PersonFields.TITLE, null);
            blank.put("custom.cost_center", null);
            hub.vendor.change(PagedJsonVendor.id(i), blank);
        }
        JsonNode flagged = hub.syncOk("acme", Map.of());
        assertTrue(flagged.path("flagged").asBoolean(), flagged.toString());
        JsonNode title = coverage(flagged, "title");
        assertTrue(title.path("flagged").asBoolean());
        assertEquals(100.0, title.path("previous_percent").asDouble());
        assertEquals(0.0, title.path("percent").asDouble());
        assertTrue(coverage(flagged, "custom.cost_center").path("flagged").asBoolean());
        assertFalse(coverage(flagged, "department").path("flagged").asBoolean());
        assertTrue(flagged.path("warnings").toString().contains("coverage of title fell from 100.0% to 0.0%"),
                flagged.toString());
        hub.people().forEach((id, person) -> {
            assertEquals(titles.get(id), person.title(), id);
            assertTrue(person.customAttributes().containsKey("cost_center"), id);
        });

        // The flagged run is no baseline: the next run still protects the field.
        JsonNode next = hub.syncOk("acme", Map.of());
        assertTrue(next.path("flagged").asBoolean(), next.toString());
        assertEquals(100.0, coverage(next, "title").path("previous_percent").asDouble());
        assertEquals(titles.get(PagedJsonVendor.id(1)), hub.people().get(PagedJsonVendor.id(1)).title());

        // The administrator confirms the change was intended: the values go, and the new rates are the baseline.
        JsonNode accepted = hub.syncOk("acme", Map.of("accept_coverage_drop", true));
        assertFalse(accepted.path("flagged").asBoolean());
        assertEquals(100, accepted.path("counts").path("updated").asInt());
        hub.people().values().forEach(person -> assertNull(person.title(), person.id()));
        assertFalse(hub.syncOk("acme", Map.of()).path("flagged").asBoolean());
    }

    @Test
    void aFewPeopleLosingAValueIsNotADropAndIsApplied() throws Exception {
        hub.vendor.seedCompany(100, 3);
        hub.configure("acme", Map.of());
        hub.syncOk("acme", Map.of());
        for (int i = 0; i < 5; i++) {
            Map<String, String> blank = new HashMap<>();
            blank.put(PersonFields.TEAM, null);
            hub.vendor.change(PagedJsonVendor.id(i), blank);
        }
        JsonNode run = hub.syncOk("acme", Map.of());
        assertFalse(run.path("flagged").asBoolean(), run.toString());
        assertEquals(95.0, coverage(run, "team").path("percent").asDouble());
        Map<String, Person> people = hub.people();
        assertNull(people.get(PagedJsonVendor.id(0)).team());
        assertEquals(hub.vendor.people().get(PagedJsonVendor.id(10)).get(PersonFields.TEAM),
                people.get(PagedJsonVendor.id(10)).team());
    }
}
