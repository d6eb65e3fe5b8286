package io.mentorhub.engine.api;

import io.mentorhub.engine.push.PushControl;
import io.mentorhub.engine.push.PushTasks;
import io.mentorhub.engine.review.ReviewPeriod;
import io.mentorhub.engine.sync.ConnectorSync;
import java.util.Set;
import java.util.function.Supplier;

/** What connectors owe their systems: {@code /api/connectors/{id}/push…} and {@code …/tasks/…}. */
final class PushApi {

    /** How many DEAD items were sent again. */
    record Replayed(int replayed) {
    }

    /** How many items were queued. */
    record Queued(int queued) {
    }

    private final Supplier<PushControl> control;

    PushApi(Supplier<PushControl> control) {
        this.control = control;
    }

    private PushControl control() {
        PushControl current = control.get();
        if (current == null) {
            throw new ApiException(503, "unavailable", "connector pushes are not running on this hub node yet; see "
                    + "GET /health");
        }
        return current;
    }

    ApiResult status(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        try {
            return ApiResult.ok(control().status(call.path("id")));
        } catch (ConnectorSync.Refused e) {
            throw ConnectorsApi.refused(e);
        }
    }

    ApiResult replay(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        try {
            return ApiResult.ok(new Replayed(control().replay(call.path("id"))));
        } catch (ConnectorSync.Refused e) {
            throw ConnectorsApi.refused(e);
        }
    }

    ApiResult backfill(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        try {
            return ApiResult.ok(new Queued(control().backfill(call.path("id"))));
        } catch (ConnectorSync.Refused e) {
            throw ConnectorsApi.refused(e);
        }
    }

    ApiResult runTask(ApiCall call) throws Exception {
        call.allowQuery(Set.of("period"));
        String task = call.path("task");
        if (!task.equals(PushTasks.COMPLETIONS) && !task.equals(PushTasks.REVIEW_FEED)) {
            throw new ApiException(404, "not-found", "no task " + task + " (tasks: " + PushTasks.COMPLETIONS + ", "
                    + PushTasks.REVIEW_FEED + ")");
        }
        ReviewPeriod period = null;
        if (call.query("period") != null) {
            try {
                period = ReviewPeriod.parse(call.query("period"));
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("period", e.getMessage());
            }
        }
        try {
            return ApiResult.ok(control().run(call.path("id"), task, period));
        } catch (ConnectorSync.Refused e) {
            throw ConnectorsApi.refused(e);
        }
    }
}
