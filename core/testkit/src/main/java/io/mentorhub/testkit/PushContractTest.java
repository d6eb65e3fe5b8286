package io.mentorhub.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.mentorhub.api.connector.Capability;
import io.mentorhub.api.connector.ConnectorConfig;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.ConnectorException.Kind;
import io.mentorhub.api.connector.CourseEnrolments;
import io.mentorhub.api.connector.Delivery;
import io.mentorhub.api.connector.GoalPublisher;
import io.mentorhub.api.connector.LearningRecords;
import io.mentorhub.api.connector.ReviewFeedPublisher;
import io.mentorhub.api.connector.Setting;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The scenarios every connector that pushes to a learning or performance system passes against its vendor's sandbox
 * ({@link Capability#LEARNING_ENROLMENT}, {@link Capability#LEARNING_RECORDS}, {@link Capability#PERFORMANCE_GOALS},
 * {@link Capability#REVIEW_FEED}): one delivery per item, in order, with its key; a resend of the same items lands
 * nothing twice; a write the target committed whose answer was lost to a time-out is retried without a second copy
 * (issue 6, point 4); an item the target refuses is refused alone; a batch the SPI does not allow is refused before
 * anything is sent; and each way a vendor fails — rate limited with {@code Retry-After}, credentials refused, server
 * errors, a reset connection, a redirect to another host, a metadata address — as the typed error the hub acts on,
 * with the push repeatable once the vendor recovers.
 *
 * <p>A subclass returns the connector, a {@link PushSandbox} (fresh per test), a configuration pointing at it whose
 * time-out is shorter than {@link PushSandbox#commitThenStall()}'s delay, and items the sandbox accepts.
 */
public abstract class PushContractTest extends ConnectorContractTest {

    private static final Set<Capability> PUSHES = EnumSet.of(Capability.LEARNING_ENROLMENT,
            Capability.LEARNING_RECORDS, Capability.PERFORMANCE_GOALS, Capability.REVIEW_FEED);

    protected abstract PushSandbox sandbox();

    /** {@code count} distinct items (2..10) the sandbox will accept, each with its own key. */
    protected abstract List<Delivery.Keyed> items(int count);

    /** An item the target refuses for good (an unknown learner or owner, a record it rejects). */
    protected abstract Delivery.Keyed refusedItem();

    /** The push capability the contract exercises; the only one declared unless overridden. */
    protected Capability pushCapability() {
        List<Capability> declared = new ArrayList<>(connector().capabilities());
        declared.retainAll(PUSHES);
        assertEquals(1, declared.size(), "declare which push capability the contract checks: " + declared);
        return declared.get(0);
    }

    @SuppressWarnings("unchecked")
    protected final List<Delivery> push(ConnectorConfig config, List<? extends Delivery.Keyed> items)
            throws ConnectorException {
        Object facet = connector();
        switch (pushCapability()) {
            case LEARNING_ENROLMENT:
                return ((CourseEnrolments) facet).enrol(config, (List<CourseEnrolments.Enrolment>) items);
            case LEARNING_RECORDS:
                return ((LearningRecords) facet).record(config, (List<LearningRecords.LearningRecord>) items);
            case PERFORMANCE_GOALS:
                return ((GoalPublisher) facet).publishGoals(config, (List<GoalPublisher.ReviewGoal>) items);
            case REVIEW_FEED:
                return ((ReviewFeedPublisher) facet).publishReviewFeed(config, (List<ReviewFeedPublisher.FeedItem>) items);
            default:
                throw new IllegalStateException(pushCapability().name());
        }
    }

    /** Asserts one delivery per item, in order, with the item's key, all delivered, each held once. */
    private void assertDeliveredOnce(List<? extends Delivery.Keyed> items, List<Delivery> deliveries) {
        assertEquals(items.size(), deliveries.size(), "one delivery per item");
        for (int i = 0; i < items.size(); i++) {
            Delivery delivery = deliveries.get(i);
            assertEquals(items.get(i).key(), delivery.key(), "deliveries come in the items' order");
            assertTrue(delivery.delivered(), "item " + delivery.key() + " was refused: " + delivery.refusal());
            assertFalse(delivery.externalRef().isBlank(), "a delivery names what it wrote");
            assertNoSecret(delivery.toString());
            assertEquals(1, sandbox().copies(items.get(i)), "item " + delivery.key() + " is held exactly once");
        }
    }

    @Test
    void everyItemIsDeliveredOnceInOrderWithItsKey() throws ConnectorException {
        List<Delivery.Keyed> items = items(3);
        assertDeliveredOnce(items, push(config(), items));
    }

    @Test
    void aResendOfTheSameItemsLandsNothingTwice() throws ConnectorException {
        List<Delivery.Keyed> items = items(3);
        ConnectorConfig config = config();
        push(config, items);
        assertDeliveredOnce(items, push(config, items));
        List<Delivery.Keyed> reversed = new ArrayList<>(items);
        Collections.reverse(reversed);
        assertDeliveredOnce(reversed, push(config, reversed));
    }

    /**
     * Issue 6, point 4, at the connector: the target commits the write and its answer is lost to a time-out; the
     * hub's retry of the same items with the same keys is delivered, and each key is held exactly once.
     */
    @Test
    void aWriteCommittedButAnsweredTooLateIsRetriedWithoutASecondCopy() throws ConnectorException {
        List<Delivery.Keyed> items = items(2);
        ConnectorConfig config = config();
        sandbox().commitThenStall();
        ConnectorException timedOut = assertFailure(Kind.TRANSIENT,
                assertThrows(ConnectorException.class, () -> push(config, items)));
        assertNoSecret(timedOut.toString());
        assertDeliveredOnce(items, push(config, items));
    }

    @Test
    void anItemTheTargetRefusesIsRefusedAloneAndTheOthersAreDelivered() throws ConnectorException {
        List<Delivery.Keyed> fine = items(2);
        Delivery.Keyed refused = refusedItem();
        List<Delivery.Keyed> batch = List.of(fine.get(0), refused, fine.get(1));
        List<Delivery> deliveries = push(config(), batch);
        assertEquals(3, deliveries.size());
        assertEquals(refused.key(), deliveries.get(1).key());
        assertFalse(deliveries.get(1).delivered(), "the item the target refuses is refused");
        assertFalse(deliveries.get(1).refusal().isBlank());
        assertNoSecret(deliveries.get(1).refusal());
        assertEquals(0, sandbox().copies(refused));
        assertDeliveredOnce(fine, List.of(deliveries.get(0), deliveries.get(2)));
    }

    @Test
    void aBatchTheSpiDoesNotAllowIsRefusedBeforeAnythingIsSent() throws ConnectorException {
        ConnectorConfig config = config();
        List<Delivery.Keyed> items = items(2);
        int before = sandbox().requests();
        assertThrows(IllegalArgumentException.class, () -> push(config, List.of()));
        assertThrows(IllegalArgumentException.class, () -> push(config, List.of(items.get(0), items.get(0))));
        assertThrows(IllegalArgumentException.class,
                () -> push(config, Collections.nCopies(Delivery.MAX_BATCH + 1, items.get(0))));
        assertEquals(before, sandbox().requests(), "nothing reached the target");
    }

    @Test
    void aRateLimitIsTransientWithTheVendorsRetryAfter() throws ConnectorException {
        List<Delivery.Keyed> items = items(2);
        sandbox().fail(PeopleSandbox.Failure.rateLimited(Duration.ofSeconds(7)));
        ConnectorException e = assertFailure(Kind.TRANSIENT,
                assertThrows(ConnectorException.class, () -> push(config(), items)));
        assertEquals(Duration.ofSeconds(7), e.retryAfter().orElse(null));
        sandbox().stopFailing();
        assertDeliveredOnce(items, push(config(), items));
    }

    @Test
    void refusedCredentialsAreAConfigurationError() {
        List<Delivery.Keyed> items = items(2);
        sandbox().fail(PeopleSandbox.Failure.unauthorized());
        assertFailure(Kind.CONFIG, assertThrows(ConnectorException.class, () -> push(config(), items)));
        for (Delivery.Keyed item : items) {
            assertEquals(0, sandbox().copies(item));
        }
    }

    @Test
    void serverErrorsAreTransientAndThePushRepeatsOnceTheVendorRecovers() throws ConnectorException {
        List<Delivery.Keyed> items = items(2);
        sandbox().fail(PeopleSandbox.Failure.serverError());
        assertFailure(Kind.TRANSIENT, assertThrows(ConnectorException.class, () -> push(config(), items)));
        sandbox().stopFailing();
        assertDeliveredOnce(items, push(config(), items));
    }

    @Test
    void aResetConnectionIsTransient() {
        List<Delivery.Keyed> items = items(2);
        sandbox().fail(PeopleSandbox.Failure.connectionReset());
        assertFailure(Kind.TRANSIENT, assertThrows(ConnectorException.class, () -> push(config(), items)));
    }

    @Test
    void aRedirectToAnotherHostIsNotFollowed() {
        WireMockServer elsewhere = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .dynamicPort());
        elsewhere.start();
        try {
            elsewhere.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.okJson("{}")));
            List<Delivery.Keyed> items = items(2);
            sandbox().fail(PeopleSandbox.Failure.redirectTo(URI.create("http://127.0.0.1:" + elsewhere.port()
                    + "/collect")));
            assertFailure(Kind.CONFIG, assertThrows(ConnectorException.class, () -> push(config(), items)));
            assertEquals(0, elsewhere.getAllServeEvents().size(), "the other host never saw a request");
        } finally {
            elsewhere.stop();
        }
    }

    @Test
    void aMetadataAddressIsRefusedBeforeAnyConnection() {
        List<Delivery.Keyed> items = items(2);
        int before = sandbox().requests();
        for (Setting setting : connector().settings()) {
            if (setting.type() == Setting.Type.URL) {
                for (String url : List.of("http://169.254.169.254/latest/meta-data/", "https://169.254.169.254",
                        "http://metadata.google.internal/computeMetadata/v1/", "http://[fd00:ec2::254]/")) {
                    Map<String, String> raw = new HashMap<>(configuration());
                    raw.put(setting.id(), url);
                    ConnectorException e = assertThrows(ConnectorException.class, () -> push(config(raw), items), url);
                    assertFailure(Kind.CONFIG, e);
                }
            }
        }
        assertEquals(before, sandbox().requests(), "nothing reached the target");
    }
}
