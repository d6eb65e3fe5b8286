package io.mentorhub.engine.review;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mentorhub.api.domain.Enrollment;
import io.mentorhub.api.domain.Goal;
import io.mentorhub.api.domain.MentoringSession.Attendance;
import io.mentorhub.api.domain.MentoringSession.Presence;
import io.mentorhub.api.domain.PairingState;
import io.mentorhub.api.domain.ReviewFeedEntry;
import io.mentorhub.api.domain.ReviewFeedEntry.CourseCompleted;
import io.mentorhub.api.domain.ReviewFeedEntry.GoalProgress;
import io.mentorhub.api.domain.ReviewFeedEntry.MilestoneReached;
import io.mentorhub.api.domain.ReviewFeedEntry.PairingSpan;
import io.mentorhub.api.domain.ReviewFeedEntry.Participation;
import io.mentorhub.api.domain.ReviewFeedEntry.SharedReflection;
import io.mentorhub.engine.store.EntityStore;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds the HR review feed: for each person who was in a live pairing during a review period, per program, their
 * role, pairings, sessions attended, goals, milestones reached, courses completed and the reflections they shared for
 * review. Reflections are selected in SQL by visibility SHARED_FOR_REVIEW, so private and pair notes are never even
 * read. Dates are UTC days.
 */
public final class ReviewFeed {

    private static final TypeReference<List<Attendance>> ATTENDANCE = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final int CHUNK = 500;

    /** Whose entries a caller may see: all programs or some; everyone or one person. */
    public record Scope(Set<String> programIds, String personId) {
        public static Scope everything() {
            return new Scope(null, null);
        }
    }

    /** One page of entries, ordered by person id; {@code nextCursor} (a person id) is null after the last. */
    public record Page(List<ReviewFeedEntry> entries, String nextCursor) {
    }

    private record PairingRow(String id, String programId, String programName, String mentorId, PairingState state,
            LocalDate startedOn, LocalDate endedOn, List<String> menteeIds) {
    }

    private ReviewFeed() {
    }

    public static Page page(Tx tx, ReviewPeriod period, Scope scope, String afterPersonId, int limit)
            throws SQLException {
        Instant from = period.start().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant until = period.end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, PairingRow> pairings = livePairings(tx, from, until, scope.programIds());

        // Who took part, in which pairings, ordered by person id for stable paging.
        TreeMap<String, List<PairingRow>> byPerson = new TreeMap<>();
        for (PairingRow pairing : pairings.values()) {
            List<String> members = new ArrayList<>(pairing.menteeIds());
            members.add(pairing.mentorId());
            for (String member : members) {
                if (scope.personId() == null || scope.personId().equals(member)) {
                    byPerson.computeIfAbsent(member, k -> new ArrayList<>()).add(pairing);
                }
            }
        }
        Map<String, List<PairingRow>> page = new LinkedHashMap<>();
        for (Map.Entry<String, List<PairingRow>> e : (afterPersonId == null ? byPerson
                : byPerson.tailMap(afterPersonId, false)).entrySet()) {
            if (page.size() == limit) {
                break;
            }
            page.put(e.getKey(), e.getValue());
        }
        String next = page.isEmpty() || byPerson.higherKey(last(page.keySet())) == null ? null : last(page.keySet());

        List<String> pairingIds = page.values().stream().flatMap(List::stream).map(PairingRow::id).distinct().toList();
        Set<String> everyone = new java.util.HashSet<>(page.keySet());
        page.values().forEach(list -> list.forEach(p -> {
            everyone.add(p.mentorId());
            everyone.addAll(p.menteeIds());
        }));
        Map<String, String[]> people = people(tx, everyone);
        Map<String, Integer> attended = attended(tx, pairingIds, from, until);
        Map<String, List<Goal>> goals = goals(tx, pairingIds);
        Map<String, List<Object[]>> milestones = milestones(tx, pairingIds, period);
        Map<String, List<Object[]>> reflections = sharedReflections(tx, pairingIds, from, until);
        Map<String, List<CourseCompleted>> courses = completions(tx, page.keySet(), period);

        List<ReviewFeedEntry> entries = new ArrayList<>();
        for (Map.Entry<String, List<PairingRow>> e : page.entrySet()) {
            String person = e.getKey();
            Map<String, List<PairingRow>> byProgram = new TreeMap<>();
            e.getValue().forEach(p -> byProgram.computeIfAbsent(p.programId(), k -> new ArrayList<>()).add(p));
            List<Participation> participations = new ArrayList<>();
            for (List<PairingRow> inProgram : byProgram.values()) {
                participations.add(participation(person, inProgram, people, attended, goals, milestones, reflections,
                        courses));
            }
            String[] who = people.getOrDefault(person, new String[] {null, person, null});
            entries.add(new ReviewFeedEntry(person, who[0], who[1], who[2], period.start(), period.end(),
                    participations));
        }
        return new Page(entries, next);
    }

    private static Participation participation(String person, List<PairingRow> pairings, Map<String, String[]> people,
            Map<String, Integer> attended, Map<String, List<Goal>> goals, Map<String, List<Object[]>> milestones,
            Map<String, List<Object[]>> reflections, Map<String, List<CourseCompleted>> courses) {
        EnumSet<Enrollment.Role> roles = EnumSet.noneOf(Enrollment.Role.class);
        List<PairingSpan> spans = new ArrayList<>();
        int sessions = 0;
        List<GoalProgress> goalProgress = new ArrayList<>();
        Set<String> linkedCourses = new java.util.HashSet<>();
        List<MilestoneReached> reached = new ArrayList<>();
        List<SharedReflection> shared = new ArrayList<>();
        for (PairingRow pairing : pairings) {
            boolean mentor = pairing.mentorId().equals(person);
            roles.add(mentor ? Enrollment.Role.MENTOR : Enrollment.Role.MENTEE);
            List<String> partners = mentor ? pairing.menteeIds() : List.of(pairing.mentorId());
            spans.add(new PairingSpan(pairing.id(), mentor ? "MENTEE" : "MENTOR",
                    partners.stream().map(id -> people.getOrDefault(id, new String[] {null, id})[1]).toList(),
                    pairing.startedOn(), pairing.endedOn(), pairing.state()));
            sessions += attended.getOrDefault(pairing.id() + "/" + person, 0);
            Map<String, Goal> ownGoals = new HashMap<>();
            for (Goal goal : goals.getOrDefault(pairing.id(), List.of())) {
                if (goal.ownerId().equals(person)) {
                    ownGoals.put(goal.id(), goal);
                    goalProgress.add(new GoalProgress(goal.id(), goal.title(), goal.status(), goal.progressPercent(),
                            goal.dueDate()));
                    linkedCourses.addAll(goal.lmsCourseIds());
                }
            }
            for (Object[] m : milestones.getOrDefault(pairing.id(), List.of())) {
                String goalId = (String) m[1];
                // A goal's milestone is its owner's; a pairing's own milestone belongs to its mentees.
                boolean mine = goalId != null ? ownGoals.containsKey(goalId) : !mentor;
                if (mine) {
                    reached.add(new MilestoneReached((String) m[0], (String) m[2], (LocalDate) m[3]));
                }
            }
            for (Object[] r : reflections.getOrDefault(pairing.id(), List.of())) {
                if (person.equals(r[1])) {
                    shared.add(new SharedReflection((String) r[0], (LocalDate) r[2], (LocalDate) r[3], (String) r[4]));
                }
            }
        }
        List<CourseCompleted> completed = courses.getOrDefault(person, List.of()).stream()
                .filter(c -> linkedCourses.contains(c.courseId())).toList();
        Enrollment.Role role = roles.size() > 1 ? Enrollment.Role.BOTH : roles.iterator().next();
        PairingRow first = pairings.get(0);
        return new Participation(first.programId(), first.programName(), role, spans, sessions, goalProgress, reached,
                completed, shared);
    }

    /** Pairings published before the period ends and not ended before it starts. */
    private static Map<String, PairingRow> livePairings(Tx tx, Instant from, Instant until, Set<String> programIds)
            throws SQLException {
        if (programIds != null && programIds.isEmpty()) {
            return Map.of();
        }
        List<Object> parameters = new ArrayList<>(List.of(until, from));
        String programFilter = "";
        if (programIds != null) {
            programFilter = " AND p.program_id IN (" + placeholders(programIds.size()) + ")";
            programIds.forEach(id -> parameters.add(Tx.uuid(id)));
        }
        Map<String, PairingRow> rows = new LinkedHashMap<>();
        for (PairingRow row : tx.query("SELECT p.id, p.program_id, g.name, p.mentor_id, p.state, s.started, e.ended "
                + "FROM pairing p JOIN program g ON g.id = p.program_id "
                + "JOIN (SELECT pairing_id, MIN(at) AS started FROM pairing_transition WHERE to_state = 'PUBLISHED' "
                + "GROUP BY pairing_id) s ON s.pairing_id = p.id "
                + "LEFT JOIN (SELECT pairing_id, MAX(at) AS ended FROM pairing_transition "
                + "WHERE to_state IN ('COMPLETED', 'DISSOLVED') GROUP BY pairing_id) e ON e.pairing_id = p.id "
                + "WHERE s.started < ? AND (e.ended IS NULL OR e.ended >= ?)" + programFilter + " ORDER BY p.id",
                r -> new PairingRow(Tx.uuid(r, "id"), Tx.uuid(r, "program_id"), r.getString("name"),
                        r.getString("mentor_id"), PairingState.valueOf(r.getString("state")),
                        day(Tx.instant(r, "started")), day(Tx.instant(r, "ended")), new ArrayList<>()),
                parameters.toArray())) {
            rows.put(row.id(), row);
        }
        for (List<String> chunk : chunks(rows.keySet())) {
            tx.query("SELECT pairing_id, mentee_id FROM pairing_mentee WHERE pairing_id IN (" + placeholders(chunk.size())
                    + ") ORDER BY pairing_id, position", r -> rows.get(Tx.uuid(r, "pairing_id")).menteeIds()
                            .add(r.getString("mentee_id")), uuids(chunk));
        }
        return rows;
    }

    /** Employee number, display name and work e-mail by person id. */
    private static Map<String, String[]> people(Tx tx, Collection<String> ids) throws SQLException {
        Map<String, String[]> people = new HashMap<>();
        for (List<String> chunk : chunks(ids)) {
            tx.query("SELECT hris_id, employee_number, given_name, family_name, work_email FROM person WHERE hris_id IN ("
                    + placeholders(chunk.size()) + ")", r -> people.put(r.getString("hris_id"), new String[] {
                            r.getString("employee_number"), r.getString("given_name") + " " + r.getString("family_name"),
                            r.getString("work_email")}), chunk.toArray());
        }
        return people;
    }

    /** Sessions in the period each person attended, by "pairing/person". */
    private static Map<String, Integer> attended(Tx tx, List<String> pairingIds, Instant from, Instant until)
            throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> chunk : chunks(pairingIds)) {
            List<Object> parameters = new ArrayList<>(List.of(uuids(chunk)));
            parameters.add(from);
            parameters.add(until);
            tx.query("SELECT pairing_id, attendance FROM mentoring_session WHERE pairing_id IN ("
                    + placeholders(chunk.size()) + ") AND starts_at >= ? AND starts_at < ?", r -> {
                        String pairing = Tx.uuid(r, "pairing_id");
                        for (Attendance a : EntityStore.json(r.getString("attendance"), ATTENDANCE)) {
                            if (a.presence() == Presence.ATTENDED) {
                                counts.merge(pairing + "/" + a.personId(), 1, Integer::sum);
                            }
                        }
                        return null;
                    }, parameters.toArray());
        }
        return counts;
    }

    private static Map<String, List<Goal>> goals(Tx tx, List<String> pairingIds) throws SQLException {
        Map<String, List<Goal>> goals = new HashMap<>();
        for (List<String> chunk : chunks(pairingIds)) {
            tx.query("SELECT id, pairing_id, owner_id, title, specific_text, measure, target_value, due_date, status, "
                    + "progress_percent, external_goal_id, lms_course_ids FROM goal WHERE pairing_id IN ("
                    + placeholders(chunk.size()) + ") ORDER BY due_date, id", r -> goals.computeIfAbsent(
                            Tx.uuid(r, "pairing_id"), k -> new ArrayList<>()).add(new Goal(Tx.uuid(r, "id"),
                                    Tx.uuid(r, "pairing_id"), r.getString("owner_id"), r.getString("title"),
                                    r.getString("specific_text"), r.getString("measure"), r.getBigDecimal("target_value"),
                                    Tx.date(r, "due_date"), Goal.Status.valueOf(r.getString("status")),
                                    r.getInt("progress_percent"), r.getString("external_goal_id"),
                                    EntityStore.json(r.getString("lms_course_ids"), STRINGS))), uuids(chunk));
        }
        return goals;
    }

    /** Milestones reached in the period: id, goal id, title, reached on — by pairing. */
    private static Map<String, List<Object[]>> milestones(Tx tx, List<String> pairingIds, ReviewPeriod period)
            throws SQLException {
        Map<String, List<Object[]>> milestones = new HashMap<>();
        for (List<String> chunk : chunks(pairingIds)) {
            List<Object> parameters = new ArrayList<>(List.of(uuids(chunk)));
            parameters.add(period.start());
            parameters.add(period.end());
            tx.query("SELECT id, pairing_id, goal_id, title, reached_on FROM milestone WHERE pairing_id IN ("
                    + placeholders(chunk.size()) + ") AND reached_on BETWEEN ? AND ? ORDER BY reached_on, id",
                    r -> milestones.computeIfAbsent(Tx.uuid(r, "pairing_id"), k -> new ArrayList<>())
                            .add(new Object[] {Tx.uuid(r, "id"), r.getString("goal_id") == null ? null
                                    : Tx.uuid(r, "goal_id"), r.getString("title"), Tx.date(r, "reached_on")}),
                    parameters.toArray());
        }
        return milestones;
    }

    /** Reflections shared for review, written in the period: id, author, written on, consented on, text. */
    private static Map<String, List<Object[]>> sharedReflections(Tx tx, List<String> pairingIds, Instant from,
            Instant until) throws SQLException {
        Map<String, List<Object[]>> reflections = new HashMap<>();
        for (List<String> chunk : chunks(pairingIds)) {
            List<Object> parameters = new ArrayList<>(List.of(uuids(chunk)));
            parameters.add(from);
            parameters.add(until);
            tx.query("SELECT id, pairing_id, author_id, body, created_at, consented_at FROM reflection "
                    + "WHERE visibility = 'SHARED_FOR_REVIEW' AND pairing_id IN (" + placeholders(chunk.size())
                    + ") AND created_at >= ? AND created_at < ? ORDER BY created_at, id",
                    r -> reflections.computeIfAbsent(Tx.uuid(r, "pairing_id"), k -> new ArrayList<>())
                            .add(new Object[] {Tx.uuid(r, "id"), r.getString("author_id"),
                                    day(Tx.instant(r, "created_at")), day(Tx.instant(r, "consented_at")),
                                    r.getString("body")}), parameters.toArray());
        }
        return reflections;
    }

    private static Map<String, List<CourseCompleted>> completions(Tx tx, Collection<String> people, ReviewPeriod period)
            throws SQLException {
        Map<String, List<CourseCompleted>> courses = new HashMap<>();
        for (List<String> chunk : chunks(people)) {
            List<Object> parameters = new ArrayList<>(chunk);
            parameters.add(period.start());
            parameters.add(period.end());
            tx.query("SELECT person_id, course_id, completed_on FROM course_completion WHERE person_id IN ("
                    + placeholders(chunk.size()) + ") AND completed_on BETWEEN ? AND ? ORDER BY completed_on, course_id",
                    r -> courses.computeIfAbsent(r.getString("person_id"), k -> new ArrayList<>())
                            .add(new CourseCompleted(r.getString("course_id"), Tx.date(r, "completed_on"))),
                    parameters.toArray());
        }
        return courses;
    }

    private static LocalDate day(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static String last(Set<String> keys) {
        String last = null;
        for (String key : keys) {
            last = key;
        }
        return last;
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static Object[] uuids(List<String> ids) {
        return ids.stream().map((Function<String, Object>) Tx::uuid).toArray();
    }
}
