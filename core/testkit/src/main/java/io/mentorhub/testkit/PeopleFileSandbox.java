package io.mentorhub.testkit;

import io.mentorhub.api.connector.PersonRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Writes the files an HRIS drops in the hub's folder, in the layout the connector under test is configured for, so
 * that {@link PeopleFileContractTest} can play the HRIS export.
 */
public interface PeopleFileSandbox {

    /** The person fields the file carries; the contract compares exactly these. */
    Set<String> fields();

    /** How an export is written: with or without a UTF-8 byte order mark, its delimiter and its line ends. */
    record Style(boolean bom, char delimiter, boolean crlf) {
    }

    /** Ways a file cannot be read at all. */
    enum Unreadable {
        /** Zero bytes. */
        EMPTY,
        /** A header without the column the id is mapped to. */
        MISSING_ID_COLUMN,
        /** Latin-1 bytes that are not UTF-8. */
        NOT_UTF8,
        /** A quoted field that never ends. */
        UNTERMINATED_QUOTE
    }

    /** Writes these people into a new file in {@code dir}. */
    Path write(Path dir, List<PersonRecord> people, Style style) throws IOException;

    /**
     * Writes these people, the rows of {@code broken} damaged as exports go wrong (no id, a date that is not one, a
     * status code nobody mapped, a row with missing columns); every other row intact.
     */
    Path writeWithBrokenRows(Path dir, List<PersonRecord> people, Set<String> broken) throws IOException;

    Path writeUnreadable(Path dir, Unreadable how) throws IOException;
}
