package io.mentorhub.engine.notify;

import io.mentorhub.engine.store.Outbox;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Queues one e-mail to one person as an outbox entry of topic {@value #TOPIC}, in the caller's transaction. The
 * entry names the kind, the person and the ids the mail is about — never its text, which is rendered from the
 * current state when it is sent. Its idempotency key (also the mail's Message-ID) makes queueing the same mail twice
 * a no-op, so scanners may run as often as they like and on every node.
 */
public final class MailQueue {

    public static final String TOPIC = "notification.mail";

    private MailQueue() {
    }

    /**
     * Queues the mail unless one with this key exists; returns whether it was queued now. {@code about} holds the
     * ids the template needs (e.g. pairing_id); {@code occasion} tells two mails of one kind about one thing apart
     * (e.g. a session's start time), so a rescheduled session gets its own reminder.
     */
    public static boolean enqueue(Tx tx, NotificationKind kind, String personId, Map<String, String> about,
            String occasion) throws SQLException {
        return enqueue(tx, kind, personId, about, occasion, Map.of());
    }

    /** As above, with {@code extra} values the mail needs that are not part of its identity (never content). */
    public static boolean enqueue(Tx tx, NotificationKind kind, String personId, Map<String, String> about,
            String occasion, Map<String, Object> extra) throws SQLException {
        if (kind == NotificationKind.ALL) {
            throw new IllegalArgumentException("ALL is not a kind of e-mail");
        }
        String key = key(kind, about, occasion, personId);
        if (tx.count("SELECT COUNT(*) FROM outbox WHERE idempotency_key = ?", key) > 0) {
            return false;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", TOPIC);
        payload.put("kind", kind.wireName());
        payload.put("person_id", personId);
        payload.putAll(about);
        extra.forEach(payload::putIfAbsent);
        Outbox.append(tx, new Outbox.Event(TOPIC, "person", personId, key, payload));
        return true;
    }

    /** e.g. {@code mail:session_reminder:<session id>:<occasion>:<person id>}; at most 200 characters. */
    static String key(NotificationKind kind, Map<String, String> about, String occasion, String personId) {
        StringBuilder key = new StringBuilder("mail:").append(kind.wireName());
        about.values().forEach(id -> key.append(':').append(id));
        if (occasion != null) {
            key.append(':').append(occasion);
        }
        key.append(':').append(personId);
        if (key.length() > 200) {
            throw new IllegalArgumentException("mail key longer than 200 characters");
        }
        return key.toString();
    }
}
