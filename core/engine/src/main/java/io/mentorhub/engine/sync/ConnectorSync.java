package io.mentorhub.engine.sync;

import io.mentorhub.api.connector.Capability;
import io.mentorhub.api.connector.Connector;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.PeopleFileReader;
import io.mentorhub.api.connector.PeoplePage;
import io.mentorhub.api.connector.PeopleQuery;
import io.mentorhub.api.connector.PeopleSource;
import io.mentorhub.api.connector.PersonRecord;
import io.mentorhub.api.connector.RejectedRecord;
import io.mentorhub.api.connector.Setting;
import io.mentorhub.api.domain.Person;
import io.mentorhub.engine.cluster.ClusterMember;
import io.mentorhub.engine.flow.FlowRuntime;
import io.mentorhub.engine.store.AuditLog;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.Page;
import io.mentorhub.engine.store.PersonStore;
import io.mentorhub.engine.store.Stored;
import io.mentorhub.engine.store.Tx;
import io.mentorhub.engine.sync.SyncRun.Counts;
import io.mentorhub.engine.sync.SyncRun.Mode;
import io.mentorhub.engine.sync.SyncRun.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync engine: keeps each connector instance's schedule, queues and claims its jobs (one node at a time, under a
 * fenced database lease), and does each step of {@link SyncRoute} — plan, read a page, apply it, link managers,
 * finish — plus the drop folders ({@link DropFolderRoute}). It is also what the REST API and the shell use to list
 * connector types and instances, change instances, start syncs and dry runs, follow runs and replay dead letters.
 */
@Component(service = ConnectorSync.class, configurationPid = ConnectorSync.PID, immediate = true)
@Designate(ocd = ConnectorSync.Config.class)
public class ConnectorSync {

    static final String PID = "io.mentorhub.sync";
    /** requested_by of the runs the schedule starts. */
    public static final String SCHEDULE = "schedule";
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorSync.class);
    private static final Pattern INSTANCE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\[(env|secret):[A-Za-z0-9._-]{1,128}]");
    /** How many dead letters one replay run takes at most. */
    public static final int MAX_REPLAY = 10_000;

    @ObjectClassDefinition(name = "Connector sync")
    public @interface Config {
        @AttributeDefinition(description = "Sync jobs this node runs at the same time (one per instance)", min = "1")
        int workers() default 4;

        @AttributeDefinition(description = "Seconds a node's lease on an instance's job lasts without renewal; a "
                + "node that stops renewing loses the job to another node", min = "10")
        int leaseSeconds() default 60;
    }

    /** How the engine runs: workers, lease length, how often schedules and leases are looked at, the zone of daily. */
    public record Settings(int workers, Duration lease, long tickMillis, long watchMillis, ZoneId zone) {
        public static final Settings DEFAULT = new Settings(4, Duration.ofSeconds(60), 1_000, 10_000,
                ZoneId.systemDefault());
    }

    /** Why a request about a connector instance cannot be done now; the API answers 409 with the code (404 for
     * not-found). Pushes refuse the same way. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String code;

        public Refused(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** A configuration the API was given that is not valid; the API answers 422 naming each setting. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Map<String, String> errors;

        Invalid(Map<String, String> errors) {
            super(String.join("; ", errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
            this.errors = java.util.Collections.unmodifiableMap(new TreeMap<>(errors));
        }

        public Map<String, String> errors() {
            return errors;
        }
    }

    /** The hub is stopping: the job ends without a verdict and is resumed from its checkpoint at the next start. */
    static final class Shutdown extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Shutdown() {
            super("the hub is stopping");
        }
    }

    private final Database database;
    private final CamelContext camel;
    private final ConnectorInstances instances;
    private final JobAssignment assignment;
    private final Settings settings;
    private final SyncRunStore runs = new SyncRunStore();
    private final LeaseStore leases = new LeaseStore();
    private final DeadLetterStore deadLetters = new DeadLetterStore();
    private final ManagerLinks links = new ManagerLinks();
    private final PersonStore people = new PersonStore();
    private final PageApplier applier = new PageApplier(deadLetters, links);
    private final PageFetcher fetcher = new PageFetcher(() -> ThreadLocalRandom.current().nextDouble());
    private final Map<String, SyncJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
    private final Map<String, Instant> activeSince = new ConcurrentHashMap<>();
    private final Map<String, Instant[]> nextDue = new ConcurrentHashMap<>();
    private final Map<String, DropFolderRoute> dropFolders = new ConcurrentHashMap<>();
    private final Map<String, Instant> fileRetryAfter = new ConcurrentHashMap<>();
    private final ProducerTemplate producer;
    private final Runnable listener = this::instancesChanged;
    private final SyncRoute route;
    /** Reads each job's next vendor page while the current one is applied (daemon threads, idle ones expire). */
    private final ExecutorService readAhead = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "mentorhub-sync-read-ahead");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String lastTickProblem;
    private volatile boolean stopping;

    @Activate
    public ConnectorSync(@Reference Database database, @Reference FlowRuntime flows, @Reference ClusterMember cluster,
            @Reference ConnectorInstances instances, Config config) throws Exception {
        this(database, flows.camel(), instances, new JobAssignment.Cluster(cluster.instance()),
                new Settings(config.workers(), Duration.ofSeconds(config.leaseSeconds()), Settings.DEFAULT.tickMillis(),
                        Settings.DEFAULT.watchMillis(), ZoneId.systemDefault()));
    }

    /** Runs on the given Camel context; tests give a single-node assignment and short periods. */
    public ConnectorSync(Database database, CamelContext camel, ConnectorInstances instances, JobAssignment assignment,
            Settings settings) throws Exception {
        this.database = database;
        this.camel = camel;
        this.instances = instances;
        this.assignment = assignment;
        this.settings = settings;
        this.producer = camel.createProducerTemplate();
        this.route = new SyncRoute(this, settings);
        camel.addRoutes(route);
        instances.addListener(listener);
        instancesChanged();
    }

    @Deactivate
    public void stop() throws Exception {
        stopping = true;
        instances.removeListener(listener);
        jobs.values().forEach(job -> job.stop(new Shutdown()));
        for (String id : new ArrayList<>(dropFolders.keySet())) {
            removeDropFolder(id);
        }
        for (String id : SyncRoute.ROUTE_IDS) {
            camel.getRouteController().stopRoute(id);
            camel.removeRoute(id);
        }
        readAhead.shutdownNow();
        producer.close();
    }

    Settings settings() {
        return settings;
    }

    // ------------------------------------------------------------------ the REST API and the shell

    /** The installed connectors with the configuration an instance of each takes. */
    public List<ConnectorType> types() {
        List<ConnectorType> types = new ArrayList<>();
        for (Connector connector : instances.connectors().values()) {
            List<Setting> hub = new ArrayList<>();
            boolean files = connector.capabilities().contains(Capability.PEOPLE_FILE);
            boolean changes = connector.capabilities().contains(Capability.PEOPLE_INCREMENTAL_SYNC);
            for (Setting setting : InstanceSettings.SCHEMA) {
                String key = setting.id();
                boolean fileKey = key.equals(InstanceSettings.FOLDER) || key.equals(InstanceSettings.FILE_PATTERN);
                if (fileKey && !files || key.equals(InstanceSettings.SCHEDULE_INCREMENTAL) && !changes) {
                    continue;
                }
                hub.add(key.equals(InstanceSettings.FOLDER) && files ? new Setting(key, setting.name(),
                        setting.description(), setting.type(), true, null, List.of()) : setting);
            }
            types.add(new ConnectorType(connector.id(), connector.displayName(), connector.kind(),
                    new TreeSet<>(connector.capabilities()), connector.settings(), hub));
        }
        return types;
    }

    public List<ConnectorView> instances() throws SQLException {
        Map<String, String[]> suspended = database.inTransaction(this::suspensions);
        List<ConnectorView> views = new ArrayList<>();
        for (ConnectorInstance instance : instances.all()) {
            views.add(view(instance, suspended.get(instance.id())));
        }
        return views;
    }

    public Optional<ConnectorView> instance(String id) throws SQLException {
        Optional<ConnectorInstance> instance = instances.get(id);
        if (instance.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(view(instance.get(), database.inTransaction(this::suspensions).get(id)));
    }

    private ConnectorView view(ConnectorInstance instance, String[] suspension) throws SQLException {
        String id = instance.id();
        boolean suspended = suspension != null && suspension[0].equals(instance.configHash());
        ConnectorView.State state = suspended && instance.runnable() ? ConnectorView.State.SUSPENDED
                : ConnectorView.State.valueOf(instance.state().name());
        String reason = state == ConnectorView.State.SUSPENDED ? suspension[1] : instance.reason();
        return database.inTransaction(tx -> {
            List<SyncRun> last = runs.list(tx, id, 1);
            List<Instant> success = tx.query("SELECT MAX(finished_at) AS last_at FROM sync_run WHERE instance_id = ? "
                    + "AND status = 'SUCCEEDED' AND dry_run = FALSE", r -> Tx.instant(r, "last_at"), id);
            Instant[] due = instance.runnable() ? due(tx, instance) : new Instant[2];
            return new ConnectorView(id, instance.type(), state, reason == null ? null
                    : instance.redaction().scrub(reason), instance.source(), !instance.fileManaged(),
                    instance.shownSettings(), last.isEmpty() ? null : live(last.get(0)), success.get(0),
                    deadLetters.pendingCount(tx, id), due[0], due[1]);
        });
    }

    /**
     * Creates ({@code create}) or replaces an instance's configuration through Configuration Admin. Secrets are taken
     * only as references ({@code $[secret:NAME]}, {@code $[env:NAME]}), so no credential is stored in the hub's
     * configuration; other values are taken as given and checked exactly as the stored configuration will be.
     */
    public ConnectorView save(String id, String type, Map<String, String> given, boolean create, String actor)
            throws SQLException {
        Map<String, String> errors = new TreeMap<>();
        if (id == null || !INSTANCE_ID.matcher(id).matches()) {
            errors.put("id", "must match [a-z0-9][a-z0-9._-]{0,62}");
            throw new Invalid(errors);
        }
        Optional<ConnectorInstance> existing = instances.get(id);
        if (create && existing.isPresent()) {
            throw new Refused("connector-exists", "a connector instance " + id + " exists; PUT replaces it");
        }
        if (!create && existing.isEmpty()) {
            throw new Refused("not-found", "no connector instance " + id);
        }
        if (existing.isPresent() && existing.get().fileManaged()) {
            throw new Refused("file-managed", "connector instance " + id + " is configured in "
                    + existing.get().source() + "; edit that file");
        }
        Connector connector = type == null ? null : instances.connectors().get(type);
        if (connector == null) {
            errors.put("type", type == null ? "is required" : "connector '" + type + "' is not installed; installed: "
                    + instances.connectors().keySet());
            throw new Invalid(errors);
        }
        Map<String, Setting> schema = new TreeMap<>();
        connector.settings().forEach(s -> schema.put(s.id(), s));
        Map<String, String> properties = new TreeMap<>();
        for (Map.Entry<String, String> entry : given.entrySet()) {
            String key = entry.getKey();
            String value = entry.getValue();
            if (!KEY.matcher(key).matches()) {
                errors.put("settings." + key, "is not a setting name");
            } else if (key.equals(InstanceSettings.TYPE)) {
                errors.put("settings.type", "give the connector as type, not as a setting");
            } else if (value == null || value.length() > 4000) {
                errors.put("settings." + key, "must be a text of at most 4000 characters");
            } else if (schema.containsKey(key) && schema.get(key).secret()) {
                if (!REFERENCE.matcher(value.strip()).matches()) {
                    errors.put("settings." + key, "is a secret: give a reference such as $[secret:" + id + "." + key
                            + "] (the file of that name in the secrets folder) or $[env:NAME]; the hub does not store "
                            + "credentials in its configuration");
                }
                properties.put(key, value.strip());
            } else if (value.contains("$[")) {
                errors.put("settings." + key, "only secrets are given as references through the API; edit a .cfg "
                        + "file to interpolate other values");
            } else {
                properties.put(key, value);
            }
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        properties.put(InstanceSettings.TYPE, type);
        ConnectorInstance preview = instances.preview(id, properties);
        if (preview.state() == ConnectorInstance.State.INVALID) {
            Map<String, String> problems = new TreeMap<>();
            InstanceSettings.parse(properties, problems);
            if (problems.isEmpty()) {
                problems.put("settings", preview.reason());
            }
            Map<String, String> named = new TreeMap<>();
            problems.forEach((key, message) -> named.put(key.equals("settings") ? key : "settings." + key, message));
            throw new Invalid(named);
        }
        try {
            instances.write(id, properties);
        } catch (IOException e) {
            throw new Refused("unavailable", "the configuration could not be stored: " + e.getMessage());
        }
        LOG.info("Connector instance {} ({}) {} by {}", id, type, create ? "created" : "replaced", actor);
        database.inTransaction(tx -> {
            AuditLog.record(tx, actor, create ? "connector.created" : "connector.replaced", "connector", id,
                    Map.of("type", type, "settings", new TreeSet<>(properties.keySet())));
            return null;
        });
        ConnectorInstance stored = instances.get(id).filter(i -> i.configHash().equals(preview.configHash()))
                .orElse(preview);
        return view(stored, database.inTransaction(this::suspensions).get(id));
    }

    /** Deletes an instance made through the API; its runs and dead letters stay as history. */
    public void delete(String id, String actor) throws SQLException {
        ConnectorInstance instance = instances.get(id).orElseThrow(() -> new Refused("not-found",
                "no connector instance " + id));
        if (instance.fileManaged()) {
            throw new Refused("file-managed", "connector instance " + id + " is configured in " + instance.source()
                    + "; delete that file");
        }
        SyncJob job = jobs.get(id);
        if (job != null) {
            job.stop(new SyncJob.Cancelled("the instance was deleted"));
        }
        try {
            instances.remove(id);
        } catch (IOException e) {
            throw new Refused("unavailable", "the configuration could not be deleted: " + e.getMessage());
        }
        LOG.info("Connector instance {} deleted by {}", id, actor);
        database.inTransaction(tx -> {
            AuditLog.record(tx, actor, "connector.deleted", "connector", id, Map.of("type", instance.type()));
            return null;
        });
    }

    /** Lifts a suspension (after fixing credentials at the vendor, say); the schedule resumes. */
    public ConnectorView enable(String id, String actor) throws SQLException {
        ConnectorInstance instance = instances.get(id).orElseThrow(() -> new Refused("not-found",
                "no connector instance " + id));
        int lifted = database.inTransaction(tx -> {
            int deleted = tx.update("DELETE FROM sync_suspension WHERE instance_id = ?", id);
            if (deleted > 0) {
                AuditLog.record(tx, actor, "connector.enabled", "connector", id, Map.of());
            }
            return deleted;
        });
        if (lifted > 0) {
            LOG.info("Connector instance {} enabled again after its suspension", id);
        }
        return view(instance, null);
    }

    /** Queues a sync (202 for the API); the node that runs the instance's jobs takes it within a second. */
    public SyncRun requestSync(String id, Mode mode, boolean dryRun, boolean acceptCoverageDrop, String requestedBy)
            throws SQLException {
        ConnectorInstance instance = runnable(id);
        if (mode == Mode.INCREMENTAL && !instance.readsChanges()) {
            throw new Refused("not-supported", "connector '" + instance.type() + "' cannot read only what changed; "
                    + "run a full sync");
        }
        if (instance.peopleSource() == null && instance.fileReader() == null) {
            throw new Refused("not-supported", "connector '" + instance.type() + "' reads no people: it writes to "
                    + "its system (" + instance.connector().capabilities() + ")");
        }
        if ((mode == Mode.FULL || mode == Mode.INCREMENTAL) && instance.peopleSource() == null) {
            throw new Refused("not-supported", "connector '" + instance.type() + "' reads dropped files: put the file "
                    + "in " + instance.settings().folder());
        }
        if (mode != Mode.FULL && mode != Mode.INCREMENTAL) {
            throw new Refused("not-supported", "a sync is full or incremental");
        }
        SyncRunStore.Options options = new SyncRunStore.Options(acceptCoverageDrop, List.of(), null, null);
        return queue(instance, mode, dryRun, options, requestedBy);
    }

    /** Queues a replay of pending dead letters (all of the instance's, oldest first, when {@code ids} is empty). */
    public SyncRun requestReplay(String id, List<String> ids, String requestedBy) throws SQLException {
        ConnectorInstance instance = runnable(id);
        List<String> chosen = database.inTransaction(tx -> {
            List<DeadLetterStore.Entry> entries = deadLetters.pending(tx, id, ids, MAX_REPLAY);
            Set<String> found = new HashSet<>();
            entries.forEach(e -> found.add(e.id()));
            for (String wanted : ids) {
                if (!found.contains(wanted)) {
                    throw new Refused("not-pending", "dead letter " + wanted + " is not a pending dead letter of "
                            + id);
                }
            }
            return entries.stream().map(DeadLetterStore.Entry::id).toList();
        });
        if (chosen.isEmpty()) {
            throw new Refused("nothing-to-replay", "connector instance " + id + " has no pending dead letters");
        }
        return queue(instance, Mode.REPLAY, false, new SyncRunStore.Options(false, chosen, null, null), requestedBy);
    }

    private SyncRun queue(ConnectorInstance instance, Mode mode, boolean dryRun, SyncRunStore.Options options,
            String requestedBy) throws SQLException {
        String runId = UUID.randomUUID().toString();
        SyncRun run = database.inTransaction(tx -> {
            if (mode != Mode.REPLAY) {
                for (SyncRunStore.Row row : runs.unfinished(tx)) {
                    SyncRun queued = row.run();
                    if (queued.connectorId().equals(instance.id()) && queued.status() == Status.QUEUED
                            && queued.mode() == mode && queued.dryRun() == dryRun
                            && row.options().acceptCoverageDrop() == options.acceptCoverageDrop()) {
                        return queued; // the same sync is already waiting
                    }
                }
            }
            runs.insert(tx, runId, instance.id(), instance.type(), mode, dryRun, requestedBy, options);
            return runs.find(tx, runId).orElseThrow().run();
        });
        if (run.id().equals(runId)) {
            LOG.info("Connector instance {}: {}{} sync {} queued by {}", instance.id(), mode, dryRun ? " dry-run" : "",
                    runId, requestedBy);
        }
        return live(run);
    }

    private ConnectorInstance runnable(String id) throws SQLException {
        ConnectorInstance instance = instances.get(id).orElseThrow(() -> new Refused("not-found",
                "no connector instance " + id));
        if (!instance.runnable()) {
            throw new Refused("not-active", "connector instance " + id + " is " + instance.state() + ": "
                    + instance.redaction().scrub(instance.reason()));
        }
        String[] suspension = database.inTransaction(this::suspensions).get(id);
        if (suspension != null && suspension[0].equals(instance.configHash())) {
            throw new Refused("suspended", "connector instance " + id + " is suspended: " + suspension[1]
                    + " — fix the configuration or credentials, then POST /api/connectors/" + id + "/enable");
        }
        return instance;
    }

    /** A run of the instance, with its live phase if this node runs it. */
    public Optional<SyncRun> run(String instanceId, String runId) throws SQLException {
        return database.inTransaction(tx -> runs.find(tx, runId)).map(SyncRunStore.Row::run)
                .filter(r -> r.connectorId().equals(instanceId)).map(this::live);
    }

    public List<SyncRun> runs(String instanceId, int limit) throws SQLException {
        return database.inTransaction(tx -> runs.list(tx, instanceId, limit)).stream().map(this::live).toList();
    }

    private SyncRun live(SyncRun run) {
        SyncJob job = jobs.get(run.connectorId());
        String phase = job != null && job.runId.equals(run.id()) ? job.phase() : run.status().finished() ? null
                : run.status() == Status.QUEUED ? "queued" : "running on another node";
        return new SyncRun(run.id(), run.connectorId(), run.connectorType(), run.mode(), run.dryRun(), run.status(),
                phase, run.requestedBy(), run.modifiedSince(), run.fetchStartedAt(), run.counts(), run.coverage(),
                run.flagged(), run.warnings(), run.timings(), run.error(), run.file(), run.createdAt(), run.startedAt(),
                run.finishedAt());
    }

    /** A dry run's changes, in order, after {@code afterSeq}. */
    public List<SyncChange> changes(String runId, int afterSeq, int limit) throws SQLException {
        return database.inTransaction(tx -> tx.query("SELECT seq, hris_id, kind, field, old_value, new_value FROM "
                + "sync_change WHERE run_id = ? AND seq > ? ORDER BY seq FETCH FIRST " + limit + " ROWS ONLY",
                r -> new SyncChange(r.getInt(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6)), Tx.uuid(runId), afterSeq));
    }

    public Page<DeadLetter> deadLetters(String instanceId, DeadLetter.Status status, int limit, Page.Cursor after)
            throws SQLException {
        return database.inTransaction(tx -> deadLetters.list(tx, instanceId, status, limit, after));
    }

    public Optional<DeadLetter> deadLetter(String instanceId, String id) throws SQLException {
        return database.inTransaction(tx -> deadLetters.find(tx, instanceId, id)).map(DeadLetterStore.Entry::letter);
    }

    /** Marks a pending dead letter as not to be replayed; false if it is not pending. */
    public boolean discard(String instanceId, String id, String actor) throws SQLException {
        boolean done = database.inTransaction(tx -> {
            boolean discarded = deadLetters.discard(tx, instanceId, id, actor);
            if (discarded) {
                AuditLog.record(tx, actor, "dead_letter.discarded", "connector", instanceId, Map.of("dead_letter", id));
            }
            return discarded;
        });
        if (done) {
            LOG.info("Dead letter {} of connector instance {} discarded by {}", id, instanceId, actor);
        }
        return done;
    }

    // ------------------------------------------------------------------ schedule, claims, leases (SyncRoute timers)

    /**
     * Every second on every node: for each instance this node should run and is not running, resume a run a stopped
     * node left behind, or start the oldest queued run, or a scheduled one that is due — each under a freshly taken
     * lease. Also lifts suspensions whose configuration changed and ends queued runs of instances that cannot run.
     */
    void tick() throws SQLException {
        if (stopping) {
            return;
        }
        Map<String, String[]> suspended = database.inTransaction(this::suspensions);
        for (Map.Entry<String, String[]> suspension : suspended.entrySet()) {
            Optional<ConnectorInstance> instance = instances.get(suspension.getKey());
            if (instance.isPresent() && !instance.get().configHash().equals(suspension.getValue()[0])) {
                database.inTransaction(tx -> tx.update("DELETE FROM sync_suspension WHERE instance_id = ? AND "
                        + "config_hash = ?", suspension.getKey(), suspension.getValue()[0]));
                LOG.info("Connector instance {}: its configuration changed, the suspension is lifted",
                        suspension.getKey());
            }
        }
        Map<String, List<SyncRunStore.Row>> unfinished = new HashMap<>();
        for (SyncRunStore.Row row : database.inTransaction(runs::unfinished)) {
            unfinished.computeIfAbsent(row.run().connectorId(), k -> new ArrayList<>()).add(row);
        }
        for (ConnectorInstance instance : instances.all()) {
            String id = instance.id();
            List<SyncRunStore.Row> pending = unfinished.getOrDefault(id, List.of());
            String[] suspension = suspended.get(id);
            boolean isSuspended = suspension != null && suspension[0].equals(instance.configHash());
            if (!instance.runnable() || isSuspended) {
                for (SyncRunStore.Row row : pending) {
                    if (row.run().status() == Status.QUEUED) {
                        database.inTransaction(tx -> runs.abandon(tx, row.id(), Status.CANCELLED, "the instance is "
                                + (isSuspended ? "suspended" : instance.state()) + " and cannot run"));
                    }
                }
                continue;
            }
            if (jobs.containsKey(id) || !assignment.owns(id)) {
                continue;
            }
            try {
                next(instance, pending);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Connector instance {}: could not start its next job: {}", id, e.toString());
            }
        }
        lastTickProblem = null;
    }

    private void next(ConnectorInstance instance, List<SyncRunStore.Row> pending) throws SQLException {
        String id = instance.id();
        for (SyncRunStore.Row row : pending) {
            if (row.run().status() != Status.RUNNING) {
                continue;
            }
            // Left by a node that stopped (its lease is free or dead) — or still running elsewhere (claim fails).
            if (row.run().mode() == Mode.FILE) {
                Path file = instance.settings().folder() == null || row.options().file() == null ? null
                        : instance.settings().folder().resolve(row.options().file());
                if (file != null && Files.exists(file)) {
                    continue; // the drop folder picks the file up again and resumes the run
                }
            }
            Optional<SyncJob> job = claim(instance, row.id(), row.run().mode(), row.run().dryRun(), row.options(), null);
            if (job.isPresent()) {
                if (row.run().mode() == Mode.REPLAY || row.run().mode() == Mode.FILE) {
                    end(job.get(), Status.FAILED, "interrupted when its hub node stopped; "
                            + (row.run().mode() == Mode.REPLAY ? "replay the dead letters again"
                                    : "the file is no longer in the drop folder"));
                } else {
                    LOG.info("Connector instance {}: resuming run {} from its checkpoint", id, row.id());
                    submit(job.get());
                }
                return;
            }
        }
        for (SyncRunStore.Row row : pending) {
            if (row.run().status() == Status.QUEUED) {
                if (row.run().mode() == Mode.FILE) {
                    continue;
                }
                claim(instance, row.id(), row.run().mode(), row.run().dryRun(), row.options(), null)
                        .ifPresent(this::submit);
                return;
            }
        }
        Mode due = dueMode(instance);
        if (due != null) {
            startScheduled(instance, due);
        }
    }

    /** Which scheduled sync is due now, if any: a due full sync also stands for a due incremental one. */
    private Mode dueMode(ConnectorInstance instance) throws SQLException {
        Instant[] due = database.inTransaction(tx -> due(tx, instance));
        Instant now = Instant.now();
        if (due[1] != null && !due[1].isAfter(now)) {
            return Mode.FULL;
        }
        if (due[0] != null && !due[0].isAfter(now)) {
            return Mode.INCREMENTAL;
        }
        return null;
    }

    /** When the next incremental and full syncs are due (null: not scheduled), from the last scheduled runs. */
    private Instant[] due(Tx tx, ConnectorInstance instance) throws SQLException {
        String key = instance.id() + "@" + instance.configHash();
        Instant[] cached = nextDue.get(key);
        if (cached != null) {
            return cached;
        }
        InstanceSettings s = instance.settings();
        Instant since = activeSince.computeIfAbsent(key, k -> Instant.now());
        Instant incremental = null;
        if (instance.readsChanges() && instance.peopleSource() != null) {
            incremental = s.incremental().due(runs.lastScheduled(tx, instance.id(), null).orElse(null), since,
                    settings.zone());
        }
        Instant full = instance.peopleSource() == null ? null : s.full().due(runs.lastScheduled(tx, instance.id(),
                Mode.FULL).orElse(null), since, settings.zone());
        Instant[] due = {incremental, full};
        nextDue.put(key, due);
        return due;
    }

    private void startScheduled(ConnectorInstance instance, Mode mode) throws SQLException {
        String runId = UUID.randomUUID().toString();
        leases.ensure(database, instance.id());
        Optional<SyncJob> job = database.inTransaction(tx -> {
            // Another node may have started it meanwhile: the database is the judge of what is due.
            nextDue.remove(instance.id() + "@" + instance.configHash());
            Instant[] due = due(tx, instance);
            Instant at = mode == Mode.FULL ? due[1] : due[0];
            if (at == null || at.isAfter(Instant.now())) {
                return Optional.<SyncJob>empty();
            }
            OptionalLong token = leases.acquire(tx, instance.id(), assignment.nodeId(), assignment::alive,
                    settings.lease());
            if (token.isEmpty()) {
                return Optional.<SyncJob>empty();
            }
            runs.insert(tx, runId, instance.id(), instance.type(), mode, false, SCHEDULE, SyncRunStore.Options.NONE);
            runs.claim(tx, runId, assignment.nodeId(), token.getAsLong());
            return Optional.of(new SyncJob(runId, instance, token.getAsLong(), assignment.nodeId(), mode, false,
                    SyncRunStore.Options.NONE));
        });
        nextDue.remove(instance.id() + "@" + instance.configHash());
        if (job.isPresent()) {
            LOG.info("Connector instance {}: scheduled {} sync {} started", instance.id(), mode, runId);
            submit(job.get());
        }
    }

    /** Takes a run under a fresh lease token; empty if another live node holds the instance's lease. */
    private Optional<SyncJob> claim(ConnectorInstance instance, String runId, Mode mode, boolean dryRun,
            SyncRunStore.Options options, Path file) throws SQLException {
        leases.ensure(database, instance.id());
        Optional<SyncJob> job = database.inTransaction(tx -> {
            OptionalLong token = leases.acquire(tx, instance.id(), assignment.nodeId(), assignment::alive,
                    settings.lease());
            if (token.isEmpty()) {
                return Optional.<SyncJob>empty();
            }
            if (!runs.claim(tx, runId, assignment.nodeId(), token.getAsLong())) {
                leases.release(tx, instance.id(), token.getAsLong());
                return Optional.<SyncJob>empty();
            }
            SyncJob claimed = new SyncJob(runId, instance, token.getAsLong(), assignment.nodeId(), mode, dryRun,
                    options);
            claimed.file = file;
            return Optional.of(claimed);
        });
        job.ifPresent(j -> jobs.put(instance.id(), j));
        return job;
    }

    private void submit(SyncJob job) {
        jobs.put(job.instanceId(), job);
        try {
            producer.sendBody(SyncRoute.QUEUE, job);
        } catch (RuntimeException e) {
            failed(job, e);
        }
    }

    /** Every few seconds: renews this node's leases (a lost one stops its job) and publishes what it can run. */
    void watch() throws SQLException {
        for (SyncJob job : jobs.values()) {
            boolean held = database.inTransaction(tx -> leases.renew(tx, job.instanceId(), job.leaseToken, job.node,
                    settings.lease()));
            if (!held) {
                job.stop(new LeaseStore.LeaseLost("the lease of " + job.instanceId() + " was taken over"));
            }
        }
        publish();
    }

    private void publish() {
        Set<String> active = new TreeSet<>();
        instances.all().stream().filter(ConnectorInstance::runnable).forEach(i -> active.add(i.id()));
        assignment.publish(active);
    }

    /** Instances changed: stop jobs of instances that went away, follow drop folders, recompute schedules. */
    private void instancesChanged() {
        if (stopping) {
            return;
        }
        Map<String, ConnectorInstance> current = new HashMap<>();
        instances.all().forEach(i -> current.put(i.id(), i));
        for (SyncJob job : jobs.values()) {
            ConnectorInstance now = current.get(job.instanceId());
            if (now == null || !now.runnable()) {
                job.stop(new SyncJob.Cancelled("the instance was " + (now == null ? "removed" : now.state())));
            }
        }
        nextDue.keySet().removeIf(key -> {
            ConnectorInstance instance = current.get(key.substring(0, key.indexOf('@')));
            return instance == null || !key.endsWith("@" + instance.configHash());
        });
        activeSince.keySet().removeIf(key -> {
            ConnectorInstance instance = current.get(key.substring(0, key.indexOf('@')));
            return instance == null || !instance.runnable() || !key.endsWith("@" + instance.configHash());
        });
        limiters.keySet().removeIf(key -> !current.containsKey(key.substring(0, key.indexOf('@'))));
        for (ConnectorInstance instance : current.values()) {
            boolean watches = instance.runnable() && instance.fileReader() != null;
            DropFolderRoute route = dropFolders.get(instance.id());
            if (route != null && (!watches || !route.watches(instance.settings()))) {
                removeDropFolder(instance.id());
                route = null;
            }
            if (watches && route == null) {
                addDropFolder(instance);
            }
        }
        for (String id : new ArrayList<>(dropFolders.keySet())) {
            if (!current.containsKey(id)) {
                removeDropFolder(id);
            }
        }
        try {
            publish();
        } catch (RuntimeException e) {
            LOG.debug("Could not publish active connector instances yet: {}", e.toString());
        }
    }

    private void addDropFolder(ConnectorInstance instance) {
        DropFolderRoute route = new DropFolderRoute(this, instance.id(), instance.settings());
        try {
            camel.addRoutes(route);
            dropFolders.put(instance.id(), route);
            LOG.info("Connector instance {}: watching drop folder {}", instance.id(), instance.settings().folder());
        } catch (Exception e) {
            LOG.warn("Connector instance {}: cannot watch drop folder {}: {}", instance.id(),
                    instance.settings().folder(), e.toString());
        }
    }

    private void removeDropFolder(String id) {
        DropFolderRoute route = dropFolders.remove(id);
        if (route == null) {
            return;
        }
        try {
            camel.getRouteController().stopRoute(route.routeId());
            camel.removeRoute(route.routeId());
        } catch (Exception e) {
            LOG.warn("Connector instance {}: drop folder route did not stop cleanly: {}", id, e.toString());
        }
    }

    private RateLimiter limiter(ConnectorInstance instance) {
        return limiters.computeIfAbsent(instance.id() + "@" + instance.settings().rateLimit(),
                k -> new RateLimiter(instance.settings().rateLimit()));
    }

    /** instance id → {config hash, reason} of every suspended instance. */
    private Map<String, String[]> suspensions(Tx tx) throws SQLException {
        Map<String, String[]> suspended = new HashMap<>();
        for (String[] row : tx.query("SELECT instance_id, config_hash, reason FROM sync_suspension",
                r -> new String[] {r.getString(1), r.getString(2), r.getString(3)})) {
            suspended.put(row[0], new String[] {row[1], row[2]});
        }
        return suspended;
    }

    void tickFailed(Exception e) {
        String problem = e.toString();
        if (!problem.equals(lastTickProblem)) {
            LOG.warn("Connector sync schedule could not run: {}", problem);
            lastTickProblem = problem;
        }
    }

    // ------------------------------------------------------------------ the drop folder (DropFolderRoute)

    /**
     * A complete file arrived in an instance's drop folder: claims it for a FILE run — resuming the run of the same
     * file (same content) that a stopped node left — or returns null to leave it for later (the instance is busy, not
     * active, or another node holds it).
     */
    SyncJob fileArrived(String instanceId, Path file) throws SQLException, IOException {
        Optional<ConnectorInstance> found = instances.get(instanceId);
        if (found.isEmpty() || !found.get().runnable() || jobs.containsKey(instanceId) || stopping
                || !Files.isRegularFile(file)) {
            return null;
        }
        ConnectorInstance instance = found.get();
        String key = file + "@" + Files.getLastModifiedTime(file).toMillis() + "@" + Files.size(file);
        Instant retry = fileRetryAfter.get(key);
        if (retry != null && retry.isAfter(Instant.now())) {
            return null;
        }
        String[] suspension = database.inTransaction(this::suspensions).get(instanceId);
        if (suspension != null && suspension[0].equals(instance.configHash())) {
            return null;
        }
        String sha = DropFolder.sha256(file);
        String name = file.getFileName().toString();
        String runId = database.inTransaction(tx -> {
            for (SyncRunStore.Row row : runs.unfinished(tx)) {
                if (row.run().connectorId().equals(instanceId) && row.run().mode() == Mode.FILE
                        && name.equals(row.options().file()) && sha.equals(row.options().fileSha256())) {
                    return row.id();
                }
            }
            return null;
        });
        boolean resumed = runId != null;
        if (!resumed) {
            runId = UUID.randomUUID().toString();
            String newRun = runId;
            database.inTransaction(tx -> {
                runs.insert(tx, newRun, instanceId, instance.type(), Mode.FILE, false, "drop folder",
                        new SyncRunStore.Options(false, List.of(), name, sha));
                return null;
            });
        }
        Optional<SyncJob> job = claim(instance, runId, Mode.FILE, false,
                new SyncRunStore.Options(false, List.of(), name, sha), file);
        if (job.isEmpty()) {
            if (!resumed) {
                String unused = runId;
                database.inTransaction(tx -> runs.abandon(tx, unused, Status.CANCELLED, "another hub node is "
                        + "running this instance; the file is read when it is free"));
            }
            return null;
        }
        fileRetryAfter.put(key, Instant.now().plusSeconds(60));
        LOG.info("Connector instance {}: {} file {} (run {})", instanceId, resumed ? "resuming" : "reading", name,
                runId);
        return job.get();
    }

    /**
     * Reads the whole file once before anything is applied: a file that cannot be read is refused whole; otherwise
     * every row the connector or the hub refuses is written to the error report next to it.
     */
    void validateFile(SyncJob job) throws Exception {
        job.phase("validating " + job.file.getFileName());
        List<PageApplier.Problem> problems = new ArrayList<>();
        String cursor = null;
        int rows = 0;
        PeopleFileReader reader = job.instance.fileReader();
        try {
            do {
                String from = cursor;
                PeoplePage page = fetcher.fetch(job, null, "the file", () -> reader.readPeople(job.instance.config(),
                        job.file, from, job.settings.pageSize()));
                Batch batch = Batch.page(page.records(), page.rejected(), page.nextCursor(), null);
                problems.addAll(PageApplier.problems(database.inTransaction(tx -> applier.plan(tx, job, batch))));
                rows += page.records().size() + page.rejected().size();
                if (page.nextCursor() != null && page.nextCursor().equals(from)) {
                    throw new PageFetcher.ConnectorBroke("connector '" + job.instance.type() + "' returned the cursor "
                            + "it was given");
                }
                cursor = page.nextCursor();
            } while (cursor != null);
        } catch (ConnectorException e) {
            if (e.kind() == ConnectorException.Kind.PERMANENT) {
                throw new SyncJob.FileRefused("the file cannot be read: " + job.redaction.scrub(e.getMessage()));
            }
            throw e;
        }
        DropFolder.writeReport(DropFolder.reportOf(job.file), problems);
        job.warn("the file has " + rows + " rows; " + problems.size() + " cannot be applied"
                + (problems.isEmpty() ? "" : " (see " + job.file.getFileName() + DropFolder.REPORT_SUFFIX + ")"));
    }

    // ------------------------------------------------------------------ the steps of a run (SyncRoute)

    /** Fixes what the run reads (or restores it from the checkpoint) and where its pages come from. */
    void begin(SyncJob job) throws SQLException {
        job.phase("planning");
        job.checkStop();
        SyncRunStore.Row row = database.inTransaction(tx -> runs.find(tx, job.runId)).orElseThrow();
        job.cursor = row.cursor();
        job.counts = row.run().counts();
        job.coverage = FieldCoverage.of(row.coverage().counts());
        job.protectedFields.addAll(row.coverage().protectedFields());
        job.warnings.addAll(row.run().warnings());
        job.fetchNanos = row.run().timings().fetchMillis() * 1_000_000;
        job.applyNanos = row.run().timings().applyMillis() * 1_000_000;
        job.waitNanos = row.run().timings().waitMillis() * 1_000_000;
        job.retries = row.run().timings().retries();
        boolean resumed = row.run().fetchStartedAt() != null;
        database.inTransaction(tx -> {
            leases.fence(tx, job.instanceId(), job.leaseToken, job.node, settings.lease());
            if (resumed) {
                job.modifiedSince = row.run().modifiedSince();
                job.fetchStartedAt = row.run().fetchStartedAt();
                job.mode = row.run().mode();
                job.warn("resumed after page " + job.counts.pages() + " from its checkpoint");
            } else {
                if (job.mode == Mode.INCREMENTAL) {
                    Optional<Instant> last = runs.lastFetchStart(tx, job.instanceId());
                    if (last.isEmpty()) {
                        job.mode = Mode.FULL;
                        job.warn("no earlier successful sync to read changes since: everyone was read");
                    } else {
                        job.modifiedSince = last.get().minus(job.settings.overlap());
                    }
                }
                job.fetchStartedAt = tx.now();
                runs.plan(tx, job.runId, job.leaseToken, job.mode, job.modifiedSince, job.fetchStartedAt,
                        job.warnings);
            }
            job.baseline = baseline(tx, job.instanceId(), job.settings.fields());
            job.pendingLinks = !job.dryRun && links.waiting(tx, job.instanceId()) > 0;
            job.pendingDeadLetters = !job.dryRun && deadLetters.pendingCount(tx, job.instanceId()) > 0;
            return null;
        });
        job.exhausted = job.counts.pages() > 0 && job.cursor == null;
        switch (job.mode) {
            case FULL, INCREMENTAL -> job.source = vendorPages(job);
            case FILE -> job.source = filePages(job);
            case REPLAY -> job.source = replayPages(job);
            default -> throw new IllegalStateException(job.mode.name());
        }
        LOG.info("Connector instance {}: {} run {} {}{}", job.instanceId(), job.mode, job.runId,
                resumed ? "resumes after page " + job.counts.pages() : "starts",
                job.modifiedSince == null ? "" : ", changes since " + job.modifiedSince);
    }

    /**
     * Each field's baseline fill rate: from the most recent successful run that measured it over enough records and did
     * not flag it — so a flagged run never lowers the bar for the next.
     */
    private Map<String, FieldCoverage.Rate> baseline(Tx tx, String instanceId, Set<String> fields) throws SQLException {
        Map<String, FieldCoverage.Rate> baseline = new HashMap<>();
        for (SyncRunStore.CoverageState state : runs.recentCoverage(tx, instanceId, 20)) {
            state.counts().forEach((field, counts) -> {
                if (fields.contains(field) && !baseline.containsKey(field) && counts[1] >= FieldCoverage.MIN_RECORDS
                        && !state.protectedFields().contains(field)) {
                    baseline.put(field, new FieldCoverage.Rate(counts[0], counts[1]));
                }
            });
        }
        return baseline;
    }

    /**
     * Takes the next page (rate limit, retries) — nothing is applied yet — and, for a vendor's API, starts reading the
     * page after it on the read-ahead thread while this one is applied: one page ahead at most. Its cursor comes from
     * this page's response, so nothing about it depends on this page being applied; it is applied, and its
     * checkpoint committed, only after this page's transaction has committed.
     */
    void fetch(SyncJob job) throws Exception {
        job.checkStop();
        String from = job.cursor;
        int number = job.counts.pages() + 1;
        Batch batch;
        if (job.readingAhead()) {
            job.phase("reading page " + number);
            batch = job.takeAhead();
        } else {
            batch = job.source.next(job, from, number);
        }
        if (batch.nextCursor() != null && batch.nextCursor().equals(from)) {
            throw new PageFetcher.ConnectorBroke("connector '" + job.instance.type() + "' returned the cursor it "
                    + "was given; the run stops rather than read the same page forever");
        }
        job.batch = batch;
        if (batch.nextCursor() != null && job.source.readsAhead() && !stopping) {
            String next = batch.nextCursor();
            PageSource source = job.source;
            job.readAhead(readAhead, () -> source.next(job, next, number + 1));
        }
    }

    /** Applies the page and its checkpoint in one fenced transaction. */
    void apply(SyncJob job) throws SQLException {
        Batch batch = job.batch;
        job.checkStop();
        job.phase("applying page " + (job.counts.pages() + 1));
        long started = System.nanoTime();
        List<String> warnings = new ArrayList<>(job.warnings);
        Object[] outcome = database.inTransaction(tx -> {
            leases.fence(tx, job.instanceId(), job.leaseToken, job.node, settings.lease());
            PageApplier.Plan plan = applier.plan(tx, job, batch);
            Counts counts = job.counts.plus(applier.apply(tx, job, batch, plan));
            FieldCoverage coverage = job.coverage.plus(plan.coverage);
            Set<String> protectedFields = new TreeSet<>(job.protectedFields);
            protectedFields.addAll(plan.newlyProtected);
            for (String field : plan.newlyProtected) {
                FieldCoverage.Rate now = coverage.rates().get(field);
                String warning = "coverage of " + field + " fell from " + FieldCoverage.percent(job.baseline.get(field))
                        + "% to " + FieldCoverage.percent(now) + "%: its empty values no longer overwrite stored "
                        + "ones in this run";
                if (warnings.size() < SyncJob.MAX_WARNINGS) {
                    warnings.add(warning);
                }
            }
            SyncRun.Timings timings = new SyncRun.Timings(job.fetchNanos / 1_000_000,
                    (job.applyNanos + System.nanoTime() - started) / 1_000_000, job.waitNanos / 1_000_000,
                    job.retries);
            runs.checkpoint(tx, job.runId, job.leaseToken, batch.nextCursor(), counts,
                    new SyncRunStore.CoverageState(coverage.counts(), protectedFields, List.of()), warnings, timings);
            return new Object[] {counts, coverage, protectedFields, plan.kept};
        });
        job.counts = (Counts) outcome[0];
        job.coverage = (FieldCoverage) outcome[1];
        @SuppressWarnings("unchecked")
        Set<String> protectedFields = (Set<String>) outcome[2];
        job.protectedFields = protectedFields;
        job.keptValues += (Integer) outcome[3];
        job.warnings.clear();
        job.warnings.addAll(warnings);
        job.cursor = batch.nextCursor();
        job.exhausted = batch.nextCursor() == null;
        job.batch = null;
        job.applyNanos += System.nanoTime() - started;
    }

    /** After the last page: links every waiting manager the hub now knows (this run's and earlier runs'). */
    void linkManagers(SyncJob job) throws SQLException {
        job.checkStop();
        job.phase("linking managers");
        if (job.dryRun) {
            List<Object[]> rows = new ArrayList<>();
            int waiting = 0;
            Set<String> stored = database.inTransaction(tx -> {
                Set<String> found = new HashSet<>();
                List<String> wanted = job.dryLinks.values().stream().map(ManagerLinks.Link::managerId).distinct()
                        .toList();
                found.addAll(people.load(tx, wanted).keySet());
                return found;
            });
            for (ManagerLinks.Link link : job.dryLinks.values()) {
                if (job.seen.contains(link.managerId()) || stored.contains(link.managerId())) {
                    PageApplier.change(rows, job, link.personId(), "UPDATE", "manager_id", null, link.managerId());
                } else {
                    waiting++;
                }
            }
            database.inTransaction(tx -> {
                tx.batch("INSERT INTO sync_change (run_id, seq, hris_id, kind, field, old_value, new_value) VALUES "
                        + "(?, ?, ?, ?, ?, ?, ?)", rows);
                return null;
            });
            if (waiting > 0) {
                job.warn(waiting + " people name a manager the hub would not know after this sync");
            }
            return;
        }
        while (true) {
            job.checkStop();
            int linked = database.inTransaction(tx -> {
                leases.fence(tx, job.instanceId(), job.leaseToken, job.node, settings.lease());
                List<ManagerLinks.Link> ready = links.resolvable(tx, job.instanceId(), 500);
                if (ready.isEmpty()) {
                    return 0;
                }
                List<String> ids = ready.stream().map(ManagerLinks.Link::personId).toList();
                Map<String, Stored<Person>> stored = people.load(tx, ids);
                List<PersonStore.Upsert> upserts = new ArrayList<>();
                for (ManagerLinks.Link link : ready) {
                    Stored<Person> person = stored.get(link.personId());
                    if (person != null && !link.managerId().equals(link.personId())) {
                        upserts.add(new PersonStore.Upsert(RecordMapping.withManager(person.value(), link.managerId()),
                                link.effectiveDate()));
                    }
                }
                people.upsert(tx, upserts, stored);
                links.remove(tx, job.instanceId(), ids);
                return ready.size();
            });
            if (linked == 0) {
                break;
            }
            job.managersLinked += linked;
        }
        database.inTransaction(tx -> {
            long waiting = links.waiting(tx, job.instanceId());
            if (waiting > 0) {
                StringBuilder examples = new StringBuilder();
                for (ManagerLinks.Link link : links.examples(tx, job.instanceId(), 3)) {
                    examples.append(examples.length() == 0 ? "" : ", ").append(link.personId()).append(" → ")
                            .append(link.managerId());
                }
                job.warn(waiting + " people name a manager the hub does not know yet (e.g. " + examples
                        + "); each link is made when that manager arrives");
            }
            return null;
        });
        if (job.managersLinked > 0) {
            job.warn(job.managersLinked + " manager links were made after the last page, once the manager was known");
        }
    }

    /** The verdict: counts, coverage report, SUCCEEDED; the lease is released in the same transaction. */
    void finish(SyncJob job) throws Exception {
        job.checkStop();
        job.phase("finishing");
        if (job.keptValues > 0) {
            job.warn(job.keptValues + " empty values did not overwrite stored ones (flagged fields, or names a "
                    + "person cannot lose)");
        }
        end(job, Status.SUCCEEDED, null);
        if (job.mode == Mode.FILE) {
            Path report = DropFolder.reportOf(job.file);
            List<PageApplier.Problem> problems = database.inTransaction(tx -> tx.query("SELECT location, record_id, "
                    + "reason FROM sync_dead_letter WHERE run_id = ? ORDER BY created_at, id", r -> new PageApplier
                            .Problem(r.getString(1), r.getString(2), r.getString(3)), Tx.uuid(job.runId)));
            DropFolder.writeReport(report, problems);
            Path archived = DropFolder.move(job.file, DropFolder.ARCHIVE, Instant.now());
            LOG.info("Connector instance {}: file {} archived as {}", job.instanceId(), job.file.getFileName(),
                    archived.getFileName());
        }
        Counts c = job.counts;
        LOG.info("Connector instance {}: {} run {} succeeded: {} pages, {} created, {} updated, {} unchanged, {} "
                + "terminated, {} dead-lettered{}", job.instanceId(), job.mode, job.runId, c.pages(), c.created(),
                c.updated(), c.unchanged(), c.terminated(), c.failed(), job.protectedFields.isEmpty() ? ""
                        : "; FLAGGED: coverage of " + job.protectedFields + " fell");
    }

    /** Ends the run with a verdict and releases the lease, in one fenced transaction. */
    private void end(SyncJob job, Status status, String error) throws SQLException {
        List<FieldCoverageReport> report = new ArrayList<>();
        job.coverage.rates().forEach((field, rate) -> {
            FieldCoverage.Rate before = job.baseline.get(field);
            report.add(new FieldCoverageReport(field, before == null ? null : FieldCoverage.percent(before),
                    FieldCoverage.percent(rate), rate.filled(), rate.seen(), job.protectedFields.contains(field)));
        });
        SyncRunStore.CoverageState coverage = new SyncRunStore.CoverageState(job.coverage.counts(),
                Set.copyOf(job.protectedFields), report);
        try {
            database.inTransaction(tx -> {
                leases.fence(tx, job.instanceId(), job.leaseToken, job.node, settings.lease());
                runs.finish(tx, job.runId, job.leaseToken, status, error == null ? null : job.redaction.scrub(error),
                        job.counts, coverage, !job.protectedFields.isEmpty(), job.warnings, job.timings());
                leases.release(tx, job.instanceId(), job.leaseToken);
                return null;
            });
        } finally {
            job.cancelAhead();
            jobs.remove(job.instanceId(), job);
        }
        if (status == Status.SUCCEEDED) {
            nextDue.keySet().removeIf(key -> key.startsWith(job.instanceId() + "@"));
        }
    }

    /** Where a run that failed, was cancelled or lost its lease ends up; nothing is written without the lease. */
    void failed(SyncJob job, Exception error) {
        if (job == null) {
            tickFailed(error);
            return;
        }
        String id = job.instanceId();
        // A page read ahead is never applied once the run stops: it is read again from the checkpoint.
        job.cancelAhead();
        try {
            if (error instanceof LeaseStore.LeaseLost) {
                LOG.warn("Connector instance {}: run {} stopped without writing: {}", id, job.runId, error.getMessage());
                return;
            }
            if (error instanceof Shutdown) {
                database.inTransaction(tx -> {
                    leases.release(tx, id, job.leaseToken);
                    return null;
                });
                LOG.info("Connector instance {}: run {} paused after page {}; it resumes from its checkpoint",
                        id, job.runId, job.counts.pages());
                return;
            }
            if (error instanceof SyncJob.Cancelled) {
                end(job, Status.CANCELLED, error.getMessage());
                LOG.info("Connector instance {}: run {} cancelled: {}", id, job.runId, error.getMessage());
                return;
            }
            String why;
            if (error instanceof ConnectorException e) {
                String message = job.redaction.scrub(e.getMessage());
                switch (e.kind()) {
                    case CONFIG -> {
                        why = "the vendor refused the configuration or credentials: " + message + " — the instance is "
                                + "suspended until its configuration changes or it is enabled again";
                        database.inTransaction(tx -> {
                            tx.update("DELETE FROM sync_suspension WHERE instance_id = ?", id);
                            tx.update("INSERT INTO sync_suspension (instance_id, config_hash, reason, suspended_at) "
                                    + "VALUES (?, ?, ?, ?)", id, job.instance.configHash(), truncate(message),
                                    tx.now());
                            return null;
                        });
                    }
                    case PERMANENT -> {
                        why = "the vendor refused page " + (job.counts.pages() + 1) + ": " + message
                                + " — it is in the dead-letter table; replay it once the vendor is fixed";
                        if (job.currentQuery != null || job.mode == Mode.FILE) {
                            database.inTransaction(tx -> {
                                leases.fence(tx, id, job.leaseToken, job.node, settings.lease());
                                deadLetters.insert(tx, id, job.runId, List.of(new DeadLetterStore.New(
                                        DeadLetter.Kind.PAGE, "page " + (job.counts.pages() + 1), null, message, null,
                                        job.mode == Mode.FILE ? null : job.currentQuery)));
                                return null;
                            });
                        }
                    }
                    default -> why = message;
                }
            } else if (error instanceof SyncJob.RetriesExhausted || error instanceof PageFetcher.ConnectorBroke
                    || error instanceof SyncJob.FileRefused) {
                why = job.redaction.scrub(error.getMessage());
            } else {
                String incident = UUID.randomUUID().toString();
                Throwable cause = error;
                while (cause.getCause() != null && !(cause instanceof SQLException)) {
                    cause = cause.getCause();
                }
                LOG.error("Connector instance {}: run {} failed (incident {})", id, job.runId, incident,
                        cause instanceof SQLException sql ? redacted(sql) : error);
                why = "failed during " + job.phase() + "; incident " + incident + " (see logs/mentorhub.log)";
            }
            if (error instanceof SyncJob.FileRefused && job.file != null) {
                DropFolder.writeReport(DropFolder.reportOf(job.file), List.of(new PageApplier.Problem("file", null,
                        why)));
                Path moved = DropFolder.move(job.file, DropFolder.FAILED, Instant.now());
                LOG.warn("Connector instance {}: file {} refused and moved to {}", id, job.file.getFileName(), moved);
            }
            end(job, Status.FAILED, why);
            LOG.warn("Connector instance {}: {} run {} failed: {}", id, job.mode, job.runId, why);
        } catch (LeaseStore.LeaseLost e) {
            LOG.warn("Connector instance {}: run {} stopped without writing: {}", id, job.runId, e.getMessage());
        } catch (Exception e) {
            LOG.error("Connector instance {}: run {} could not be ended cleanly", id, job.runId, e);
        } finally {
            jobs.remove(id, job);
        }
    }

    private static String truncate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }

    /** A database error without its message, which may quote a person's values. */
    private static Exception redacted(SQLException e) {
        Exception safe = new Exception("database error, SQLState " + e.getSQLState() + ", vendor code "
                + e.getErrorCode() + " (message withheld)");
        safe.setStackTrace(e.getStackTrace());
        return safe;
    }

    // ------------------------------------------------------------------ page sources

    private PageSource vendorPages(SyncJob job) {
        PeopleSource source = job.instance.peopleSource();
        RateLimiter limiter = limiter(job.instance);
        return new PageSource() {
            @Override
            public Batch next(SyncJob j, String cursor, int number) throws Exception {
                PeopleQuery query = new PeopleQuery(cursor, j.modifiedSince, j.settings.pageSize(),
                        j.settings.fields());
                DeadLetterStore.PageQuery kept = new DeadLetterStore.PageQuery(query.cursor(), query.modifiedSince(),
                        query.pageSize(), List.copyOf(new TreeSet<>(query.fields())));
                j.currentQuery = kept;
                PeoplePage page = fetcher.fetch(j, limiter, "page " + number,
                        () -> source.fetchPeople(j.instance.config(), query));
                return Batch.page(page.records(), page.rejected(), page.nextCursor(), kept);
            }

            @Override
            public boolean readsAhead() {
                return true;
            }
        };
    }

    private PageSource filePages(SyncJob job) {
        PeopleFileReader reader = job.instance.fileReader();
        return (j, from, number) -> {
            PeoplePage page = fetcher.fetch(j, null, "page " + number + " of the file",
                    () -> reader.readPeople(j.instance.config(), j.file, from, j.settings.pageSize()));
            return Batch.page(page.records(), page.rejected(), page.nextCursor(), null);
        };
    }

    /**
     * A replay: refused records first (applied again from their kept fields, in pages), then each refused page or
     * unreadable record fetched again with its kept query, then those that cannot be replayed (a row of a dropped
     * file), which stay pending with the reason.
     */
    private PageSource replayPages(SyncJob job) throws SQLException {
        List<DeadLetterStore.Entry> entries = database.inTransaction(tx -> deadLetters.pending(tx, job.instanceId(),
                job.options.deadLetters(), MAX_REPLAY));
        List<List<DeadLetterStore.Entry>> steps = new ArrayList<>();
        List<DeadLetterStore.Entry> chunk = new ArrayList<>();
        Set<String> inChunk = new HashSet<>();
        List<DeadLetterStore.Entry> fetches = new ArrayList<>();
        List<DeadLetterStore.Entry> stuck = new ArrayList<>();
        for (DeadLetterStore.Entry entry : entries) {
            if (entry.letter().kind() == DeadLetter.Kind.RECORD && entry.content() != null) {
                if (chunk.size() == job.settings.pageSize() || !inChunk.add(entry.content().id())) {
                    steps.add(chunk);
                    chunk = new ArrayList<>();
                    inChunk = new HashSet<>(Set.of(entry.content().id()));
                }
                chunk.add(entry);
            } else if (entry.letter().kind() != DeadLetter.Kind.RECORD && entry.query() != null
                    && job.instance.peopleSource() != null) {
                fetches.add(entry);
            } else {
                stuck.add(entry);
            }
        }
        if (!chunk.isEmpty()) {
            steps.add(chunk);
        }
        fetches.forEach(e -> steps.add(List.of(e)));
        if (!stuck.isEmpty()) {
            steps.add(stuck);
        }
        job.exhausted = steps.isEmpty();
        RateLimiter limiter = job.instance.peopleSource() == null ? null : limiter(job.instance);
        return (j, cursor, number) -> {
            int step = cursor == null ? 0 : Integer.parseInt(cursor);
            String next = step + 1 < steps.size() ? String.valueOf(step + 1) : null;
            List<DeadLetterStore.Entry> group = steps.get(step);
            DeadLetterStore.Entry first = group.get(0);
            if (group == stuck) {
                Map<String, String> reasons = new LinkedHashMap<>();
                group.forEach(e -> reasons.put(e.id(), e.letter().reason() + " (cannot be fetched again: drop a "
                        + "corrected file, or discard it)"));
                return new Batch(List.of(), List.of(), next, null, Map.of(), List.of(), reasons);
            }
            if (first.letter().kind() == DeadLetter.Kind.RECORD) {
                List<PersonRecord> records = new ArrayList<>();
                Map<String, String> replaying = new LinkedHashMap<>();
                for (DeadLetterStore.Entry entry : group) {
                    records.add(entry.content().record());
                    replaying.put(entry.content().id(), entry.id());
                }
                return new Batch(records, List.of(), next, null, replaying, List.of(), Map.of());
            }
            DeadLetterStore.PageQuery kept = first.query();
            PeopleQuery query = new PeopleQuery(kept.cursor(), kept.modifiedSince(), kept.pageSize(),
                    new HashSet<>(kept.fields()));
            j.currentQuery = kept;
            PeoplePage page;
            try {
                page = fetcher.fetch(j, limiter, "the page of dead letter " + first.id(),
                        () -> j.instance.peopleSource().fetchPeople(j.instance.config(), query));
            } catch (ConnectorException e) {
                if (e.kind() != ConnectorException.Kind.PERMANENT) {
                    throw e;
                }
                return new Batch(List.of(), List.of(), next, kept, Map.of(), List.of(),
                        Map.of(first.id(), "the vendor refused the page again: " + j.redaction.scrub(e.getMessage())));
            }
            String recordId = first.letter().recordId();
            if (first.letter().kind() == DeadLetter.Kind.PAGE) {
                return new Batch(page.records(), page.rejected(), next, kept, Map.of(), List.of(first.id()), Map.of());
            }
            if (recordId == null) {
                // Without an id, the record is known by its place on the page: still unreadable there, it stays.
                String where = first.letter().location();
                List<RejectedRecord> others = page.rejected().stream().filter(r -> !r.where().equals(where)).toList();
                boolean still = others.size() < page.rejected().size();
                return new Batch(page.records(), others, next, kept, Map.of(), still ? List.of() : List.of(first.id()),
                        still ? Map.of(first.id(), "still unreadable: " + page.rejected().stream()
                                .filter(r -> r.where().equals(where)).findFirst().orElseThrow().reason()) : Map.of());
            }
            List<PersonRecord> records = page.records().stream().filter(r -> r.id().equals(recordId)).toList();
            List<RejectedRecord> rejected = page.rejected().stream()
                    .filter(r -> recordId.equals(r.recordId())).toList();
            if (records.isEmpty() && rejected.isEmpty()) {
                return new Batch(List.of(), List.of(), next, kept, Map.of(), List.of(), Map.of(first.id(),
                        "person " + recordId + " is no longer on that page; the next full sync reads it"));
            }
            return new Batch(records, rejected, next, kept, Map.of(recordId, first.id()), List.of(), Map.of());
        };
    }

    /** Runs queued or running on this node, by instance (for health and tests). */
    Collection<SyncJob> jobs() {
        return jobs.values();
    }
}
