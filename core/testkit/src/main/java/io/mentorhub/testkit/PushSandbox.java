package io.mentorhub.testkit;

import io.mentorhub.api.connector.Delivery;

/**
 * A learning or performance system's fake API (WireMock) that a push connector writes to, in the vendor's real request
 * and response shapes, holding what it is sent in memory so that {@link PushContractTest} can count what landed.
 */
public interface PushSandbox {

    /**
     * How many copies of this item the target holds: 1 once it was delivered, whatever the number of requests that
     * carried it (a statement by its id, a goal by its external id, a feed entry by its idempotency key, an
     * enrolment by learner and course).
     */
    int copies(Delivery.Keyed item);

    /**
     * The next write the target receives is committed, and its answer is held back longer than the time-out the
     * contract's configuration sets, so the connector sees a time-out for a write that happened.
     */
    void commitThenStall();

    /** Makes every request fail this way until {@link #stopFailing()}. */
    void fail(PeopleSandbox.Failure failure);

    void stopFailing();

    /** How many requests the target has received so far. */
    int requests();
}
