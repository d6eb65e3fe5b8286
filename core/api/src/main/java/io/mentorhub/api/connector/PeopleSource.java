package io.mentorhub.api.connector;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The HRIS facet: people, one page at a time. Declared with {@link Capability#PEOPLE_FULL_SYNC} and, when the vendor
 * can filter by last change, {@link Capability#PEOPLE_INCREMENTAL_SYNC}.
 */
@ConsumerType
public interface PeopleSource {

    /**
     * Fetches one page. The hub calls again with {@link PeoplePage#nextCursor()} until it is null — one call at a time
     * per instance, within its rate limit, but possibly while it is still applying the page before (it reads at most
     * one page ahead). Pages are applied, each with its cursor as the run's checkpoint, in order; a run that stops
     * resumes from the last applied page's cursor and may therefore ask for a page again. A retried call repeats the
     * same query, so a page must depend only on it.
     */
    PeoplePage fetchPeople(ConnectorConfig config, PeopleQuery query) throws ConnectorException;
}
