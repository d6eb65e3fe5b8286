package io.mentorhub.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.ConnectorException.Kind;
import io.mentorhub.api.connector.PeopleFileReader;
import io.mentorhub.api.connector.PeoplePage;
import io.mentorhub.api.connector.PersonRecord;
import io.mentorhub.api.connector.RejectedRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios every drop-folder connector ({@link PeopleFileReader}) passes: files with and without a byte order
 * mark, with {@code ,} or {@code ;} and either line end, read over three pages into exactly the people written; rows
 * that cannot become records rejected one by one, naming their row, while the rest arrive; files that cannot be read
 * at all (empty, the id column missing, not UTF-8, a quote that never ends) refused as PERMANENT; a page that repeats
 * for a repeated cursor.
 */
public abstract class PeopleFileContractTest extends ConnectorContractTest {

    @TempDir
    protected Path folder;

    protected abstract PeopleFileSandbox files();

    protected int pageSize() {
        return 4;
    }

    @Override
    protected Set<String> secrets() {
        return Set.of();
    }

    private PeopleFileReader reader() {
        return (PeopleFileReader) connector();
    }

    protected final List<PeoplePage> readAll(Path file) throws ConnectorException {
        ConnectorConfig config = config();
        List<PeoplePage> pages = new ArrayList<>();
        String cursor = null;
        do {
            PeoplePage page = reader().readPeople(config, file, cursor, pageSize());
            assertTrue(page.records().size() + page.rejected().size() <= pageSize(), "a page holds at most the page size");
            pages.add(page);
            cursor = page.nextCursor();
            assertTrue(pages.size() <= 1000, "the cursor never ends");
        } while (cursor != null);
        return pages;
    }

    private Map<String, PersonRecord> byId(List<PeoplePage> pages) {
        Map<String, PersonRecord> records = new LinkedHashMap<>();
        pages.forEach(p -> p.records().forEach(r -> assertEquals(null, records.put(r.id(), r), "row for " + r.id() + " came twice")));
        return records;
    }

    private Map<String, String> carried(PersonRecord person) {
        Map<String, String> fields = new HashMap<>();
        for (String field : files().fields()) {
            if (person.get(field) != null) {
                fields.put(field, person.get(field));
            }
        }
        return fields;
    }

    @Test
    void everyStyleOfExportIsReadOverThreePagesExactlyAsWritten() throws IOException, ConnectorException {
        List<PersonRecord> people = CanonicalPeople.of(3 * pageSize() - 1);
        for (PeopleFileSandbox.Style style : List.of(new PeopleFileSandbox.Style(false, ',', false),
                new PeopleFileSandbox.Style(true, ';', true), new PeopleFileSandbox.Style(true, ',', false),
                new PeopleFileSandbox.Style(false, ';', true))) {
            Path file = files().write(folder, people, style);
            List<PeoplePage> pages = readAll(file);
            assertEquals(3, pages.size(), style.toString());
            Map<String, PersonRecord> records = byId(pages);
            assertEquals(new TreeSet<>(people.stream().map(PersonRecord::id).toList()), new TreeSet<>(records.keySet()),
                    style.toString());
            for (PersonRecord person : people) {
                assertEquals(carried(person), carried(records.get(person.id())), style + ", person " + person.id());
            }
            pages.forEach(p -> assertEquals(List.of(), p.rejected(), style.toString()));
        }
    }

    @Test
    void brokenRowsAreRejectedNamingTheirRowAndTheRestArrive() throws IOException, ConnectorException {
        List<PersonRecord> people = CanonicalPeople.of(3 * pageSize());
        Set<String> broken = Set.of(CanonicalPeople.id(1), CanonicalPeople.id(5), CanonicalPeople.id(6),
                CanonicalPeople.id(9));
        Path file = files().writeWithBrokenRows(folder, people, broken);
        List<PeoplePage> pages = readAll(file);
        List<RejectedRecord> rejected = new ArrayList<>();
        pages.forEach(p -> rejected.addAll(p.rejected()));
        assertEquals(broken.size(), rejected.size(), rejected.toString());
        Set<String> wheres = new HashSet<>();
        for (RejectedRecord r : rejected) {
            assertTrue(r.where().matches(".*\\b(row|line) \\d+.*"), "names its row: " + r.where());
            assertTrue(wheres.add(r.where()), "each rejection names its own row");
            assertFalse(r.reason().isBlank());
        }
        Map<String, PersonRecord> records = byId(pages);
        assertEquals(people.size() - broken.size(), records.size());
        broken.forEach(id -> assertFalse(records.containsKey(id), id));
    }

    @Test
    void aFileThatCannotBeReadIsRefusedAsAWhole() throws IOException {
        for (PeopleFileSandbox.Unreadable how : PeopleFileSandbox.Unreadable.values()) {
            Path file = files().writeUnreadable(folder, how);
            ConnectorException e = assertThrows(ConnectorException.class, () -> readAll(file), how.name());
            assertFailure(Kind.PERMANENT, e);
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Test
    void aPageRepeatsForARepeatedCursor() throws IOException, ConnectorException {
        Path file = files().write(folder, CanonicalPeople.of(2 * pageSize() + 1), new PeopleFileSandbox.Style(true, ';', true));
        ConnectorConfig config = config();
        PeoplePage first = reader().readPeople(config, file, null, pageSize());
        PeoplePage second = reader().readPeople(config, file, first.nextCursor(), pageSize());
        PeoplePage again = reader().readPeople(config, file, first.nextCursor(), pageSize());
        assertEquals(second, again);
    }

    @Test
    void aCursorItDidNotWriteIsRefused() throws IOException {
        Path file = files().write(folder, CanonicalPeople.of(3), new PeopleFileSandbox.Style(false, ',', false));
        assertFailure(Kind.PERMANENT, assertThrows(ConnectorException.class,
                () -> reader().readPeople(config(), file, "not-a-cursor", pageSize())));
    }
}
