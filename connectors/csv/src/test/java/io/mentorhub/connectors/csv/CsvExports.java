package io.mentorhub.connectors.csv;

import io.mentorhub.api.connector.PersonFields;
import io.mentorhub.api.connector.PersonRecord;
import io.mentorhub.testkit.PeopleFileSandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes people files as an HRIS export does: the header of the default column mapping, dates as {@code dd.MM.yyyy},
 * status codes A/L/T, fields quoted as RFC 4180 says (when they hold the delimiter, a quote or a line break, quotes
 * doubled), in a given style of byte order mark, delimiter and line end.
 */
final class CsvExports implements PeopleFileSandbox {

    static final DateTimeFormatter DATES = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    static final Map<String, String> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put(PersonFields.ID, "Employee ID");
        COLUMNS.put(PersonFields.GIVEN_NAME, "First Name");
        COLUMNS.put(PersonFields.FAMILY_NAME, "Last Name");
        COLUMNS.put(PersonFields.WORK_EMAIL, "Work Email");
        COLUMNS.put(PersonFields.TITLE, "Job Title");
        COLUMNS.put(PersonFields.DEPARTMENT, "Department");
        COLUMNS.put(PersonFields.LOCATION, "Location");
        COLUMNS.put(PersonFields.MANAGER_ID, "Manager ID");
        COLUMNS.put(PersonFields.HIRE_DATE, "Hire Date");
        COLUMNS.put(PersonFields.STATUS, "Status");
        COLUMNS.put(PersonFields.TERMINATION_DATE, "Termination Date");
    }

    private final AtomicInteger files = new AtomicInteger();

    @Override
    public Set<String> fields() {
        return COLUMNS.keySet();
    }

    @Override
    public Path write(Path dir, List<PersonRecord> people, Style style) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        rows.add(new ArrayList<>(COLUMNS.values()));
        people.forEach(p -> rows.add(row(p)));
        return save(dir, rows, style, null);
    }

    @Override
    public Path writeWithBrokenRows(Path dir, List<PersonRecord> people, Set<String> broken) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        rows.add(new ArrayList<>(COLUMNS.values()));
        int damage = 0;
        for (PersonRecord person : people) {
            List<String> row = row(person);
            if (broken.contains(person.id())) {
                switch (damage++ % 4) {
                    case 0 -> row.set(0, " ");
                    case 1 -> row.set(8, "31.02.2021");
                    case 2 -> row.set(9, "X");
                    default -> row.subList(5, row.size()).clear();
                }
            }
            rows.add(row);
        }
        return save(dir, rows, new Style(false, ',', false), null);
    }

    @Override
    public Path writeUnreadable(Path dir, Unreadable how) throws IOException {
        Path file = dir.resolve("unreadable-" + how + "-" + files.incrementAndGet() + ".csv");
        String header = String.join(",", COLUMNS.values());
        switch (how) {
            case EMPTY -> Files.write(file, new byte[0]);
            case MISSING_ID_COLUMN -> Files.writeString(file, header.replace("Employee ID", "Personnel No") + "\n"
                    + "1001,Ada,Lovelace,ada@northwind.example,Engineer,R&D,Berlin,,05.01.2015,A,\n");
            case NOT_UTF8 -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                bytes.write((header + "\n").getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < 6; i++) {
                    bytes.write(("100" + i + ",Zo").getBytes(StandardCharsets.US_ASCII));
                    bytes.write(0xEB); // "ë" in Latin-1
                    bytes.write(",Nowak,z@northwind.example,Analyst,Finance,Accra,,05.01.2015,A,\n"
                            .getBytes(StandardCharsets.US_ASCII));
                }
                Files.write(file, bytes.toByteArray());
            }
            case UNTERMINATED_QUOTE -> Files.writeString(file, header + "\n"
                    + "1001,Ada,Lovelace,ada@northwind.example,\"Engineer, Platform,R&D,Berlin,,05.01.2015,A,\n"
                    + "1002,Zoë,Müller,zoe@northwind.example,Analyst,Finance,Accra,1001,05.01.2016,A,\n");
            default -> throw new IllegalStateException(how.name());
        }
        return file;
    }

    static List<String> row(PersonRecord person) {
        List<String> row = new ArrayList<>();
        for (String field : COLUMNS.keySet()) {
            String value = person.get(field);
            if (value != null && (field.equals(PersonFields.HIRE_DATE) || field.equals(PersonFields.TERMINATION_DATE))) {
                value = LocalDate.parse(value).format(DATES);
            }
            row.add(value == null ? "" : value);
        }
        return row;
    }

    Path save(Path dir, List<List<String>> rows, Style style, String name) throws IOException {
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            List<String> cells = new ArrayList<>();
            for (String value : row) {
                boolean quote = value.indexOf(style.delimiter()) >= 0 || value.contains("\"") || value.contains("\n")
                        || value.contains("\r");
                cells.add(quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value);
            }
            text.append(String.join(String.valueOf(style.delimiter()), cells)).append(style.crlf() ? "\r\n" : "\n");
        }
        Path file = dir.resolve(name != null ? name : "people-" + files.incrementAndGet() + ".csv");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (style.bom()) {
            bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        bytes.write(text.toString().getBytes(StandardCharsets.UTF_8));
        Files.write(file, bytes.toByteArray());
        return file;
    }
}
