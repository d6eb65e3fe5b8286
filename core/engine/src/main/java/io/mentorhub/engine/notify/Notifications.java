package io.mentorhub.engine.notify;

import io.mentorhub.api.domain.MentoringSession;
import io.mentorhub.api.domain.Pairing;
import io.mentorhub.api.domain.PairingState;
import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.PersonStatus;
import io.mentorhub.api.domain.Program;
import io.mentorhub.api.survey.SurveyDefinition;
import io.mentorhub.engine.flow.FlowRuntime;
import io.mentorhub.engine.health.ComponentHealth;
import io.mentorhub.engine.health.HealthIndicator;
import io.mentorhub.engine.links.Links;
import io.mentorhub.engine.outbox.OutboxDelivery;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.EntityStore;
import io.mentorhub.engine.store.GoalStore;
import io.mentorhub.engine.store.PairingStore;
import io.mentorhub.engine.store.PersonStore;
import io.mentorhub.engine.store.ProgramStore;
import io.mentorhub.engine.store.SessionStore;
import io.mentorhub.engine.store.Stored;
import io.mentorhub.engine.store.Tx;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * E-mail notifications. Decides which mails are due and queues each as an outbox entry ({@link MailQueue}):
 * pairing published (from the {@code pairing.published} outbox entry), session reminder, goal due and trial ending
 * (from a periodic scan); survey invitations are queued by the survey flow. Then, as the {@link OutboxDelivery} of
 * {@value MailQueue#TOPIC}, sends each one: skipped if the person opted out, left, has no address or the mail is no
 * longer true (the session moved, the pairing ended); deferred while the person's hourly limit is reached; otherwise
 * rendered from the current state ({@link MailTemplates}) and sent over SMTP ({@link SmtpMailer}) with the entry's
 * idempotency key as Message-ID. Without a configured SMTP host nothing is queued or sent.
 */
@Component(service = {Notifications.class, OutboxDelivery.class, HealthIndicator.class},
        configurationPid = Notifications.PID, immediate = true)
@Designate(ocd = Notifications.Config.class)
public class Notifications implements OutboxDelivery, HealthIndicator {

    public static final String PID = "io.mentorhub.notifications";
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    private static final Set<String> LIVE = Set.of("PUBLISHED", "TRIAL", "ACTIVE");

    @ObjectClassDefinition(name = "E-mail notifications")
    public @interface Config {
        @AttributeDefinition(description = "SMTP server host; empty: no e-mail is queued or sent")
        String host() default "";

        @AttributeDefinition(description = "SMTP port (587 submission with STARTTLS, 25 relay)", min = "1",
                max = "65535")
        int port() default 587;

        @AttributeDefinition(description = "Sender address, e.g. mentoring@example.com")
        String from() default "mentorhub@localhost.localdomain";

        @AttributeDefinition(description = "Sender name shown to people")
        String fromName() default "Mentoring program";

        @AttributeDefinition(description = "Require STARTTLS before credentials or mail are sent")
        boolean startTls() default true;

        @AttributeDefinition(description = "SMTP user; empty: no authentication")
        String user() default "";

        @AttributeDefinition(type = AttributeType.PASSWORD,
                description = "SMTP password, e.g. $[secret:smtp.password]; never shown")
        String password() default "";

        @AttributeDefinition(description = "Connect, read and write time-out in seconds", min = "1", max = "300")
        int timeoutSeconds() default 30;

        @AttributeDefinition(description = "Most e-mails one person receives in an hour; more wait", min = "1",
                max = "1000")
        int maxPerRecipientPerHour() default 10;

        @AttributeDefinition(description = "Session reminders go this many hours before a session", min = "1",
                max = "336")
        int sessionReminderHours() default 24;

        @AttributeDefinition(description = "Goal reminders go this many days before a goal's due date", min = "0",
                max = "60")
        int goalDueDays() default 3;

        @AttributeDefinition(description = "Trial-ending notices go this many days before a trial ends", min = "0",
                max = "60")
        int trialEndingDays() default 3;

        @AttributeDefinition(description = "How often reminders are looked for, in seconds", min = "10")
        int scanSeconds() default 300;

        @AttributeDefinition(description = "Folder of template overrides (<kind>.txt, <kind>.html); relative to "
                + "the hub's home")
        String templates() default "etc/notifications";
    }

    /** The settings a running component uses. */
    public record Settings(SmtpMailer.Smtp smtp, int maxPerRecipientPerHour, Duration sessionReminder, int goalDueDays,
            int trialEndingDays, long scanMillis, Path templates) {
    }

    private final Database database;
    private final Links links;
    private final CamelContext camel;
    private final Settings settings;
    private final Clock clock;
    private final SmtpMailer mailer;
    private final MailTemplates templates;
    private final PersonStore people = new PersonStore();
    private final ProgramStore programs = new ProgramStore();
    private final PairingStore pairings = new PairingStore();
    private final SessionStore sessions = new SessionStore();
    private final GoalStore goals = new GoalStore();
    private volatile String lastScanError;

    @Activate
    public Notifications(BundleContext context, @Reference Database database, @Reference Links links,
            @Reference FlowRuntime flows, Config config) throws Exception {
        this(database, links, flows.camel(), settings(config, home(context)), Clock.systemUTC());
    }

    public Notifications(Database database, Links links, CamelContext camel, Settings settings, Clock clock)
            throws Exception {
        this.database = database;
        this.links = links;
        this.camel = camel;
        this.settings = settings;
        this.clock = clock;
        this.mailer = settings.smtp() == null ? null : new SmtpMailer(settings.smtp());
        this.templates = new MailTemplates(settings.templates());
        if (camel != null && mailer != null) {
            camel.addRoutes(new NotificationScanRoute(this, settings.scanMillis()));
        }
        LOG.info("Notifications {}", mailer == null ? "are off: no SMTP host is configured"
                : "send through " + settings.smtp());
    }

    @Deactivate
    public void stop() throws Exception {
        if (camel != null && camel.getRoute(NotificationScanRoute.ROUTE_ID) != null) {
            camel.getRouteController().stopRoute(NotificationScanRoute.ROUTE_ID);
            camel.removeRoute(NotificationScanRoute.ROUTE_ID);
        }
    }

    static Path home(BundleContext context) {
        String home = context == null ? null : context.getProperty("mentorhub.home");
        return Path.of(home == null ? "." : home).toAbsolutePath();
    }

    /** Checks and maps the configuration; a bad value stops activation with a message naming it. */
    public static Settings settings(Config c, Path home) {
        SmtpMailer.Smtp smtp = c.host().isBlank() ? null : new SmtpMailer.Smtp(c.host().strip(), c.port(),
                c.from().strip(), c.fromName().strip(), c.startTls(), c.user(), c.password(),
                Duration.ofSeconds(c.timeoutSeconds()));
        if (c.maxPerRecipientPerHour() < 1) {
            throw new IllegalArgumentException("maxPerRecipientPerHour must be at least 1");
        }
        if (c.sessionReminderHours() < 1 || c.goalDueDays() < 0 || c.trialEndingDays() < 0 || c.scanSeconds() < 10) {
            throw new IllegalArgumentException("sessionReminderHours must be at least 1, goalDueDays and "
                    + "trialEndingDays at least 0, scanSeconds at least 10");
        }
        return new Settings(smtp, c.maxPerRecipientPerHour(), Duration.ofHours(c.sessionReminderHours()),
                c.goalDueDays(), c.trialEndingDays(), c.scanSeconds() * 1000L, home.resolve(c.templates()));
    }

    public boolean enabled() {
        return mailer != null;
    }

    public Settings settings() {
        return settings;
    }

    // --- Deciding what is due ---

    /** Queues every reminder that is due now; running it again queues nothing new. Returns how many were queued. */
    public int scan() throws SQLException {
        if (!enabled()) {
            return 0;
        }
        Instant now = now();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int queued = database.inTransaction(tx -> {
            int n = 0;
            for (Object[] s : tx.query("SELECT s.id, s.pairing_id, s.starts_at FROM mentoring_session s JOIN pairing p "
                    + "ON p.id = s.pairing_id WHERE s.starts_at > ? AND s.starts_at <= ? AND p.state IN ('PUBLISHED', "
                    + "'TRIAL', 'ACTIVE') ORDER BY s.starts_at", row -> new Object[] {Tx.uuid(row, "id"),
                            Tx.uuid(row, "pairing_id"), Tx.instant(row, "starts_at")},
                    now, now.plus(settings.sessionReminder()))) {
                for (String member : members(tx, (String) s[1])) {
                    n += MailQueue.enqueue(tx, NotificationKind.SESSION_REMINDER, member,
                            Map.of("session_id", (String) s[0]), Long.toString(((Instant) s[2]).getEpochSecond()))
                            ? 1 : 0;
                }
            }
            for (Object[] g : tx.query("SELECT g.id, g.owner_id, g.due_date FROM goal g JOIN pairing p ON p.id = "
                    + "g.pairing_id WHERE g.status IN ('NOT_STARTED', 'IN_PROGRESS') AND g.due_date >= ? AND "
                    + "g.due_date <= ? AND p.state IN ('PUBLISHED', 'TRIAL', 'ACTIVE') ORDER BY g.due_date",
                    row -> new Object[] {Tx.uuid(row, "id"), row.getString("owner_id"), Tx.date(row, "due_date")},
                    today, today.plusDays(settings.goalDueDays()))) {
                n += MailQueue.enqueue(tx, NotificationKind.GOAL_DUE, (String) g[1], Map.of("goal_id", (String) g[0]),
                        g[2].toString()) ? 1 : 0;
            }
            for (String pairingId : tx.query("SELECT id FROM pairing WHERE state = 'TRIAL' ORDER BY id",
                    row -> Tx.uuid(row, "id"))) {
                Pairing pairing = pairings.get(tx, pairingId).value();
                LocalDate started = trialStart(tx, pairingId);
                LocalDate ends = trialEnd(tx, pairing, started);
                if (ends != null && !today.isBefore(ends.minusDays(settings.trialEndingDays())) && !today.isAfter(ends)) {
                    for (String member : members(pairing)) {
                        n += MailQueue.enqueue(tx, NotificationKind.TRIAL_ENDING, member,
                                Map.of("pairing_id", pairingId), started.toString()) ? 1 : 0;
                    }
                }
            }
            return n;
        });
        lastScanError = null;
        return queued;
    }

    void scanFailed(Exception e) {
        lastScanError = e.getClass().getSimpleName();
    }

    private static LocalDate trialStart(Tx tx, String pairingId) throws SQLException {
        return tx.one("SELECT MAX(at) AS at FROM pairing_transition WHERE pairing_id = ? AND to_state = 'TRIAL'",
                row -> Tx.instant(row, "at"), Tx.uuid(pairingId))
                .filter(java.util.Objects::nonNull).map(at -> LocalDate.ofInstant(at, ZoneOffset.UTC)).orElse(null);
    }

    private LocalDate trialEnd(Tx tx, Pairing pairing, LocalDate started) throws SQLException {
        if (started == null) {
            return null;
        }
        Program program = programs.get(tx, pairing.programId()).value();
        return started.plusDays(program.trialPeriodDays());
    }

    private List<String> members(Tx tx, String pairingId) throws SQLException {
        return members(pairings.get(tx, pairingId).value());
    }

    private static List<String> members(Pairing pairing) {
        List<String> members = new ArrayList<>();
        members.add(pairing.mentorId());
        members.addAll(pairing.menteeIds());
        return members;
    }

    // --- Delivering ---

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public Set<String> topics() {
        return enabled() ? Set.of("pairing.published", MailQueue.TOPIC) : Set.of();
    }

    @Override
    public Result deliver(Entry entry) throws Exception {
        return entry.topic().equals(MailQueue.TOPIC) ? send(entry) : pairingPublished(entry);
    }

    /** A published pairing: one mail to each member. */
    private Result pairingPublished(Entry entry) throws SQLException {
        String pairingId = String.valueOf(entry.payload().get("id"));
        if (entry.createdAt().isBefore(now().minus(Duration.ofDays(7)))) {
            // E.g. announced before e-mail was configured: a "you have been paired" mail weeks late helps nobody.
            return OutboxDelivery.skipped("published more than 7 days ago");
        }
        return database.inTransaction(tx -> {
            Optional<Stored<Pairing>> pairing = pairings.find(tx, pairingId);
            if (pairing.isEmpty()) {
                return OutboxDelivery.skipped("the pairing no longer exists");
            }
            for (String member : members(pairing.get().value())) {
                MailQueue.enqueue(tx, NotificationKind.PAIRING_PUBLISHED, member, Map.of("pairing_id", pairingId),
                        null);
            }
            return OutboxDelivery.delivered();
        });
    }

    /** What one mail needs, read in one transaction; or why it is not sent. */
    private record Prepared(Person person, MailTemplates.Mail mail, Result notSent) {
    }

    private Result send(Entry entry) throws Exception {
        Map<String, Object> payload = entry.payload();
        NotificationKind kind = NotificationKind.fromWire(String.valueOf(payload.get("kind")));
        String personId = String.valueOf(payload.get("person_id"));
        Instant now = now();
        Prepared prepared = database.inTransaction(tx -> {
            Optional<Stored<Person>> found = people.find(tx, personId);
            if (found.isEmpty()) {
                return new Prepared(null, null, OutboxDelivery.skipped("no such person"));
            }
            Person person = found.get().value();
            if (person.status() == PersonStatus.T) {
                return new Prepared(null, null, OutboxDelivery.skipped("the person has left"));
            }
            if (person.workEmail() == null) {
                return new Prepared(null, null, OutboxDelivery.skipped("no work e-mail on record"));
            }
            if (OptOuts.optedOut(tx, personId, kind)) {
                return new Prepared(null, null, OutboxDelivery.skipped("the person opted out of " + kind.wireName()));
            }
            List<Instant> recent = tx.query("SELECT published_at FROM outbox WHERE aggregate_type = 'person' AND "
                    + "aggregate_id = ? AND topic = ? AND status = 'DELIVERED' AND published_at > ? ORDER BY "
                    + "published_at", row -> Tx.instant(row, "published_at"), personId, MailQueue.TOPIC,
                    now.minus(Duration.ofHours(1)));
            if (recent.size() >= settings.maxPerRecipientPerHour()) {
                Instant until = recent.get(recent.size() - settings.maxPerRecipientPerHour()).plus(Duration.ofHours(1));
                return new Prepared(null, null, OutboxDelivery.deferred(until, "the person's limit of "
                        + settings.maxPerRecipientPerHour() + " e-mails an hour is reached"));
            }
            Map<String, String> values = new LinkedHashMap<>();
            values.put("recipient_name", person.givenName());
            values.put("hub_url", links.publicUrl());
            values.put("unsubscribe_url", links.unsubscribeUrl(personId, kind.wireName()).toString());
            String stale = values(tx, kind, person, payload, values, now);
            if (stale != null) {
                return new Prepared(null, null, OutboxDelivery.skipped(stale));
            }
            return new Prepared(person, templates.render(kind, values), null);
        });
        if (prepared.notSent() != null) {
            return prepared.notSent();
        }
        Person person = prepared.person();
        mailer.send(new SmtpMailer.Outgoing(person.workEmail(), person.givenName() + " " + person.familyName(),
                SmtpMailer.messageId(entry.idempotencyKey(), settings.smtp().fromDomain()), prepared.mail(),
                links.unsubscribeUrl(personId, kind.wireName()).toString()));
        return OutboxDelivery.delivered();
    }

    /** Fills the kind's values from the current state; returns why the mail is no longer true, or null. */
    private String values(Tx tx, NotificationKind kind, Person person, Map<String, Object> payload,
            Map<String, String> values, Instant now) throws SQLException {
        switch (kind) {
            case PAIRING_PUBLISHED, TRIAL_ENDING -> {
                Optional<Stored<Pairing>> found = pairings.find(tx, String.valueOf(payload.get("pairing_id")));
                if (found.isEmpty() || !found.get().value().state().live()) {
                    return "the pairing is no longer live";
                }
                Pairing pairing = found.get().value();
                if (kind == NotificationKind.TRIAL_ENDING) {
                    if (pairing.state() != PairingState.TRIAL) {
                        return "the pairing is no longer in its trial";
                    }
                    values.put("trial_ends_on", String.valueOf(trialEnd(tx, pairing, trialStart(tx, pairing.id()))));
                }
                pairingValues(tx, pairing, person.id(), values);
                values.put("role", pairing.mentorId().equals(person.id()) ? "mentor" : "mentee");
            }
            case SESSION_REMINDER -> {
                Optional<Stored<MentoringSession>> found = sessions.find(tx, String.valueOf(payload.get("session_id")));
                if (found.isEmpty()) {
                    return "the session no longer exists";
                }
                MentoringSession session = found.get().value();
                if (!session.startsAt().isAfter(now)) {
                    return "the session has started";
                }
                Pairing pairing = pairings.get(tx, session.pairingId()).value();
                if (!pairing.state().live()) {
                    return "the pairing is no longer live";
                }
                pairingValues(tx, pairing, person.id(), values);
                values.put("session_start", formatStart(session.startsAt(), person.timeZone()));
                values.put("duration_minutes", Integer.toString(session.durationMinutes()));
                values.put("session_format", session.format().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
            case GOAL_DUE -> {
                var found = goals.find(tx, String.valueOf(payload.get("goal_id")));
                if (found.isEmpty()) {
                    return "the goal no longer exists";
                }
                var goal = found.get().value();
                if (goal.status() == io.mentorhub.api.domain.Goal.Status.COMPLETED
                        || goal.status() == io.mentorhub.api.domain.Goal.Status.ABANDONED) {
                    return "the goal is " + goal.status();
                }
                Pairing pairing = pairings.get(tx, goal.pairingId()).value();
                if (!pairing.state().live()) {
                    return "the pairing is no longer live";
                }
                values.put("program_name", programs.get(tx, pairing.programId()).value().name());
                values.put("goal_title", goal.title());
                values.put("due_date", goal.dueDate().toString());
                values.put("progress_percent", Integer.toString(goal.progressPercent()));
            }
            case SURVEY_INVITATION -> {
                String invitationId = String.valueOf(payload.get("invitation_id"));
                var invitation = tx.one("SELECT i.status, i.expires_at, i.due_on, i.token_used_at, i.program_id, "
                        + "s.definition FROM survey_invitation i JOIN survey s ON s.id = i.survey_id WHERE i.id = ?",
                        row -> new Object[] {row.getString("status"), Tx.instant(row, "expires_at"),
                                Tx.date(row, "due_on"), Tx.instant(row, "token_used_at"), Tx.uuid(row, "program_id"),
                                row.getString("definition")}, Tx.uuid(invitationId));
                if (invitation.isEmpty()) {
                    return "the invitation no longer exists";
                }
                Object[] i = invitation.get();
                Instant expires = (Instant) i[1];
                if (!"DISTRIBUTED".equals(i[0]) || i[3] != null) {
                    return "the invitation was already answered or withdrawn";
                }
                if (!now.isBefore(expires)) {
                    return "the invitation expired";
                }
                SurveyDefinition definition = EntityStore.json((String) i[5], SurveyDefinition.class);
                values.put("program_name", programs.get(tx, (String) i[4]).value().name());
                values.put("survey_title", definition.title());
                values.put("respond_url", links.respondUrl(invitationId, expires).toString());
                values.put("due_on", i[2].toString());
                values.put("expires_on", LocalDate.ofInstant(expires.minusSeconds(1), ZoneOffset.UTC).toString());
                values.put("anonymity_threshold", String.valueOf(payload.getOrDefault("anonymity_threshold", 5)));
            }
            case FIT_CONCERN -> {
                Optional<Stored<Pairing>> found = pairings.find(tx, String.valueOf(payload.get("pairing_id")));
                if (found.isEmpty() || found.get().value().state() != PairingState.TRIAL) {
                    return "the pairing is no longer in its trial";
                }
                Pairing pairing = found.get().value();
                values.put("program_name", programs.get(tx, pairing.programId()).value().name());
                values.put("mentor_name", fullName(tx, pairing.mentorId()));
                List<String> mentees = new ArrayList<>();
                for (String mentee : pairing.menteeIds()) {
                    mentees.add(fullName(tx, mentee));
                }
                values.put("mentee_names", String.join(", ", mentees));
                values.put("pairing_id", pairing.id());
                values.put("trial_ends_on", String.valueOf(trialEnd(tx, pairing, trialStart(tx, pairing.id()))));
            }
            default -> throw new IllegalArgumentException("not a kind of e-mail: " + kind);
        }
        return null;
    }

    private String fullName(Tx tx, String personId) throws SQLException {
        return people.find(tx, personId).map(p -> p.value().givenName() + " " + p.value().familyName())
                .orElse(personId);
    }

    private void pairingValues(Tx tx, Pairing pairing, String personId, Map<String, String> values)
            throws SQLException {
        values.put("program_name", programs.get(tx, pairing.programId()).value().name());
        List<String> names = new ArrayList<>();
        for (String member : members(pairing)) {
            if (!member.equals(personId)) {
                names.add(people.find(tx, member).map(p -> p.value().givenName() + " " + p.value().familyName())
                        .orElse(member));
            }
        }
        values.put("partner_names", String.join(", ", names));
    }

    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm", Locale.ENGLISH);

    static String formatStart(Instant at, String timeZone) {
        ZoneId zone = ZoneOffset.UTC;
        if (timeZone != null) {
            try {
                zone = ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                zone = ZoneOffset.UTC;
            }
        }
        return START.format(at.atZone(zone)) + " (" + (zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId()) + ")";
    }

    // --- Health ---

    @Override
    public String healthName() {
        return "mail";
    }

    /** The SMTP settings with the password masked, and whether the last reminder scan worked. */
    @Override
    public ComponentHealth health() {
        Map<String, Object> details = new LinkedHashMap<>();
        if (!enabled()) {
            details.put("state", "off: no SMTP host configured (etc/io.mentorhub.notifications.cfg)");
            return ComponentHealth.up(details);
        }
        SmtpMailer.Smtp smtp = settings.smtp();
        details.put("smtp", smtp.host() + ":" + smtp.port());
        details.put("from", smtp.from());
        details.put("startTls", smtp.startTls());
        details.put("user", smtp.user() == null ? "(none)" : smtp.user());
        details.put("password", smtp.password() == null ? "(none)" : "********");
        details.put("maxPerRecipientPerHour", settings.maxPerRecipientPerHour());
        if (lastScanError != null) {
            details.put("lastScanError", lastScanError);
        }
        return ComponentHealth.up(details);
    }

    /** The clock's instant at the microsecond precision both databases store, so stored and compared times agree. */
    private java.time.Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
