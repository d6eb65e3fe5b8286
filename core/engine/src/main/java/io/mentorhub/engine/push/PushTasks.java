package io.mentorhub.engine.push;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mentorhub.api.connector.Capability;
import io.mentorhub.api.connector.ConnectorException;
import io.mentorhub.api.connector.CourseCompletions;
import io.mentorhub.api.connector.CourseCompletions.CourseQuestion;
import io.mentorhub.api.connector.CourseCompletions.CourseStatus;
import io.mentorhub.api.connector.Delivery;
import io.mentorhub.api.domain.Goal;
import io.mentorhub.api.domain.ReviewFeedEntry;
import io.mentorhub.engine.flow.FlowRuntime;
import io.mentorhub.engine.review.ReviewFeed;
import io.mentorhub.engine.review.ReviewPeriod;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.EntityStore;
import io.mentorhub.engine.store.GoalStore;
import io.mentorhub.engine.store.Outbox;
import io.mentorhub.engine.store.Stored;
import io.mentorhub.engine.store.Tx;
import io.mentorhub.engine.sync.Backoff;
import io.mentorhub.engine.sync.ConnectorInstance;
import io.mentorhub.engine.sync.ConnectorInstances;
import io.mentorhub.engine.sync.ConnectorSync;
import io.mentorhub.engine.sync.RateLimiter;
import io.mentorhub.engine.sync.SyncSchedule;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled work of push connectors, besides what the outbox delivers as it happens:
 * <ul>
 * <li>{@value #COMPLETIONS} ({@code LEARNING_COMPLETIONS}, {@code schedule_completions}): asks the learning system
 * whether people completed the courses their live goals link, records each new completion
 * ({@code course_completion}) and raises those goals' progress to the share of their courses completed — an
 * announced goal change like any other, so the performance system hears of it;</li>
 * <li>{@value #REVIEW_FEED} ({@code REVIEW_FEED}, {@code schedule_review_feed}): queues the current review period's
 * feed, one item per person who agreed to share it ({@link ReviewSharing}) keyed by its content, so an entry that
 * did not change since its last push is not sent again.</li>
 * </ul>
 * A timer route looks for due tasks; the {@code connector_task} row of each instance and task remembers the last
 * scheduled start, and only the node whose conditional update of it succeeds runs the task.
 */
@Component(service = PushTasks.class, immediate = true)
public class PushTasks {

    public static final String COMPLETIONS = "completions";
    public static final String REVIEW_FEED = "review-feed";
    static final String ROUTE_ID = "connector-push-tasks";
    private static final Logger LOG = LoggerFactory.getLogger(PushTasks.class);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** A task's last run as the API shows it. */
    public record TaskRun(String instanceId, String task, Instant lastScheduled, Instant startedAt,
            Instant finishedAt, String outcome, String detail) {
    }

    private final Database database;
    private final ConnectorInstances instances;
    private final CamelContext camel;
    private final Clock clock;
    private final ZoneId zone;
    private final GoalStore goals = new GoalStore();
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

    @Activate
    public PushTasks(@Reference Database database, @Reference ConnectorInstances instances,
            @Reference FlowRuntime flows) throws Exception {
        this(database, instances, flows.camel(), Clock.systemUTC(), ZoneId.systemDefault());
    }

    public PushTasks(Database database, ConnectorInstances instances, CamelContext camel, Clock clock, ZoneId zone)
            throws Exception {
        this.database = database;
        this.instances = instances;
        this.camel = camel;
        this.clock = clock;
        this.zone = zone;
        if (camel != null) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(Exception.class).handled(true).process(exchange -> LOG.warn(
                            "Looking for due connector tasks failed ({}); the next look tries again",
                            exchange.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, Exception.class)
                                    .getClass().getName()));
                    from("timer:" + ROUTE_ID + "?delay=5000&period=30000").routeId(ROUTE_ID)
                            .process(exchange -> runDue());
                }
            });
        }
    }

    @Deactivate
    public void stop() throws Exception {
        if (camel != null) {
            camel.getRouteController().stopRoute(ROUTE_ID);
            camel.removeRoute(ROUTE_ID);
        }
    }

    /** Runs every task that is due on an active instance; returns how many ran here. */
    public int runDue() throws SQLException, InterruptedException {
        int ran = 0;
        for (ConnectorInstance instance : instances.all()) {
            if (!instance.runnable()) {
                continue;
            }
            for (String task : tasksOf(instance)) {
                SyncSchedule schedule = task.equals(COMPLETIONS) ? instance.settings().completions()
                        : instance.settings().reviewFeed();
                Optional<TaskRun> last = lastRun(instance.id(), task);
                Instant since = firstSeen.computeIfAbsent(instance.id() + "/" + task, k -> now());
                Instant due = schedule.due(last.map(TaskRun::lastScheduled).orElse(null), since, zone);
                if (due != null && !due.isAfter(now()) && claim(instance.id(), task, last.orElse(null))) {
                    run(instance, task, null);
                    ran++;
                }
            }
        }
        return ran;
    }

    /** Runs a task of an instance now (the API), whatever its schedule; the run is recorded as a scheduled one. */
    public TaskRun runNow(String instanceId, String task, ReviewPeriod period) throws SQLException,
            InterruptedException {
        ConnectorInstance instance = instances.get(instanceId).orElseThrow(() -> new ConnectorSync.Refused("not-found",
                "no connector instance " + instanceId));
        if (!instance.runnable()) {
            throw new ConnectorSync.Refused("not-active", "connector instance " + instanceId + " is "
                    + instance.state());
        }
        if (!tasksOf(instance).contains(task)) {
            throw new ConnectorSync.Refused("not-supported", "connector '" + instance.type() + "' has no task " + task
                    + " (tasks: " + tasksOf(instance) + ")");
        }
        if (period != null && !task.equals(REVIEW_FEED)) {
            throw new ConnectorSync.Refused("not-supported", "only the review-feed task takes a period");
        }
        if (!claim(instanceId, task, lastRun(instanceId, task).orElse(null))) {
            throw new ConnectorSync.Refused("running", "task " + task + " of " + instanceId
                    + " is being started elsewhere");
        }
        run(instance, task, period);
        return lastRun(instanceId, task).orElseThrow();
    }

    /** The tasks an instance's connector has: completions, review-feed, both or none. */
    public static List<String> tasksOf(ConnectorInstance instance) {
        List<String> tasks = new ArrayList<>();
        if (instance.can(Capability.LEARNING_COMPLETIONS)) {
            tasks.add(COMPLETIONS);
        }
        if (instance.can(Capability.REVIEW_FEED)) {
            tasks.add(REVIEW_FEED);
        }
        return tasks;
    }

    public List<TaskRun> runs(String instanceId) throws SQLException {
        return database.inTransaction(tx -> tx.query("SELECT * FROM connector_task WHERE instance_id = ? ORDER BY task",
                PushTasks::taskRun, instanceId));
    }

    private Optional<TaskRun> lastRun(String instanceId, String task) throws SQLException {
        return database.inTransaction(tx -> tx.one("SELECT * FROM connector_task WHERE instance_id = ? AND task = ?",
                PushTasks::taskRun, instanceId, task));
    }

    private static TaskRun taskRun(java.sql.ResultSet row) throws SQLException {
        return new TaskRun(row.getString("instance_id"), row.getString("task"), Tx.instant(row, "last_scheduled"),
                Tx.instant(row, "started_at"), Tx.instant(row, "finished_at"), row.getString("outcome"),
                row.getString("detail"));
    }

    /** Takes the run for this node: the row must still say what it said when the task was found due. */
    private boolean claim(String instanceId, String task, TaskRun seen) throws SQLException {
        Instant now = now();
        return database.inTransaction(tx -> {
            if (seen == null) {
                if (tx.count("SELECT COUNT(*) FROM connector_task WHERE instance_id = ? AND task = ?", instanceId,
                        task) > 0) {
                    return false;
                }
                tx.update("INSERT INTO connector_task (instance_id, task, last_scheduled, started_at, outcome) "
                        + "VALUES (?, ?, ?, ?, 'RUNNING')", instanceId, task, now, now);
                return true;
            }
            String same = seen.lastScheduled() == null ? "last_scheduled IS NULL" : "last_scheduled = ?";
            List<Object> parameters = new ArrayList<>(List.of(now, now, instanceId, task));
            if (seen.lastScheduled() != null) {
                parameters.add(seen.lastScheduled());
            }
            return tx.update("UPDATE connector_task SET last_scheduled = ?, started_at = ?, finished_at = NULL, "
                    + "outcome = 'RUNNING', detail = NULL WHERE instance_id = ? AND task = ? AND " + same,
                    parameters.toArray()) == 1;
        });
    }

    private void run(ConnectorInstance instance, String task, ReviewPeriod period) throws SQLException,
            InterruptedException {
        String outcome = "SUCCEEDED";
        String detail;
        try {
            detail = task.equals(COMPLETIONS) ? pullCompletions(instance) : queueReviewFeed(instance, period);
        } catch (ConnectorException e) {
            outcome = "FAILED";
            detail = e.kind() + ": " + instance.scrub(e.getMessage());
        } catch (SQLException | RuntimeException e) {
            outcome = "FAILED";
            detail = "failed with " + e.getClass().getName();
            LOG.warn("Connector instance {}: task {} failed", instance.id(), task, e);
        }
        String shown = detail.length() <= 1000 ? detail : detail.substring(0, 997) + "...";
        String result = outcome;
        database.inTransaction(tx -> tx.update("UPDATE connector_task SET finished_at = ?, outcome = ?, detail = ? "
                + "WHERE instance_id = ? AND task = ?", now(), result, shown, instance.id(), task));
        LOG.info("Connector instance {}: task {} {}: {}", instance.id(), task, result, shown);
    }

    /** A learner's linked course not known complete yet. */
    private record Asked(String personId, String workEmail, String courseId) {
    }

    /**
     * Reads the completions of the courses that live goals link and that the hub does not know complete yet; records
     * new ones and raises the goals' progress. Retries a failing request as the sync does (backoff with jitter,
     * Retry-After within {@code retry_after_cap}, at most {@code max_attempts}); a run that gives up keeps what it
     * recorded, and the next one asks only for the rest.
     */
    String pullCompletions(ConnectorInstance instance) throws SQLException, ConnectorException,
            InterruptedException {
        CourseCompletions lms = instance.facet(Capability.LEARNING_COMPLETIONS, CourseCompletions.class);
        List<Asked> asked = database.inTransaction(this::unanswered);
        RateLimiter limiter = new RateLimiter(instance.settings().rateLimit());
        Backoff backoff = new Backoff(instance.settings().retryDelay(), instance.settings().retryAfterCap());
        int completed = 0;
        int unknown = 0;
        int goalsRaised = 0;
        for (int from = 0; from < asked.size(); from += Delivery.MAX_BATCH) {
            List<Asked> chunk = asked.subList(from, Math.min(asked.size(), from + Delivery.MAX_BATCH));
            List<CourseQuestion> questions = chunk.stream().map(a -> new CourseQuestion(a.workEmail(), a.courseId()))
                    .toList();
            List<CourseStatus> answers = withRetries(instance, backoff,
                    () -> limiter.send(() -> lms.fetchCompletions(instance.config(), questions)));
            if (answers == null || answers.size() != questions.size()) {
                throw ConnectorException.transientFailure("the learning system answered " + (answers == null ? 0
                        : answers.size()) + " statuses for " + questions.size() + " questions", null);
            }
            for (int i = 0; i < chunk.size(); i++) {
                CourseStatus status = answers.get(i);
                Asked a = chunk.get(i);
                if (!status.known()) {
                    unknown++;
                } else if (status.completed()) {
                    LocalDate on = status.completedOn() != null ? status.completedOn() : LocalDate.now(clock
                            .withZone(zone));
                    int raised = database.inTransaction(tx -> recordCompletion(tx, instance.id(), a, on));
                    if (raised >= 0) {
                        completed++;
                        goalsRaised += raised;
                    }
                }
            }
        }
        return "asked " + asked.size() + " course" + (asked.size() == 1 ? "" : "s") + ", " + completed
                + " newly completed, " + goalsRaised + " goal" + (goalsRaised == 1 ? "" : "s") + " progressed, "
                + unknown + " unknown to the learning system";
    }

    private interface Attempt<T> {
        T run() throws ConnectorException, InterruptedException;
    }

    private <T> T withRetries(ConnectorInstance instance, Backoff backoff, Attempt<T> attempt)
            throws ConnectorException, InterruptedException {
        for (int failures = 1;; failures++) {
            try {
                return attempt.run();
            } catch (ConnectorException e) {
                if (e.kind() != ConnectorException.Kind.TRANSIENT || failures >= instance.settings().maxAttempts()) {
                    throw e;
                }
                Duration wait = backoff.delay(failures, e.retryAfter().orElse(null),
                        ThreadLocalRandom.current().nextDouble());
                Thread.sleep(wait.toMillis());
            }
        }
    }

    private List<Asked> unanswered(Tx tx) throws SQLException {
        Set<String> known = new java.util.HashSet<>();
        tx.query("SELECT person_id, course_id FROM course_completion", row -> known.add(row.getString("person_id")
                + "\n" + row.getString("course_id")));
        Map<String, Asked> asked = new LinkedHashMap<>();
        tx.query("SELECT g.owner_id, g.lms_course_ids, p.work_email FROM goal g "
                + "JOIN pairing pr ON pr.id = g.pairing_id JOIN person p ON p.hris_id = g.owner_id "
                + "WHERE pr.state IN ('PUBLISHED', 'TRIAL', 'ACTIVE') AND g.status <> 'ABANDONED' "
                + "AND p.work_email IS NOT NULL ORDER BY g.owner_id, g.id", row -> {
                    for (String course : EntityStore.json(row.getString("lms_course_ids"), STRINGS)) {
                        String person = row.getString("owner_id");
                        if (!known.contains(person + "\n" + course)) {
                            asked.putIfAbsent(person + "\n" + course, new Asked(person, row.getString("work_email"),
                                    course));
                        }
                    }
                    return null;
                });
        return new ArrayList<>(asked.values());
    }

    /**
     * Records a completion unless one is recorded already (-1 then), and raises the person's goals that link the
     * course to the share of their courses completed; returns how many goals changed.
     */
    private int recordCompletion(Tx tx, String source, Asked a, LocalDate on) throws SQLException {
        if (tx.count("SELECT COUNT(*) FROM course_completion WHERE person_id = ? AND course_id = ?", a.personId(),
                a.courseId()) > 0) {
            return -1;
        }
        tx.update("INSERT INTO course_completion (person_id, course_id, completed_on, source, recorded_at) "
                + "VALUES (?, ?, ?, ?, ?)", a.personId(), a.courseId(), on, source, now());
        Set<String> done = new LinkedHashSet<>(tx.query("SELECT course_id FROM course_completion WHERE person_id = ?",
                row -> row.getString("course_id"), a.personId()));
        List<String> linking = tx.query("SELECT g.id FROM goal g JOIN pairing pr ON pr.id = g.pairing_id "
                + "WHERE g.owner_id = ? AND pr.state IN ('PUBLISHED', 'TRIAL', 'ACTIVE') "
                + "AND g.status IN ('NOT_STARTED', 'IN_PROGRESS') ORDER BY g.id", row -> Tx.uuid(row, "id"),
                a.personId());
        int raised = 0;
        for (String goalId : linking) {
            Stored<Goal> stored = goals.get(tx, goalId);
            Goal g = stored.value();
            if (!g.lmsCourseIds().contains(a.courseId())) {
                continue;
            }
            long completedCourses = g.lmsCourseIds().stream().filter(done::contains).count();
            int share = (int) Math.round(100.0 * completedCourses / g.lmsCourseIds().size());
            if (share <= g.progressPercent()) {
                continue;
            }
            Goal.Status status = g.status() == Goal.Status.NOT_STARTED ? Goal.Status.IN_PROGRESS : g.status();
            Goal progressed = new Goal(g.id(), g.pairingId(), g.ownerId(), g.title(), g.specific(), g.measure(),
                    g.targetValue(), g.dueDate(), status, share, g.externalGoalId(), g.lmsCourseIds());
            Stored<Goal> updated = goals.update(tx, progressed, stored.version());
            Outbox.append(tx, Outbox.Event.of("goal.updated", "goal", goalId, updated.version()));
            raised++;
        }
        return raised;
    }

    /**
     * Queues the period's review feed for the instance (null: the period containing today, of the instance's
     * {@code review_period}); returns what was queued and what was unchanged.
     */
    String queueReviewFeed(ConnectorInstance instance, ReviewPeriod given) throws SQLException {
        ReviewPeriod period = given != null ? given : currentPeriod(instance.settings().reviewPeriod(),
                LocalDate.now(clock.withZone(zone)));
        int queued = 0;
        int unchanged = 0;
        int notShared = 0;
        String after = null;
        do {
            String cursor = after;
            ReviewFeed.Page page = database.inTransaction(tx -> ReviewFeed.page(tx, period, ReviewFeed.Scope
                    .everything(), cursor, 200));
            Map<String, Integer> counts = new HashMap<>();
            database.inTransaction(tx -> {
                for (ReviewFeedEntry entry : page.entries()) {
                    if (!ReviewSharing.shares(tx, entry.personId())) {
                        counts.merge("not shared", 1, Integer::sum);
                        continue;
                    }
                    PushEntry push = new PushEntry(instance.id(), Capability.REVIEW_FEED,
                            MentoringContent.feedKey(period, entry), Map.of("person_id", entry.personId(), "period",
                                    period.name()));
                    counts.merge(push.queue(tx) ? "queued" : "unchanged", 1, Integer::sum);
                }
                return null;
            });
            queued += counts.getOrDefault("queued", 0);
            unchanged += counts.getOrDefault("unchanged", 0);
            notShared += counts.getOrDefault("not shared", 0);
            after = page.nextCursor();
        } while (after != null);
        return "period " + period.name() + " (" + notShared + " not shared by the person): " + queued + " entr" + (queued == 1 ? "y" : "ies") + " queued, "
                + unchanged + " unchanged since their last push";
    }

    /** The quarter, half or year that contains the day, by its name: {@code 2026-Q4}, {@code 2026-H2}, {@code 2026}. */
    static ReviewPeriod currentPeriod(String kind, LocalDate day) {
        String name = switch (kind.toLowerCase(Locale.ROOT)) {
            case "quarter" -> day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1);
            case "year" -> String.valueOf(day.getYear());
            default -> day.getYear() + "-H" + (day.getMonthValue() <= 6 ? 1 : 2);
        };
        return ReviewPeriod.parse(name);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
