package io.mentorhub.api.connector;

import java.util.List;

/**
 * One page from an HRIS.
 *
 * @param records    the people on this page, as the vendor reports them
 * @param rejected   vendor records on this page that could not become a {@link PersonRecord}; the hub puts each in
 *                   the dead-letter table — never silently dropped
 * @param nextCursor where the next page starts; null when this was the last page
 */
public record PeoplePage(List<PersonRecord> records, List<RejectedRecord> rejected, String nextCursor) {

    public PeoplePage {
        records = List.copyOf(records);
        rejected = List.copyOf(rejected == null ? List.of() : rejected);
        if (nextCursor != null && nextCursor.isEmpty()) {
            throw new IllegalArgumentException("nextCursor must be null (last page) or non-empty");
        }
    }

    public boolean last() {
        return nextCursor == null;
    }
}
