package io.mentorhub.engine.api;

import io.mentorhub.api.domain.Goal;
import io.mentorhub.api.domain.MentoringSession;
import io.mentorhub.api.domain.Milestone;
import io.mentorhub.api.domain.Pairing;
import io.mentorhub.engine.store.EntityStore;
import io.mentorhub.engine.store.Outbox;
import io.mentorhub.engine.store.Page;
import io.mentorhub.engine.store.Stored;
import io.mentorhub.engine.store.Tx;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a pair does: goals, milestones and sessions. Each belongs to one pairing; HR, the program's managers and the
 * pair's members see and record them.
 */
final class ProgressApi {

    /** A rule a new or changed item must meet within its pairing (e.g. a goal's owner is in the pair). */
    @FunctionalInterface
    interface Rule<T> {
        void check(Tx tx, Pairing pairing, T item) throws SQLException;
    }

    /** The handlers for one kind of item; the three kinds differ only in their type, store and rule. */
    final class Items<T> {
        private final String name;
        private final String path;
        private final Class<T> type;
        private final EntityStore<T> store;
        private final Function<T, String> id;
        private final Function<T, String> pairingId;
        private final BiFunction<T, String, T> withId;
        private final Rule<T> rule;

        Items(String name, String path, Class<T> type, EntityStore<T> store, Function<T, String> id,
                Function<T, String> pairingId, BiFunction<T, String, T> withId, Rule<T> rule) {
            this.name = name;
            this.path = path;
            this.type = type;
            this.store = store;
            this.id = id;
            this.pairingId = pairingId;
            this.withId = withId;
            this.rule = rule;
        }

        ApiResult list(ApiCall call) throws Exception {
            call.allowQuery(Set.of("limit", "cursor", "modified_after"));
            Page.Request page = call.pageRequest();
            String pairing = call.path("id");
            return ApiResult.ok(Representation.page(stores.database().inTransaction(tx -> {
                access.pairing(tx, call.principal(), pairing, false);
                return store.page(tx, "pairing_id = ?", List.of(Tx.uuid(pairing)), page);
            })));
        }

        ApiResult create(ApiCall call) throws Exception {
            call.allowQuery(Set.of());
            String pairingPath = call.uuidPath("id", "pairing");
            T item = call.body(type, Map.of("pairing_id", pairingPath));
            if (id.apply(item) != null) {
                throw ApiException.invalid("id", "is assigned by the hub; leave it out");
            }
            T withNewId = withId.apply(item, UUID.randomUUID().toString());
            Stored<T> stored = stores.database().inTransaction(tx -> {
                Pairing pairing = writablePairing(tx, call.principal(), pairingPath);
                if (!pairing.state().live()) {
                    throw ApiException.conflict("pairing-not-live", "pairing " + pairingPath + " is " + pairing.state()
                            + "; " + name + "s are recorded for PUBLISHED, TRIAL or ACTIVE pairings");
                }
                rule.check(tx, pairing, withNewId);
                Stored<T> created = store.insert(tx, withNewId);
                Outbox.append(tx, Outbox.Event.of(name + ".created", name, id.apply(withNewId), 1));
                return created;
            });
            return ApiResult.created(Representation.of(stored), "/api/" + path + "/" + id.apply(withNewId),
                    stored.etag());
        }

        ApiResult get(ApiCall call) throws Exception {
            call.allowQuery(Set.of());
            Stored<T> item = stores.database().inTransaction(tx -> visible(tx, call.principal(), call.path("id")));
            return ApiResult.withEtag(Representation.of(item), item.etag());
        }

        ApiResult update(ApiCall call) throws Exception {
            call.allowQuery(Set.of());
            String itemId = call.uuidPath("id", name);
            Long expected = call.expectedVersion();
            T item = call.body(type, Map.of("id", itemId));
            Stored<T> stored = stores.database().inTransaction(tx -> {
                Stored<T> before = visible(tx, call.principal(), itemId);
                String pairingOf = pairingId.apply(before.value());
                if (!pairingOf.equals(pairingId.apply(item))) {
                    throw ApiException.invalid("pairing_id", "a " + name + " cannot move to another pairing");
                }
                Pairing pairing = writablePairing(tx, call.principal(), pairingOf);
                rule.check(tx, pairing, item);
                Stored<T> updated = store.update(tx, item, expected);
                Outbox.append(tx, Outbox.Event.of(name + ".updated", name, itemId, updated.version()));
                return updated;
            });
            return ApiResult.withEtag(Representation.of(stored), stored.etag());
        }

        private Stored<T> visible(Tx tx, Principal caller, String itemId) throws SQLException {
            Stored<T> item = store.find(tx, itemId).orElseThrow(() -> ApiException.notFound(name, itemId));
            try {
                access.pairing(tx, caller, pairingId.apply(item.value()), false);
            } catch (ApiException e) {
                throw ApiException.notFound(name, itemId);
            }
            return item;
        }
    }

    private final Stores stores;
    private final Access access;
    final Items<Goal> goals;
    final Items<Milestone> milestones;
    final Items<MentoringSession> sessions;

    ProgressApi(Stores stores, Access access) {
        this.stores = stores;
        this.access = access;
        goals = new Items<>("goal", "goals", Goal.class, stores.goals(), Goal::id, Goal::pairingId, Goal::withId,
                (tx, pairing, goal) -> {
                    if (!pairing.involves(goal.ownerId())) {
                        throw ApiException.invalid("owner_id", goal.ownerId() + " is not in pairing " + pairing.id());
                    }
                    BigDecimal target = goal.targetValue();
                    if (target != null && (target.precision() - target.scale() > 14
                            || target.stripTrailingZeros().scale() > 4)) {
                        throw ApiException.invalid("target_value", "must have at most 14 digits before the decimal "
                                + "point and 4 after it");
                    }
                });
        milestones = new Items<>("milestone", "milestones", Milestone.class, stores.milestones(), Milestone::id,
                Milestone::pairingId, Milestone::withId, (tx, pairing, milestone) -> {
                    if (milestone.goalId() != null && stores.goals().find(tx, milestone.goalId())
                            .filter(g -> g.value().pairingId().equals(pairing.id())).isEmpty()) {
                        throw ApiException.invalid("goal_id", "no goal " + milestone.goalId() + " in pairing " + pairing.id());
                    }
                });
        sessions = new Items<>("session", "sessions", MentoringSession.class, stores.sessions(), MentoringSession::id,
                MentoringSession::pairingId, MentoringSession::withId, (tx, pairing, session) -> {
                    for (int i = 0; i < session.attendance().size(); i++) {
                        String person = session.attendance().get(i).personId();
                        if (!pairing.involves(person)) {
                            throw ApiException.invalid("attendance[" + i + "].person_id", person + " is not in pairing "
                                    + pairing.id());
                        }
                    }
                });
    }

    /** HR, the program's managers and the pair's members record progress; a pairing the caller cannot see is 404. */
    private Pairing writablePairing(Tx tx, Principal caller, String pairingId) throws SQLException {
        Pairing pairing = access.pairing(tx, caller, pairingId, true).value();
        if (!caller.isIn(pairing) && !access.managesProgram(tx, caller, pairing.programId())) {
            throw ApiException.forbidden("only HR, the program's managers and the pair record progress");
        }
        return pairing;
    }
}
