package io.mentorhub.engine.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mentorhub.engine.api.ApiTestSupport;
import io.mentorhub.engine.outbox.OutboxDrain;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A real SMTP server (GreenMail) on a loopback port, the notifications component sending to it, and the outbox drain
 * that delivers, all on the API test hub's database and clock. Tests call {@link #scan()} and {@link #drain()}
 * themselves rather than wait for timers.
 */
public final class MailTestSupport implements AutoCloseable {

    public final ApiTestSupport api;
    public final int port;
    public GreenMail smtp;
    public final Notifications notifications;
    public final OutboxDrain drain;

    public MailTestSupport(ApiTestSupport api, int maxPerRecipientPerHour, int maxAttempts) throws Exception {
        this.api = api;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        startSmtp();
        notifications = new Notifications(api.database, api.links, null, new Notifications.Settings(
                new SmtpMailer.Smtp("127.0.0.1", port, "mentoring@example.com", "Mentoring program", false, null, null,
                        Duration.ofSeconds(5)), maxPerRecipientPerHour, Duration.ofHours(24), 3, 3, 60_000,
                Path.of("target/no-template-overrides")), api.clock);
        drain = new OutboxDrain(api.database, null, new OutboxDrain.Settings(1000, 50, maxAttempts,
                Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(60)), api.clock);
        drain.bindDelivery(notifications);
    }

    public void startSmtp() {
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    public void stopSmtp() {
        smtp.stop();
    }

    public int scan() throws Exception {
        return notifications.scan();
    }

    public int drain() throws Exception {
        return drain.drain();
    }

    /** Drains until a pass handles nothing (fan-out entries queue mails the next pass sends). */
    public void drainAll() throws Exception {
        for (int i = 0; i < 10 && drain.drain() > 0; i++) {
            // again
        }
    }

    public List<MimeMessage> received() {
        return List.of(smtp.getReceivedMessages());
    }

    /** Received mails by subject and then recipient: how many each got. */
    public Map<String, Map<String, Integer>> bySubject() throws Exception {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (MimeMessage message : received()) {
            String to = message.getRecipients(Message.RecipientType.TO)[0].toString().replaceAll(".*<|>.*", "");
            counts.computeIfAbsent(message.getSubject(), s -> new TreeMap<>()).merge(to, 1, Integer::sum);
        }
        return counts;
    }

    public static String text(MimeMessage message) throws Exception {
        return part(message, "text/plain");
    }

    public static String html(MimeMessage message) throws Exception {
        return part(message, "text/html");
    }

    private static String part(MimeMessage message, String type) throws Exception {
        MimeMultipart alternatives = (MimeMultipart) message.getContent();
        for (int i = 0; i < alternatives.getCount(); i++) {
            if (alternatives.getBodyPart(i).isMimeType(type)) {
                return alternatives.getBodyPart(i).getContent().toString();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    /** Outbox entries of the mail topic: status counts, to show what was delivered, skipped, deferred or dead. */
    public Map<String, Long> mailStatuses() throws Exception {
        return api.database.inTransaction(tx -> {
            Map<String, Long> counts = new TreeMap<>();
            tx.query("SELECT status, COUNT(*) AS n FROM outbox WHERE topic = ? GROUP BY status",
                    row -> counts.put(row.getString("status"), row.getLong("n")), MailQueue.TOPIC);
            return counts;
        });
    }

    /** What the hub logs (slf4j-simple writes to System.err) while {@code work} runs. */
    public static String logsOf(ThrowingRunnable work) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeStream(original, captured), true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }

    public static List<String> recipients(List<MimeMessage> messages) throws Exception {
        List<String> to = new ArrayList<>();
        for (MimeMessage m : messages) {
            to.add(m.getRecipients(Message.RecipientType.TO)[0].toString().replaceAll(".*<|>.*", ""));
        }
        return to;
    }

    @Override
    public void close() {
        if (smtp != null) {
            smtp.stop();
        }
    }
}
