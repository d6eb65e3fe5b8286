package io.mentorhub.engine.survey;

import io.mentorhub.api.domain.Pairing;
import io.mentorhub.api.domain.Program;
import io.mentorhub.api.survey.Distribution;
import io.mentorhub.api.survey.Invitation;
import io.mentorhub.api.survey.ResponsePage;
import io.mentorhub.api.survey.SurveyContext;
import io.mentorhub.api.survey.SurveyDefinition;
import io.mentorhub.api.survey.SurveyKind;
import io.mentorhub.api.survey.SurveyResponse;
import io.mentorhub.api.survey.SurveySchedule;
import io.mentorhub.api.survey.SurveySchedule.Event;
import io.mentorhub.api.survey.SurveySchedule.Occurrence;
import io.mentorhub.api.survey.SurveyTool;
import io.mentorhub.api.survey.SurveyToolException;
import io.mentorhub.engine.flow.FlowRuntime;
import io.mentorhub.engine.health.ComponentHealth;
import io.mentorhub.engine.health.HealthIndicator;
import io.mentorhub.engine.links.Links;
import io.mentorhub.engine.notify.MailQueue;
import io.mentorhub.engine.notify.NotificationKind;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.EntityStore;
import io.mentorhub.engine.store.PairingStore;
import io.mentorhub.engine.store.ProgramStore;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The survey engine. Tracks the installed {@link SurveyTool}s as they come and go, and runs three steps (see
 * {@link SurveyRoute}):
 * <ol>
 * <li><b>schedule</b> — each program's {@link SurveySchedule} against its dated events (pairings going live,
 * sessions held, the development and completion phases) gives the occurrences due by today; each new occurrence
 * becomes one round with one invitation per respondent. The round's unique (program, occurrence key) makes a re-run,
 * or a second hub node, a no-op.</li>
 * <li><b>distribute</b> — pending invitations go to the program's tool, at most {@value SurveyTool#MAX_INVITATIONS}
 * per call: accepted ones are e-mailed their signed link (when the hub delivers), refused ones are FAILED with the
 * reason; a CONFIG error blocks the tool's surveys until the tool is registered again (health and log say why), a
 * TRANSIENT one is retried with backoff honouring retry-after, a PERMANENT one fails the batch's invitations with
 * the reason.</li>
 * <li><b>collect</b> — each survey's responses, page by page from its stored cursor; each response is stored
 * against its invitation (an edited one replaces its answers), records a tool could not read are set aside with the
 * reason, and a "not a good fit" answer opens the fit-concern path ({@link FitConcerns}).</li>
 * </ol>
 */
@Component(service = {Surveys.class, HealthIndicator.class}, configurationPid = Surveys.PID, immediate = true)
@Designate(ocd = Surveys.Config.class)
public class Surveys implements HealthIndicator {

    public static final String PID = "io.mentorhub.surveys";
    /** Aggregates of fewer respondents than this are never shown; configurable upward only. */
    public static final int MIN_ANONYMITY_THRESHOLD = 5;
    private static final Logger LOG = LoggerFactory.getLogger(Surveys.class);

    @ObjectClassDefinition(name = "Surveys")
    public @interface Config {
        @AttributeDefinition(description = "Survey tool of programs that name none (GET /api/plugins lists them)")
        String defaultTool() default "builtin";

        @AttributeDefinition(description = "Survey results of groups with fewer respondents are hidden; 5 or more",
                min = "5")
        int anonymityThreshold() default MIN_ANONYMITY_THRESHOLD;

        @AttributeDefinition(description = "Days a respond link stays valid after the survey's due date", min = "1",
                max = "365")
        int linkValidDays() default 14;

        @AttributeDefinition(description = "Occurrences that fell due more than this many days ago are skipped, "
                + "not sent (e.g. a schedule added late)", min = "0", max = "365")
        int maxLateDays() default 14;

        @AttributeDefinition(description = "How often schedules are evaluated, invitations distributed and "
                + "responses collected, in seconds", min = "5")
        int periodSeconds() default 300;

        @AttributeDefinition(description = "Failed attempts to distribute an invitation before it is FAILED",
                min = "1", max = "100")
        int maxAttempts() default 10;

        @AttributeDefinition(description = "First retry delay in seconds; doubled per attempt", min = "1")
        int retryBaseSeconds() default 60;

        @AttributeDefinition(description = "Longest retry delay in seconds", min = "1")
        int retryMaxSeconds() default 3600;

        @AttributeDefinition(description = "Response pages collected per survey and pass", min = "1", max = "1000")
        int pagesPerPass() default 20;
    }

    public record Settings(String defaultTool, int anonymityThreshold, int linkValidDays, int maxLateDays,
            long periodMillis, int maxAttempts, Duration retryBase, Duration retryMax, int pagesPerPass) {
        public Settings {
            if (anonymityThreshold < MIN_ANONYMITY_THRESHOLD) {
                throw new IllegalArgumentException("anonymityThreshold is " + anonymityThreshold + "; it may only be "
                        + "raised above " + MIN_ANONYMITY_THRESHOLD + ", never lowered: smaller groups could "
                        + "identify a respondent");
            }
            io.mentorhub.api.HubPlugin.requireValidId(defaultTool);
            if (linkValidDays < 1 || maxLateDays < 0 || maxAttempts < 1 || pagesPerPass < 1
                    || retryMax.compareTo(retryBase) < 0) {
                throw new IllegalArgumentException("survey settings out of range: linkValidDays, maxAttempts and "
                        + "pagesPerPass at least 1, maxLateDays at least 0, retryMaxSeconds at least retryBaseSeconds");
            }
        }

        public static Settings of(Config c) {
            return new Settings(c.defaultTool(), c.anonymityThreshold(), c.linkValidDays(), c.maxLateDays(),
                    c.periodSeconds() * 1000L, c.maxAttempts(), Duration.ofSeconds(c.retryBaseSeconds()),
                    Duration.ofSeconds(c.retryMaxSeconds()), c.pagesPerPass());
        }
    }

    private final Database database;
    private final Links links;
    private final CamelContext camel;
    private final Settings settings;
    private final Clock clock;
    private final ProgramStore programs = new ProgramStore();
    private final PairingStore pairings = new PairingStore();
    private final Map<String, SurveyTool> tools = new ConcurrentHashMap<>();
    /** Tools whose configuration is wrong, with the tool's reason; cleared when the tool is registered again. */
    private final Map<String, String> blocked = new ConcurrentHashMap<>();
    /** Surveys not to collect before an instant (a TRANSIENT error's retry-after). */
    private final Map<String, Instant> collectNotBefore = new ConcurrentHashMap<>();
    private final Map<String, String> lastErrors = new ConcurrentHashMap<>();

    @Activate
    public Surveys(@Reference Database database, @Reference Links links, @Reference FlowRuntime flows, Config config)
            throws Exception {
        this(database, links, flows.camel(), Settings.of(config), Clock.systemUTC());
    }

    /** On the given Camel context (null: no timer, tests call the steps); tools are added with {@link #bindTool}. */
    public Surveys(Database database, Links links, CamelContext camel, Settings settings, Clock clock)
            throws Exception {
        this.database = database;
        this.links = links;
        this.camel = camel;
        this.settings = settings;
        this.clock = clock;
        if (camel != null) {
            camel.addRoutes(new SurveyRoute(this, settings.periodMillis()));
        }
    }

    @Deactivate
    public void stop() throws Exception {
        if (camel != null) {
            camel.getRouteController().stopRoute(SurveyRoute.ROUTE_ID);
            camel.removeRoute(SurveyRoute.ROUTE_ID);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindTool(SurveyTool tool) {
        tools.put(tool.id(), tool);
        // A tool registered again (e.g. its configuration was fixed) gets another chance.
        if (blocked.remove(tool.id()) != null) {
            LOG.info("Survey tool {} is registered again; its surveys are no longer blocked", tool.id());
        }
        try {
            database.inTransaction(tx -> tx.update("UPDATE survey SET status = 'ACTIVE', blocked_reason = NULL, "
                    + "modified_at = ? WHERE tool = ? AND status = 'BLOCKED'", tx.now(), tool.id()));
        } catch (SQLException e) {
            LOG.warn("Could not unblock the surveys of tool {} (SQLState {})", tool.id(), e.getSQLState());
        }
    }

    public void unbindTool(SurveyTool tool) {
        tools.remove(tool.id(), tool);
    }

    public Settings settings() {
        return settings;
    }

    public Set<String> installedTools() {
        return new java.util.TreeSet<>(tools.keySet());
    }

    /** The tool a program uses: its own choice, else the default. */
    public String toolOf(Tx tx, String programId) throws SQLException {
        return tx.one("SELECT tool FROM program_survey_tool WHERE program_id = ?", row -> row.getString("tool"),
                Tx.uuid(programId)).orElse(settings.defaultTool());
    }

    public void chooseTool(Tx tx, String programId, String tool) throws SQLException {
        if (tx.update("UPDATE program_survey_tool SET tool = ?, modified_at = ? WHERE program_id = ?", tool, tx.now(),
                Tx.uuid(programId)) == 0) {
            tx.update("INSERT INTO program_survey_tool (program_id, tool, modified_at) VALUES (?, ?, ?)",
                    Tx.uuid(programId), tool, tx.now());
        }
    }

    /** One pass of the flow: schedule, distribute, collect. */
    public void pass() throws SQLException {
        schedule();
        distribute();
        collect();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Schedule.

    /** Creates the rounds and invitations of every occurrence due by today that is not known yet; returns how many. */
    public int schedule() throws SQLException {
        LocalDate today = LocalDate.ofInstant(now(), ZoneOffset.UTC);
        List<String> programIds = database.inTransaction(tx -> tx.query("SELECT id FROM program WHERE status IN "
                + "('ENROLLING', 'RUNNING', 'COMPLETED') ORDER BY id", row -> Tx.uuid(row, "id")));
        int created = 0;
        for (String programId : programIds) {
            try {
                created += schedule(programId, today);
            } catch (IllegalArgumentException e) {
                lastErrors.put("schedule:" + programId, e.getMessage());
                LOG.warn("Survey schedule of program {} cannot be evaluated: {}", programId, e.getMessage());
            }
        }
        return created;
    }

    private int schedule(String programId, LocalDate today) throws SQLException {
        record Due(List<Occurrence> occurrences, Set<String> known) {
        }
        Due due = database.inTransaction(tx -> {
            Program program = programs.get(tx, programId).value();
            if (program.surveySchedule().isEmpty()) {
                return new Due(List.of(), Set.of());
            }
            List<Occurrence> occurrences = SurveySchedule.occurrences(program.surveySchedule(), events(tx, program,
                    today), today);
            Set<String> known = new HashSet<>(tx.query("SELECT occurrence_key FROM survey_round WHERE program_id = ?",
                    row -> row.getString(1), Tx.uuid(programId)));
            return new Due(occurrences, known);
        });
        int created = 0;
        for (Occurrence occurrence : due.occurrences()) {
            if (due.known().contains(occurrence.key())) {
                continue;
            }
            try {
                database.inTransaction(tx -> createRound(tx, programId, occurrence, today));
                created++;
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
                // Another node created this round first: nothing to do.
            }
        }
        return created;
    }

    /** The program's dated events so far: when each pairing went live (and closed), sessions held, its phases. */
    List<Event> events(Tx tx, Program program, LocalDate today) throws SQLException {
        List<Event> events = new ArrayList<>();
        LocalDate programEnd = program.phases().completion().end();
        Map<String, LocalDate[]> lives = new TreeMap<>();
        tx.query("SELECT p.id, MIN(CASE WHEN t.to_state IN ('PUBLISHED', 'TRIAL', 'ACTIVE') THEN t.at END) AS started, "
                + "MIN(CASE WHEN t.to_state IN ('COMPLETED', 'DISSOLVED') THEN t.at END) AS closed FROM pairing p "
                + "JOIN pairing_transition t ON t.pairing_id = p.id WHERE p.program_id = ? GROUP BY p.id", row -> {
                    Instant started = Tx.instant(row, "started");
                    if (started != null) {
                        Instant closed = Tx.instant(row, "closed");
                        LocalDate on = LocalDate.ofInstant(started, ZoneOffset.UTC);
                        LocalDate ends = closed != null ? LocalDate.ofInstant(closed, ZoneOffset.UTC) : programEnd;
                        lives.put(Tx.uuid(row, "id"), new LocalDate[] {on, ends.isBefore(on) ? on : ends});
                    }
                    return null;
                }, Tx.uuid(program.id()));
        lives.forEach((pairingId, span) -> events.add(Event.pairingStarted(pairingId, span[0], span[1])));
        Instant endOfToday = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        tx.query("SELECT s.id, s.pairing_id, s.starts_at FROM mentoring_session s JOIN pairing p ON p.id = s.pairing_id "
                + "WHERE p.program_id = ? AND s.starts_at < ? ORDER BY s.id", row -> {
                    LocalDate[] span = lives.get(Tx.uuid(row, "pairing_id"));
                    LocalDate on = LocalDate.ofInstant(Tx.instant(row, "starts_at"), ZoneOffset.UTC);
                    if (span != null && !on.isBefore(span[0]) && !on.isAfter(span[1])) {
                        events.add(Event.sessionHeld(Tx.uuid(row, "pairing_id"), Tx.uuid(row, "id"), on, span[1]));
                    }
                    return null;
                }, Tx.uuid(program.id()), endOfToday);
        events.add(Event.developmentStarted(program.phases().development().start(), programEnd));
        events.add(Event.programCompleted(program.phases().completion().start()));
        return events;
    }

    private Void createRound(Tx tx, String programId, Occurrence occurrence, LocalDate today) throws SQLException {
        String roundId = UUID.randomUUID().toString();
        List<String> respondents = List.of();
        String skipped = null;
        if (occurrence.on().isBefore(today.minusDays(settings.maxLateDays()))) {
            skipped = "fell due on " + occurrence.on() + ", more than " + settings.maxLateDays() + " days ago";
        } else if (occurrence.pairingId() != null) {
            Pairing pairing = pairings.get(tx, occurrence.pairingId()).value();
            if (!pairing.state().live()) {
                skipped = "the pairing is " + pairing.state();
            } else {
                respondents = new ArrayList<>();
                respondents.add(pairing.mentorId());
                respondents.addAll(pairing.menteeIds());
            }
        } else {
            respondents = tx.query("SELECT e.person_id FROM enrollment e JOIN person p ON p.hris_id = e.person_id "
                    + "WHERE e.program_id = ? AND e.status = 'ACTIVE' AND p.status <> 'T' ORDER BY e.person_id",
                    row -> row.getString(1), Tx.uuid(programId));
        }
        respondents = respondents.stream().distinct().toList();
        tx.update("INSERT INTO survey_round (id, program_id, occurrence_key, kind, due_on, pairing_id, session_id, "
                + "status, invitations, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Tx.uuid(roundId),
                Tx.uuid(programId), occurrence.key(), occurrence.kind(), occurrence.on(),
                Tx.uuid(occurrence.pairingId()), Tx.uuid(occurrence.sessionId()), skipped == null ? "OPEN" : "SKIPPED",
                respondents.size(), tx.now());
        if (skipped != null) {
            LOG.info("Survey round {} of program {} skipped: {}", occurrence.key(), programId, skipped);
            return null;
        }
        Instant expires = occurrence.on().plusDays(settings.linkValidDays() + 1L).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        List<Object[]> rows = new ArrayList<>();
        for (String respondent : respondents) {
            String id = UUID.randomUUID().toString();
            rows.add(new Object[] {Tx.uuid(id), Tx.uuid(roundId), Tx.uuid(programId), occurrence.kind(),
                    Tx.uuid(occurrence.pairingId()), respondent, occurrence.on(), expires, "PENDING", 0, now(),
                    Links.hash(links.respondToken(id, expires)), tx.now(), tx.now()});
        }
        tx.batch("INSERT INTO survey_invitation (id, round_id, program_id, kind, pairing_id, respondent_id, due_on, "
                + "expires_at, status, attempts, next_attempt_at, token_hash, created_at, modified_at) VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Distribute.

    /** Hands every due pending invitation to its program's tool; returns how many were accepted or refused. */
    public int distribute() throws SQLException {
        Instant now = now();
        List<Object[]> groups = database.inTransaction(tx -> tx.query("SELECT DISTINCT program_id, kind FROM "
                + "survey_invitation WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY program_id, kind",
                row -> new Object[] {Tx.uuid(row, "program_id"), SurveyKind.valueOf(row.getString("kind"))}, now));
        int done = 0;
        for (Object[] group : groups) {
            done += distribute((String) group[0], (SurveyKind) group[1], now);
        }
        return done;
    }

    private int distribute(String programId, SurveyKind kind, Instant now) throws SQLException {
        String toolId = database.inTransaction(tx -> toolOf(tx, programId));
        SurveyTool tool = tools.get(toolId);
        if (tool == null || blocked.containsKey(toolId)) {
            return 0; // waits, PENDING: health says why
        }
        Optional<StoredSurvey> survey = survey(programId, kind, tool);
        if (survey.isEmpty()) {
            return 0;
        }
        int done = 0;
        while (true) {
            List<PendingInvitation> batch = database.inTransaction(tx -> tx.query("SELECT i.id, i.respondent_id, "
                    + "i.pairing_id, i.due_on, i.expires_at, i.attempts, p.work_email FROM survey_invitation i JOIN "
                    + "person p ON p.hris_id = i.respondent_id WHERE i.program_id = ? AND i.kind = ? AND i.status = "
                    + "'PENDING' AND i.next_attempt_at <= ? ORDER BY i.id FETCH FIRST " + SurveyTool.MAX_INVITATIONS
                    + " ROWS ONLY", row -> new PendingInvitation(Tx.uuid(row, "id"), row.getString("respondent_id"),
                            Tx.uuid(row, "pairing_id"), Tx.date(row, "due_on"), Tx.instant(row, "expires_at"),
                            row.getInt("attempts"), row.getString("work_email")), Tx.uuid(programId), kind, now));
            if (batch.isEmpty()) {
                return done;
            }
            int handled = distributeBatch(programId, tool, survey.get(), batch, now);
            done += handled;
            if (handled < batch.size()) {
                return done; // the rest waits for a retry or an unblocked tool
            }
        }
    }

    record PendingInvitation(String id, String respondentId, String pairingId, LocalDate dueOn, Instant expiresAt,
            int attempts, String email) {
    }

    /** A survey as stored: the hub's id, the tool's definition, and where collecting stands. */
    record StoredSurvey(String id, String programId, String tool, SurveyDefinition definition, String cursor) {
    }

    /** The program's survey of this kind at this tool, defined at the tool the first time it is needed. */
    private Optional<StoredSurvey> survey(String programId, SurveyKind kind, SurveyTool tool) throws SQLException {
        Optional<StoredSurvey> stored = database.inTransaction(tx -> storedSurvey(tx, programId, kind, tool.id()));
        if (stored.isPresent() || surveyExists(programId, kind, tool.id())) {
            return stored; // a blocked survey waits
        }
        String programName = database.inTransaction(tx -> programs.get(tx, programId).value().name());
        SurveyDefinition definition;
        try {
            if (!tool.supportedKinds().contains(kind)) {
                failAll(programId, kind, "survey tool " + tool.id() + " does not offer " + kind + " surveys");
                return Optional.empty();
            }
            definition = tool.define(kind, new SurveyContext(programId, programName));
            if (definition == null || definition.kind() != kind) {
                throw SurveyToolException.permanent("the tool returned no " + kind + " definition");
            }
        } catch (SurveyToolException e) {
            toolFailed(tool.id(), "define", e);
            if (e.kind() == SurveyToolException.Kind.PERMANENT) {
                failAll(programId, kind, "the survey could not be defined: " + e.getMessage());
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            lastErrors.put(tool.id(), "define failed with " + e.getClass().getName());
            LOG.warn("Survey tool {} failed to define a {} survey ({}); retrying next pass", tool.id(), kind,
                    e.getClass().getName());
            return Optional.empty();
        }
        String id = UUID.randomUUID().toString();
        try {
            database.inTransaction(tx -> tx.update("INSERT INTO survey (id, program_id, kind, tool, survey_ref, "
                    + "definition, status, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)",
                    Tx.uuid(id), Tx.uuid(programId), kind, tool.id(), definition.surveyId(),
                    EntityStore.json(definition), tx.now(), tx.now()));
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
        }
        return database.inTransaction(tx -> storedSurvey(tx, programId, kind, tool.id()));
    }

    private Optional<StoredSurvey> storedSurvey(Tx tx, String programId, SurveyKind kind, String tool)
            throws SQLException {
        List<StoredSurvey> active = tx.query("SELECT id, definition, collect_cursor FROM survey WHERE program_id = ? "
                + "AND kind = ? AND tool = ? AND status = 'ACTIVE'", row -> new StoredSurvey(Tx.uuid(row, "id"),
                        programId, tool, EntityStore.json(row.getString("definition"), SurveyDefinition.class),
                        row.getString("collect_cursor")), Tx.uuid(programId), kind, tool);
        return active.stream().findFirst();
    }

    /** Whether the program's survey of this kind at this tool exists (active or blocked). */
    private boolean surveyExists(String programId, SurveyKind kind, String tool) throws SQLException {
        return database.inTransaction(tx -> tx.count("SELECT COUNT(*) FROM survey WHERE program_id = ? AND kind = ? "
                + "AND tool = ?", Tx.uuid(programId), kind, tool)) > 0;
    }

    private void failAll(String programId, SurveyKind kind, String reason) throws SQLException {
        int failed = database.inTransaction(tx -> tx.update("UPDATE survey_invitation SET status = 'FAILED', "
                + "failure = ?, modified_at = ? WHERE program_id = ? AND kind = ? AND status = 'PENDING'",
                limit(reason), tx.now(), Tx.uuid(programId), kind));
        LOG.warn("{} {} survey invitations of program {} failed: {}", failed, kind, programId, reason);
    }

    private int distributeBatch(String programId, SurveyTool tool, StoredSurvey survey, List<PendingInvitation> batch,
            Instant now) throws SQLException {
        boolean hubDelivers = tool.hubDelivers();
        List<Invitation> invitations = new ArrayList<>();
        List<PendingInvitation> sendable = new ArrayList<>();
        List<String[]> unsendable = new ArrayList<>();
        for (PendingInvitation p : batch) {
            if (!now.isBefore(p.expiresAt())) {
                unsendable.add(new String[] {p.id(), "its respond link expired before it could be sent"});
            } else if (p.email() == null) {
                unsendable.add(new String[] {p.id(), "the respondent has no work e-mail on record"});
            } else {
                sendable.add(p);
                invitations.add(new Invitation(p.id(), p.respondentId(), hubDelivers ? null : p.email(), programId,
                        p.pairingId(), links.respondUrl(p.id(), p.expiresAt()), p.dueOn()));
            }
        }
        if (!unsendable.isEmpty()) {
            database.inTransaction(tx -> {
                for (String[] u : unsendable) {
                    tx.update("UPDATE survey_invitation SET status = 'FAILED', failure = ?, modified_at = ? WHERE id = ? "
                            + "AND status = 'PENDING'", u[1], tx.now(), Tx.uuid(u[0]));
                }
                return null;
            });
        }
        if (invitations.isEmpty()) {
            return batch.size();
        }
        List<Distribution> results;
        try {
            results = tool.distribute(survey.definition(), invitations);
            if (results == null || results.size() != invitations.size()) {
                throw SurveyToolException.permanent("the tool answered " + (results == null ? "nothing" : results.size()
                        + " results") + " for " + invitations.size() + " invitations");
            }
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i) == null || !results.get(i).invitationId().equals(invitations.get(i).invitationId())) {
                    throw SurveyToolException.permanent("the tool's results are not in the order of the invitations");
                }
            }
        } catch (SurveyToolException e) {
            toolFailed(tool.id(), "distribute", e);
            switch (e.kind()) {
                case CONFIG -> {
                    return unsendable.size();
                }
                case TRANSIENT -> {
                    retryLater(sendable, e.getMessage(), e.retryAfter().orElse(null), now);
                    return unsendable.size();
                }
                default -> {
                    failInvitations(sendable, e.getMessage());
                    return batch.size();
                }
            }
        } catch (RuntimeException e) {
            String why = "distribute failed with " + e.getClass().getName();
            lastErrors.put(tool.id(), why);
            LOG.warn("Survey tool {} broke the SPI: {}", tool.id(), why);
            retryLater(sendable, why, null, now);
            return unsendable.size();
        }
        database.inTransaction(tx -> {
            for (Distribution d : results) {
                if (d.isAccepted()) {
                    int updated = tx.update("UPDATE survey_invitation SET status = 'DISTRIBUTED', survey_id = ?, "
                            + "external_ref = ?, answer_at = ?, failure = NULL, modified_at = ? WHERE id = ? AND "
                            + "status = 'PENDING'", Tx.uuid(survey.id()), d.externalRef(),
                            d.answerAt() == null ? null : d.answerAt().toString(), tx.now(), Tx.uuid(d.invitationId()));
                    if (updated == 1 && hubDelivers) {
                        String respondent = tx.one("SELECT respondent_id FROM survey_invitation WHERE id = ?",
                                row -> row.getString(1), Tx.uuid(d.invitationId())).orElseThrow();
                        MailQueue.enqueue(tx, NotificationKind.SURVEY_INVITATION, respondent,
                                Map.of("invitation_id", d.invitationId()), null,
                                Map.of("anonymity_threshold", settings.anonymityThreshold()));
                    }
                } else {
                    tx.update("UPDATE survey_invitation SET status = 'FAILED', failure = ?, modified_at = ? WHERE "
                            + "id = ? AND status = 'PENDING'", limit("refused by the tool: " + d.refusal()), tx.now(),
                            Tx.uuid(d.invitationId()));
                }
            }
            return null;
        });
        lastErrors.remove(tool.id());
        return batch.size();
    }

    private void retryLater(List<PendingInvitation> invitations, String reason, Duration retryAfter, Instant now)
            throws SQLException {
        database.inTransaction(tx -> {
            for (PendingInvitation p : invitations) {
                int attempts = p.attempts() + 1;
                if (attempts >= settings.maxAttempts()) {
                    tx.update("UPDATE survey_invitation SET status = 'FAILED', attempts = ?, failure = ?, modified_at = ? "
                            + "WHERE id = ? AND status = 'PENDING'", attempts, limit("gave up after " + attempts
                                    + " attempts: " + reason), tx.now(), Tx.uuid(p.id()));
                } else {
                    Duration wait = backoff(attempts);
                    if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
                        wait = retryAfter;
                    }
                    tx.update("UPDATE survey_invitation SET attempts = ?, next_attempt_at = ?, failure = ?, "
                            + "modified_at = ? WHERE id = ? AND status = 'PENDING'", attempts,
                            now.plus(wait).truncatedTo(ChronoUnit.MILLIS), limit(reason), tx.now(), Tx.uuid(p.id()));
                }
            }
            return null;
        });
    }

    Duration backoff(int attempts) {
        Duration wait = settings.retryBase();
        for (int i = 1; i < attempts && wait.compareTo(settings.retryMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : wait;
    }

    private void failInvitations(List<PendingInvitation> invitations, String reason) throws SQLException {
        database.inTransaction(tx -> {
            for (PendingInvitation p : invitations) {
                tx.update("UPDATE survey_invitation SET status = 'FAILED', failure = ?, modified_at = ? WHERE id = ? "
                        + "AND status = 'PENDING'", limit(reason), tx.now(), Tx.uuid(p.id()));
            }
            return null;
        });
    }

    /** Records a tool's typed failure: CONFIG blocks the tool's surveys until it is registered again. */
    private void toolFailed(String toolId, String step, SurveyToolException e) throws SQLException {
        String why = step + ": " + e.kind() + ": " + e.getMessage();
        lastErrors.put(toolId, limit(why));
        if (e.kind() == SurveyToolException.Kind.CONFIG) {
            if (blocked.put(toolId, limit(e.getMessage())) == null) {
                LOG.warn("Survey tool {} reports a configuration error; its surveys are blocked until it is "
                        + "configured again: {}", toolId, e.getMessage());
            }
            database.inTransaction(tx -> tx.update("UPDATE survey SET status = 'BLOCKED', blocked_reason = ?, "
                    + "modified_at = ? WHERE tool = ? AND status = 'ACTIVE'", limit(e.getMessage()), tx.now(), toolId));
        } else {
            LOG.info("Survey tool {} failed to {}: {}", toolId, step, e.toString());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Collect.

    /** Collects new responses of every active survey whose tool is installed; returns how many were stored. */
    public int collect() throws SQLException {
        List<StoredSurvey> surveys = database.inTransaction(tx -> tx.query("SELECT id, program_id, tool, definition, "
                + "collect_cursor FROM survey WHERE status = 'ACTIVE' ORDER BY id", row -> new StoredSurvey(
                        Tx.uuid(row, "id"), Tx.uuid(row, "program_id"), row.getString("tool"),
                        EntityStore.json(row.getString("definition"), SurveyDefinition.class),
                        row.getString("collect_cursor"))));
        int stored = 0;
        Instant now = now();
        for (StoredSurvey survey : surveys) {
            SurveyTool tool = tools.get(survey.tool());
            Instant notBefore = collectNotBefore.get(survey.id());
            if (tool == null || blocked.containsKey(survey.tool()) || notBefore != null && now.isBefore(notBefore)) {
                continue;
            }
            stored += collect(tool, survey, now);
        }
        return stored;
    }

    private int collect(SurveyTool tool, StoredSurvey survey, Instant now) throws SQLException {
        String cursor = survey.cursor();
        int stored = 0;
        for (int page = 0; page < settings.pagesPerPass(); page++) {
            ResponsePage responses;
            try {
                responses = tool.collect(survey.definition(), cursor);
                if (responses == null) {
                    throw SurveyToolException.transientFailure("the tool returned no page", null);
                }
            } catch (SurveyToolException e) {
                toolFailed(tool.id(), "collect", e);
                if (e.kind() == SurveyToolException.Kind.TRANSIENT) {
                    collectNotBefore.put(survey.id(), now.plus(e.retryAfter().orElse(Duration.ZERO)));
                } else if (e.kind() == SurveyToolException.Kind.PERMANENT) {
                    database.inTransaction(tx -> tx.update("UPDATE survey SET status = 'BLOCKED', blocked_reason = ?, "
                            + "modified_at = ? WHERE id = ?", limit("collect: " + e.getMessage()), tx.now(),
                            Tx.uuid(survey.id())));
                }
                return stored;
            } catch (RuntimeException e) {
                lastErrors.put(tool.id(), "collect failed with " + e.getClass().getName());
                LOG.warn("Survey tool {} failed to collect ({}); retrying next pass", tool.id(), e.getClass().getName());
                return stored;
            }
            collectNotBefore.remove(survey.id());
            String next = responses.cursor();
            stored += database.inTransaction(tx -> storePage(tx, survey, responses, next));
            cursor = next;
            if (!responses.more()) {
                break;
            }
        }
        return stored;
    }

    /** One page in one transaction: responses, records set aside, and the cursor to go on from. */
    private int storePage(Tx tx, StoredSurvey survey, ResponsePage page, String cursor) throws SQLException {
        int stored = 0;
        for (SurveyResponse response : page.responses()) {
            Optional<Object[]> invitation = tx.one("SELECT id, respondent_id, pairing_id FROM survey_invitation WHERE "
                    + "survey_id = ? AND external_ref = ?", row -> new Object[] {Tx.uuid(row, "id"),
                            row.getString("respondent_id"), Tx.uuid(row, "pairing_id")}, Tx.uuid(survey.id()),
                    response.externalRef());
            if (invitation.isEmpty() || !response.surveyId().equals(survey.definition().surveyId())) {
                setAside(tx, survey.id(), response.responseId(), "answers no invitation of this survey");
                continue;
            }
            storeResponse(tx, survey, response, (String) invitation.get()[0], (String) invitation.get()[1],
                    (String) invitation.get()[2]);
            stored++;
        }
        for (ResponsePage.Rejected rejected : page.rejected()) {
            setAside(tx, survey.id(), rejected.externalId(), rejected.reason());
        }
        tx.update("UPDATE survey SET collect_cursor = ?, modified_at = ? WHERE id = ?", cursor, tx.now(),
                Tx.uuid(survey.id()));
        return stored;
    }

    private static void setAside(Tx tx, String surveyId, String externalId, String reason) throws SQLException {
        if (tx.count("SELECT COUNT(*) FROM survey_rejected WHERE survey_id = ? AND external_id = ?", Tx.uuid(surveyId),
                externalId) == 0) {
            tx.update("INSERT INTO survey_rejected (survey_id, external_id, reason, at) VALUES (?, ?, ?, ?)",
                    Tx.uuid(surveyId), externalId, limit(reason), tx.now());
        }
    }

    private void storeResponse(Tx tx, StoredSurvey survey, SurveyResponse response, String invitationId,
            String respondentId, String pairingId) throws SQLException {
        Integer nps = response.answer(SurveyDefinition.NPS_QUESTION).map(a -> a.number()).orElse(null);
        Optional<String> existing = tx.one("SELECT id FROM survey_response WHERE survey_id = ? AND response_ref = ?",
                row -> Tx.uuid(row, "id"), Tx.uuid(survey.id()), response.responseId());
        String responseId;
        if (existing.isPresent()) {
            responseId = existing.get();
            tx.update("DELETE FROM survey_answer WHERE response_id = ?", Tx.uuid(responseId));
            tx.update("UPDATE survey_response SET submitted_at = ?, fit_concern = ?, nps = ?, collected_at = ? WHERE "
                    + "id = ?", response.submittedAt(), response.fitConcern(), nps, tx.now(), Tx.uuid(responseId));
        } else {
            responseId = UUID.randomUUID().toString();
            tx.update("INSERT INTO survey_response (id, survey_id, program_id, kind, invitation_id, respondent_id, "
                    + "pairing_id, response_ref, submitted_at, fit_concern, nps, collected_at) VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Tx.uuid(responseId), Tx.uuid(survey.id()),
                    Tx.uuid(survey.programId()), survey.definition().kind(), Tx.uuid(invitationId), respondentId,
                    Tx.uuid(pairingId), response.responseId(), response.submittedAt(), response.fitConcern(), nps,
                    tx.now());
        }
        tx.batch("INSERT INTO survey_answer (response_id, question_id, number_value, yes_value, text_value) VALUES "
                + "(?, ?, ?, ?, ?)", response.answers().stream().map(a -> new Object[] {Tx.uuid(responseId),
                        a.questionId(), a.number(), a.yes(), a.text()}).toList());
        tx.update("UPDATE survey_invitation SET status = 'RESPONDED', modified_at = ? WHERE id = ?", tx.now(),
                Tx.uuid(invitationId));
        if (response.fitConcern() && pairingId != null) {
            FitConcerns.raise(tx, pairingId, responseId, respondentId);
        }
    }

    static String limit(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 497) + "...";
    }

    // ---------------------------------------------------------------------------------------------------------
    // Health.

    @Override
    public String healthName() {
        return "surveys";
    }

    /**
     * Up; the details tell an administrator what waits: tools not installed that programs use, blocked tools with
     * the tool's reason, invitations by status, and each tool's last error (tool messages carry no secrets).
     */
    @Override
    public ComponentHealth health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tools", installedTools());
        details.put("anonymityThreshold", settings.anonymityThreshold());
        if (!blocked.isEmpty()) {
            details.put("blocked", new TreeMap<>(blocked));
        }
        try {
            Map<String, Long> invitations = new TreeMap<>();
            List<String> missing = new ArrayList<>();
            database.inTransaction(tx -> {
                tx.query("SELECT status, COUNT(*) AS n FROM survey_invitation GROUP BY status",
                        row -> invitations.put(row.getString("status"), row.getLong("n")));
                for (String programId : tx.query("SELECT DISTINCT program_id FROM survey_invitation WHERE status = "
                        + "'PENDING'", row -> Tx.uuid(row, "program_id"))) {
                    String tool = toolOf(tx, programId);
                    if (!tools.containsKey(tool) && !missing.contains(tool)) {
                        missing.add(tool);
                    }
                }
                return null;
            });
            details.put("invitations", invitations);
            if (!missing.isEmpty()) {
                details.put("waitingForTools", missing);
            }
        } catch (SQLException e) {
            return ComponentHealth.down("cannot read surveys (SQLState " + e.getSQLState() + ")");
        }
        if (!lastErrors.isEmpty()) {
            details.put("lastErrors", new TreeMap<>(lastErrors));
        }
        return ComponentHealth.up(details);
    }

    /** The clock's instant at the microsecond precision both databases store, so stored and compared times agree. */
    private java.time.Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
