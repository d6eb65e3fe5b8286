package io.mentorhub.api.connector;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The HRIS facet: people, one page at a time. Declared with {@link Capability#PEOPLE_FULL_SYNC} and, when the vendor
 * can filter by last change, {@link Capability#PEOPLE_INCREMENTAL_SYNC}.
 */
@ConsumerType
public interface PeopleSource {

    /**
     * Fetches one page. The hub calls again with {@link PeoplePage#nextCursor()} until it is null, and commits each
     * page before asking for the next; a retried call repeats the same query, so a page must depend only on it.
     */
    PeoplePage fetchPeople(ConnectorConfig config, PeopleQuery query) throws ConnectorException;
}
