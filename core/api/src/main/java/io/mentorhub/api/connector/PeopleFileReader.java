package io.mentorhub.api.connector;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The drop-folder facet ({@link Capability#PEOPLE_FILE}): reads people from a file the HRIS exported into a folder
 * the hub watches. The hub reads the whole file once to validate it (writing a per-row error report next to it)
 * before it applies anything, then reads it again page by page, and archives it; a connector only reads.
 */
@ConsumerType
public interface PeopleFileReader {

    /**
     * Reads one page of rows from {@code cursor} (null: the first data row). A row that cannot become a record is
     * a {@link PeoplePage#rejected() rejected} entry naming its row; a file that cannot be read at all (no header,
     * a required column missing, not text) throws PERMANENT.
     */
    PeoplePage readPeople(ConnectorConfig config, Path file, String cursor, int pageSize) throws ConnectorException;
}
