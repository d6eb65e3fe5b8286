package io.mentorhub.engine.push;

import io.mentorhub.api.connector.Capability;
import io.mentorhub.api.connector.LearningRecords.Verb;
import io.mentorhub.api.domain.Goal;
import io.mentorhub.api.domain.MentoringSession;
import io.mentorhub.api.domain.Milestone;
import io.mentorhub.api.domain.Pairing;
import io.mentorhub.engine.outbox.OutboxDelivery;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.GoalStore;
import io.mentorhub.engine.store.MilestoneStore;
import io.mentorhub.engine.store.PairingStore;
import io.mentorhub.engine.store.SessionStore;
import io.mentorhub.engine.store.Sha256;
import io.mentorhub.engine.store.Stored;
import io.mentorhub.engine.store.Tx;
import io.mentorhub.engine.sync.ConnectorInstance;
import io.mentorhub.engine.sync.ConnectorInstances;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Decides what the configured push connectors are owed when mentoring happens. As the {@link OutboxDelivery} of the
 * session, goal and milestone announcements, it reads the current state and queues one {@link PushEntry} per item
 * and instance whose connector declares the capability:
 * <ul>
 * <li>{@code LEARNING_RECORDS}: a session attended (per attendee), a goal set, a goal completed, a milestone
 * reached;</li>
 * <li>{@code LEARNING_ENROLMENT}: the goal owner in each course the goal links;</li>
 * <li>{@code PERFORMANCE_GOALS}: the owner's mentoring goal in the program, updated with every change of a goal, and
 * at once when a participant agrees to share ({@link ReviewSharing}); delivery skips anyone who has not agreed.</li>
 * </ul>
 * Item keys are derived from what they are about, so an announcement repeated, or another change of the same thing,
 * never queues an item twice. Instances configured later see what happens from then on ({@code POST
 * /api/connectors/{id}/push/backfill} queues the past).
 */
@Component(service = {PushPlanner.class, OutboxDelivery.class}, immediate = true)
public class PushPlanner implements OutboxDelivery {

    static final Set<String> TOPICS = Set.of("session.created", "session.updated", "goal.created", "goal.updated",
            "milestone.created", "milestone.updated", ReviewSharing.TOPIC);

    private final Database database;
    private final ConnectorInstances instances;
    private final SessionStore sessions = new SessionStore();
    private final GoalStore goals = new GoalStore();
    private final MilestoneStore milestones = new MilestoneStore();
    private final PairingStore pairings = new PairingStore();

    @Activate
    public PushPlanner(@Reference Database database, @Reference ConnectorInstances instances) {
        this.database = database;
        this.instances = instances;
    }

    @Override
    public String name() {
        return "connector-push-planner";
    }

    @Override
    public Set<String> topics() {
        return TOPICS;
    }

    @Override
    public Result deliver(Entry entry) throws SQLException {
        List<ConnectorInstance> targets = targets();
        if (targets.isEmpty()) {
            return OutboxDelivery.skipped("no connector instance pushes mentoring activity");
        }
        String kind = entry.topic().equals(ReviewSharing.TOPIC) ? "sharing" : entry.aggregateType();
        String id = entry.aggregateId();
        String occasion = entry.idempotencyKey();
        database.inTransaction(tx -> kind.equals("sharing") ? queueAll(tx, sharing(tx, id, occasion, targets))
                : queue(tx, kind, id, targets));
        return OutboxDelivery.delivered();
    }

    /** Queues every item of the instance's capabilities for everything recorded so far; returns how many were new. */
    public int backfill(ConnectorInstance instance) throws SQLException {
        int queued = 0;
        for (String kind : List.of("session", "goal", "milestone")) {
            String table = kind.equals("session") ? "mentoring_session" : kind;
            List<String> ids = database.inTransaction(tx -> tx.query("SELECT id FROM " + table + " ORDER BY id",
                    row -> Tx.uuid(row, "id")));
            for (String id : ids) {
                queued += database.inTransaction(tx -> queue(tx, kind, id, List.of(instance)));
            }
        }
        return queued;
    }

    /** Plans the items about one session, goal or milestone and queues those not queued before. */
    private int queue(Tx tx, String kind, String id, List<ConnectorInstance> targets) throws SQLException {
        List<PushEntry> planned = switch (kind) {
            case "session" -> session(tx, id, targets);
            case "goal" -> goal(tx, id, targets);
            case "milestone" -> milestone(tx, id, targets);
            default -> List.of();
        };
        return queueAll(tx, planned);
    }

    private static int queueAll(Tx tx, List<PushEntry> planned) throws SQLException {
        int queued = 0;
        for (PushEntry push : planned) {
            queued += push.queue(tx) ? 1 : 0;
        }
        return queued;
    }

    /** A person agreed to share: their mentoring goal in each program where they have goals, as it is now. */
    private List<PushEntry> sharing(Tx tx, String personId, String occasion, List<ConnectorInstance> targets)
            throws SQLException {
        List<PushEntry> planned = new ArrayList<>();
        if (!ReviewSharing.shares(tx, personId)) {
            return planned;
        }
        List<String> programs = tx.query("SELECT DISTINCT p.program_id FROM goal g JOIN pairing p "
                + "ON p.id = g.pairing_id WHERE g.owner_id = ? ORDER BY p.program_id", row -> Tx.uuid(row,
                        "program_id"), personId);
        for (ConnectorInstance instance : with(targets, Capability.PERFORMANCE_GOALS)) {
            for (String program : programs) {
                planned.add(new PushEntry(instance.id(), Capability.PERFORMANCE_GOALS, "mentoring-goal:" + program
                        + ":" + personId + ":" + Sha256.hex(occasion).substring(0, 16),
                        Map.of("program_id", program, "person_id", personId)));
            }
        }
        return planned;
    }

    /** Instances that take mentoring activity; a disabled one too, so that it finds its items when enabled again. */
    private List<ConnectorInstance> targets() {
        List<ConnectorInstance> targets = new ArrayList<>();
        for (ConnectorInstance instance : instances.all()) {
            boolean configured = instance.state() == ConnectorInstance.State.ACTIVE
                    || instance.state() == ConnectorInstance.State.DISABLED;
            if (configured && (instance.can(Capability.LEARNING_RECORDS) || instance.can(Capability.LEARNING_ENROLMENT)
                    || instance.can(Capability.PERFORMANCE_GOALS))) {
                targets.add(instance);
            }
        }
        return targets;
    }

    private List<PushEntry> session(Tx tx, String id, List<ConnectorInstance> targets) throws SQLException {
        Optional<Stored<MentoringSession>> found = sessions.find(tx, id);
        List<PushEntry> planned = new ArrayList<>();
        if (found.isEmpty()) {
            return planned;
        }
        for (MentoringSession.Attendance a : found.get().value().attendance()) {
            if (a.presence() == MentoringSession.Presence.ATTENDED) {
                for (ConnectorInstance instance : with(targets, Capability.LEARNING_RECORDS)) {
                    planned.add(record(instance, "session:" + id + ":attended:" + a.personId(),
                            Verb.ATTENDED_SESSION, Map.of("session_id", id, "person_id", a.personId())));
                }
            }
        }
        return planned;
    }

    private List<PushEntry> goal(Tx tx, String id, List<ConnectorInstance> targets) throws SQLException {
        Optional<Stored<Goal>> found = goals.find(tx, id);
        List<PushEntry> planned = new ArrayList<>();
        if (found.isEmpty()) {
            return planned;
        }
        Goal goal = found.get().value();
        for (ConnectorInstance instance : with(targets, Capability.LEARNING_RECORDS)) {
            planned.add(record(instance, "goal:" + id + ":set", Verb.SET_GOAL, Map.of("goal_id", id)));
            if (goal.status() == Goal.Status.COMPLETED) {
                planned.add(record(instance, "goal:" + id + ":completed", Verb.COMPLETED_GOAL, Map.of("goal_id", id)));
            }
        }
        for (ConnectorInstance instance : with(targets, Capability.LEARNING_ENROLMENT)) {
            for (String course : goal.lmsCourseIds()) {
                planned.add(new PushEntry(instance.id(), Capability.LEARNING_ENROLMENT, "enrol:" + goal.ownerId()
                        + ":" + course, Map.of("person_id", goal.ownerId(), "course_id", course, "goal_id", id)));
            }
        }
        List<ConnectorInstance> performance = with(targets, Capability.PERFORMANCE_GOALS);
        if (!performance.isEmpty()) {
            Optional<Stored<Pairing>> pairing = pairings.find(tx, goal.pairingId());
            if (pairing.isPresent()) {
                String program = pairing.get().value().programId();
                for (ConnectorInstance instance : performance) {
                    // One item per change of any of the owner's goals: the mentoring goal is sent as it is then.
                    planned.add(new PushEntry(instance.id(), Capability.PERFORMANCE_GOALS, "mentoring-goal:" + program
                            + ":" + goal.ownerId() + ":" + id + ":v" + found.get().version(),
                            Map.of("program_id", program, "person_id", goal.ownerId())));
                }
            }
        }
        return planned;
    }

    private List<PushEntry> milestone(Tx tx, String id, List<ConnectorInstance> targets) throws SQLException {
        Optional<Stored<Milestone>> found = milestones.find(tx, id);
        List<PushEntry> planned = new ArrayList<>();
        if (found.isEmpty() || found.get().value().reachedOn() == null) {
            return planned;
        }
        for (String owner : MentoringContent.milestoneOwners(tx, found.get().value())) {
            for (ConnectorInstance instance : with(targets, Capability.LEARNING_RECORDS)) {
                planned.add(record(instance, "milestone:" + id + ":reached:" + owner, Verb.REACHED_MILESTONE,
                        Map.of("milestone_id", id, "person_id", owner)));
            }
        }
        return planned;
    }

    private static PushEntry record(ConnectorInstance instance, String key, Verb verb, Map<String, String> about) {
        Map<String, String> all = new java.util.LinkedHashMap<>(about);
        all.put("verb", verb.name());
        return new PushEntry(instance.id(), Capability.LEARNING_RECORDS, key, all);
    }

    private static List<ConnectorInstance> with(List<ConnectorInstance> targets, Capability capability) {
        return targets.stream().filter(i -> i.can(capability)).toList();
    }
}
