package io.mentorhub.engine.sync;

import io.mentorhub.api.connector.Capability;
import io.mentorhub.api.connector.Connector;
import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.ConnectorKind;
import io.mentorhub.api.connector.PeopleFileReader;
import io.mentorhub.api.connector.PeoplePage;
import io.mentorhub.api.connector.PersonRecord;
import io.mentorhub.api.connector.RejectedRecord;
import io.mentorhub.api.connector.Setting;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small drop-folder connector for the engine's tests (the real CSV connector lives elsewhere): UTF-8 lines of
 * {@code id;given_name;family_name;status;manager_id} after a header line naming exactly those columns. A line with
 * the wrong number of columns is a rejected row; a file without that header, or not UTF-8, cannot be read (PERMANENT).
 * The cursor is the next line's index.
 */
final class LinesFileConnector implements Connector, PeopleFileReader {

    static final String ID = "lines-file";
    static final String HEADER = "id;given_name;family_name;status;manager_id";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ConnectorKind kind() {
        return ConnectorKind.HRIS;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.PEOPLE_FILE);
    }

    @Override
    public List<Setting> settings() {
        return List.of(Setting.optional("delimiter", "Delimiter", Setting.Type.STRING, ";", "Column separator"));
    }

    @Override
    public PeoplePage readPeople(ConnectorConfig config, Path file, String cursor, int pageSize)
            throws ConnectorException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw ConnectorException.permanent("the file is not UTF-8 text");
        } catch (IOException e) {
            throw ConnectorException.transientFailure("the file could not be read (" + e.getClass().getSimpleName()
                    + ")", null);
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw ConnectorException.permanent("the first line is not the header " + HEADER);
        }
        int from = cursor == null ? 1 : Integer.parseInt(cursor);
        int to = Math.min(lines.size(), from + pageSize);
        List<PersonRecord> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        String[] names = HEADER.split(";");
        for (int i = from; i < to; i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] values = line.split(";", -1);
            if (values.length != names.length) {
                rejected.add(new RejectedRecord("row " + (i + 1), values[0].isBlank() ? null : values[0].strip(),
                        "has " + values.length + " columns, expected " + names.length));
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int c = 1; c < names.length; c++) {
                fields.put(names[c], values[c]);
            }
            records.add(PersonRecord.of(values[0].strip(), fields));
        }
        return new PeoplePage(records, rejected, to < lines.size() ? String.valueOf(to) : null);
    }
}
