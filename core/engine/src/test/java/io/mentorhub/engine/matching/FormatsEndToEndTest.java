package io.mentorhub.engine.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.domain.Enrollment;
import io.mentorhub.api.domain.MeetingCadence;
import io.mentorhub.api.domain.Pairing;
import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.PersonStatus;
import io.mentorhub.api.domain.Program;
import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.domain.ProgramStatus;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.EnrollmentStore;
import io.mentorhub.engine.store.PairingStore;
import io.mentorhub.engine.store.PersonStore;
import io.mentorhub.engine.store.ProgramStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every program format matched end to end by its strategy with the built-in scorers and constraints. */
class FormatsEndToEndTest {

    private static final List<String> SKILLS = List.of("sql", "negotiation", "public speaking", "java", "hiring",
            "budgeting", "design", "coaching", "data analysis", "stakeholder management");

    private Database database;
    private Builtins.Running matching;
    private final Map<String, Integer> levels = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        database = new Database("jdbc:h2:mem:formats-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4);
        matching = Builtins.start(database);
        for (String strategy : List.of("io.mentorhub.plugins.peer.PeerStrategy",
                "io.mentorhub.plugins.group.GroupStrategy")) {
            matching.runs().bindStrategy((io.mentorhub.api.matching.MatchingStrategy) Builtins.create(strategy, Map.of()));
        }
    }

    @AfterEach
    void stop() throws Exception {
        matching.close();
        database.close();
    }

    /** Mentors and mentees (or, for PEER, one pool of both) with random skills; mentors at the given levels. */
    private String program(ProgramFormat format, String strategy, int mentors, int mentees, int mentorLevel,
            int menteeLevel, int capacity) throws Exception {
        Random random = new Random(format.ordinal() + 1);
        String programId = UUID.randomUUID().toString();
        Program.GroupSize groupSize = format == ProgramFormat.GROUP ? new Program.GroupSize(4, 6) : null;
        Program program = new Program(programId, format + " program", new Program.Charter(List.of("Grow"), List.of(),
                "2 hours a month"), format, 12, new Program.Phases(
                        new Program.Phase(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 31)),
                        new Program.Phase(LocalDate.of(2027, 2, 1), LocalDate.of(2027, 11, 30)),
                        new Program.Phase(LocalDate.of(2027, 12, 1), LocalDate.of(2027, 12, 31))),
                MeetingCadence.MONTHLY, 30, groupSize, new Program.MatchingConfiguration(strategy, Map.of(),
                        List.of("not-in-manager-chain", "not-previously-dissolved")), List.of(), List.of(),
                ProgramStatus.ENROLLING);
        database.inTransaction(tx -> {
            List<PersonStore.Upsert> people = new ArrayList<>();
            List<Enrollment> enrollments = new ArrayList<>();
            for (int i = 0; i < mentors + mentees; i++) {
                boolean mentor = i < mentors;
                String id = (mentor ? "m" : "e") + i;
                int level = mentor ? mentorLevel : menteeLevel;
                levels.put(id, level);
                people.add(new PersonStore.Upsert(new Person(id, null, "Given", "Family " + i, null, null, "L" + level,
                        null, null, null, "Europe/Berlin", List.of("en"), null, null, PersonStatus.A, Map.of()),
                        LocalDate.of(2026, 11, 1)));
                Enrollment.Role role = format == ProgramFormat.PEER ? Enrollment.Role.BOTH
                        : mentor ? Enrollment.Role.MENTOR : Enrollment.Role.MENTEE;
                enrollments.add(new Enrollment(UUID.randomUUID().toString(), programId, id, role,
                        new Enrollment.Profile(pick(random), pick(random), List.of("lead a team"), null, null, null),
                        role.mentors() ? capacity : 0, List.of(), Enrollment.Status.ACTIVE));
            }
            new PersonStore().upsert(tx, people);
            new ProgramStore().insert(tx, program);
            EnrollmentStore store = new EnrollmentStore();
            for (Enrollment e : enrollments) {
                store.insert(tx, e);
            }
            return null;
        });
        return programId;
    }

    private static List<String> pick(Random random) {
        Set<String> chosen = new java.util.TreeSet<>();
        while (chosen.size() < 3) {
            chosen.add(SKILLS.get(random.nextInt(SKILLS.size())));
        }
        return List.copyOf(chosen);
    }

    private List<Pairing> run(String programId) throws Exception {
        MatchingRun run = matching.runs().start(programId, 5L, MatchingRun.Options.DEFAULT, "test");
        while (!run.status().finished()) {
            Thread.sleep(10);
            run = matching.runs().find(run.id()).orElseThrow();
        }
        assertEquals(MatchingRun.Status.SUCCEEDED, run.status(), String.valueOf(run.error()));
        MatchingRun done = run;
        PairingStore pairings = new PairingStore();
        return database.inTransaction(tx -> {
            List<Pairing> all = new ArrayList<>();
            for (String id : matching.runs().proposals(tx, done.id())) {
                all.add(pairings.get(tx, id).value());
            }
            return all;
        });
    }

    @Test
    void reverseProgramsPairJuniorMentorsWithSeniorMentees() throws Exception {
        String programId = program(ProgramFormat.REVERSE, "optimal", 6, 6, 2, 4, 1);
        List<Pairing> pairings = run(programId);
        assertEquals(6, pairings.size());
        for (Pairing pairing : pairings) {
            Pairing.FactorScore seniority = pairing.explanation().stream()
                    .filter(f -> f.factor().equals("seniority")).findFirst().orElseThrow();
            assertEquals(15 * 100, seniority.score(), "2 levels below is ideal in a REVERSE program: " + seniority);
            assertTrue(seniority.reason().toLowerCase().contains("reverse"), seniority.reason());
        }
        String oneToOne = program(ProgramFormat.ONE_TO_ONE, "optimal", 6, 6, 2, 4, 1);
        for (Pairing pairing : run(oneToOne)) {
            Pairing.FactorScore seniority = pairing.explanation().stream()
                    .filter(f -> f.factor().equals("seniority")).findFirst().orElseThrow();
            assertTrue(seniority.score() < 15 * 100, "a junior mentor is not ideal one-to-one: " + seniority);
        }
    }

    @Test
    void peerProgramsPairOnePoolAmongItself() throws Exception {
        String programId = program(ProgramFormat.PEER, "peer", 0, 11, 3, 3, 1);
        List<Pairing> pairings = run(programId);
        assertEquals(5, pairings.size(), "11 peers make 5 pairs");
        Set<String> seen = new HashSet<>();
        for (Pairing pairing : pairings) {
            assertTrue(seen.add(pairing.mentorId()));
            assertTrue(seen.add(pairing.menteeIds().get(0)), "each peer is in one pair");
            assertEquals(pairing.score(), pairing.explanation().stream().mapToInt(Pairing.FactorScore::score).sum());
            assertTrue(pairing.explanation().stream().anyMatch(f -> f.factor().startsWith("reverse ")),
                    "both directions are explained");
        }
    }

    @Test
    void groupProgramsGiveEachMentorABalancedGroup() throws Exception {
        String programId = program(ProgramFormat.GROUP, "group", 4, 17, 6, 2, 6);
        List<Pairing> groups = run(programId);
        assertFalse(groups.isEmpty());
        int placed = 0;
        for (Pairing group : groups) {
            int size = group.menteeIds().size();
            assertTrue(size >= 4 && size <= 6, "group of " + size);
            placed += size;
        }
        int smallest = groups.stream().mapToInt(g -> g.menteeIds().size()).min().orElseThrow();
        int largest = groups.stream().mapToInt(g -> g.menteeIds().size()).max().orElseThrow();
        assertTrue(largest - smallest <= 1, "balanced group sizes");
        assertEquals(17, placed, "17 mentees fit in groups of 4 to 6");
    }
}
