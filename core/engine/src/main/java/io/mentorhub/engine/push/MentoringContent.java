package io.mentorhub.engine.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mentorhub.api.connector.CourseEnrolments.Enrolment;
import io.mentorhub.api.connector.Delivery;
import io.mentorhub.api.connector.GoalPublisher.ReviewGoal;
import io.mentorhub.api.connector.LearningRecords.LearningRecord;
import io.mentorhub.api.connector.LearningRecords.Verb;
import io.mentorhub.api.connector.ReviewFeedPublisher.FeedItem;
import io.mentorhub.api.domain.Goal;
import io.mentorhub.api.domain.MentoringSession;
import io.mentorhub.api.domain.Milestone;
import io.mentorhub.api.domain.Pairing;
import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.ReviewFeedEntry;
import io.mentorhub.engine.json.JsonMapper;
import io.mentorhub.engine.review.ReviewFeed;
import io.mentorhub.engine.review.ReviewPeriod;
import io.mentorhub.engine.store.GoalStore;
import io.mentorhub.engine.store.MilestoneStore;
import io.mentorhub.engine.store.PairingStore;
import io.mentorhub.engine.store.PersonStore;
import io.mentorhub.engine.store.SessionStore;
import io.mentorhub.engine.store.Sha256;
import io.mentorhub.engine.store.Stored;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the item a {@link PushEntry} stands for from the hub's current state, when it is delivered: what leaves the
 * hub is what is true then, and an item that stopped being true (a goal reopened, a course unlinked, a person without
 * an address) is not sent, with the reason. Nothing confidential is read: no reflection except those shared for
 * review, which the review feed carries by its own rules.
 */
final class MentoringContent {

    /** The item, or why there is none. */
    record Built(Delivery.Keyed item, String notSent) {
        static Built of(Delivery.Keyed item) {
            return new Built(item, null);
        }

        static Built skip(String reason) {
            return new Built(null, reason);
        }
    }

    static final String NOT_SHARED = "the person has not agreed to share their mentoring with performance reviews";
    private static final PersonStore PEOPLE = new PersonStore();
    private static final SessionStore SESSIONS = new SessionStore();
    private static final GoalStore GOALS = new GoalStore();
    private static final MilestoneStore MILESTONES = new MilestoneStore();
    private static final PairingStore PAIRINGS = new PairingStore();

    private MentoringContent() {
    }

    static Built build(Tx tx, PushEntry entry) throws SQLException {
        return switch (entry.capability()) {
            case LEARNING_RECORDS -> learningRecord(tx, entry);
            case LEARNING_ENROLMENT -> enrolment(tx, entry);
            case PERFORMANCE_GOALS -> mentoringGoal(tx, entry);
            case REVIEW_FEED -> feedItem(tx, entry);
            default -> Built.skip(entry.capability() + " is not pushed");
        };
    }

    /** Whose a reached milestone is: its goal's owner's, or, for a pairing's own milestone, the mentees'. */
    static List<String> milestoneOwners(Tx tx, Milestone milestone) throws SQLException {
        if (milestone.goalId() != null) {
            return GOALS.find(tx, milestone.goalId()).map(g -> List.of(g.value().ownerId())).orElse(List.of());
        }
        return PAIRINGS.find(tx, milestone.pairingId()).map(p -> p.value().menteeIds()).orElse(List.of());
    }

    private static Built learningRecord(Tx tx, PushEntry entry) throws SQLException {
        Verb verb = Verb.valueOf(entry.get("verb"));
        return switch (verb) {
            case ATTENDED_SESSION -> {
                Optional<Stored<MentoringSession>> session = SESSIONS.find(tx, entry.get("session_id"));
                String personId = entry.get("person_id");
                if (session.isEmpty() || session.get().value().attendance().stream().noneMatch(a -> a.personId()
                        .equals(personId) && a.presence() == MentoringSession.Presence.ATTENDED)) {
                    yield Built.skip("the session no longer lists the person as attended");
                }
                MentoringSession s = session.get().value();
                yield record(tx, entry, personId, verb, s.id(), "Mentoring session on "
                        + s.startsAt().atOffset(ZoneOffset.UTC).toLocalDate(), s.pairingId(), s.startsAt());
            }
            case SET_GOAL, COMPLETED_GOAL -> {
                Optional<Stored<Goal>> goal = GOALS.find(tx, entry.get("goal_id"));
                if (goal.isEmpty()) {
                    yield Built.skip("the goal no longer exists");
                }
                Goal g = goal.get().value();
                if (verb == Verb.COMPLETED_GOAL && g.status() != Goal.Status.COMPLETED) {
                    yield Built.skip("the goal was reopened before its completion was sent");
                }
                yield record(tx, entry, g.ownerId(), verb, g.id(), g.title(), g.pairingId(),
                        verb == Verb.SET_GOAL ? goal.get().createdAt() : goal.get().modifiedAt());
            }
            case REACHED_MILESTONE -> {
                Optional<Stored<Milestone>> milestone = MILESTONES.find(tx, entry.get("milestone_id"));
                if (milestone.isEmpty() || milestone.get().value().reachedOn() == null) {
                    yield Built.skip("the milestone is no longer reached");
                }
                Milestone m = milestone.get().value();
                yield record(tx, entry, entry.get("person_id"), verb, m.id(), m.title(), m.pairingId(),
                        m.reachedOn().atStartOfDay(ZoneOffset.UTC).toInstant());
            }
        };
    }

    private static Built record(Tx tx, PushEntry entry, String personId, Verb verb, String objectId,
            String objectName, String pairingId, java.time.Instant at) throws SQLException {
        Optional<Person> person = PEOPLE.find(tx, personId).map(Stored::value);
        if (person.isEmpty() || person.get().workEmail() == null) {
            return Built.skip("the person has no work e-mail to name them by");
        }
        String program = PAIRINGS.find(tx, pairingId).map(p -> programName(tx, p.value())).orElse(null);
        return Built.of(new LearningRecord(entry.itemKey(), person.get().workEmail(), name(person.get()), verb,
                objectId, objectName, program, at));
    }

    private static Built enrolment(Tx tx, PushEntry entry) throws SQLException {
        String course = entry.get("course_id");
        Optional<Stored<Goal>> goal = GOALS.find(tx, entry.get("goal_id"));
        if (goal.isEmpty() || !goal.get().value().lmsCourseIds().contains(course)) {
            return Built.skip("the goal no longer links the course");
        }
        Optional<Person> person = PEOPLE.find(tx, entry.get("person_id")).map(Stored::value);
        if (person.isEmpty() || person.get().workEmail() == null) {
            return Built.skip("the person has no work e-mail to find them by in the learning system");
        }
        return Built.of(new Enrolment(entry.itemKey(), person.get().workEmail(), course));
    }

    /**
     * The owner's one mentoring goal in the program, as it is now: progress the mean of their goals there (abandoned
     * ones left out), completed when all are, in progress once any has started, due with the last.
     */
    private static Built mentoringGoal(Tx tx, PushEntry entry) throws SQLException {
        String programId = entry.get("program_id");
        String personId = entry.get("person_id");
        if (!ReviewSharing.shares(tx, personId)) {
            return Built.skip(NOT_SHARED);
        }
        Optional<Person> person = PEOPLE.find(tx, personId).map(Stored::value);
        if (person.isEmpty() || person.get().workEmail() == null) {
            return Built.skip("the person has no work e-mail to find them by in the performance system");
        }
        List<Object[]> rows = tx.query("SELECT g.status, g.progress_percent, g.due_date FROM goal g "
                + "JOIN pairing p ON p.id = g.pairing_id WHERE p.program_id = ? AND g.owner_id = ?",
                row -> new Object[] {Goal.Status.valueOf(row.getString("status")), row.getInt("progress_percent"),
                        Tx.date(row, "due_date")}, Tx.uuid(programId), personId);
        List<Object[]> counted = rows.stream().filter(r -> r[0] != Goal.Status.ABANDONED).toList();
        String program = tx.one("SELECT name FROM program WHERE id = ?", row -> row.getString("name"),
                Tx.uuid(programId)).orElse(null);
        if (program == null || rows.isEmpty()) {
            return Built.skip("the person has no goals in the program");
        }
        Goal.Status status;
        int progress;
        LocalDate due = null;
        if (counted.isEmpty()) {
            status = Goal.Status.ABANDONED;
            progress = 0;
        } else {
            int sum = 0;
            boolean allDone = true;
            boolean started = false;
            for (Object[] r : counted) {
                sum += (Integer) r[1];
                allDone &= r[0] == Goal.Status.COMPLETED;
                started |= r[0] != Goal.Status.NOT_STARTED || (Integer) r[1] > 0;
                LocalDate d = (LocalDate) r[2];
                due = due == null || d.isAfter(due) ? d : due;
            }
            progress = Math.round((float) sum / counted.size());
            status = allDone ? Goal.Status.COMPLETED : started ? Goal.Status.IN_PROGRESS : Goal.Status.NOT_STARTED;
        }
        long completed = counted.stream().filter(r -> r[0] == Goal.Status.COMPLETED).count();
        String description = "Mentoring in " + program + ": " + counted.size() + " goal" + (counted.size() == 1 ? ""
                : "s") + ", " + completed + " completed. Kept up to date by mentorhub.";
        return Built.of(new ReviewGoal(entry.itemKey(), externalId(programId, personId), person.get().workEmail(),
                limit("Mentoring: " + program, 200), description, status, progress, due));
    }

    /** How the performance system's goal is linked to the participant's mentoring in a program. */
    static String externalId(String programId, String personId) {
        return "mentorhub:" + programId + ":" + personId;
    }

    /**
     * The person's review-feed entry for the period, if it is still the one the key names (its content hash): an
     * entry that changed since is skipped, as the next scheduled push queues its new content under a new key.
     */
    private static Built feedItem(Tx tx, PushEntry entry) throws SQLException {
        ReviewPeriod period = ReviewPeriod.parse(entry.get("period"));
        if (!ReviewSharing.shares(tx, entry.get("person_id"))) {
            return Built.skip(NOT_SHARED);
        }
        Optional<ReviewFeedEntry> current = feedEntry(tx, period, entry.get("person_id"));
        if (current.isEmpty()) {
            return Built.skip("the person is no longer in the period's review feed");
        }
        if (!feedKey(period, current.get()).equals(entry.itemKey())) {
            return Built.skip("the entry changed since it was queued; the next scheduled push sends it as it is");
        }
        return Built.of(new FeedItem(entry.itemKey(), current.get()));
    }

    static Optional<ReviewFeedEntry> feedEntry(Tx tx, ReviewPeriod period, String personId) throws SQLException {
        return ReviewFeed.page(tx, period, new ReviewFeed.Scope(null, personId), null, 1).entries().stream()
                .filter(e -> e.personId().equals(personId)).findFirst();
    }

    /** {@code review-feed:<period>:<person>:<content hash>}: a new key whenever the entry's content changes. */
    static String feedKey(ReviewPeriod period, ReviewFeedEntry entry) {
        try {
            String hash = Sha256.hex(JsonMapper.MAPPER.writeValueAsString(entry)).substring(0, 16);
            return "review-feed:" + period.name() + ":" + entry.personId() + ":" + hash;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a review feed entry could not be written as JSON", e);
        }
    }

    private static String programName(Tx tx, Pairing pairing) {
        try {
            return tx.one("SELECT name FROM program WHERE id = ?", row -> row.getString("name"),
                    Tx.uuid(pairing.programId())).orElse(null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(Person person) {
        List<String> parts = new ArrayList<>();
        if (person.givenName() != null) {
            parts.add(person.givenName());
        }
        if (person.familyName() != null) {
            parts.add(person.familyName());
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    private static String limit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
