package io.mentorhub.api.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.connector.CourseEnrolments.Enrolment;
import io.mentorhub.api.connector.LearningRecords.LearningRecord;
import io.mentorhub.api.connector.LearningRecords.Verb;
import io.mentorhub.api.domain.InvalidValueException;
import io.mentorhub.api.domain.ReviewFeedEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushFacetsTest {

    @Test
    void aDeliveryIsEitherDeliveredOrRefusedNeverBothOrNeither() {
        assertTrue(Delivery.delivered("k1", "goal-77").delivered());
        assertFalse(Delivery.refused("k1", "no such learner").delivered());
        assertThrows(IllegalArgumentException.class, () -> new Delivery("k1", null, null));
        assertThrows(IllegalArgumentException.class, () -> new Delivery("k1", "x", "y"));
        assertThrows(IllegalArgumentException.class, () -> Delivery.delivered(" ", "x"));
    }

    @Test
    void aBatchHoldsOneToAHundredItemsEachKeyOnce() {
        Enrolment a = new Enrolment("enrol:1", "ada@example.com", "101");
        assertEquals(List.of(a), Delivery.requireValidBatch(List.of(a)));
        assertThrows(IllegalArgumentException.class, () -> Delivery.requireValidBatch(List.<Enrolment>of()));
        assertThrows(IllegalArgumentException.class, () -> Delivery.requireValidBatch(List.of(a, a)));
        assertThrows(IllegalArgumentException.class,
                () -> Delivery.requireValidBatch(Collections.nCopies(Delivery.MAX_BATCH + 1, a)));
    }

    @Test
    void aLearningRecordsIdFollowsItsKeySoAResendIsNeverADuplicate() {
        Instant at = Instant.parse("2026-11-02T10:00:00Z");
        LearningRecord first = new LearningRecord("session:s1:ada", "ada@example.com", "Ada", Verb.ATTENDED_SESSION,
                "s1", "Session 3", "Mentoring 2027", at);
        LearningRecord again = new LearningRecord("session:s1:ada", "ada@example.com", "Ada", Verb.ATTENDED_SESSION,
                "s1", "Session 3", "Mentoring 2027", at.plusSeconds(5));
        LearningRecord other = new LearningRecord("session:s1:bob", "bob@example.com", "Bob", Verb.ATTENDED_SESSION,
                "s1", "Session 3", "Mentoring 2027", at);
        assertEquals(first.recordId(), again.recordId());
        assertNotEquals(first.recordId(), other.recordId());
    }

    @Test
    void aReviewFeedEntryNeedsAPeriodInOrder() {
        LocalDate start = LocalDate.of(2026, 1, 1);
        assertThrows(InvalidValueException.class,
                () -> new ReviewFeedEntry("E-1", null, "Ada", null, start, start.minusDays(1), List.of()));
        assertEquals(0, new ReviewFeedEntry("E-1", null, "Ada", null, start, start, List.of()).participations().size());
    }

    @Test
    void everyPushCapabilityNamesAFacetWithOneMethod() {
        for (Capability capability : List.of(Capability.LEARNING_ENROLMENT, Capability.LEARNING_COMPLETIONS,
                Capability.LEARNING_RECORDS, Capability.PERFORMANCE_GOALS, Capability.REVIEW_FEED)) {
            assertEquals(1, capability.facet().getDeclaredMethods().length, capability.name());
        }
    }
}
