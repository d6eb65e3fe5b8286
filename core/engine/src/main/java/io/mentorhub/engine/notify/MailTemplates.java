package io.mentorhub.engine.notify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The text of each kind of e-mail: {@code <kind>.txt} (first line {@code Subject: …}, a blank line, the plain-text
 * body) and {@code <kind>.html} (the HTML body), with {@code {{name}}} placeholders. Built in, and overridable per
 * file by putting a file of the same name in the override folder ({@code etc/notifications/}): an override is read
 * at every send, so edits apply at once; one that names an unknown placeholder or has no subject is refused (logged
 * once) and the built-in text is used. Values are HTML-escaped in HTML bodies and stripped of line breaks in the
 * subject.
 */
public final class MailTemplates {

    private static final Logger LOG = LoggerFactory.getLogger(MailTemplates.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    /** Placeholders every kind offers. */
    private static final Set<String> COMMON = Set.of("recipient_name", "program_name", "unsubscribe_url", "hub_url");
    private static final Map<NotificationKind, Set<String>> VARIABLES = new EnumMap<>(Map.of(
            NotificationKind.PAIRING_PUBLISHED, Set.of("role", "partner_names"),
            NotificationKind.SESSION_REMINDER, Set.of("partner_names", "session_start", "duration_minutes",
                    "session_format"),
            NotificationKind.SURVEY_INVITATION, Set.of("survey_title", "respond_url", "due_on", "expires_on",
                    "anonymity_threshold"),
            NotificationKind.GOAL_DUE, Set.of("goal_title", "due_date", "progress_percent"),
            NotificationKind.TRIAL_ENDING, Set.of("partner_names", "trial_ends_on"),
            NotificationKind.FIT_CONCERN, Set.of("mentor_name", "mentee_names", "pairing_id", "trial_ends_on")));

    /** A rendered e-mail. */
    public record Mail(String subject, String text, String html) {
        @Override
        public String toString() {
            return "Mail[subject and body withheld]";
        }
    }

    private final Path overrides;
    private final Map<String, String> refused = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code overrides} may be null or missing: the built-in texts only. */
    public MailTemplates(Path overrides) {
        this.overrides = overrides;
        for (NotificationKind kind : VARIABLES.keySet()) {
            // The built-in texts must be valid; a broken one is a bug to see at start, not at the first send.
            check(kind, builtIn(kind, ".txt"), ".txt", true);
            check(kind, builtIn(kind, ".html"), ".html", false);
        }
    }

    public static Set<String> variables(NotificationKind kind) {
        Set<String> all = new LinkedHashSet<>(COMMON);
        all.addAll(VARIABLES.getOrDefault(kind, Set.of()));
        return all;
    }

    public Mail render(NotificationKind kind, Map<String, String> values) {
        Set<String> missing = new LinkedHashSet<>(variables(kind));
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no value for " + missing);
        }
        String text = template(kind, ".txt", true);
        String html = template(kind, ".html", false);
        int blank = text.indexOf("\n\n");
        String subjectLine = text.substring(0, blank);
        String subject = fill(subjectLine.substring("Subject:".length()).strip(), values, Escape.HEADER);
        String body = fill(text.substring(blank + 2), values, Escape.NONE);
        String htmlBody = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escapeHtml(subject)
                + "</title></head><body>\n" + fill(html, values, Escape.HTML) + "\n</body></html>\n";
        return new Mail(subject, body, htmlBody);
    }

    private String template(NotificationKind kind, String extension, boolean withSubject) {
        String name = kind.wireName() + extension;
        if (overrides != null) {
            Path file = overrides.resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    String text = normalise(Files.readString(file, StandardCharsets.UTF_8));
                    check(kind, text, extension, withSubject);
                    refused.remove(name);
                    return text;
                } catch (IOException | IllegalArgumentException e) {
                    String reason = e instanceof IllegalArgumentException ? e.getMessage()
                            : "cannot be read (" + e.getClass().getSimpleName() + ")";
                    if (!reason.equals(refused.put(name, reason))) {
                        LOG.warn("Mail template {} is not used, the built-in one is: {}", file, reason);
                    }
                }
            }
        }
        return builtIn(kind, extension);
    }

    private static String builtIn(NotificationKind kind, String extension) {
        String resource = "notifications/" + kind.wireName() + extension;
        try (InputStream in = MailTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing built-in mail template " + resource);
            }
            return normalise(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in mail template " + resource, e);
        }
    }

    private static String normalise(String text) {
        return text.replace("\r\n", "\n");
    }

    static void check(NotificationKind kind, String template, String extension, boolean withSubject) {
        if (withSubject) {
            int blank = template.indexOf("\n\n");
            if (!template.startsWith("Subject:") || blank < 0 || template.substring(0, blank).contains("\n")) {
                throw new IllegalArgumentException("a " + extension + " template starts with one line 'Subject: …' "
                        + "and a blank line");
            }
        }
        Set<String> known = variables(kind);
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!known.contains(matcher.group(1))) {
                throw new IllegalArgumentException("unknown placeholder {{" + matcher.group(1) + "}}; "
                        + kind.wireName() + " offers " + known);
            }
        }
    }

    private enum Escape {
        NONE, HTML, HEADER
    }

    private static String fill(String template, Map<String, String> values, Escape escape) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.getOrDefault(matcher.group(1), "");
            value = switch (escape) {
                case HTML -> escapeHtml(value);
                case HEADER -> value.replaceAll("[\\r\\n\\t]+", " ");
                case NONE -> value;
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    public static String escapeHtml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
