package io.mentorhub.engine.notify;

import io.mentorhub.engine.outbox.OutboxDelivery.Failure;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends one e-mail over SMTP with Jakarta Mail (Eclipse Angus): plain text and HTML alternatives, the given
 * Message-ID (the outbox idempotency key, so a receiver can recognise a repeat), List-Unsubscribe headers (RFC 8058
 * one-click). Failures come back in the outbox's terms: a recipient or message refused with a 5xx reply is
 * permanent; 4xx replies, time-outs, connection and authentication failures are transient. Failure messages carry
 * the reply code and the exception type, never the address, the server's text or the mail.
 */
public final class SmtpMailer {

    /** Where and how to send; {@link #toString()} masks the password. */
    public record Smtp(String host, int port, String from, String fromName, boolean startTls, String user,
            String password, Duration timeout) {
        public Smtp {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host is required");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1-65535, was " + port);
            }
            try {
                new InternetAddress(from, true);
            } catch (AddressException | NullPointerException e) {
                throw new IllegalArgumentException("from must be an e-mail address such as mentoring@example.com");
            }
            user = user == null || user.isBlank() ? null : user.strip();
            password = password == null || password.isEmpty() ? null : password;
            if (password != null && user == null) {
                throw new IllegalArgumentException("a password is set without a user");
            }
        }

        public String fromDomain() {
            return from.substring(from.indexOf('@') + 1);
        }

        @Override
        public String toString() {
            return "Smtp[" + host + ":" + port + ", from=" + from + ", startTls=" + startTls + ", user="
                    + (user == null ? "(none)" : user) + ", password=" + (password == null ? "(none)" : "********")
                    + "]";
        }
    }

    /** One e-mail to send. */
    public record Outgoing(String to, String toName, String messageId, MailTemplates.Mail mail, String unsubscribeUrl) {
        @Override
        public String toString() {
            return "Outgoing[" + messageId + "]";
        }
    }

    private final Smtp smtp;
    private final Session session;

    public SmtpMailer(Smtp smtp) {
        this.smtp = smtp;
        Properties properties = new Properties();
        String timeout = Long.toString(smtp.timeout().toMillis());
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", Integer.toString(smtp.port()));
        properties.put("mail.smtp.connectiontimeout", timeout);
        properties.put("mail.smtp.timeout", timeout);
        properties.put("mail.smtp.writetimeout", timeout);
        properties.put("mail.smtp.auth", Boolean.toString(smtp.user() != null));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(smtp.startTls()));
        // STARTTLS on means required: credentials and mail never go in the clear by a silent downgrade.
        properties.put("mail.smtp.starttls.required", Boolean.toString(smtp.startTls()));
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        this.session = withBundleLoader(() -> Session.getInstance(properties));
    }

    public Smtp smtp() {
        return smtp;
    }

    /** Sends the mail, or throws a {@link Failure} classified for the outbox. */
    public void send(Outgoing outgoing) throws Failure {
        try {
            withBundleLoader(() -> {
                MimeMessage message = message(outgoing);
                try (Transport transport = session.getTransport("smtp")) {
                    transport.connect(smtp.host(), smtp.port(), smtp.user(), smtp.password());
                    transport.sendMessage(message, message.getAllRecipients());
                }
                return null;
            });
        } catch (MailFailure e) {
            throw e.failure;
        }
    }

    MimeMessage message(Outgoing outgoing) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", outgoing.messageId());
            }
        };
        try {
            message.setFrom(new InternetAddress(smtp.from(), smtp.fromName(), StandardCharsets.UTF_8.name()));
            message.setRecipient(Message.RecipientType.TO,
                    new InternetAddress(outgoing.to(), outgoing.toName(), StandardCharsets.UTF_8.name()));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        message.setSubject(outgoing.mail().subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new java.util.Date());
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("List-Unsubscribe", "<" + outgoing.unsubscribeUrl() + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(outgoing.mail().text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(outgoing.mail().html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternatives = new MimeMultipart("alternative");
        alternatives.addBodyPart(text);
        alternatives.addBodyPart(html);
        message.setContent(alternatives);
        message.saveChanges();
        return message;
    }

    /** The Message-ID of a mail from its idempotency key: the key itself, with characters RFC 5322 forbids escaped. */
    public static String messageId(String idempotencyKey, String domain) {
        StringBuilder id = new StringBuilder("<");
        for (byte b : idempotencyKey.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                id.append(c);
            } else {
                id.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return id.append('@').append(domain).append('>').toString();
    }

    static Failure classify(MessagingException e, Smtp smtp) {
        for (Exception cause = e; cause != null; cause = cause instanceof MessagingException m ? m.getNextException()
                : null) {
            if (cause instanceof SMTPAddressFailedException address) {
                return reply("the SMTP server refused the recipient", address.getReturnCode());
            }
            if (cause instanceof SMTPSendFailedException send) {
                return reply("the SMTP server refused the message", send.getReturnCode());
            }
            if (cause instanceof AuthenticationFailedException) {
                return Failure.transientFailure("SMTP authentication failed at " + smtp.host() + ":" + smtp.port()
                        + "; check user and password", null);
            }
        }
        if (e instanceof SendFailedException) {
            return Failure.permanent("the SMTP server refused the recipient");
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return Failure.transientFailure("SMTP server " + smtp.host() + ":" + smtp.port() + " failed ("
                + root.getClass().getSimpleName() + ")", null);
    }

    private static Failure reply(String what, int code) {
        String message = what + " (" + code + ")";
        return code >= 500 && code < 600 ? Failure.permanent(message) : Failure.transientFailure(message, null);
    }

    /** Carries a classified failure out of the class-loader wrapper. */
    private static final class MailFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Failure failure;

        MailFailure(Failure failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    @FunctionalInterface
    private interface MailWork<T> {
        T run() throws MessagingException;
    }

    /** Jakarta Mail finds its providers through the context class loader: the engine bundle's, where it is embedded. */
    private <T> T withBundleLoader(MailWork<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(SmtpMailer.class.getClassLoader());
        try {
            return work.run();
        } catch (MessagingException e) {
            throw new MailFailure(classify(e, smtp));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
