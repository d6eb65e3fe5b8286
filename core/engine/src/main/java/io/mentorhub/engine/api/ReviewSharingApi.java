package io.mentorhub.engine.api;

import io.mentorhub.engine.push.ReviewSharing;
import java.util.Map;
import java.util.Set;

/**
 * A participant's consent to have their mentoring written to performance-review systems (the Lattice-style goal, the
 * pushed review feed): {@code /api/people/{id}/review-sharing}. The person themself decides; HR may read it.
 */
final class ReviewSharingApi {

    /** {@code shares}: whether the person agreed; {@code decided_at}: when (null: never decided, so not shared). */
    record Sharing(String personId, Boolean shares, java.time.Instant decidedAt) {
    }

    private final Stores stores;

    ReviewSharingApi(Stores stores) {
        this.stores = stores;
    }

    ApiResult get(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String personId = call.path("id");
        Access.ownOrHrReads(call.principal(), personId, "review sharing");
        return ApiResult.ok(stores.database().inTransaction(tx -> {
            if (!stores.people().exists(tx, personId)) {
                throw ApiException.notFound("person", personId);
            }
            return shown(ReviewSharing.decision(tx, personId));
        }));
    }

    ApiResult put(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String personId = call.path("id");
        Principal caller = call.principal();
        Access.ownChanges(caller, personId, "review sharing", "only the person themself may decide what of their "
                + "mentoring is shared with performance reviews");
        Sharing body = call.body(Sharing.class, Map.of("person_id", personId));
        if (body.decidedAt() != null) {
            throw ApiException.invalid("decided_at", "is read only; send shares");
        }
        if (body.shares() == null) {
            throw ApiException.invalid("shares", "is required: true to share your mentoring goals, progress and "
                    + "participation with performance reviews, false not to");
        }
        return ApiResult.ok(stores.database().inTransaction(tx -> {
            if (!stores.people().exists(tx, personId)) {
                throw ApiException.notFound("person", personId);
            }
            return shown(ReviewSharing.decide(tx, personId, body.shares(), caller.actor()));
        }));
    }

    private static Sharing shown(ReviewSharing.Decision decision) {
        return new Sharing(decision.personId(), decision.shares(), decision.decidedAt());
    }
}
