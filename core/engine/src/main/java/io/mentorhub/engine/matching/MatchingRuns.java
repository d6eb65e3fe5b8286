package io.mentorhub.engine.matching;

import io.mentorhub.api.domain.Program;
import io.mentorhub.api.domain.ProgramStatus;
import io.mentorhub.api.matching.CompatibilityScorer;
import io.mentorhub.api.matching.MatchingConstraint;
import io.mentorhub.api.matching.MatchingStrategy;
import io.mentorhub.engine.flow.FlowRuntime;
import io.mentorhub.engine.matching.MatchingRun.Phase;
import io.mentorhub.engine.matching.MatchingRun.Status;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.PairingStore;
import io.mentorhub.engine.store.ProgramStore;
import io.mentorhub.engine.store.Tx;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
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
 * Matching runs as jobs: starts them (queued to {@link MatchingRunRoute}), shows their live phase and progress,
 * cancels them, and publishes their proposals. Tracks the installed scorers, constraints and strategies as they
 * come and go; a run uses those installed when it starts loading.
 */
@Component(service = MatchingRuns.class, configurationPid = MatchingRuns.PID, immediate = true)
@Designate(ocd = MatchingRuns.Config.class)
public class MatchingRuns {

    static final String PID = "io.mentorhub.matching";
    static final int QUEUE_SIZE = 20;
    static final long WATCH_MILLIS = 10_000;
    /** A queued or running run whose row was not refreshed for this long was left by a stopped node. */
    static final long ABANDONED_AFTER_MILLIS = 6 * WATCH_MILLIS;
    private static final Logger LOG = LoggerFactory.getLogger(MatchingRuns.class);

    @ObjectClassDefinition(name = "Matching runs")
    public @interface Config {
        @AttributeDefinition(description = "Up to this many mentor × mentee pairs, every feasible pair is a candidate")
        long denseLimit() default 4_000_000;

        @AttributeDefinition(description = "Above the dense limit: each mentee's best mentors kept", min = "1")
        int menteeTopK() default 50;

        @AttributeDefinition(description = "Above the dense limit: each mentor's best mentees kept, per place", min = "1")
        int mentorTopKPerPlace() default 10;

        @AttributeDefinition(description = "Most rounds of adding back pairs the optimality proof asks for", min = "1")
        int certificationRounds() default 20;

        @AttributeDefinition(description = "A run not finished this many seconds after it was requested stops", min = "1")
        int deadlineSeconds() default 1800;

        @AttributeDefinition(description = "Where mentors confirm proposals (mentee-choice): days they have to answer "
                + "before the proposal lapses and the mentee is matched again", min = "1")
        int mentorAnswerDays() default 7;
    }

    /** How a run chooses candidates and how long it may take. */
    public record Settings(long denseLimit, int menteeTopK, int mentorTopKPerPlace, int certificationRounds,
            int defaultDeadlineSeconds, java.time.Duration mentorAnswerPeriod) {
        public static final Settings DEFAULT = new Settings(4_000_000, 50, 10, 20, 1800, java.time.Duration.ofDays(7));
    }

    private final Database database;
    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final Settings settings;
    private final MatchingRunStore store = new MatchingRunStore();
    private final PairingStore pairings = new PairingStore();
    private final Map<String, MatchingJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, MatchingStrategy> strategies = new ConcurrentHashMap<>();
    private final Map<String, MatchingConstraint> constraints = new ConcurrentHashMap<>();
    private final Map<String, CompatibilityScorer> scorers = new ConcurrentHashMap<>();
    private final SecureRandom seeds = new SecureRandom();

    @Activate
    public MatchingRuns(@Reference Database database, @Reference FlowRuntime flows, Config config) throws Exception {
        this(database, flows.camel(), new Settings(config.denseLimit(), config.menteeTopK(),
                config.mentorTopKPerPlace(), config.certificationRounds(), config.deadlineSeconds(),
                java.time.Duration.ofDays(config.mentorAnswerDays())));
    }

    /** Runs on the given Camel context; tests add scorers, constraints and strategies with the bind methods. */
    MatchingRuns(Database database, CamelContext camel, Settings settings) throws Exception {
        this.database = database;
        this.camel = camel;
        this.settings = settings;
        camel.addRoutes(new MatchingRunRoute(this));
        this.producer = camel.createProducerTemplate();
    }

    @Deactivate
    public void stop() throws Exception {
        jobs.values().forEach(MatchingJob::cancel);
        producer.close();
        for (String route : List.of(MatchingRunRoute.ROUTE_ID, MatchingRunRoute.WATCH_ROUTE_ID)) {
            camel.getRouteController().stopRoute(route);
            camel.removeRoute(route);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindStrategy(MatchingStrategy strategy) {
        strategies.put(strategy.id(), strategy);
    }

    void unbindStrategy(MatchingStrategy strategy) {
        strategies.remove(strategy.id(), strategy);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindConstraint(MatchingConstraint constraint) {
        constraints.put(constraint.id(), constraint);
    }

    void unbindConstraint(MatchingConstraint constraint) {
        constraints.remove(constraint.id(), constraint);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindScorer(CompatibilityScorer scorer) {
        scorers.put(scorer.id(), scorer);
    }

    void unbindScorer(CompatibilityScorer scorer) {
        scorers.remove(scorer.id(), scorer);
    }

    /** Why a run cannot be started or changed; the API answers 409 with this text. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * Queues a run for the program and returns it (QUEUED). The caller has already checked that the requester may
     * manage the program. {@code seed} null: a random seed, recorded with the run so it can be repeated.
     */
    public MatchingRun start(String programId, Long seed, MatchingRun.Options options, String requestedBy)
            throws SQLException {
        if (jobs.size() >= QUEUE_SIZE) {
            throw new Refused("this hub node already has " + jobs.size() + " matching runs queued or running; "
                    + "wait for one to finish");
        }
        long actualSeed = seed != null ? seed : seeds.nextLong() & Long.MAX_VALUE;
        String runId = UUID.randomUUID().toString();
        MatchingRun run = database.inTransaction(tx -> {
            Program program = new ProgramStore().get(tx, programId).value();
            if (program.status() != ProgramStatus.ENROLLING && program.status() != ProgramStatus.RUNNING) {
                throw new Refused("the program is " + program.status() + "; matching runs while it is ENROLLING "
                        + "or RUNNING");
            }
            MatchingStrategy strategy = strategies.get(program.matching().strategy());
            if (strategy == null) {
                throw new Refused("the program's strategy '" + program.matching().strategy() + "' is not installed; "
                        + "installed: " + new java.util.TreeSet<>(strategies.keySet()) + " (see GET /api/plugins)");
            }
            if (!strategy.formats().contains(program.format())) {
                throw new Refused("strategy '" + strategy.id() + "' does not match " + program.format()
                        + " programs; it matches " + strategy.formats());
            }
            if (tx.count("SELECT COUNT(*) FROM matching_run WHERE program_id = ? AND status IN ('QUEUED', 'RUNNING')",
                    Tx.uuid(programId)) > 0) {
                throw new Refused("a matching run of this program is already queued or running; wait for it or "
                        + "cancel it");
            }
            MatchingRun queued = new MatchingRun(runId, programId, program.matching().strategy(), actualSeed, options,
                    Status.QUEUED, Phase.QUEUED, 0, Map.of(), List.of(), null, null, requestedBy, tx.now(), null, null);
            store.insert(tx, queued);
            return queued;
        });
        MatchingJob job = new MatchingJob(runId, programId, options, actualSeed, settings, Instant.now());
        jobs.put(runId, job);
        try {
            producer.sendBody(MatchingRunRoute.QUEUE, job);
        } catch (RuntimeException e) {
            jobs.remove(runId);
            database.inTransaction(tx -> {
                store.ended(tx, runId, Status.FAILED, "could not be queued: " + e.getMessage(), Map.of());
                return null;
            });
            throw new Refused("the run could not be queued: " + e.getMessage());
        }
        LOG.info("Matching run {} queued for program {} (strategy {}, seed {})", runId, programId, run.strategy(),
                actualSeed);
        return run;
    }

    /** The run as stored, with the live phase and progress if this node is running it. */
    public Optional<MatchingRun> find(String runId) throws SQLException {
        return database.inTransaction(tx -> find(tx, runId));
    }

    public Optional<MatchingRun> find(Tx tx, String runId) throws SQLException {
        Optional<MatchingRun> stored = store.find(tx, runId);
        MatchingJob job = jobs.get(runId);
        if (stored.isEmpty() || job == null || stored.get().status().finished()) {
            return stored;
        }
        MatchingRun run = stored.get();
        return Optional.of(new MatchingRun(run.id(), run.programId(), run.strategy(), run.seed(), run.options(),
                job.phase() == Phase.QUEUED ? Status.QUEUED : Status.RUNNING, job.phase(), job.progress(),
                job.counts(), run.unmatched(), run.fairness(), run.error(), run.requestedBy(), run.createdAt(),
                run.startedAt(), run.finishedAt()));
    }

    public List<MatchingRun> ofProgram(Tx tx, String programId, int limit) throws SQLException {
        return store.ofProgram(tx, programId, limit);
    }

    public List<String> proposals(Tx tx, String runId) throws SQLException {
        return store.proposals(tx, runId);
    }

    /** Asks a queued or running run to stop; false if it had already finished. */
    public boolean cancel(String runId) throws SQLException {
        boolean going = database.inTransaction(tx -> store.requestCancel(tx, runId));
        MatchingJob job = jobs.get(runId);
        if (job != null) {
            job.cancel();
        }
        return going;
    }

    /** Whether the strategy, the constraints and at least one scorer are installed. */
    public boolean installed(String strategy, List<String> constraintIds) {
        return strategies.containsKey(strategy) && constraints.keySet().containsAll(constraintIds) && !scorers.isEmpty();
    }

    /** Runs queued or running on this node. */
    public int active() {
        return jobs.size();
    }

    // --- called by MatchingRunRoute, on the route's thread ---

    void load(MatchingJob job) throws SQLException {
        database.inTransaction(tx -> {
            if (store.cancelRequested(tx, job.runId)) {
                job.cancel();
            }
            store.started(tx, job.runId);
            return null;
        });
        Plugins plugins = new Plugins(strategies, constraints, scorers);
        database.inTransaction(tx -> {
            job.load(tx, plugins);
            return null;
        });
        phaseChanged(job);
    }

    void save(MatchingJob job) throws SQLException {
        phaseChanged(job);
        database.inTransaction(tx -> {
            if (store.cancelRequested(tx, job.runId)) {
                job.cancel();
            }
            job.control.checkpoint();
            job.save(tx, pairings, store);
            return null;
        });
        jobs.remove(job.runId);
        LOG.info("Matching run {} succeeded: {}", job.runId, job.counts());
    }

    void stopped(MatchingJob job) throws SQLException {
        jobs.remove(job.runId);
        boolean deadline = job.pastDeadline() && !job.cancelled();
        String why = deadline ? "stopped at its deadline (" + job.deadline() + ") during " + job.phase()
                : "cancelled during " + job.phase();
        database.inTransaction(tx -> {
            store.ended(tx, job.runId, deadline ? Status.FAILED : Status.CANCELLED, why, job.counts());
            return null;
        });
        LOG.info("Matching run {} {}", job.runId, why);
    }

    void failed(MatchingJob job, Exception error) throws SQLException {
        jobs.remove(job.runId);
        String why = error instanceof MatchingJob.RunRefused || error instanceof Compatibility.PluginFailure
                || error instanceof IllegalStateException ? error.getMessage()
                : "failed during " + job.phase() + ": " + error;
        database.inTransaction(tx -> {
            store.ended(tx, job.runId, Status.FAILED, why, job.counts());
            return null;
        });
        if (error instanceof MatchingJob.RunRefused) {
            LOG.info("Matching run {} refused: {}", job.runId, why);
        } else {
            LOG.warn("Matching run {} failed during {}", job.runId, job.phase(), error);
        }
    }

    /** Keeps this node's runs fresh, notices cancellations asked on other nodes, ends runs a stopped node left. */
    void watch() throws SQLException {
        database.inTransaction(tx -> {
            for (MatchingJob job : jobs.values()) {
                tx.update("UPDATE matching_run SET modified_at = ? WHERE id = ?", tx.now(), Tx.uuid(job.runId));
                if (store.cancelRequested(tx, job.runId)) {
                    job.cancel();
                }
            }
            int abandoned = tx.update("UPDATE matching_run SET status = 'FAILED', error = 'the hub node running it "
                    + "stopped before the run finished; start a new run', finished_at = ?, modified_at = ? "
                    + "WHERE status IN ('QUEUED', 'RUNNING') AND modified_at < ?", tx.now(), tx.now(),
                    tx.now().minusMillis(ABANDONED_AFTER_MILLIS));
            if (abandoned > 0) {
                LOG.warn("{} matching runs were left unfinished by a stopped hub node and are marked FAILED", abandoned);
            }
            return null;
        });
        lapseUnansweredProposals();
    }

    /** Whether the program's strategy leaves proposals to its mentors to accept or decline. */
    public boolean mentorsConfirm(Program program) {
        MatchingStrategy strategy = strategies.get(program.matching().strategy());
        return strategy != null && strategy.mentorsConfirm();
    }

    /**
     * Where mentors confirm proposals, a proposal not answered within the answer period lapses: it is rejected with
     * that reason, the pair is not proposed again, and its mentees are matched again.
     */
    void lapseUnansweredProposals() throws SQLException {
        Instant before = Instant.now().minus(settings.mentorAnswerPeriod());
        String reason = "the mentor did not answer within " + describe(settings.mentorAnswerPeriod());
        Map<String, List<String>> lapsed = database.inTransaction(tx -> {
            Map<String, List<String>> menteesByProgram = new java.util.TreeMap<>();
            ProgramStore programs = new ProgramStore();
            for (String programId : tx.query("SELECT id FROM program WHERE status IN ('ENROLLING', 'RUNNING')",
                    row -> Tx.uuid(row, "id"))) {
                if (!mentorsConfirm(programs.get(tx, programId).value())) {
                    continue;
                }
                for (String pairingId : tx.query("SELECT p.id FROM pairing p JOIN pairing_transition t ON "
                        + "t.pairing_id = p.id AND t.from_state IS NULL WHERE p.program_id = ? AND p.state = 'PROPOSED' "
                        + "AND t.at < ? ORDER BY p.id", row -> Tx.uuid(row, "id"), Tx.uuid(programId), before)) {
                    var stored = pairings.lock(tx, pairingId);
                    io.mentorhub.api.domain.Pairing pairing = stored.value();
                    pairings.update(tx, pairing.moveTo(io.mentorhub.api.domain.PairingState.REJECTED, reason),
                            stored.version());
                    pairings.recordTransition(tx, pairingId, io.mentorhub.api.domain.PairingState.PROPOSED,
                            io.mentorhub.api.domain.PairingState.REJECTED, reason, "matching-run");
                    pairings.rememberDissolved(tx, pairing, reason);
                    io.mentorhub.engine.store.Outbox.append(tx, io.mentorhub.engine.store.Outbox.Event.of(
                            "pairing.rejected", "pairing", pairingId, stored.version() + 1));
                    menteesByProgram.computeIfAbsent(programId, p -> new java.util.ArrayList<>())
                            .addAll(pairing.menteeIds());
                }
            }
            return menteesByProgram;
        });
        lapsed.forEach((programId, mentees) -> rematch(programId, mentees, "lapsed proposals (" + reason + ")"));
    }

    /**
     * Queues a re-match of these people, e.g. after a declined proposal or a pairing dissolved in its trial. If it
     * cannot start now (another run of the program is going), they stay unpaired and the next run includes them.
     */
    public void rematch(String programId, List<String> people, String why) {
        try {
            MatchingRun run = start(programId, null, new MatchingRun.Options(people, null), "re-match: " + why);
            LOG.info("Re-match run {} queued for {} people of program {}: {}", run.id(), people.size(), programId, why);
        } catch (Refused | SQLException e) {
            LOG.info("Re-match of {} people of program {} did not start ({}); the next run includes them",
                    people.size(), programId, e.getMessage());
        }
    }

    private static String describe(java.time.Duration period) {
        long days = period.toDays();
        return days >= 1 && period.equals(java.time.Duration.ofDays(days)) ? days + (days == 1 ? " day" : " days")
                : period.toSeconds() + " seconds";
    }

    private void phaseChanged(MatchingJob job) throws SQLException {
        database.inTransaction(tx -> {
            store.phase(tx, job.runId, job.phase(), job.progress(), job.counts());
            return null;
        });
    }
}
