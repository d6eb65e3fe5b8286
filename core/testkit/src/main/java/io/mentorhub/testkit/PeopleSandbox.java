package io.mentorhub.testkit;

import io.mentorhub.api.connector.PersonRecord;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A vendor's fake API (WireMock) serving {@link CanonicalPeople} in the vendor's real request and response shapes:
 * its authentication, its paging (or lack of it), its field names, status values and date formats, and its way of
 * failing. {@link PeopleSourceContractTest} plays the HRIS administrator through it.
 */
public interface PeopleSandbox {

    /** The person fields this vendor can carry; the contract compares exactly these. */
    Set<String> fields();

    /**
     * From now on the vendor holds exactly these people, each last changed at the given instant (people missing from
     * the map changed long ago).
     */
    void hold(List<PersonRecord> people, Map<String, Instant> lastChanged);

    /** Serves this person so that the connector cannot read them, as this vendor's data goes wrong. */
    void corrupt(String id);

    /** Whether the vendor filters by last change itself; if not the connector may return everyone on incremental. */
    boolean filtersByLastChange();

    /** Whether the vendor reports deleted records (then {@link #delete} is used by the contract). */
    boolean reportsDeletions();

    /** Deletes this person at the vendor, at the given instant. */
    default void delete(String id, Instant at) {
        throw new UnsupportedOperationException("this vendor does not report deletions");
    }

    /** Makes every request fail this way until {@link #stopFailing()}. */
    void fail(Failure failure);

    void stopFailing();

    /** How many requests the vendor has received so far. */
    int requests();

    /** A failure the vendor stages. */
    record Failure(Type type, Duration retryAfter, URI location) {

        public enum Type {
            /** The credentials are refused (the vendor's 401). */
            UNAUTHORIZED,
            /** The vendor's rate limit (its status and a Retry-After of {@link #retryAfter()} seconds). */
            RATE_LIMITED,
            /** A 500. */
            SERVER_ERROR,
            /** The connection is reset by the peer. */
            CONNECTION_RESET,
            /** A redirect to {@link #location()}, another origin. */
            REDIRECT
        }

        public static Failure unauthorized() {
            return new Failure(Type.UNAUTHORIZED, null, null);
        }

        public static Failure rateLimited(Duration retryAfter) {
            return new Failure(Type.RATE_LIMITED, retryAfter, null);
        }

        public static Failure serverError() {
            return new Failure(Type.SERVER_ERROR, null, null);
        }

        public static Failure connectionReset() {
            return new Failure(Type.CONNECTION_RESET, null, null);
        }

        public static Failure redirectTo(URI location) {
            return new Failure(Type.REDIRECT, null, location);
        }
    }
}
