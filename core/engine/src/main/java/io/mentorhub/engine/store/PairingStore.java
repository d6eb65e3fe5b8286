package io.mentorhub.engine.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mentorhub.api.domain.Pairing;
import io.mentorhub.api.domain.PairingState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pairings with their mentees, every state transition (who, when, why) and the memory of dissolved pairs, so
 * matching never proposes a dissolved pair again.
 */
public final class PairingStore extends EntityStore<Pairing> {

    private static final TypeReference<List<Pairing.FactorScore>> FACTORS = new TypeReference<>() {
    };

    public PairingStore() {
        super("pairing", "pairing", "id", true, "program_id", "mentor_id", "score", "explanation", "state",
                "state_reason");
    }

    @Override
    protected Object[] values(Pairing p) {
        return new Object[] {Tx.uuid(p.programId()), p.mentorId(), p.score(), json(p.explanation()), p.state(),
                p.stateReason()};
    }

    /** Mentee ids are read per row; pages are small (at most 200). */
    @Override
    protected Pairing map(Tx tx, ResultSet row, String id) throws SQLException {
        List<String> mentees = tx.query("SELECT mentee_id FROM pairing_mentee WHERE pairing_id = ? ORDER BY position",
                r -> r.getString(1), Tx.uuid(id));
        return new Pairing(id, Tx.uuid(row, "program_id"), row.getString("mentor_id"), mentees, row.getInt("score"),
                json(row.getString("explanation"), FACTORS), PairingState.valueOf(row.getString("state")),
                row.getString("state_reason"));
    }

    @Override
    protected String idOf(Pairing value) {
        return value.id();
    }

    @Override
    public Stored<Pairing> insert(Tx tx, Pairing value) throws SQLException {
        return insert(tx, value, "creator", value.stateReason());
    }

    /** Stores a new pairing and records who created it (a person's key, or a matching run) and why. */
    public Stored<Pairing> insert(Tx tx, Pairing value, String actor, String reason) throws SQLException {
        Stored<Pairing> stored = super.insert(tx, value);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < value.menteeIds().size(); i++) {
            rows.add(new Object[] {Tx.uuid(value.id()), value.menteeIds().get(i), i});
        }
        tx.batch("INSERT INTO pairing_mentee (pairing_id, mentee_id, position) VALUES (?, ?, ?)", rows);
        recordTransition(tx, value.id(), null, value.state(), reason, actor);
        return stored;
    }

    /** Records a state change; for DISSOLVED, remembers each mentor-mentee pair of the pairing. */
    public void recordTransition(Tx tx, String pairingId, PairingState from, PairingState to, String reason,
            String actor) throws SQLException {
        tx.update("INSERT INTO pairing_transition (pairing_id, from_state, to_state, reason, actor, at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", Tx.uuid(pairingId), from, to, reason, actor, tx.now());
    }

    public void rememberDissolved(Tx tx, Pairing pairing, String reason) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (String mentee : pairing.menteeIds()) {
            if (!isDissolved(tx, pairing.programId(), pairing.mentorId(), mentee)) {
                rows.add(new Object[] {Tx.uuid(pairing.programId()), pairing.mentorId(), mentee,
                        Tx.uuid(pairing.id()), reason, tx.now()});
            }
        }
        tx.batch("INSERT INTO dissolved_pair (program_id, mentor_id, mentee_id, pairing_id, reason, dissolved_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", rows);
    }

    public boolean isDissolved(Tx tx, String programId, String mentorId, String menteeId) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM dissolved_pair WHERE program_id = ? AND mentor_id = ? AND mentee_id = ?",
                Tx.uuid(programId), mentorId, menteeId) > 0;
    }

    public List<Pairing.Transition> transitions(Tx tx, String pairingId) throws SQLException {
        return tx.query("SELECT * FROM pairing_transition WHERE pairing_id = ? ORDER BY id", row -> {
            String from = row.getString("from_state");
            return new Pairing.Transition(from == null ? null : PairingState.valueOf(from),
                    PairingState.valueOf(row.getString("to_state")), row.getString("reason"), row.getString("actor"),
                    Tx.instant(row, "at"));
        }, Tx.uuid(pairingId));
    }

    /** Whether the person is the mentor or a mentee of the pairing. */
    public boolean involves(Tx tx, String pairingId, String personId) throws SQLException {
        return personId != null && isUuid(pairingId) && tx.count("SELECT COUNT(*) FROM pairing p WHERE p.id = ? AND "
                + "(p.mentor_id = ? OR EXISTS (SELECT 1 FROM pairing_mentee m WHERE m.pairing_id = p.id AND m.mentee_id = ?))",
                Tx.uuid(pairingId), personId, personId) > 0;
    }

    /** WHERE fragment: pairings the person is part of. */
    public static String involving() {
        return "mentor_id = ? OR id IN (SELECT pairing_id FROM pairing_mentee WHERE mentee_id = ?)";
    }
}
