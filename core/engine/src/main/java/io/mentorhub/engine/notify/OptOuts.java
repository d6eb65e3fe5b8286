package io.mentorhub.engine.notify;

import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Who does not want which e-mail. Opting out of {@link NotificationKind#ALL} stops every kind. */
public final class OptOuts {

    private OptOuts() {
    }

    public static Set<NotificationKind> of(Tx tx, String personId) throws SQLException {
        Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        tx.query("SELECT kind FROM notification_opt_out WHERE person_id = ?",
                row -> kinds.add(NotificationKind.valueOf(row.getString("kind"))), personId);
        return kinds;
    }

    public static boolean optedOut(Tx tx, String personId, NotificationKind kind) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM notification_opt_out WHERE person_id = ? AND kind IN (?, 'ALL')",
                personId, kind.name()) > 0;
    }

    /** Replaces the person's opt-outs; {@code source} says how (api, unsubscribe-link). */
    public static void replace(Tx tx, String personId, Set<NotificationKind> kinds, String source)
            throws SQLException {
        tx.update("DELETE FROM notification_opt_out WHERE person_id = ?", personId);
        tx.batch("INSERT INTO notification_opt_out (person_id, kind, source, at) VALUES (?, ?, ?, ?)",
                kinds.stream().map(k -> new Object[] {personId, k.name(), source, tx.now()}).toList());
    }

    /** Adds one opt-out (an unsubscribe link); a repeat changes nothing. */
    public static void add(Tx tx, String personId, NotificationKind kind, String source) throws SQLException {
        if (tx.count("SELECT COUNT(*) FROM notification_opt_out WHERE person_id = ? AND kind = ?", personId,
                kind.name()) == 0) {
            tx.update("INSERT INTO notification_opt_out (person_id, kind, source, at) VALUES (?, ?, ?, ?)", personId,
                    kind.name(), source, tx.now());
        }
    }

    static List<NotificationKind> sendable() {
        return List.of(NotificationKind.PAIRING_PUBLISHED, NotificationKind.SESSION_REMINDER,
                NotificationKind.SURVEY_INVITATION, NotificationKind.GOAL_DUE, NotificationKind.TRIAL_ENDING, NotificationKind.FIT_CONCERN);
    }
}
