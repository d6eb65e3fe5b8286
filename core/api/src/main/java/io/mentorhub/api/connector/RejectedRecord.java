package io.mentorhub.api.connector;

/**
 * A vendor record a connector could not read.
 *
 * @param where    where it is in the source, e.g. {@code row 17} or {@code employee 4711}
 * @param recordId the HRIS id if it could be read, else null
 * @param reason   what is wrong, in words an administrator can act on; never a secret, never the record's content
 */
public record RejectedRecord(String where, String recordId, String reason) {

    public RejectedRecord {
        if (where == null || where.isBlank() || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a rejected record needs where it is and why");
        }
    }
}
