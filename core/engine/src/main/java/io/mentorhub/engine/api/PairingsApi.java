package io.mentorhub.engine.api;

import io.mentorhub.api.domain.Enrollment;
import io.mentorhub.api.domain.Pairing;
import io.mentorhub.api.domain.PairingState;
import io.mentorhub.api.domain.Program;
import io.mentorhub.engine.matching.MatchingRuns;
import io.mentorhub.engine.store.Outbox;
import io.mentorhub.engine.store.Page;
import io.mentorhub.engine.store.PairingStore;
import io.mentorhub.engine.store.Stored;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Pairings: proposals, and their life as validated transitions, each recorded with who and when. */
final class PairingsApi {

    /** Body of a transition action; a reason is required to dissolve or reject. */
    record Action(String reason) {
    }

    /** The action routes: path segment, target state, and whether the pair's members may take it themselves. */
    enum Transition {
        PUBLISH("publish", PairingState.PUBLISHED, false),
        START_TRIAL("start-trial", PairingState.TRIAL, false),
        ACTIVATE("activate", PairingState.ACTIVE, true),
        COMPLETE("complete", PairingState.COMPLETED, false),
        DISSOLVE("dissolve", PairingState.DISSOLVED, true),
        REJECT("reject", PairingState.REJECTED, false);

        final String path;
        final PairingState target;
        final boolean byMembers;

        Transition(String path, PairingState target, boolean byMembers) {
            this.path = path;
            this.target = target;
            this.byMembers = byMembers;
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PairingsApi.class);

    private final Stores stores;
    private final Access access;
    private final java.util.function.Supplier<MatchingRuns> matching;

    PairingsApi(Stores stores, Access access, java.util.function.Supplier<MatchingRuns> matching) {
        this.stores = stores;
        this.access = access;
        this.matching = matching;
    }

    ApiResult list(ApiCall call) throws Exception {
        call.allowQuery(Set.of("limit", "cursor", "modified_after", "state"));
        Page.Request page = call.pageRequest();
        String programId = call.path("id");
        Principal caller = call.principal();
        return ApiResult.ok(Representation.page(stores.database().inTransaction(tx -> {
            access.program(tx, caller, programId);
            List<String> where = new ArrayList<>(List.of("program_id = ?"));
            List<Object> parameters = new ArrayList<>(List.of(Tx.uuid(programId)));
            if (!access.managesProgram(tx, caller, programId)) {
                where.add("(" + PairingStore.involving() + ")");
                parameters.add(caller.personId());
                parameters.add(caller.personId());
            }
            if (call.query("state") != null) {
                where.add("state = ?");
                parameters.add(ProgramsApi.enumParameter(PairingState.class, "state", call.query("state")).name());
            }
            return stores.pairings().page(tx, String.join(" AND ", where), parameters, page);
        })));
    }

    /** A manual proposal by HR or a program manager; it must respect the same rules matching does. */
    ApiResult propose(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String programId = call.uuidPath("id", "program");
        Pairing pairing = call.body(Pairing.class, Map.of("program_id", programId));
        if (pairing.id() != null) {
            throw ApiException.invalid("id", "is assigned by the hub; leave it out");
        }
        if (pairing.state() != PairingState.PROPOSED) {
            throw ApiException.invalid("state", "a new pairing is PROPOSED; use the transition actions afterwards");
        }
        Pairing withId = pairing.withId(UUID.randomUUID().toString());
        Stored<Pairing> stored = stores.database().inTransaction(tx -> {
            Program program = access.managedProgram(tx, call.principal(), programId).value();
            checkProposal(tx, program, withId);
            Stored<Pairing> created = stores.pairings().insert(tx, withId, call.principal().actor(), "proposed by hand");
            Outbox.append(tx, Outbox.Event.of("pairing.proposed", "pairing", withId.id(), 1));
            return created;
        });
        return ApiResult.created(Representation.of(stored), "/api/pairings/" + withId.id(), stored.etag());
    }

    private void checkProposal(Tx tx, Program program, Pairing pairing) throws SQLException {
        Enrollment mentor = activeEnrollment(tx, program.id(), pairing.mentorId(), "mentor_id");
        if (!mentor.role().mentors()) {
            throw ApiException.invalid("mentor_id", pairing.mentorId() + " is enrolled as " + mentor.role() + ", not as a mentor");
        }
        int size = pairing.menteeIds().size();
        if (size < program.groupSize().min() || size > program.groupSize().max()) {
            throw ApiException.invalid("mentee_ids", "this program pairs " + program.groupSize().min() + " to "
                    + program.groupSize().max() + " mentees with a mentor");
        }
        for (int i = 0; i < size; i++) {
            String mentee = pairing.menteeIds().get(i);
            Enrollment enrollment = activeEnrollment(tx, program.id(), mentee, "mentee_ids[" + i + "]");
            if (!enrollment.role().isMentored()) {
                throw ApiException.invalid("mentee_ids[" + i + "]", mentee + " is enrolled as a mentor only");
            }
            if (stores.pairings().isDissolved(tx, program.id(), pairing.mentorId(), mentee)) {
                throw ApiException.conflict("previously-dissolved", "mentor " + pairing.mentorId() + " and mentee "
                        + mentee + " were paired before and dissolved; they are not proposed again");
            }
            if (tx.count("SELECT COUNT(*) FROM pairing p JOIN pairing_mentee m ON m.pairing_id = p.id WHERE "
                    + "p.program_id = ? AND m.mentee_id = ? AND p.state IN ('PROPOSED', 'PUBLISHED', 'TRIAL', 'ACTIVE')",
                    Tx.uuid(program.id()), mentee) > 0) {
                throw ApiException.conflict("mentee-already-paired", "mentee " + mentee
                        + " already has a proposed or live pairing in this program");
            }
        }
        long load = tx.count("SELECT COUNT(*) FROM pairing p JOIN pairing_mentee m ON m.pairing_id = p.id WHERE "
                + "p.program_id = ? AND p.mentor_id = ? AND p.state IN ('PROPOSED', 'PUBLISHED', 'TRIAL', 'ACTIVE')",
                Tx.uuid(program.id()), pairing.mentorId());
        if (load + size > mentor.capacity()) {
            throw ApiException.conflict("over-capacity", "mentor " + pairing.mentorId() + " takes " + mentor.capacity()
                    + " mentees and already has " + load);
        }
    }

    private Enrollment activeEnrollment(Tx tx, String programId, String personId, String field) throws SQLException {
        return tx.one("SELECT id FROM enrollment WHERE program_id = ? AND person_id = ? AND status = 'ACTIVE'",
                row -> Tx.uuid(row, "id"), Tx.uuid(programId), personId)
                .map(id -> {
                    try {
                        return stores.enrollments().get(tx, id).value();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .orElseThrow(() -> ApiException.invalid(field, personId + " has no active enrollment in this program"));
    }

    ApiResult get(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        Stored<Pairing> pairing = stores.database().inTransaction(tx ->
                access.pairing(tx, call.principal(), call.path("id"), false));
        return ApiResult.withEtag(Representation.of(pairing), pairing.etag());
    }

    ApiResult transitions(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        return ApiResult.ok(Map.of("items", stores.database().inTransaction(tx -> {
            access.pairing(tx, call.principal(), call.path("id"), false);
            return stores.pairings().transitions(tx, call.path("id"));
        })));
    }

    /** Moves a pairing to the action's state if the state machine allows it; records who, when and why. */
    ApiResult act(ApiCall call, Transition transition) throws Exception {
        call.allowQuery(Set.of());
        String id = call.path("id");
        Long expected = call.expectedVersion();
        Action action = call.hasBody() ? call.body(Action.class) : new Action(null);
        String reason = action.reason() == null || action.reason().isBlank() ? null : action.reason().strip();
        if (reason != null && reason.length() > 500) {
            throw ApiException.invalid("reason", "must be at most 500 characters");
        }
        if (transition.target.needsReason() && reason == null) {
            throw ApiException.invalid("reason", "is required to " + transition.path + " a pairing");
        }
        Principal caller = call.principal();
        boolean[] trialBefore = {false};
        Stored<Pairing> stored = stores.database().inTransaction(tx -> {
            Stored<Pairing> before = access.pairing(tx, caller, id, true);
            Pairing pairing = before.value();
            trialBefore[0] = pairing.state() == PairingState.TRIAL;
            boolean manages = access.managesProgram(tx, caller, pairing.programId());
            if (!manages && !(transition.byMembers && caller.isIn(pairing))) {
                throw ApiException.forbidden("only HR and the program's managers may " + transition.path + " a pairing");
            }
            if (!pairing.state().canMoveTo(transition.target)) {
                throw ApiException.conflict("invalid-transition", "a " + pairing.state() + " pairing cannot be moved to "
                        + transition.target + "; allowed: " + pairing.state().next());
            }
            Stored<Pairing> updated = stores.pairings().update(tx, pairing.moveTo(transition.target, reason), expected);
            stores.pairings().recordTransition(tx, id, pairing.state(), transition.target, reason, caller.actor());
            if (transition.target == PairingState.DISSOLVED || transition.target == PairingState.REJECTED) {
                stores.pairings().rememberDissolved(tx, pairing, reason);
            }
            Outbox.append(tx, Outbox.Event.of("pairing." + transition.target.name().toLowerCase(java.util.Locale.ROOT),
                    "pairing", id, updated.version()));
            return updated;
        });
        if (transition.target == PairingState.DISSOLVED && trialBefore[0]) {
            rematch(stored.value(), caller);
        }
        return ApiResult.withEtag(Representation.of(stored), stored.etag());
    }

    /**
     * A pairing dissolved during its trial re-enters matching for its own people only; every other pairing is left
     * as it is, and the dissolved pair is never proposed again.
     */
    private void rematch(Pairing dissolved, Principal caller) {
        MatchingRuns runs = matching.get();
        List<String> people = new ArrayList<>(dissolved.menteeIds());
        people.add(dissolved.mentorId());
        if (runs == null) {
            LOG.info("Pairing {} dissolved in trial; matching is not running here, so the next run re-matches its "
                    + "people", dissolved.id());
            return;
        }
        runs.rematch(dissolved.programId(), people, "trial re-match of pairing " + dissolved.id() + " by "
                + caller.actor());
    }
}
