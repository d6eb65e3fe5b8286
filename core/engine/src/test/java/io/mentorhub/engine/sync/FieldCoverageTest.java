package io.mentorhub.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.connector.PersonRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldCoverageTest {

    @Test
    void fillRatesCountFilledValuesOfLivingRecordsOnly() {
        List<PersonRecord> records = new ArrayList<>();
        records.add(PersonRecord.of("1", Map.of("title", "A", "grade", "G1")));
        records.add(PersonRecord.of("2", Map.of("title", "B")));
        records.add(PersonRecord.deletedRecord("3"));
        FieldCoverage coverage = FieldCoverage.count(records, Set.of("id", "title", "grade"));
        assertEquals(new FieldCoverage.Rate(2, 2), coverage.rates().get("title"));
        assertEquals(new FieldCoverage.Rate(1, 2), coverage.rates().get("grade"));
        assertFalse(coverage.rates().containsKey("id"));
        assertEquals(new FieldCoverage.Rate(3, 4), coverage.plus(coverage).rates().get("grade").plus(
                new FieldCoverage.Rate(1, 0)));
    }

    @Test
    void aDropPastTheThresholdFlagsOnlyWithEnoughRecordsOnBothSides() {
        FieldCoverage.Rate before = new FieldCoverage.Rate(95, 100);
        assertTrue(FieldCoverage.dropped(before, new FieldCoverage.Rate(0, 100), 50));
        assertTrue(FieldCoverage.dropped(before, new FieldCoverage.Rate(40, 100), 50));
        assertFalse(FieldCoverage.dropped(before, new FieldCoverage.Rate(50, 100), 50));
        assertFalse(FieldCoverage.dropped(before, new FieldCoverage.Rate(0, 19), 50), "too few records now");
        assertFalse(FieldCoverage.dropped(new FieldCoverage.Rate(19, 19), new FieldCoverage.Rate(0, 100), 50));
        assertFalse(FieldCoverage.dropped(before, new FieldCoverage.Rate(0, 100), 100), "100 turns the check off");
        assertFalse(FieldCoverage.dropped(new FieldCoverage.Rate(0, 100), new FieldCoverage.Rate(0, 100), 50));
    }
}
