package io.mentorhub.engine.push;

import io.mentorhub.engine.store.AuditLog;
import io.mentorhub.engine.store.Outbox;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A participant's consent to have their mentoring written to performance-review systems: the Lattice-style goal and
 * the pushed review feed carry only people who agreed. Without a decision, nothing is shared. A decision is audited
 * and announced ({@value #TOPIC}), so agreeing sends the person's mentoring goal at once.
 */
public final class ReviewSharing {

    public static final String TOPIC = "review_sharing.updated";

    /** The decision as stored: whether the person shares, and since when; {@code decidedAt} null when undecided. */
    public record Decision(String personId, boolean shares, Instant decidedAt) {
    }

    private ReviewSharing() {
    }

    public static boolean shares(Tx tx, String personId) throws SQLException {
        return decision(tx, personId).shares();
    }

    public static Decision decision(Tx tx, String personId) throws SQLException {
        Optional<Decision> stored = tx.one("SELECT shares, decided_at FROM review_sharing WHERE person_id = ?",
                row -> new Decision(personId, row.getBoolean("shares"), Tx.instant(row, "decided_at")), personId);
        return stored.orElse(new Decision(personId, false, null));
    }

    /** Records the person's decision (they alone make it), audits it and announces it. */
    public static Decision decide(Tx tx, String personId, boolean shares, String actor) throws SQLException {
        Instant now = tx.now();
        if (tx.update("UPDATE review_sharing SET shares = ?, decided_at = ? WHERE person_id = ?", shares, now,
                personId) == 0) {
            tx.update("INSERT INTO review_sharing (person_id, shares, decided_at) VALUES (?, ?, ?)", personId, shares,
                    now);
        }
        AuditLog.record(tx, actor, shares ? "review_sharing.agreed" : "review_sharing.withdrawn", "person", personId,
                Map.of());
        String key = TOPIC + ":" + personId + ":" + now.toEpochMilli() + ":" + shares;
        Outbox.append(tx, new Outbox.Event(TOPIC, "person", personId, key, Map.of("type", TOPIC, "id", personId,
                "shares", shares)));
        return new Decision(personId, shares, now);
    }
}
