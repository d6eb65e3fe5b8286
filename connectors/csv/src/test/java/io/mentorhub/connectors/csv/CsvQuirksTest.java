package io.mentorhub.connectors.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.ConnectorException.Kind;
import io.mentorhub.api.connector.PeoplePage;
import io.mentorhub.api.connector.PersonFields;
import io.mentorhub.testkit.CanonicalPeople;
import io.mentorhub.testkit.PeopleFileSandbox.Style;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSV connector's settings and the ways exports differ, beyond the contract. */
class CsvQuirksTest extends CsvContractTest {

    private ConnectorConfig configOf(Map<String, String> raw) throws ConnectorException {
        return ConnectorConfig.of("hr-folder", connector.settings(), raw, false);
    }

    @Test
    void otherStatusCodesTabsAndExtraColumnsFollowTheSettings() throws Exception {
        Path file = folder.resolve("export.tsv");
        Files.writeString(file, "Personnel No\tGiven\tState\tCost Center\tIgnored\n"
                + "7\tAda\tActive\tCC-1\tx\n8\tZoë\tGone\tCC-2\ty\n");
        ConnectorConfig config = configOf(Map.of("delimiter", "tab", "status_map", "Active:A, Gone:T",
                "columns", "id:Personnel No, given_name:Given, status:State, custom.cost_center:Cost Center"));
        PeoplePage page = connector.readPeople(config, file, null, 10);
        assertEquals(List.of("7", "8"), page.records().stream().map(r -> r.id()).toList());
        assertEquals("T", page.records().get(1).get(PersonFields.STATUS));
        assertEquals("CC-2", page.records().get(1).get("custom.cost_center"));
        assertEquals("Zoë", page.records().get(1).get(PersonFields.GIVEN_NAME));
    }

    @Test
    void aFileChangedUnderItsCursorIsRefused() throws Exception {
        Path file = exports.write(folder, CanonicalPeople.of(9), new Style(false, ',', false));
        ConnectorConfig config = config();
        PeoplePage first = connector.readPeople(config, file, null, 4);
        Files.writeString(file, "Employee ID\n1\n", java.nio.file.StandardOpenOption.APPEND);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        ConnectorException e = assertThrows(ConnectorException.class, () -> connector.readPeople(config, file,
                first.nextCursor(), 4));
        assertEquals(Kind.PERMANENT, e.kind());
        assertTrue(e.getMessage().contains("changed"), e.getMessage());
    }

    @Test
    void badSettingsAreOneConfigErrorNamingEach() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> connector.readPeople(configOf(Map.of(
                "columns", "given_name:First Name", "status_map", "Active:X", "date_format", "not a pattern ???")),
                folder.resolve("x.csv"), null, 10));
        assertEquals(Kind.CONFIG, e.kind());
        for (String part : List.of("columns: id must be mapped", "status_map:", "date_format:")) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void aHeaderNamingAMappedColumnTwiceIsRefused() throws Exception {
        Path file = folder.resolve("twice.csv");
        Files.writeString(file, "Employee ID,First Name,First Name\n1,Ada,Zoë\n");
        assertEquals(Kind.PERMANENT, assertThrows(ConnectorException.class,
                () -> connector.readPeople(configOf(Map.of("columns", "id:Employee ID, given_name:First Name")), file,
                        null, 10)).kind());
    }
}
