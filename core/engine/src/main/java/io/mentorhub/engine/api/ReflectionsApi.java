package io.mentorhub.engine.api;

import io.mentorhub.api.domain.Pairing;
import io.mentorhub.api.domain.Reflection;
import io.mentorhub.engine.store.AuditLog;
import io.mentorhub.engine.store.Outbox;
import io.mentorhub.engine.store.Page;
import io.mentorhub.engine.store.Stored;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reflections, the confidential part of mentoring. PRIVATE: the author only — not HR, not the other member. PAIR:
 * the pair's members. SHARED_FOR_REVIEW: also HR and the program's managers, because the author consented. Only the
 * author writes one. Every read is audited.
 */
final class ReflectionsApi {

    private final Stores stores;
    private final Access access;

    ReflectionsApi(Stores stores, Access access) {
        this.stores = stores;
        this.access = access;
    }

    /** Whether the caller may read this reflection of this pairing. */
    private boolean readable(Tx tx, Principal caller, Pairing pairing, Reflection reflection) throws SQLException {
        if (caller.isPerson(reflection.authorId())) {
            return true;
        }
        return switch (reflection.visibility()) {
            case PRIVATE -> false;
            case PAIR -> caller.isIn(pairing);
            case SHARED_FOR_REVIEW -> caller.isIn(pairing)
                    || access.managesProgram(tx, caller, pairing.programId());
        };
    }

    ApiResult list(ApiCall call) throws Exception {
        call.allowQuery(Set.of("limit", "cursor", "modified_after"));
        Page.Request page = call.pageRequest();
        String pairingId = call.path("id");
        Principal caller = call.principal();
        return ApiResult.ok(stores.database().inTransaction(tx -> {
            Pairing pairing = access.pairing(tx, caller, pairingId, false).value();
            // Filtered in SQL so that a page never carries (or counts) what the caller may not read.
            String where;
            List<Object> parameters = new ArrayList<>(List.of(Tx.uuid(pairingId)));
            if (caller.isIn(pairing)) {
                where = "pairing_id = ? AND (author_id = ? OR visibility <> 'PRIVATE')";
                parameters.add(caller.personId());
            } else {
                where = "pairing_id = ? AND visibility = 'SHARED_FOR_REVIEW'";
            }
            Page<Reflection> result = stores.reflections().page(tx, where, parameters, page);
            if (!result.items().isEmpty()) {
                AuditLog.record(tx, caller.actor(), "reflection.read", "pairing", pairingId, Map.of("reflection_ids",
                        result.items().stream().map(r -> r.value().id()).toList()));
            }
            return Representation.page(result);
        }));
    }

    ApiResult create(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String pairingId = call.uuidPath("id", "pairing");
        Principal caller = call.principal();
        if (caller.personId() == null) {
            throw ApiException.forbidden("reflections are written by the pair's members");
        }
        Reflection reflection = call.body(Reflection.class, Map.of("pairing_id", pairingId, "author_id",
                caller.personId()));
        if (reflection.id() != null) {
            throw ApiException.invalid("id", "is assigned by the hub; leave it out");
        }
        Reflection withId = reflection.withId(UUID.randomUUID().toString());
        Stored<Reflection> stored = stores.database().inTransaction(tx -> {
            Pairing pairing = access.pairing(tx, caller, pairingId, true).value();
            if (!caller.isIn(pairing)) {
                throw ApiException.forbidden("reflections are written by the pair's members");
            }
            checkSession(tx, pairing, withId);
            Stored<Reflection> created = stores.reflections().insert(tx, withId);
            Outbox.append(tx, Outbox.Event.of("reflection.created", "reflection", withId.id(), 1));
            return created;
        });
        return ApiResult.created(Representation.of(stored), "/api/reflections/" + withId.id(), stored.etag());
    }

    ApiResult get(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String id = call.path("id");
        Principal caller = call.principal();
        Stored<Reflection> reflection = stores.database().inTransaction(tx -> {
            Stored<Reflection> found = readableReflection(tx, caller, id);
            AuditLog.record(tx, caller.actor(), "reflection.read", "reflection", id,
                    Map.of("visibility", found.value().visibility().name()));
            return found;
        });
        return ApiResult.withEtag(Representation.of(reflection), reflection.etag());
    }

    ApiResult update(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String id = call.uuidPath("id", "reflection");
        Long expected = call.expectedVersion();
        Principal caller = call.principal();
        Reflection reflection = call.body(Reflection.class, Map.of("id", id));
        Stored<Reflection> stored = stores.database().inTransaction(tx -> {
            Reflection before = readableReflection(tx, caller, id).value();
            if (!caller.isPerson(before.authorId())) {
                throw ApiException.forbidden("only its author changes a reflection");
            }
            if (!before.pairingId().equals(reflection.pairingId()) || !before.authorId().equals(reflection.authorId())) {
                throw ApiException.invalid("pairing_id", "pairing_id and author_id of a reflection cannot change");
            }
            checkSession(tx, stores.pairings().get(tx, before.pairingId()).value(), reflection);
            Stored<Reflection> updated = stores.reflections().update(tx, reflection, expected);
            Outbox.append(tx, Outbox.Event.of("reflection.updated", "reflection", id, updated.version()));
            return updated;
        });
        return ApiResult.withEtag(Representation.of(stored), stored.etag());
    }

    /** The reflection if the caller may read it; otherwise it does not exist for them (404). */
    private Stored<Reflection> readableReflection(Tx tx, Principal caller, String id) throws SQLException {
        Stored<Reflection> reflection = stores.reflections().find(tx, id)
                .orElseThrow(() -> ApiException.notFound("reflection", id));
        Pairing pairing = stores.pairings().get(tx, reflection.value().pairingId()).value();
        if (!readable(tx, caller, pairing, reflection.value())) {
            throw ApiException.notFound("reflection", id);
        }
        return reflection;
    }

    private void checkSession(Tx tx, Pairing pairing, Reflection reflection) throws SQLException {
        if (reflection.sessionId() != null && stores.sessions().find(tx, reflection.sessionId())
                .filter(s -> s.value().pairingId().equals(pairing.id())).isEmpty()) {
            throw ApiException.invalid("session_id", "no session " + reflection.sessionId() + " in pairing " + pairing.id());
        }
    }

}
