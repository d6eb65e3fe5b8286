package io.mentorhub.engine.demo;

import io.mentorhub.api.domain.Enrollment;
import io.mentorhub.api.domain.Enrollment.Availability;
import io.mentorhub.api.domain.Enrollment.LearningStyle;
import io.mentorhub.api.domain.Enrollment.Profile;
import io.mentorhub.api.domain.Enrollment.SensitiveAttribute;
import io.mentorhub.api.domain.MeetingCadence;
import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.PersonStatus;
import io.mentorhub.api.domain.Program;
import io.mentorhub.api.domain.ProgramFormat;
import io.mentorhub.api.domain.ProgramStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Northwind Robotics, a fictional company of 500 people generated from a fixed seed: a management tree five levels
 * deep, grades, teams, time zones and languages, and a one-to-one mentoring program where about a third of the
 * staff enrolled with skills, development areas, career goals, learning styles and availability. Every name is
 * invented; the same seed always gives the same company.
 */
public final class FictionalCompany {

    public static final String NAME = "Northwind Robotics";
    public static final String PROGRAM = "Northwind mentoring 2027";
    static final int PEOPLE = 500;

    private static final String[] GIVEN = {"Ada", "Bruno", "Chiara", "Dmitri", "Elif", "Farah", "Gustav", "Hana",
        "Ines", "Jonas", "Kaito", "Lena", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sami", "Tuva",
        "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zofia", "Amara", "Bjorn", "Carmen", "Dario", "Esme", "Felix"};
    private static final String[] FAMILY = {"Abara", "Berglund", "Castellanos", "Dubois", "Eriksen", "Fontaine",
        "Gallo", "Haddad", "Ishikawa", "Jovanovic", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor",
        "Petrov", "Quaresma", "Rahman", "Silva", "Tanaka", "Uzun", "Varga", "Weiss", "Yilmaz", "Zeller", "Achebe"};
    private static final String[] DEPARTMENTS = {"Engineering", "Product", "Sales", "Operations", "Finance", "People"};
    private static final String[][] SKILLS = {
        {"java", "distributed systems", "code review", "system design", "testing", "cloud infrastructure"},
        {"product discovery", "roadmapping", "user research", "data analysis", "stakeholder management"},
        {"negotiation", "account planning", "public speaking", "forecasting", "customer success"},
        {"supply chain", "lean operations", "project management", "vendor management", "data analysis"},
        {"financial modelling", "budgeting", "forecasting", "risk management", "data analysis"},
        {"coaching", "hiring", "conflict resolution", "change management", "public speaking"}};
    private static final String[] LEADERSHIP = {"people management", "giving feedback", "strategic thinking",
        "executive presence", "delegation", "public speaking", "negotiation"};
    private static final String[] GOALS = {"become an engineering manager", "lead a product area",
        "move into people management", "grow into a principal engineer role", "build an international career",
        "lead cross-functional projects", "become a subject-matter expert in data", "start a team of my own",
        "improve executive communication", "prepare for a director role"};
    private static final String[] ZONES = {"Europe/Berlin", "Europe/London", "America/New_York", "America/Chicago",
        "Asia/Singapore"};
    private static final String[] SECOND_LANGUAGES = {"de", "fr", "es", "ja", "pt"};
    private static final String[] DAYS = {"MON", "TUE", "WED", "THU", "FRI"};

    private final List<Person> people = new ArrayList<>();
    private final List<Enrollment> enrollments = new ArrayList<>();
    private final Program program;

    public FictionalCompany(long seed, LocalDate today) {
        Random random = new Random(seed);
        // A tree: 1 CEO, 6 department heads, 24 directors, 96 managers, the rest individual contributors.
        int[] levelSizes = {1, 6, 24, 96, PEOPLE - 127};
        List<List<Person>> byLevel = new ArrayList<>();
        int n = 0;
        for (int level = 0; level < levelSizes.length; level++) {
            List<Person> current = new ArrayList<>();
            for (int k = 0; k < levelSizes[level]; k++) {
                n++;
                Person manager = level == 0 ? null : byLevel.get(level - 1).get(k % byLevel.get(level - 1).size());
                String department = level == 0 ? "Executive" : level == 1 ? DEPARTMENTS[k]
                        : manager.department();
                // Each manager leads a team; individual contributors join their manager's.
                String team = level == 3 ? department + " team " + (k + 1) : level == 4 ? manager.team() : null;
                int grade = switch (level) {
                    case 0 -> 10;
                    case 1 -> 9;
                    case 2 -> 8;
                    case 3 -> 6 + random.nextInt(2);
                    default -> 1 + random.nextInt(5);
                };
                String given = GIVEN[random.nextInt(GIVEN.length)];
                String family = FAMILY[random.nextInt(FAMILY.length)];
                String id = String.format("nw-%04d", n);
                String zone = ZONES[random.nextInt(ZONES.length)];
                List<String> languages = random.nextInt(3) == 0
                        ? List.of("en", SECOND_LANGUAGES[random.nextInt(SECOND_LANGUAGES.length)]) : List.of("en");
                Person person = new Person(id, String.format("E%05d", 10000 + n), given, family,
                        (given + "." + family + "." + n + "@northwind.example").toLowerCase(java.util.Locale.ROOT),
                        title(level, department), "L" + grade, department, team, zone.substring(zone.indexOf('/') + 1)
                                .replace('_', ' '), zone, languages, manager == null ? null : manager.id(),
                        today.minusDays(200 + random.nextInt(3000)), PersonStatus.A, Map.of());
                current.add(person);
                people.add(person);
            }
            byLevel.add(current);
        }

        LocalDate launch = today.plusDays(7);
        program = new Program(null, PROGRAM,
                new Program.Charter(List.of("Grow the next generation of leaders across departments",
                        "Spread expertise between teams and time zones"),
                        List.of("Every mentee sets two SMART goals in the first month",
                                "Pairs meet at least monthly"), "2 hours a month for 12 months"),
                ProgramFormat.ONE_TO_ONE, 12,
                new Program.Phases(new Program.Phase(launch, launch.plusMonths(1)),
                        new Program.Phase(launch.plusMonths(1), launch.plusMonths(11)),
                        new Program.Phase(launch.plusMonths(11), launch.plusMonths(12))),
                MeetingCadence.MONTHLY, 30, null,
                new Program.MatchingConfiguration("optimal", Map.of(),
                        List.of("not-in-manager-chain", "not-previously-dissolved", "required-language")),
                List.of(), List.of(), ProgramStatus.ENROLLING);

        // Senior people mentor, juniors are mentored; a few in the middle do both.
        for (Person person : people) {
            int grade = Integer.parseInt(person.grade().substring(1));
            int chance = random.nextInt(100);
            Enrollment.Role role;
            if (grade >= 6 && grade <= 9 && chance < 30) {
                role = Enrollment.Role.MENTOR;
            } else if (grade <= 3 && chance < 50) {
                role = Enrollment.Role.MENTEE;
            } else if ((grade == 4 || grade == 5) && chance < 40) {
                role = chance < 12 ? Enrollment.Role.BOTH : Enrollment.Role.MENTEE;
            } else {
                continue;
            }
            enrollments.add(new Enrollment(null, "00000000-0000-0000-0000-000000000000", person.id(), role,
                    profile(random, person, role), role.mentors() ? 1 + random.nextInt(3) : 0,
                    sensitive(random, role), Enrollment.Status.ACTIVE));
        }
    }

    private static String title(int level, String department) {
        return switch (level) {
            case 0 -> "Chief Executive Officer";
            case 1 -> "VP " + department;
            case 2 -> "Director, " + department;
            case 3 -> department + " Manager";
            default -> department + " Specialist";
        };
    }

    private static Profile profile(Random random, Person person, Enrollment.Role role) {
        int d = List.of(DEPARTMENTS).indexOf(person.department());
        String[] home = SKILLS[Math.max(0, d)];
        Set<String> offered = new LinkedHashSet<>();
        Set<String> wanted = new LinkedHashSet<>();
        if (role.mentors()) {
            while (offered.size() < 4) {
                offered.add(random.nextInt(3) == 0 ? LEADERSHIP[random.nextInt(LEADERSHIP.length)]
                        : home[random.nextInt(home.length)]);
            }
        }
        if (role.isMentored()) {
            while (wanted.size() < 3) {
                // Mostly leadership and neighbouring skills: what people seek outside their own team.
                String[] other = SKILLS[random.nextInt(SKILLS.length)];
                wanted.add(random.nextBoolean() ? LEADERSHIP[random.nextInt(LEADERSHIP.length)]
                        : other[random.nextInt(other.length)]);
            }
        }
        List<String> goals = List.of(GOALS[random.nextInt(GOALS.length)]);
        List<String> slots = new ArrayList<>();
        for (String day : DAYS) {
            if (random.nextInt(3) == 0) {
                slots.add(day + (random.nextBoolean() ? "_AM" : "_PM"));
            }
        }
        if (slots.isEmpty()) {
            slots.add("WED_PM");
        }
        List<String> preferred = person.languages().size() > 1 && random.nextInt(4) == 0
                ? List.of(person.languages().get(1)) : List.of();
        return new Profile(List.copyOf(offered), List.copyOf(wanted), goals,
                LearningStyle.values()[random.nextInt(LearningStyle.values().length)],
                new Availability(2 + random.nextInt(4), slots), preferred);
    }

    /** About a fifth share a (fictional) attribute for fairness reporting; nobody's is inferred. */
    private static List<SensitiveAttribute> sensitive(Random random, Enrollment.Role role) {
        if (random.nextInt(5) != 0) {
            return List.of();
        }
        String value = switch (random.nextInt(3)) {
            case 0 -> "first-generation professional";
            case 1 -> "returning from career break";
            default -> "early career";
        };
        return List.of(new SensitiveAttribute("background", value, "fairness-report",
                Instant.parse("2026-11-01T09:00:00Z")));
    }

    /** Stores the people, the program and its enrollments in one transaction; returns the program's id. */
    public String store(io.mentorhub.engine.store.Tx tx) throws java.sql.SQLException {
        String programId = java.util.UUID.randomUUID().toString();
        LocalDate today = LocalDate.now();
        new io.mentorhub.engine.store.PersonStore().upsert(tx, people.stream()
                .map(p -> new io.mentorhub.engine.store.PersonStore.Upsert(p, today)).toList());
        new io.mentorhub.engine.store.ProgramStore().insert(tx, program.withId(programId));
        io.mentorhub.engine.store.EnrollmentStore store = new io.mentorhub.engine.store.EnrollmentStore();
        for (Enrollment e : enrollments) {
            store.insert(tx, new Enrollment(java.util.UUID.randomUUID().toString(), programId, e.personId(), e.role(),
                    e.profile(), e.capacity(), e.sensitiveAttributes(), e.status()));
        }
        return programId;
    }

    public List<Person> people() {
        return people;
    }

    public Program program() {
        return program;
    }

    /** Enrollments with a placeholder program id; {@link #store} stores them under the program's id. */
    public List<Enrollment> enrollments() {
        return enrollments;
    }
}
