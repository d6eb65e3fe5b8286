package io.mentorhub.engine.notify;

import static io.mentorhub.engine.api.MentorshipFixture.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.engine.api.ApiTestSupport;
import io.mentorhub.engine.api.MentorshipFixture;
import io.mentorhub.engine.store.Tx;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications sent through a real SMTP server (GreenMail): every kind arrives once with its Message-ID, unsubscribe
 * link and both text and HTML; opt-outs stop mail; a second pass sends nothing again; a failing server is retried
 * until the mail is delivered once, or given up on with the reason; the per-person hourly limit holds; and neither a
 * mail's text nor a link reaches the log.
 */
class NotificationsMailTest {

    private ApiTestSupport api;
    private MentorshipFixture fx;
    private MailTestSupport mail;
    private String trialPairing;

    /** The hub under test: H2 here, PostgreSQL in {@code PostgresNotificationsMailIT}. */
    protected ApiTestSupport createSupport() throws Exception {
        return new ApiTestSupport();
    }

    private void start(int maxPerHour, int maxAttempts) throws Exception {
        api = createSupport();
        fx = new MentorshipFixture(api);
        MentorshipFixture.expect(200, api.call("POST", "/api/people/bulk", fx.key.get("integration"), Map.of("people",
                List.of(person("mentor-9", "Nia", "Mentor", "Ops"), person("mentee-9", "Noa", "Mentee", "Ops")))));
        for (String[] e : new String[][] {{"mentor-9", "MENTOR", "1"}, {"mentee-9", "MENTEE", "0"}}) {
            MentorshipFixture.expect(201, api.admin("POST", "/api/programs/" + fx.programId + "/enrollments", Map.of(
                    "person_id", e[0], "role", e[1], "capacity", Integer.parseInt(e[2]), "status", "ACTIVE")));
        }
        trialPairing = MentorshipFixture.expect(201, api.admin("POST", "/api/programs/" + fx.programId + "/pairings",
                Map.of("mentor_id", "mentor-9", "mentee_ids", List.of("mentee-9"), "score", 60))).body().path("id")
                .asText();
        MentorshipFixture.expect(200, api.admin("POST", "/api/pairings/" + trialPairing + "/publish", null));
        MentorshipFixture.expect(200, api.admin("POST", "/api/pairings/" + trialPairing + "/start-trial", null));
        api.clock.set(Instant.now());
        mail = new MailTestSupport(api, maxPerHour, maxAttempts);
    }

    @AfterEach
    void stop() throws Exception {
        if (mail != null) {
            mail.close();
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void everyKindArrivesOnceAndASecondPassSendsNothing() throws Exception {
        start(10, 5);
        String logs = MailTestSupport.logsOf(() -> {
            mail.drainAll();
            // Session reminders: the fixture's sessions start 2027-02-10 09:00 UTC.
            api.clock.set(Instant.parse("2027-02-09T12:00:00Z"));
            assertEquals(4, mail.scan(), "two sessions, two members each");
            mail.drainAll();
            // Goals due 2027-06-30, reminded 3 days before.
            api.clock.set(Instant.parse("2027-06-28T08:00:00Z"));
            assertEquals(2, mail.scan());
            mail.drainAll();
        });
        Map<String, Map<String, Integer>> got = mail.bySubject();
        assertEquals(Map.of("mentor-1@example.com", 1, "mentee-1@example.com", 1, "mentor-2@example.com", 1,
                "mentee-2@example.com", 1, "mentor-9@example.com", 1, "mentee-9@example.com", 1),
                got.get("Your mentoring pairing in Engineering mentoring"), got.toString());
        assertEquals(Map.of("mentor-1@example.com", 1, "mentee-1@example.com", 1, "mentor-2@example.com", 1,
                "mentee-2@example.com", 1), got.get("Reminder: mentoring session on Wed 10 Feb 2027, 10:00 "
                        + "(Europe/Paris)"), got.toString());
        assertEquals(Map.of("mentee-1@example.com", 1, "mentee-2@example.com", 1),
                got.get("Your goal \"Present at the all-hands\" is due on 2027-06-30"), got.toString());

        // Trial ending: the trial started today and lasts 30 days; the notice goes 3 days before its end.
        api.clock.set(Instant.now().plus(Duration.ofDays(28)));
        assertEquals(2, mail.scan());
        mail.drainAll();
        got = mail.bySubject();
        String trialSubject = got.keySet().stream().filter(s -> s.startsWith("Your mentoring trial ends on"))
                .findFirst().orElseThrow(() -> new AssertionError("no trial-ending mail"));
        assertEquals(Map.of("mentor-9@example.com", 1, "mentee-9@example.com", 1), got.get(trialSubject));
        assertEquals(14, mail.received().size());

        for (MimeMessage message : mail.received()) {
            String recipient = MailTestSupport.recipients(List.of(message)).get(0).replace("@example.com", "");
            String expectedKey = keyOf(message.getMessageID());
            String key = api.database.inTransaction(tx -> tx.one("SELECT idempotency_key FROM outbox WHERE topic = ? "
                    + "AND status = 'DELIVERED' AND aggregate_id = ? AND idempotency_key = ?",
                    row -> row.getString(1), MailQueue.TOPIC, recipient, expectedKey).orElse(null));
            assertNotNull(key, "the Message-ID " + message.getMessageID() + " is a delivered mail's idempotency key");
            String unsubscribe = message.getHeader("List-Unsubscribe", null);
            assertTrue(unsubscribe.startsWith("<http://127.0.0.1/unsubscribe/"), unsubscribe);
            assertEquals("List-Unsubscribe=One-Click", message.getHeader("List-Unsubscribe-Post", null));
            String link = unsubscribe.substring(1, unsubscribe.length() - 1);
            assertTrue(MailTestSupport.text(message).contains(link), "the text names the unsubscribe link");
            assertTrue(MailTestSupport.html(message).contains("href=\"" + link + "\""), "so does the HTML");
            assertFalse(logs.contains(link) || logs.contains(MailTestSupport.text(message).lines().skip(2).findFirst()
                    .orElseThrow()), "no link or mail text in the log");
        }
        assertFalse(logs.contains("Hello "), "no mail text in the log");

        // A second pass of everything sends nothing again.
        assertEquals(0, mail.scan());
        mail.drainAll();
        assertEquals(14, mail.received().size());
        assertEquals(Map.of("DELIVERED", 14L), mail.mailStatuses());
    }

    /** The Message-ID is the idempotency key with the characters RFC 5322 forbids %-escaped. */
    private static String keyOf(String messageId) {
        String escaped = messageId.substring(1, messageId.indexOf('@'));
        return java.net.URLDecoder.decode(escaped.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void optingOutStopsMailThroughTheApiAndThroughTheUnsubscribeLink() throws Exception {
        start(10, 5);
        // mentee-1 stops session reminders through the API.
        var preferences = api.call("PUT", "/api/people/mentee-1/notification-preferences", fx.key.get("mentee-1"),
                Map.of("opted_out", List.of("session_reminder")));
        assertEquals(200, preferences.status(), preferences.toString());
        assertEquals("[\"session_reminder\"]", preferences.body().path("opted_out").toString());
        mail.drainAll();
        api.clock.set(Instant.parse("2027-02-09T12:00:00Z"));
        mail.scan();
        mail.drainAll();
        List<String> reminded = MailTestSupport.recipients(mail.received().stream()
                .filter(m -> subject(m).startsWith("Reminder")).toList());
        assertEquals(List.of("mentee-2@example.com", "mentor-1@example.com", "mentor-2@example.com"),
                reminded.stream().sorted().toList());
        assertEquals(1L, (long) api.database.<Long>inTransaction(tx -> tx.count("SELECT COUNT(*) FROM outbox WHERE status = "
                + "'SKIPPED' AND aggregate_id = 'mentee-1' AND last_error = 'the person opted out of session_reminder'")));

        // mentor-1 follows the unsubscribe link of the pairing mail: the page asks first, then stops all mail.
        MimeMessage published = mail.received().stream().filter(m -> subject(m).startsWith("Your mentoring pairing"))
                .filter(m -> recipient(m).equals("mentor-1@example.com")).findFirst().orElseThrow();
        String header = published.getHeader("List-Unsubscribe", null);
        String path = URI.create(header.substring(1, header.length() - 1)).getPath();
        HttpResponse<String> page = api.page("GET", path, null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Stop “Pairing published” e-mails"), page.body());
        assertEquals(0L, (long) api.database.<Long>inTransaction(tx -> tx.count("SELECT COUNT(*) FROM notification_opt_out WHERE "
                + "person_id = 'mentor-1'")), "opening the link changes nothing");
        assertEquals(200, api.page("POST", path, "scope=all").statusCode());
        var mentorPreferences = api.call("GET", "/api/people/mentor-1/notification-preferences",
                fx.key.get("mentor-1"), null);
        assertEquals("[\"all\"]", mentorPreferences.body().path("opted_out").toString());
        assertEquals(404, api.page("GET", path.substring(0, path.length() - 2) + "xx", null).statusCode(),
                "a tampered link opens nothing");

        api.clock.set(Instant.parse("2027-06-28T08:00:00Z"));
        api.database.inTransaction(tx -> tx.update("UPDATE goal SET owner_id = 'mentor-1' WHERE pairing_id = ?",
                Tx.uuid(fx.pairing1)));
        mail.scan();
        mail.drainAll();
        assertTrue(mail.received().stream().noneMatch(m -> subject(m).startsWith("Your goal")
                && recipient(m).equals("mentor-1@example.com")), "nothing reaches a person who stopped all mail");
        assertTrue(mail.received().stream().anyMatch(m -> subject(m).startsWith("Your goal")
                && recipient(m).equals("mentee-2@example.com")));
    }

    @Test
    void aFailingServerIsRetriedThenTheMailIsDeliveredOnceOrSetAsideWithTheReason() throws Exception {
        start(10, 3);
        mail.drainAll();
        int before = mail.received().size();
        mail.stopSmtp();
        api.clock.set(Instant.parse("2027-02-09T12:00:00Z"));
        assertEquals(4, mail.scan());
        assertEquals(4, mail.drain());
        Map<String, Object> retry = api.database.inTransaction(tx -> tx.one("SELECT attempts, last_error, "
                + "next_attempt_at FROM outbox WHERE topic = ? AND status = 'PENDING' ORDER BY id FETCH FIRST 1 ROWS "
                + "ONLY", row -> Map.<String, Object>of("attempts", row.getInt(1), "error", row.getString(2), "next",
                        Tx.instant(row, "next_attempt_at")), MailQueue.TOPIC).orElseThrow());
        assertEquals(1, retry.get("attempts"));
        assertEquals("SMTP server 127.0.0.1:" + mail.port + " failed (ConnectException)", retry.get("error"));
        assertEquals(Instant.parse("2027-02-09T12:00:01Z"), retry.get("next"), "first retry after retryBase");
        assertEquals(0, mail.drain(), "not due before its backoff");

        mail.startSmtp();
        api.clock.advance(Duration.ofSeconds(2));
        mail.drainAll();
        mail.drainAll();
        assertEquals(4, mail.received().size(), "each reminder delivered once after the server came back");
        assertTrue(before > 0);

        // A server that stays away: retries up to the maximum, then DEAD with the reason.
        mail.stopSmtp();
        api.clock.set(Instant.parse("2027-06-28T08:00:00Z"));
        assertEquals(2, mail.scan());
        for (int attempt = 0; attempt < 3; attempt++) {
            mail.drain();
            api.clock.advance(Duration.ofSeconds(10));
        }
        assertEquals(List.of("gave up after 3 attempts: SMTP server 127.0.0.1:" + mail.port
                + " failed (ConnectException)"), api.database.inTransaction(tx -> tx.query("SELECT DISTINCT last_error "
                + "FROM outbox WHERE status = 'DEAD'", row -> row.getString(1))));
        assertEquals(2L, mail.mailStatuses().get("DEAD"));
        mail.startSmtp();
        mail.drainAll();
        assertEquals(0, mail.received().size(), "a DEAD mail is never sent");
    }

    @Test
    void thePerPersonHourlyLimitHolds() throws Exception {
        start(2, 5);
        mail.drainAll();
        // mentee-1 already got the pairing mail this hour; two reminders and a goal mail are queued for them.
        api.clock.set(Instant.parse("2027-02-09T12:00:00Z"));
        String mentee1Session = fx.session.get("1");
        api.database.inTransaction(tx -> {
            MailQueue.enqueue(tx, NotificationKind.SESSION_REMINDER, "mentee-1", Map.of("session_id", mentee1Session),
                    "a");
            MailQueue.enqueue(tx, NotificationKind.SESSION_REMINDER, "mentee-1", Map.of("session_id", mentee1Session),
                    "b");
            MailQueue.enqueue(tx, NotificationKind.SESSION_REMINDER, "mentee-1", Map.of("session_id", mentee1Session),
                    "c");
            return null;
        });
        mail.drainAll();
        assertEquals(2, countTo("mentee-1@example.com", "Reminder"), "two in the hour");
        assertEquals(1L, (long) api.database.<Long>inTransaction(tx -> tx.count("SELECT COUNT(*) FROM outbox WHERE status = "
                + "'PENDING' AND aggregate_id = 'mentee-1' AND last_error LIKE '%limit of 2 e-mails an hour%'")));
        api.clock.advance(Duration.ofMinutes(59));
        mail.drainAll();
        assertEquals(2, countTo("mentee-1@example.com", "Reminder"), "still within the hour");
        api.clock.advance(Duration.ofMinutes(2));
        mail.drainAll();
        assertEquals(3, countTo("mentee-1@example.com", "Reminder"), "the third once the hour has passed");
    }

    private long countTo(String address, String subjectStart) {
        return mail.received().stream().filter(m -> recipient(m).equals(address) && subject(m).startsWith(subjectStart))
                .count();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return MailTestSupport.recipients(List.of(message)).get(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
