package io.mentorhub.api.connector;

import java.time.Instant;
import java.util.Set;

/**
 * What one {@link PeopleSource#fetchPeople} call asks for.
 *
 * @param cursor        where to continue, as returned in the previous page; null for the first page
 * @param modifiedSince only people changed at or after this instant (incremental sync); null for everyone. The hub
 *                      takes it from the start of the previous successful run, minus an overlap, so clock skew
 *                      never hides a change
 * @param pageSize      the most records wanted; a connector may return fewer (the vendor's own page size)
 * @param fields        the {@link PersonFields} the hub will keep (the instance's allowlist); a connector asks the
 *                      vendor for no more than these where the API allows it
 */
public record PeopleQuery(String cursor, Instant modifiedSince, int pageSize, Set<String> fields) {

    public static final int MAX_PAGE_SIZE = 10_000;

    public PeopleQuery {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1.." + MAX_PAGE_SIZE + ", was " + pageSize);
        }
        fields = Set.copyOf(fields == null ? PersonFields.ALL : fields);
        if (!fields.contains(PersonFields.ID)) {
            throw new IllegalArgumentException("fields must include " + PersonFields.ID);
        }
    }

    public boolean incremental() {
        return modifiedSince != null;
    }
}
