package io.mentorhub.engine.api;

import io.mentorhub.api.domain.InvalidValueException;
import io.mentorhub.engine.plugin.PluginInfo;
import io.mentorhub.engine.store.AuditLog;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Keys, the audit log and installed plugins: what HR administrators and integrations manage. */
final class AdminApi {

    /** {@code POST /api/keys}: a key for a role; person roles act as {@code person_id}. */
    record NewKey(String name, Role role, String personId) {
        NewKey {
            if (name == null || name.isBlank() || name.strip().length() > 100) {
                throw new InvalidValueException("name", "is required, at most 100 characters");
            }
            if (name.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidValueException("name", "must not contain control characters");
            }
            name = name.strip();
            if (role == null) {
                throw new InvalidValueException("role", "is required");
            }
        }
    }

    private final Stores stores;
    private final Supplier<List<PluginInfo>> plugins;

    AdminApi(Stores stores, Supplier<List<PluginInfo>> plugins) {
        this.stores = stores;
        this.plugins = plugins;
    }

    ApiResult listKeys(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        return ApiResult.ok(Map.of("items", stores.database().inTransaction(tx -> stores.keys().list(tx))));
    }

    ApiResult createKey(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        NewKey request = call.body(NewKey.class);
        ApiKeys.Issued issued = stores.database().inTransaction(tx ->
                stores.keys().create(tx, request.name(), request.role(), request.personId(), call.principal().actor()));
        return ApiResult.created(Map.of("key", issued.key(), "secret", issued.secret()),
                "/api/keys/" + issued.key().id(), null);
    }

    ApiResult revokeKey(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String id = call.path("id");
        return ApiResult.ok(stores.database().inTransaction(tx -> stores.keys().revoke(tx, id, call.principal().actor())));
    }

    ApiResult audit(ApiCall call) throws Exception {
        call.allowQuery(Set.of("before", "limit"));
        Long before = null;
        if (call.query("before") != null) {
            try {
                before = Long.parseLong(call.query("before"));
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid-parameter", "before must be an audit entry id");
            }
        }
        int limit = call.pageRequest().limit();
        Long from = before;
        return ApiResult.ok(Map.of("items", stores.database().inTransaction(tx -> AuditLog.list(tx, from, limit))));
    }

    ApiResult plugins(ApiCall call) {
        call.allowQuery(Set.of());
        return ApiResult.ok(Map.of("items", plugins.get()));
    }
}
