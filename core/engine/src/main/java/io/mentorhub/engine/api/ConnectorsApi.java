package io.mentorhub.engine.api;

import io.mentorhub.engine.store.Page;
import io.mentorhub.engine.store.Stored;
import io.mentorhub.engine.sync.ConnectorSync;
import io.mentorhub.engine.sync.ConnectorView;
import io.mentorhub.engine.sync.DeadLetter;
import io.mentorhub.engine.sync.SyncChange;
import io.mentorhub.engine.sync.SyncRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Connector types and instances, syncs and dry runs, their runs and dead letters. Configuration is HR's (hr_admin);
 * an integration may read it, start syncs and replay dead letters. Secrets are masked in everything shown.
 */
final class ConnectorsApi {

    /** {@code POST /api/connectors} and {@code PUT /api/connectors/{id}}: the connector and its settings as text. */
    record InstanceRequest(String id, String type, Map<String, String> settings) {
    }

    /** {@code POST /api/connectors/{id}/sync}: full (default) or incremental; a dry run only shows the changes. */
    record SyncRequest(String mode, Boolean dryRun, Boolean acceptCoverageDrop) {
    }

    /** {@code POST /api/connectors/{id}/dead-letters/replay}: these pending dead letters, or all of them. */
    record ReplayRequest(List<String> ids) {
    }

    private final Supplier<ConnectorSync> sync;

    ConnectorsApi(Supplier<ConnectorSync> sync) {
        this.sync = sync;
    }

    private ConnectorSync sync() {
        ConnectorSync current = sync.get();
        if (current == null) {
            throw new ApiException(503, "unavailable", "connector sync is not running on this hub node yet; see "
                    + "GET /health");
        }
        return current;
    }

    ApiResult types(ApiCall call) {
        call.allowQuery(Set.of());
        return ApiResult.ok(Map.of("items", sync().types()));
    }

    ApiResult list(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        return ApiResult.ok(Map.of("items", sync().instances()));
    }

    ApiResult get(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        return ApiResult.ok(instance(call.path("id")));
    }

    private ConnectorView instance(String id) throws Exception {
        return sync().instance(id).orElseThrow(() -> ApiException.notFound("connector instance", id));
    }

    ApiResult create(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        InstanceRequest request = call.body(InstanceRequest.class);
        if (request.id() == null || request.id().isBlank()) {
            throw ApiException.invalid("id", "is required");
        }
        ConnectorView created = save(request, request.id(), true, call);
        return ApiResult.created(created, "/api/connectors/" + created.id(), null);
    }

    ApiResult update(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String id = call.path("id");
        InstanceRequest request = call.body(InstanceRequest.class, Map.of("id", id));
        instance(id);
        return ApiResult.ok(save(request, id, false, call));
    }

    private ConnectorView save(InstanceRequest request, String id, boolean create, ApiCall call) throws Exception {
        if (request.type() == null || request.type().isBlank()) {
            throw ApiException.invalid("type", "is required (GET /api/connector-types lists the installed ones)");
        }
        Map<String, String> settings = request.settings() == null ? Map.of() : request.settings();
        if (settings.size() > 100) {
            throw ApiException.invalid("settings", "at most 100 settings");
        }
        try {
            return sync().save(id, request.type(), settings, create, call.principal().actor());
        } catch (ConnectorSync.Refused e) {
            throw refused(e);
        } catch (ConnectorSync.Invalid e) {
            throw invalid(e);
        }
    }

    ApiResult delete(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        ConnectorView view = instance(call.path("id"));
        try {
            sync().delete(view.id(), call.principal().actor());
        } catch (ConnectorSync.Refused e) {
            throw refused(e);
        }
        return ApiResult.ok(view);
    }

    ApiResult enable(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        instance(call.path("id"));
        try {
            return ApiResult.ok(sync().enable(call.path("id"), call.principal().actor()));
        } catch (ConnectorSync.Refused e) {
            throw refused(e);
        }
    }

    ApiResult sync(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String id = call.path("id");
        SyncRequest request = call.hasBody() ? call.body(SyncRequest.class) : new SyncRequest(null, null, null);
        String mode = request.mode() == null ? "full" : request.mode().toLowerCase(Locale.ROOT);
        if (!mode.equals("full") && !mode.equals("incremental")) {
            throw ApiException.invalid("mode", "must be full or incremental");
        }
        instance(id);
        try {
            SyncRun run = sync().requestSync(id, mode.equals("full") ? SyncRun.Mode.FULL : SyncRun.Mode.INCREMENTAL,
                    Boolean.TRUE.equals(request.dryRun()), Boolean.TRUE.equals(request.acceptCoverageDrop()),
                    call.principal().actor());
            return accepted(run);
        } catch (ConnectorSync.Refused e) {
            throw refused(e);
        }
    }

    private static ApiResult accepted(SyncRun run) {
        return new ApiResult(202, run, Map.of("Location", "/api/connectors/" + run.connectorId() + "/runs/"
                + run.id()));
    }

    ApiResult runs(ApiCall call) throws Exception {
        call.allowQuery(Set.of("limit"));
        return ApiResult.ok(Map.of("items", sync().runs(call.path("id"), call.pageRequest().limit())));
    }

    ApiResult run(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String runId = call.uuidPath("run_id", "sync run");
        return ApiResult.ok(sync().run(call.path("id"), runId)
                .orElseThrow(() -> ApiException.notFound("sync run", runId)));
    }

    ApiResult changes(ApiCall call) throws Exception {
        call.allowQuery(Set.of("limit", "cursor"));
        String runId = call.uuidPath("run_id", "sync run");
        SyncRun run = sync().run(call.path("id"), runId).orElseThrow(() -> ApiException.notFound("sync run", runId));
        int limit = call.pageRequest().limit();
        int after = 0;
        if (call.query("cursor") != null) {
            try {
                after = Integer.parseInt(call.query("cursor"));
            } catch (NumberFormatException e) {
                after = -1;
            }
            if (after < 0) {
                throw ApiException.badRequest("invalid-parameter", "cursor is not one this hub issued");
            }
        }
        List<SyncChange> changes = sync().changes(run.id(), after, limit + 1);
        String next = null;
        if (changes.size() > limit) {
            changes = changes.subList(0, limit);
            next = String.valueOf(changes.get(limit - 1).seq());
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", changes);
        page.put("next_cursor", next);
        return ApiResult.ok(page);
    }

    ApiResult deadLetters(ApiCall call) throws Exception {
        call.allowQuery(Set.of("limit", "cursor", "status"));
        DeadLetter.Status status = null;
        if (call.query("status") != null) {
            try {
                status = DeadLetter.Status.valueOf(call.query("status").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid-parameter", "status must be PENDING, REPLAYED or DISCARDED");
            }
        }
        Page.Request request = call.pageRequest();
        Page<DeadLetter> page;
        try {
            page = sync().deadLetters(call.path("id"), status, request.limit(), request.after());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-parameter", "cursor is not one this hub issued");
        }
        List<DeadLetter> items = new ArrayList<>();
        for (Stored<DeadLetter> letter : page.items()) {
            items.add(letter.value());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("next_cursor", page.nextCursor());
        return ApiResult.ok(body);
    }

    ApiResult replay(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String id = call.path("id");
        ReplayRequest request = call.hasBody() ? call.body(ReplayRequest.class) : new ReplayRequest(null);
        List<String> ids = request.ids() == null ? List.of() : request.ids();
        if (ids.size() > ConnectorSync.MAX_REPLAY) {
            throw ApiException.invalid("ids", "at most " + ConnectorSync.MAX_REPLAY + " dead letters per replay");
        }
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null || !ids.get(i).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
                throw ApiException.invalid("ids[" + i + "]", "must be a dead letter id");
            }
        }
        if (new LinkedHashSet<>(ids).size() != ids.size()) {
            throw ApiException.invalid("ids", "names a dead letter twice");
        }
        instance(id);
        try {
            return accepted(sync().requestReplay(id, ids, call.principal().actor()));
        } catch (ConnectorSync.Refused e) {
            throw refused(e);
        }
    }

    ApiResult discard(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String id = call.path("id");
        String letterId = call.uuidPath("dead_letter_id", "dead letter");
        DeadLetter letter = sync().deadLetter(id, letterId)
                .orElseThrow(() -> ApiException.notFound("dead letter", letterId));
        if (letter.status() != DeadLetter.Status.PENDING) {
            throw ApiException.conflict("not-pending", "the dead letter is already " + letter.status());
        }
        sync().discard(id, letterId, call.principal().actor());
        return ApiResult.ok(sync().deadLetter(id, letterId).orElseThrow());
    }

    static ApiException refused(ConnectorSync.Refused e) {
        if (e.code().equals("not-found")) {
            return new ApiException(404, "not-found", e.getMessage());
        }
        if (e.code().equals("unavailable")) {
            return new ApiException(503, "unavailable", e.getMessage());
        }
        return ApiException.conflict(e.code(), e.getMessage());
    }

    private static ApiException invalid(ConnectorSync.Invalid e) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.errors().forEach((field, message) -> errors.add(Map.of("field", field, "message", message)));
        return new ApiException(422, "validation-failed", e.getMessage(), errors);
    }
}
