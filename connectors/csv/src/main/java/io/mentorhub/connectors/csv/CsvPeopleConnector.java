package io.mentorhub.connectors.csv;

import io.mentorhub.api.connector.Capability;
import io.mentorhub.api.connector.Connector;
import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.ConnectorKind;
import io.mentorhub.api.connector.PeopleFileReader;
import io.mentorhub.api.connector.PeoplePage;
import io.mentorhub.api.connector.PersonFields;
import io.mentorhub.api.connector.PersonRecord;
import io.mentorhub.api.connector.RejectedRecord;
import io.mentorhub.api.connector.Setting;
import io.mentorhub.connectors.support.records.Cursors;
import io.mentorhub.connectors.support.records.DateValues;
import io.mentorhub.connectors.support.records.FieldMapping;
import io.mentorhub.connectors.support.records.StatusMapping;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.osgi.service.component.annotations.Component;

/**
 * Reads the people file an HRIS drops into the hub's watched folder: CSV as RFC 4180 describes it (quoted fields may
 * hold the delimiter, doubled quotes and line breaks), UTF-8 with or without a byte order mark, {@code ,} or
 * {@code ;} (configured, or taken from whichever the header line uses). The header names the columns; {@code columns}
 * maps them to person fields, {@code status_map} the status codes to A/L/T and {@code date_format} the dates to ISO.
 *
 * <p>Parsing is Apache Commons CSV's (a maintained, widely used parser, copied into this bundle), not hand-written:
 * quoting edge cases are where hand parsers lose rows. A row that cannot become a record is rejected with its row
 * number (as a spreadsheet numbers it: the header is row 1) and the reason, never its content; a file that cannot be
 * read at all — empty, a mapped column missing from the header, not UTF-8, a quote that never closes — is PERMANENT.
 * Each page is read from the cursor's character position, so paging a large file costs one pass; a cursor also
 * remembers the file's size and modification time and is refused if the file changed under it.
 */
@Component(service = {Connector.class, PeopleFileReader.class})
public final class CsvPeopleConnector implements Connector, PeopleFileReader {

    static final String COLUMNS = "columns";
    static final String DELIMITER = "delimiter";
    static final String STATUS_MAP = "status_map";
    static final String DATE_FORMAT = "date_format";

    static final String DEFAULT_COLUMNS = "id:Employee ID, given_name:First Name, family_name:Last Name, "
            + "work_email:Work Email, title:Job Title, department:Department, location:Location, "
            + "manager_id:Manager ID, hire_date:Hire Date, status:Status, termination_date:Termination Date";

    private static final List<Setting> SETTINGS = List.of(
            Setting.optional(COLUMNS, "Columns", Setting.Type.STRING, DEFAULT_COLUMNS,
                    "person_field:Header Name pairs, comma-separated; id is required. Every mapped column must be in "
                            + "the file's header, so a changed export stops instead of emptying a field"),
            Setting.choice(DELIMITER, "Delimiter", "auto", List.of("auto", ",", ";", "tab"),
                    "The field separator; auto takes , or ; from the header line"),
            Setting.optional(STATUS_MAP, "Status codes", Setting.Type.STRING, "A:A, L:L, T:T",
                    "File status value:A|L|T pairs (A active, L on leave, T terminated), e.g. A:A, L:L, T:T, "
                            + "Active:A, Terminated:T"),
            Setting.optional(DATE_FORMAT, "Date format", Setting.Type.STRING, "yyyy-MM-dd",
                    "How the file writes dates (Java DateTimeFormatter pattern), e.g. dd.MM.yyyy or MM/dd/yyyy"));

    private static final Set<String> DATES = Set.of(PersonFields.HIRE_DATE, PersonFields.TERMINATION_DATE,
            PersonFields.EFFECTIVE_DATE);
    private static final String CURSOR = "csv.1";

    @Override
    public String id() {
        return "csv";
    }

    @Override
    public String displayName() {
        return "CSV drop folder";
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.HRIS;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.PEOPLE_FILE);
    }

    @Override
    public List<Setting> settings() {
        return SETTINGS;
    }

    @Override
    public PeoplePage readPeople(ConnectorConfig config, Path file, String cursor, int pageSize)
            throws ConnectorException {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be positive");
        }
        Layout layout = Layout.of(config);
        String name = file.getFileName().toString();
        String fingerprint = fingerprint(file, name);
        long offset = -1;
        long recordNumber = 0;
        if (cursor != null) {
            try {
                List<String> parts = Cursors.decode(CURSOR, cursor, 3);
                if (!parts.get(0).equals(fingerprint)) {
                    throw ConnectorException.permanent(name + " changed while it was being read; drop it again");
                }
                offset = Long.parseLong(parts.get(1));
                recordNumber = Long.parseLong(parts.get(2));
            } catch (IllegalArgumentException e) {
                throw ConnectorException.permanent(name + ": the cursor was not written by this connector");
            }
        }
        try (Reader header = open(file)) {
            char delimiter = layout.delimiter != 0 ? layout.delimiter : sniff(file);
            CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
            CSVParser headerParser = CSVParser.builder().setReader(header).setFormat(format).get();
            Iterator<CSVRecord> rows = headerParser.iterator();
            if (!rows.hasNext()) {
                throw ConnectorException.permanent(name + " is empty: a people file starts with a header row");
            }
            Columns columns = columns(name, rows.next(), layout.mapping);
            if (offset >= 0) {
                // Resume: a second reader positioned where the previous page stopped.
                try (Reader rest = open(file)) {
                    skip(rest, offset);
                    CSVParser parser = CSVParser.builder().setReader(rest).setFormat(format).setCharacterOffset(offset)
                            .setRecordNumber(recordNumber).get();
                    return page(name, fingerprint, parser.iterator(), columns, layout, pageSize);
                }
            }
            return page(name, fingerprint, rows, columns, layout, pageSize);
        } catch (UncheckedIOException | IOException e) {
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw unreadable(name, cause);
        }
    }

    private static PeoplePage page(String name, String fingerprint, Iterator<CSVRecord> rows, Columns columns,
            Layout layout, int pageSize) {
        List<PersonRecord> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        while (rows.hasNext()) {
            CSVRecord row = rows.next();
            if (records.size() + rejected.size() == pageSize) {
                String next = Cursors.encode(CURSOR, fingerprint, Long.toString(row.getCharacterPosition()),
                        Long.toString(row.getRecordNumber() - 1));
                return new PeoplePage(records, rejected, next);
            }
            String where = name + " row " + row.getRecordNumber();
            try {
                records.add(record(row, columns, layout));
            } catch (IllegalArgumentException e) {
                String id = row.size() > columns.idIndex ? row.get(columns.idIndex).strip() : "";
                rejected.add(new RejectedRecord(where, id.isEmpty() || id.length() > 64 ? null : id, e.getMessage()));
            }
        }
        return new PeoplePage(records, rejected, null);
    }

    private static PersonRecord record(CSVRecord row, Columns columns, Layout layout) {
        if (row.size() != columns.headerSize) {
            throw new IllegalArgumentException("has " + row.size() + " fields, the header has " + columns.headerSize);
        }
        String id = row.get(columns.idIndex).strip();
        if (id.isEmpty()) {
            throw new IllegalArgumentException("has no " + columns.idColumn);
        }
        if (id.length() > 64) {
            throw new IllegalArgumentException(columns.idColumn + " is longer than 64 characters");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> column : columns.indexByField.entrySet()) {
            String field = column.getKey();
            String value = row.get(column.getValue()).strip();
            if (value.isEmpty() || field.equals(PersonFields.ID)) {
                continue;
            }
            String header = layout.mapping.vendorName(field);
            if (field.equals(PersonFields.STATUS)) {
                value = layout.statuses.code(value).orElseThrow(() -> new IllegalArgumentException(
                        header + " has a code status_map does not know"));
            } else if (DATES.contains(field)) {
                try {
                    value = DateValues.iso(value, layout.dates);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(header + " is not a date as " + layout.datePattern);
                }
            }
            fields.put(field, value);
        }
        return PersonRecord.of(id, fields);
    }

    private static Columns columns(String name, CSVRecord header, FieldMapping mapping) throws ConnectorException {
        Map<String, Integer> indexByHeader = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i).strip();
            if (!column.isEmpty() && indexByHeader.putIfAbsent(column, i) != null
                    && mapping.entries().containsValue(column)) {
                throw ConnectorException.permanent(name + ": the header names column '" + column + "' twice");
            }
        }
        Map<String, Integer> indexByField = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        mapping.entries().forEach((field, column) -> {
            Integer index = indexByHeader.get(column);
            if (index == null) {
                missing.add(column);
            } else {
                indexByField.put(field, index);
            }
        });
        if (!missing.isEmpty()) {
            throw ConnectorException.permanent(name + ": the header lacks the mapped column(s) " + missing
                    + " — is the first row a header, and does the export still have these columns?");
        }
        String idColumn = mapping.vendorName(PersonFields.ID);
        return new Columns(indexByField, indexByField.get(PersonFields.ID), idColumn, header.size());
    }

    private record Columns(Map<String, Integer> indexByField, int idIndex, String idColumn, int headerSize) {
    }

    /** Strict UTF-8 (a Latin-1 export fails instead of turning names into mojibake), byte order mark skipped. */
    private static Reader open(Path file) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), utf8), 64 * 1024);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    private static void skip(Reader reader, long chars) throws IOException {
        long left = chars;
        while (left > 0) {
            long skipped = reader.skip(left);
            if (skipped <= 0) {
                throw new IOException("the file is shorter than the cursor");
            }
            left -= skipped;
        }
    }

    /** The delimiter the header line uses: the more frequent of , and ; outside quotes (, if neither). */
    private static char sniff(Path file) throws IOException {
        try (Reader reader = open(file)) {
            int commas = 0;
            int semicolons = 0;
            boolean quoted = false;
            int c;
            while ((c = reader.read()) != -1) {
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && (c == '\n' || c == '\r')) {
                    break;
                } else if (!quoted && c == ',') {
                    commas++;
                } else if (!quoted && c == ';') {
                    semicolons++;
                }
            }
            return semicolons > commas ? ';' : ',';
        }
    }

    private static String fingerprint(Path file, String name) throws ConnectorException {
        try {
            return Files.size(file) + "-" + Files.getLastModifiedTime(file).toMillis();
        } catch (NoSuchFileException e) {
            throw ConnectorException.permanent(name + " is gone from the folder");
        } catch (IOException e) {
            throw ConnectorException.transientFailure(name + " could not be read (" + e.getClass().getSimpleName()
                    + ")", null);
        }
    }

    private static ConnectorException unreadable(String name, IOException cause) {
        if (cause instanceof CharacterCodingException) {
            return ConnectorException.permanent(name + " is not UTF-8 text; export it as UTF-8 (with or without BOM)");
        }
        if (cause instanceof NoSuchFileException) {
            return ConnectorException.permanent(name + " is gone from the folder");
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        if (message.contains("EOF reached before encapsulated token finished")) {
            return ConnectorException.permanent(name + " has a quoted field that never closes ("
                    + message.replaceAll(".*\\(line (\\d+)\\).*", "from line $1").replaceAll("[^a-z0-9 ]", "")
                    + "); every field that starts with a quote must end with one");
        }
        if (message.startsWith("Invalid char between encapsulated token and delimiter")) {
            return ConnectorException.permanent(name + " has text after a closing quote ("
                    + message.replaceAll(".*at line: (\\d+).*", "line $1") + "); quotes inside a field are doubled");
        }
        return ConnectorException.transientFailure(name + " could not be read (" + cause.getClass().getSimpleName()
                + ")", null);
    }

    @Override
    public String toString() {
        return "CsvPeopleConnector";
    }

    /** An instance's file layout, checked. */
    private record Layout(FieldMapping mapping, char delimiter, StatusMapping statuses, DateTimeFormatter dates,
            String datePattern) {

        static Layout of(ConnectorConfig config) throws ConnectorException {
            List<String> problems = new ArrayList<>();
            FieldMapping mapping = null;
            StatusMapping statuses = null;
            DateTimeFormatter dates = null;
            try {
                mapping = FieldMapping.parse(config.text(COLUMNS).orElse(DEFAULT_COLUMNS), Set.of(PersonFields.ID));
            } catch (IllegalArgumentException e) {
                problems.add("columns: " + e.getMessage());
            }
            try {
                statuses = StatusMapping.parse(config.text(STATUS_MAP).orElse("A:A, L:L, T:T"));
            } catch (IllegalArgumentException e) {
                problems.add("status_map: " + e.getMessage());
            }
            String pattern = config.text(DATE_FORMAT).orElse("yyyy-MM-dd");
            try {
                dates = DateValues.pattern(pattern);
            } catch (IllegalArgumentException e) {
                problems.add("date_format: " + e.getMessage());
            }
            if (!problems.isEmpty()) {
                throw ConnectorException.config("CSV instance " + config.instanceId() + ": "
                        + String.join("; ", problems));
            }
            char delimiter = switch (config.text(DELIMITER).orElse("auto")) {
                case "," -> ',';
                case ";" -> ';';
                case "tab" -> '\t';
                default -> 0;
            };
            return new Layout(mapping, delimiter, statuses, dates, pattern);
        }
    }
}
