package io.mentorhub.engine.survey;

import io.mentorhub.api.domain.Pairing;
import io.mentorhub.api.domain.PairingState;
import io.mentorhub.api.domain.Program;
import io.mentorhub.engine.notify.MailQueue;
import io.mentorhub.engine.notify.NotificationKind;
import io.mentorhub.engine.store.Outbox;
import io.mentorhub.engine.store.PairingStore;
import io.mentorhub.engine.store.ProgramStore;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Is this a good fit?" answered no ({@code SurveyResponse.fitConcern()}). The concern is recorded on the pairing
 * with the respondent's role, not their answers. During the trial it opens the re-match path: the program's managers
 * are e-mailed and the {@code pairing.fit_concern} outbox event is announced; a manager (or either member) then
 * dissolves the pairing in trial ({@code POST /api/pairings/{id}/dissolve}), which re-matches its people at once and
 * never proposes the pair again. Outside the trial the concern is recorded only.
 */
public final class FitConcerns {

    private static final Logger LOG = LoggerFactory.getLogger(FitConcerns.class);
    public static final String TOPIC = "pairing.fit_concern";

    /** A concern as program managers see it: which side raised it, when, and whether it came in the trial. */
    public record Concern(String id, String pairingId, String raisedByRole, PairingState pairingState,
            boolean rematchOpen, Instant raisedAt) {
    }

    private FitConcerns() {
    }

    /** Records the concern of one response once (a re-collected response changes nothing). */
    static void raise(Tx tx, String pairingId, String responseId, String respondentId) throws SQLException {
        if (tx.count("SELECT COUNT(*) FROM fit_concern WHERE response_id = ?", Tx.uuid(responseId)) > 0) {
            return;
        }
        Pairing pairing = new PairingStore().get(tx, pairingId).value();
        boolean trial = pairing.state() == PairingState.TRIAL;
        String role = pairing.mentorId().equals(respondentId) ? "MENTOR" : "MENTEE";
        String id = UUID.randomUUID().toString();
        tx.update("INSERT INTO fit_concern (id, pairing_id, response_id, raised_by_role, pairing_state, rematch_open, "
                + "raised_at) VALUES (?, ?, ?, ?, ?, ?, ?)", Tx.uuid(id), Tx.uuid(pairingId), Tx.uuid(responseId),
                role, pairing.state(), trial, tx.now());
        if (!trial) {
            LOG.info("Fit concern {} recorded on pairing {} ({}, outside the trial)", id, pairingId, pairing.state());
            return;
        }
        Program program = new ProgramStore().get(tx, pairing.programId()).value();
        for (String manager : program.managerIds()) {
            MailQueue.enqueue(tx, NotificationKind.FIT_CONCERN, manager, Map.of("pairing_id", pairingId), id);
        }
        Outbox.append(tx, new Outbox.Event(TOPIC, "pairing", pairingId, TOPIC + ":" + id,
                Map.of("type", TOPIC, "id", pairingId, "concern_id", id)));
        LOG.info("Fit concern {} on pairing {} in its trial: re-match path open, {} managers told", id, pairingId,
                program.managerIds().size());
    }

    public static List<Concern> of(Tx tx, String pairingId) throws SQLException {
        return tx.query("SELECT id, pairing_id, raised_by_role, pairing_state, rematch_open, raised_at FROM fit_concern "
                + "WHERE pairing_id = ? ORDER BY raised_at, id", row -> new Concern(Tx.uuid(row, "id"),
                        Tx.uuid(row, "pairing_id"), row.getString("raised_by_role").toLowerCase(java.util.Locale.ROOT),
                        PairingState.valueOf(row.getString("pairing_state")), row.getBoolean("rematch_open"),
                        Tx.instant(row, "raised_at")), Tx.uuid(pairingId));
    }
}
