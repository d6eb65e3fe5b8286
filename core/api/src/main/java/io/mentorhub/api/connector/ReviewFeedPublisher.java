package io.mentorhub.api.connector;

import io.mentorhub.api.domain.ReviewFeedEntry;
import java.util.List;
import java.util.Objects;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Performance facet ({@link Capability#REVIEW_FEED}): pushes the HR review feed — the same entries
 * {@code GET /api/reports/review-feed} shows — to a system without a goals API. Each entry travels with its key as the
 * target's idempotency key.
 */
@ConsumerType
public interface ReviewFeedPublisher {

    List<Delivery> publishReviewFeed(ConnectorConfig config, List<FeedItem> items) throws ConnectorException;

    record FeedItem(String key, ReviewFeedEntry entry) implements Delivery.Keyed {
        public FeedItem {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(entry, "entry");
        }
    }
}
