package io.mentorhub.engine.api;

import io.mentorhub.api.domain.Pairing;
import io.mentorhub.api.domain.Program;
import io.mentorhub.engine.store.Stored;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;

/**
 * Object-level rules, checked on every request after the route's role check. What a caller may not see does not
 * exist for them (404: ids cannot be probed); what they may see but not change is forbidden (403).
 */
final class Access {

    private final Stores stores;

    Access(Stores stores) {
        this.stores = stores;
    }

    boolean seesProgram(Tx tx, Principal caller, String programId) throws SQLException {
        return switch (caller.role()) {
            case HR_ADMIN, INTEGRATION -> true;
            case PROGRAM_MANAGER -> stores.programs().isManager(tx, programId, caller.personId());
            case MENTOR, MENTEE -> stores.enrollments().isEnrolled(tx, programId, caller.personId());
        };
    }

    boolean managesProgram(Tx tx, Principal caller, String programId) throws SQLException {
        return caller.is(Role.HR_ADMIN)
                || caller.is(Role.PROGRAM_MANAGER) && stores.programs().isManager(tx, programId, caller.personId());
    }

    /** The program if the caller may see it, else 404. */
    Stored<Program> program(Tx tx, Principal caller, String programId) throws SQLException {
        Stored<Program> program = stores.programs().find(tx, programId)
                .orElseThrow(() -> ApiException.notFound("program", programId));
        if (!seesProgram(tx, caller, programId)) {
            throw ApiException.notFound("program", programId);
        }
        return program;
    }

    /** The program if the caller manages it: 404 if they cannot see it, 403 if they only see it. */
    Stored<Program> managedProgram(Tx tx, Principal caller, String programId) throws SQLException {
        Stored<Program> program = program(tx, caller, programId);
        if (!managesProgram(tx, caller, programId)) {
            throw ApiException.forbidden("only HR and the program's managers may change program " + programId);
        }
        return program;
    }

    /**
     * For what only HR and the program's managers may read (survey results, invitations): 404 if the caller cannot
     * see the program, 403 if they see it as a participant.
     */
    Stored<Program> managedProgramForReading(Tx tx, Principal caller, String programId) throws SQLException {
        Stored<Program> program = program(tx, caller, programId);
        if (!managesProgram(tx, caller, programId)) {
            throw ApiException.forbidden("only HR and the program's managers may read this for program " + programId);
        }
        return program;
    }

    boolean seesPairing(Tx tx, Principal caller, Pairing pairing) throws SQLException {
        return switch (caller.role()) {
            case HR_ADMIN -> true;
            case PROGRAM_MANAGER -> stores.programs().isManager(tx, pairing.programId(), caller.personId());
            case MENTOR, MENTEE -> caller.isIn(pairing);
            case INTEGRATION -> false;
        };
    }

    /** The pairing if the caller may see it (HR, its program's managers, its members), else 404. */
    Stored<Pairing> pairing(Tx tx, Principal caller, String pairingId, boolean lock) throws SQLException {
        var found = lock ? lockedPairing(tx, pairingId) : stores.pairings().find(tx, pairingId).orElse(null);
        if (found == null || !seesPairing(tx, caller, found.value())) {
            throw ApiException.notFound("pairing", pairingId);
        }
        return found;
    }

    private Stored<Pairing> lockedPairing(Tx tx, String pairingId) throws SQLException {
        try {
            return stores.pairings().lock(tx, pairingId);
        } catch (io.mentorhub.engine.store.StoreException e) {
            return null;
        }
    }

    /** The pairing if the caller manages its program: 404 if they cannot see it, 403 if they only see it. */
    Stored<Pairing> managedPairing(Tx tx, Principal caller, String pairingId) throws SQLException {
        Stored<Pairing> pairing = pairing(tx, caller, pairingId, true);
        if (!managesProgram(tx, caller, pairing.value().programId())) {
            throw ApiException.forbidden("only HR and the program's managers may do this to pairing " + pairingId);
        }
        return pairing;
    }

    /**
     * A person's own settings ({@code what}, e.g. "notification preferences"): the person themself reads them, HR
     * too; anyone else is told there is nothing (404), so their existence does not leak.
     */
    static void ownOrHrReads(Principal caller, String personId, String what) {
        if (!caller.isPerson(personId) && !caller.is(Role.HR_ADMIN)) {
            throw nothingFor(personId, what);
        }
    }

    /** Only the person themself changes their own settings: HR is refused (403) with {@code hrRefusal}; others 404. */
    static void ownChanges(Principal caller, String personId, String what, String hrRefusal) {
        if (!caller.isPerson(personId)) {
            if (caller.is(Role.HR_ADMIN)) {
                throw ApiException.forbidden(hrRefusal);
            }
            throw nothingFor(personId, what);
        }
    }

    private static ApiException nothingFor(String personId, String what) {
        return new ApiException(404, "not-found", "no " + what + " of person " + personId + " for this caller");
    }
}
