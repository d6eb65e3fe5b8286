package io.mentorhub.engine.matching;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mentorhub.api.domain.Enrollment;
import io.mentorhub.api.domain.Program;
import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.matching.MatchingPool;
import io.mentorhub.api.matching.MatchingPool.ExcludedPair;
import io.mentorhub.api.matching.Participant;
import io.mentorhub.engine.store.EntityStore;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a run matches, read in one transaction: the program's active enrollments joined with the HRIS facts matching
 * needs, minus everyone who already has a proposed or live pairing, with mentors' remaining capacity, manager chains,
 * excluded pairs and mentee rankings. People left out are recorded with the reason, so a run never drops anyone
 * silently.
 */
final class Enrolled {

    /** How far up the manager chain the hub loads; the manager-chain constraint may look less deep. */
    static final int MANAGER_CHAIN_DEPTH = 10;

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<Enrollment.SensitiveAttribute>> SENSITIVE = new TypeReference<>() {
    };
    private static final Pattern LEVEL = Pattern.compile("(\\d{1,3})");
    private static final String LIVE = "('PROPOSED', 'PUBLISHED', 'TRIAL', 'ACTIVE')";

    final MatchingPool pool;
    /** Capacity of each mentor in {@code pool.mentors()} for this run. */
    final int[] capacity;
    final Map<String, List<String>> rankings;
    /** Reportable opt-in attributes per person, for the fairness report. */
    final Map<String, Map<String, String>> reportable;
    /** People considered but not matchable in this run, with why. */
    final List<MatchingRun.UnmatchedPerson> leftOut;
    /** In a PEER re-match, the people who need a partner; null when everyone in the pool does. */
    final Set<String> affected;

    private Enrolled(MatchingPool pool, int[] capacity, Map<String, List<String>> rankings,
            Map<String, Map<String, String>> reportable, List<MatchingRun.UnmatchedPerson> leftOut, Set<String> affected) {
        this.pool = pool;
        this.capacity = capacity;
        this.rankings = rankings;
        this.reportable = reportable;
        this.leftOut = leftOut;
        this.affected = affected;
    }

    private record Row(String personId, Enrollment.Role role, int capacity, Enrollment.Profile profile,
            List<Enrollment.SensitiveAttribute> sensitive, String grade, String team, String timeZone,
            List<String> languages, String personStatus) {
    }

    static Enrolled load(Tx tx, Program program, List<String> onlyPeople) throws SQLException {
        Object programId = Tx.uuid(program.id());
        List<Row> rows = tx.query("SELECT e.person_id, e.role, e.capacity, e.profile, e.sensitive_attributes, p.grade, "
                + "p.team, p.time_zone, p.languages, p.status FROM enrollment e JOIN person p ON p.hris_id = e.person_id "
                + "WHERE e.program_id = ? AND e.status = 'ACTIVE' ORDER BY e.person_id", row -> new Row(
                        row.getString("person_id"), Enrollment.Role.valueOf(row.getString("role")),
                        row.getInt("capacity"), EntityStore.json(row.getString("profile"), Enrollment.Profile.class),
                        EntityStore.json(row.getString("sensitive_attributes"), SENSITIVE), row.getString("grade"),
                        row.getString("team"), row.getString("time_zone"),
                        EntityStore.json(row.getString("languages"), STRINGS), row.getString("status")), programId);

        Map<String, Integer> mentorLoad = new HashMap<>();
        Set<String> paired = new HashSet<>();
        for (String[] pair : tx.query("SELECT p.mentor_id, m.mentee_id FROM pairing p JOIN pairing_mentee m "
                + "ON m.pairing_id = p.id WHERE p.program_id = ? AND p.state IN " + LIVE,
                row -> new String[] {row.getString(1), row.getString(2)}, programId)) {
            mentorLoad.merge(pair[0], 1, Integer::sum);
            paired.add(pair[1]);
        }
        Set<ExcludedPair> excluded = new HashSet<>(tx.query("SELECT mentor_id, mentee_id, reason FROM dissolved_pair "
                + "WHERE program_id = ?", row -> new ExcludedPair(row.getString(1), row.getString(2),
                        row.getString(3)), programId));
        Map<String, List<String>> rankings = new LinkedHashMap<>();
        for (String[] ranked : tx.query("SELECT mentee_id, mentor_id FROM mentor_ranking WHERE program_id = ? "
                + "ORDER BY mentee_id, position", row -> new String[] {row.getString(1), row.getString(2)}, programId)) {
            rankings.computeIfAbsent(ranked[0], m -> new ArrayList<>()).add(ranked[1]);
        }
        Map<String, String> managerOf = new HashMap<>();
        for (String[] link : tx.query("SELECT hris_id, manager_id FROM person WHERE manager_id IS NOT NULL",
                row -> new String[] {row.getString(1), row.getString(2)})) {
            managerOf.put(link[0], link[1]);
        }

        Set<String> only = Set.copyOf(onlyPeople);
        Set<String> enrolledIds = new HashSet<>();
        rows.forEach(r -> enrolledIds.add(r.personId()));
        List<MatchingRun.UnmatchedPerson> leftOut = new ArrayList<>();
        for (String person : new java.util.TreeSet<>(only)) {
            if (!enrolledIds.contains(person)) {
                leftOut.add(new MatchingRun.UnmatchedPerson(person, "has no active enrollment in this program"));
            }
        }

        ProgramFormat format = program.format();
        boolean peer = format == ProgramFormat.PEER;
        List<Participant> mentors = new ArrayList<>();
        List<Integer> capacities = new ArrayList<>();
        List<Participant> mentees = new ArrayList<>();
        Map<String, Map<String, String>> reportable = new HashMap<>();
        for (Row row : rows) {
            boolean selected = only.isEmpty() || only.contains(row.personId());
            if (!"A".equals(row.personStatus())) {
                if (selected) {
                    leftOut.add(new MatchingRun.UnmatchedPerson(row.personId(), "L".equals(row.personStatus())
                            ? "is on leave according to the HRIS" : "has left the company according to the HRIS"));
                }
                continue;
            }
            // Indexes are assigned once everyone in the run is known (below).
            Participant participant = new Participant(0, row.personId(), row.role(), row.profile(),
                    row.capacity(), level(row.grade()), row.team(), row.timeZone(), row.languages(),
                    chain(row.personId(), managerOf), consented(row.sensitive(), List.of(Participant.MATCHING_PURPOSE)));
            boolean added = false;
            if (peer) {
                if (paired.contains(row.personId()) || mentorLoad.containsKey(row.personId())) {
                    if (selected && !only.isEmpty()) {
                        leftOut.add(new MatchingRun.UnmatchedPerson(row.personId(), "already has a proposed or live pairing"));
                    }
                    continue;
                }
                mentors.add(participant);
                capacities.add(1);
                mentees.add(participant);
                added = true;
            } else {
                if (row.role().mentors()) {
                    int room = room(format, program.groupSize(), row.capacity(), mentorLoad.getOrDefault(row.personId(), 0));
                    if (room > 0) {
                        mentors.add(participant);
                        capacities.add(room);
                        added = true;
                    }
                }
                if (row.role().isMentored() && selected) {
                    if (paired.contains(row.personId())) {
                        if (!only.isEmpty()) {
                            leftOut.add(new MatchingRun.UnmatchedPerson(row.personId(),
                                    "already has a proposed or live pairing"));
                        }
                    } else {
                        mentees.add(participant);
                        added = true;
                    }
                }
            }
            if (added) {
                Map<String, String> attributes = consented(row.sensitive(), FairnessReport.PURPOSES);
                attributes.keySet().removeIf(name -> name.startsWith(Participant.PREFERENCE_PREFIX));
                if (!attributes.isEmpty()) {
                    reportable.put(row.personId(), attributes);
                }
            }
        }
        // Dense indexes in person id order, one per person even if they are both mentor and mentee.
        Map<String, Participant> renumbered = new LinkedHashMap<>();
        for (Participant p : concat(mentors, mentees)) {
            renumbered.computeIfAbsent(p.personId(), id -> withIndex(p, renumbered.size()));
        }
        List<Participant> finalMentors = mentors.stream().map(p -> renumbered.get(p.personId())).toList();
        List<Participant> finalMentees = mentees.stream().map(p -> renumbered.get(p.personId())).toList();
        Set<String> inRun = renumbered.keySet();
        rankings.keySet().retainAll(finalMentees.stream().map(Participant::personId).toList());
        rankings.replaceAll((mentee, ranked) -> ranked.stream().filter(inRun::contains).toList());
        MatchingPool pool = new MatchingPool(program.id(), format, finalMentors, finalMentees, excluded,
                renumbered.size());
        Set<String> affected = peer && !only.isEmpty() ? Set.copyOf(only) : null;
        return new Enrolled(pool, capacities.stream().mapToInt(Integer::intValue).toArray(), rankings, reportable,
                leftOut, affected);
    }

    /** How many more mentees a mentor takes in this run; in a GROUP program a mentor leads one group at most. */
    private static int room(ProgramFormat format, Program.GroupSize groupSize, int capacity, int load) {
        if (format == ProgramFormat.GROUP) {
            return load > 0 || capacity < groupSize.min() ? 0 : Math.min(capacity, groupSize.max());
        }
        return Math.max(0, capacity - load);
    }

    private static List<Participant> concat(List<Participant> a, List<Participant> b) {
        List<Participant> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(java.util.Comparator.comparing(Participant::personId));
        return all;
    }

    private static Participant withIndex(Participant p, int index) {
        return new Participant(index, p.personId(), p.role(), p.profile(), p.capacity(), p.level(), p.team(),
                p.timeZone(), p.languages(), p.managerChain(), p.consentedAttributes());
    }

    /** The first number in the grade (L5, IC3, Band 7) is the level; no number, no level. */
    static Integer level(String grade) {
        if (grade == null) {
            return null;
        }
        Matcher m = LEVEL.matcher(grade);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    static List<String> chain(String personId, Map<String, String> managerOf) {
        List<String> chain = new ArrayList<>();
        String current = managerOf.get(personId);
        while (current != null && chain.size() < MANAGER_CHAIN_DEPTH && !current.equals(personId)
                && !chain.contains(current)) {
            chain.add(current);
            current = managerOf.get(current);
        }
        return chain;
    }

    /** Only attributes shared for one of the given purposes; the latest consent wins if a name repeats. */
    static Map<String, String> consented(List<Enrollment.SensitiveAttribute> attributes, List<String> purposes) {
        Map<String, String> shared = new TreeMap<>();
        for (Enrollment.SensitiveAttribute attribute : attributes) {
            if (purposes.contains(attribute.purpose().strip().toLowerCase(Locale.ROOT))) {
                shared.put(attribute.name(), attribute.value());
            }
        }
        return shared;
    }
}
