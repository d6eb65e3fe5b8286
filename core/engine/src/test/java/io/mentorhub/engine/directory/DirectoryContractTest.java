package io.mentorhub.engine.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.api.directory.Account;
import io.mentorhub.api.directory.DirectoryException;
import io.mentorhub.api.directory.DirectoryException.Kind;
import io.mentorhub.api.directory.DirectoryGroup;
import io.mentorhub.api.directory.DirectoryPerson;
import io.mentorhub.api.directory.GroupData;
import io.mentorhub.api.directory.GroupQuery;
import io.mentorhub.api.directory.PersonQuery;
import io.mentorhub.api.directory.PersonQuery.Condition;
import io.mentorhub.api.directory.PersonQuery.Field;
import io.mentorhub.api.directory.PersonQuery.Match;
import io.mentorhub.api.directory.ResultPage;
import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.PersonStatus;
import io.mentorhub.engine.store.AuditLog;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.PersonStore;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The people directory behind SCIM, on each supported database ({@link H2DirectoryTest}, {@link PostgresDirectoryIT})
 * with the same assertions: accounts beside HRIS people, uniqueness, optimistic versions, dated history, removal
 * without deletion, queries pushed down to SQL, groups.
 */
abstract class DirectoryContractTest {

    private Database database;
    private HubDirectory directory;
    private final PersonStore people = new PersonStore();

    protected abstract Database openDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        database = openDatabase();
        directory = new HubDirectory(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    static Person person(String id, String given, String family, String email, String employeeNumber,
            String manager, PersonStatus status) {
        return new Person(id, employeeNumber, given, family, email, "Engineer", "L3", "Engineering", "Platform",
                "Berlin", "Europe/Berlin", List.of("en"), manager, LocalDate.of(2021, 3, 1), status,
                Map.of("cost_center", "CC-7"));
    }

    static Person titled(Person p, String title) {
        return new Person(p.id(), p.employeeNumber(), p.givenName(), p.familyName(), p.workEmail(), title, p.grade(),
                p.department(), p.team(), p.location(), p.timeZone(), p.languages(), p.managerId(), p.hireDate(),
                p.status(), p.customAttributes());
    }

    static Person managedBy(Person p, String manager) {
        return new Person(p.id(), p.employeeNumber(), p.givenName(), p.familyName(), p.workEmail(), p.title(),
                p.grade(), p.department(), p.team(), p.location(), p.timeZone(), p.languages(), manager,
                p.hireDate(), p.status(), p.customAttributes());
    }

    private DirectoryPerson create(String userName, String given, String family, String email, String number) {
        return directory.create("scim", person(UUID.randomUUID().toString(), given, family, email, number, null,
                PersonStatus.A), new Account(userName, null, "ext-" + userName));
    }

    private void hrisPerson(Person person) throws Exception {
        database.inTransaction(tx -> people.upsert(tx, List.of(new PersonStore.Upsert(person, null))));
    }

    private Map<String, Long> counts() throws Exception {
        return database.inTransaction(tx -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : List.of("person", "person_history", "directory_account", "directory_group",
                    "directory_group_member", "outbox", "audit_log")) {
                counts.put(table, tx.count("SELECT COUNT(*) FROM " + table));
            }
            return counts;
        });
    }

    private List<AuditLog.Entry> audit() throws Exception {
        return database.inTransaction(tx -> AuditLog.list(tx, null, 100));
    }

    private LocalDate today() {
        return java.time.Instant.now().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    @Test
    void createdPeopleCarryTheirAccountVersionHistoryAndAudit() throws Exception {
        DirectoryPerson created = create("Ada.Lovelace@Example.com", "Ada", "Lovelace", "ada@example.com", "E-1");
        assertEquals("Ada.Lovelace@Example.com", created.userName(), "the login is kept as sent");
        assertEquals("Ada Lovelace", created.displayName());
        assertEquals("ext-Ada.Lovelace@Example.com", created.externalId());
        assertEquals(2, created.version(), "person version 1 + account version 1");
        assertEquals(created, directory.person(created.id()).orElseThrow());
        assertEquals(List.of("STATUS"), database.inTransaction(tx -> people.history(tx, created.id())).stream()
                .map(c -> c.field().name()).toList());
        AuditLog.Entry entry = audit().get(0);
        assertEquals("scim", entry.actor());
        assertEquals("person.created", entry.action());
        assertEquals(created.id(), entry.targetId());
        assertEquals(1L, (long) database.<Long>inTransaction(tx -> tx.count(
                "SELECT COUNT(*) FROM outbox WHERE topic = 'person.created' AND aggregate_id = ?", created.id())));
    }

    @Test
    void hrisPeopleAreKnownByTheirWorkEmailUntilADirectoryWriteGivesThemALogin() throws Exception {
        hrisPerson(person("E100", "Grace", "Hopper", "grace@example.com", "100", null, PersonStatus.A));
        hrisPerson(person("E101", "Alan", "Turing", null, "101", null, PersonStatus.A));
        DirectoryPerson grace = directory.person("E100").orElseThrow();
        assertEquals("grace@example.com", grace.userName());
        assertEquals(1, grace.version());
        assertNull(grace.externalId());
        assertEquals("E101", directory.person("E101").orElseThrow().userName(), "no e-mail: the id");
        assertEquals(List.of("E100"), ids(directory.people(query(new Condition(Field.USER_NAME, Match.EQUALS,
                "GRACE@example.COM")))));
        assertEquals(List.of("E101"), ids(directory.people(query(new Condition(Field.USER_NAME, Match.EQUALS,
                "e101")))));

        DirectoryPerson linked = directory.replace("scim", grace.person(), new Account("ghopper", "Amazing Grace",
                "okta-1"), grace.version());
        assertEquals("ghopper", linked.userName());
        assertEquals("Amazing Grace", linked.displayName());
        assertEquals(2, linked.version(), "the account row adds its version");
        assertEquals(List.of(), ids(directory.people(query(new Condition(Field.USER_NAME, Match.EQUALS,
                "grace@example.com")))), "the stored login replaces the e-mail");
        assertEquals(List.of("E100"), ids(directory.people(query(new Condition(Field.EXTERNAL_ID, Match.EQUALS,
                "okta-1")))));
    }

    @Test
    void takenLoginsEmailsAndEmployeeNumbersAreConflictsThatChangeNothing() throws Exception {
        hrisPerson(person("E200", "Grace", "Hopper", "grace@example.com", "200", null, PersonStatus.A));
        create("ada", "Ada", "Lovelace", "ada@example.com", "E-1");
        Map<String, Long> before = counts();
        record Case(String userName, String email, String number, String field) {
        }
        for (Case c : List.of(new Case("ADA", "new1@example.com", null, DirectoryException.USER_NAME),
                new Case("grace@example.com", "new2@example.com", null, DirectoryException.USER_NAME),
                new Case("new3", "ada@example.com", null, "work_email"),
                new Case("new4", "new4@example.com", "200", "employee_number"))) {
            DirectoryException e = assertThrows(DirectoryException.class, () -> create(c.userName(), "X", "Y",
                    c.email(), c.number()));
            assertEquals(Kind.CONFLICT, e.kind(), c.toString());
            assertEquals(c.field(), e.field(), c.toString());
            assertFalse(e.getMessage().contains("@"), "no personal values in messages: " + e.getMessage());
        }
        assertEquals(before, counts());
    }

    @Test
    void replacesCheckTheVersionAndKeepDatedHistory() throws Exception {
        DirectoryPerson ada = create("ada", "Ada", "Lovelace", "ada@example.com", "E-1");
        DirectoryException stale = assertThrows(DirectoryException.class, () -> directory.replace("scim",
                titled(ada.person(), "Analyst"), new Account("ada", null, null), ada.version() - 1));
        assertEquals(Kind.STALE_VERSION, stale.kind());
        DirectoryPerson promoted = directory.replace("scim", titled(ada.person(), "Principal Analyst"),
                new Account("ada", null, "ext-ada"), ada.version());
        assertEquals(ada.version() + 1, promoted.version());
        var title = database.inTransaction(tx -> people.history(tx, ada.id())).stream()
                .filter(c -> c.field() == Person.TrackedField.TITLE).findFirst().orElseThrow();
        assertEquals("Engineer", title.oldValue());
        assertEquals("Principal Analyst", title.newValue());
        assertEquals(today(), title.effectiveDate());
        AuditLog.Entry entry = audit().get(0);
        assertEquals("person.updated", entry.action());
        assertEquals(List.of("title"), entry.detail().get("fields"), "names only, no values");

        Map<String, Long> before = counts();
        DirectoryPerson same = directory.replace("scim", promoted.person(), new Account("ada", null, "ext-ada"),
                promoted.version());
        assertEquals(promoted, same, "an unchanged replace changes nothing");
        assertEquals(before, counts());
        assertEquals(Kind.NOT_FOUND, assertThrows(DirectoryException.class, () -> directory.replace("scim",
                person("nobody", "N", "O", null, null, null, PersonStatus.A), new Account("nobody", null, null),
                null)).kind());
    }

    @Test
    void managersMustBeInTheDirectoryWhenSetButHrisLinksAreLeftAlone() throws Exception {
        DirectoryPerson boss = create("boss", "Barbara", "Liskov", "barbara@example.com", null);
        DirectoryPerson ada = create("ada", "Ada", "Lovelace", "ada@example.com", null);
        DirectoryException unknown = assertThrows(DirectoryException.class, () -> directory.replace("scim",
                managedBy(ada.person(), "ghost"), new Account("ada", null, null), null));
        assertEquals(Kind.INVALID, unknown.kind());
        assertEquals("manager_id", unknown.field());
        assertEquals(boss.id(), directory.replace("scim", managedBy(ada.person(), boss.id()),
                new Account("ada", null, null), null).person().managerId());

        hrisPerson(person("E300", "Ken", "Thompson", "ken@example.com", null, "E-NOT-YET-SYNCED", PersonStatus.A));
        DirectoryPerson ken = directory.person("E300").orElseThrow();
        DirectoryPerson renamed = directory.replace("scim", titled(ken.person(), "Fellow"),
                new Account("ken", null, null), ken.version());
        assertEquals("E-NOT-YET-SYNCED", renamed.person().managerId(), "an unchanged HRIS link is not re-checked");
    }

    @Test
    void removalTerminatesHidesAndLeavesGroupsButNeverDeletes() throws Exception {
        DirectoryPerson ada = create("ada", "Ada", "Lovelace", "ada@example.com", "E-1");
        DirectoryGroup mentors = directory.createGroup("scim", new GroupData("Mentors", null, Set.of(ada.id())));
        directory.remove("scim", ada.id(), ada.version());
        assertTrue(directory.person(ada.id()).isEmpty());
        assertEquals(List.of(), ids(directory.people(PersonQuery.all(0, 100))));
        Person kept = database.inTransaction(tx -> people.get(tx, ada.id())).value();
        assertEquals(PersonStatus.T, kept.status(), "the person stays, terminated");
        var status = database.inTransaction(tx -> people.history(tx, ada.id())).stream()
                .filter(c -> c.field() == Person.TrackedField.STATUS).toList();
        assertEquals("T", status.get(status.size() - 1).newValue());
        assertEquals(today(), status.get(status.size() - 1).effectiveDate());
        DirectoryGroup after = directory.group(mentors.id(), true).orElseThrow();
        assertEquals(List.of(), after.members());
        assertEquals(mentors.version() + 1, after.version());
        assertEquals(Kind.NOT_FOUND, assertThrows(DirectoryException.class,
                () -> directory.remove("scim", ada.id(), null)).kind());
        assertEquals(Kind.NOT_FOUND, assertThrows(DirectoryException.class, () -> directory.replace("scim",
                ada.person(), new Account("ada", null, null), null)).kind());

        DirectoryException otherNumber = assertThrows(DirectoryException.class, () -> directory.create("scim",
                person(UUID.randomUUID().toString(), "Ada", "Byron", "ada.b@example.com", "E-2", null,
                        PersonStatus.A), new Account("ada", null, null)));
        assertEquals(Kind.CONFLICT, otherNumber.kind(), "another employee number: another human");

        DirectoryPerson rehired = directory.create("scim", person(UUID.randomUUID().toString(), "Ada", "Lovelace",
                "ada@example.com", "E-1", null, PersonStatus.A), new Account("ada", null, "okta-2"));
        assertEquals(ada.id(), rehired.id(), "a rehire under the same login is the same person");
        assertEquals(PersonStatus.A, rehired.person().status());
        assertEquals("okta-2", rehired.externalId());
        assertEquals("person.restored", audit().get(0).action());
    }

    @Test
    void removingAnHrisPersonKeepsTheLoginTheyWereKnownBy() throws Exception {
        hrisPerson(person("E400", "Grace", "Hopper", "grace@example.com", "400", null, PersonStatus.A));
        directory.remove("scim", "E400", null);
        assertTrue(directory.person("E400").isEmpty());
        assertEquals(Kind.CONFLICT, assertThrows(DirectoryException.class, () -> create("grace@example.com", "G",
                "H", "g2@example.com", "401")).kind());
        assertEquals("E400", directory.create("scim", person(UUID.randomUUID().toString(), "Grace", "Hopper",
                "grace@example.com", "400", null, PersonStatus.A), new Account("grace@example.com", null, null)).id());
    }

    @Test
    void queriesArePushedDownWithTheirCaseRulesPagesAndTotals() throws Exception {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            all.add(create("user" + i, "Given" + i, i % 2 == 0 ? "Even" : "Odd", "u" + i + "@example.com",
                    "N" + i).id());
        }
        DirectoryPerson special = create("50%_off", "Percent", "Under_Score", "pct@example.com", null);
        all.add(special.id());
        DirectoryPerson leaver = create("leaver", "Lea", "Ver", "lea@example.com", null);
        directory.replace("scim", new Person(leaver.id(), null, "Lea", "Ver", "lea@example.com", null, null, null,
                null, null, null, List.of(), null, null, PersonStatus.T, Map.of()), new Account("leaver", null, null),
                null);
        all.add(leaver.id());
        all.sort(null);

        assertEquals(13, directory.people(query(new Condition(Field.FAMILY_NAME, Match.EQUALS, "EVEN"))).total());
        assertEquals(11, directory.people(query(new Condition(Field.USER_NAME, Match.STARTS_WITH, "USER1"),
                new Condition(Field.ACTIVE, Match.EQUALS, "true"))).total(), "user1, user10-user19");
        assertEquals(List.of(special.id()), ids(directory.people(query(new Condition(Field.USER_NAME,
                Match.STARTS_WITH, "50%_")))));
        assertEquals(0, directory.people(query(new Condition(Field.USER_NAME, Match.STARTS_WITH, "5_"))).total(),
                "LIKE wildcards in values are escaped");
        assertEquals(List.of(leaver.id()), ids(directory.people(query(new Condition(Field.ACTIVE, Match.EQUALS,
                "false")))));
        assertEquals(1, directory.people(query(new Condition(Field.EMPLOYEE_NUMBER, Match.EQUALS, "n7"))).total());
        assertEquals(1, directory.people(query(new Condition(Field.WORK_EMAIL, Match.EQUALS, "U7@EXAMPLE.COM")))
                .total());
        assertEquals(0, directory.people(query(new Condition(Field.EXTERNAL_ID, Match.EQUALS, "EXT-USER7")))
                .total(), "external ids are compared exactly");
        assertEquals(1, directory.people(query(new Condition(Field.EXTERNAL_ID, Match.EQUALS, "ext-user7")))
                .total());
        assertEquals(1, directory.people(query(new Condition(Field.ID, Match.EQUALS, all.get(3)))).total());
        assertEquals(26, directory.people(query(new Condition(Field.DEPARTMENT, Match.STARTS_WITH, "engin")))
                .total());
        assertEquals(1, directory.people(query(new Condition(Field.GIVEN_NAME, Match.EQUALS, "given24"))).total());

        ResultPage<DirectoryPerson> page = directory.people(PersonQuery.all(10, 5));
        assertEquals(27, page.total());
        assertEquals(all.subList(10, 15), ids(page));
        ResultPage<DirectoryPerson> totalOnly = directory.people(PersonQuery.all(0, 0));
        assertEquals(27, totalOnly.total());
        assertEquals(List.of(), totalOnly.items());

        List<String> walked = new ArrayList<>();
        String after = null;
        do {
            ResultPage<DirectoryPerson> next = directory.people(new PersonQuery(List.of(), after, 0, 4, false));
            assertEquals(-1, next.total());
            walked.addAll(ids(next));
            after = next.nextAfter();
        } while (after != null);
        assertEquals(all, walked, "keyset pages miss nothing and repeat nothing");
    }

    @Test
    void groupsKeepMembersUniqueNamesAndVersions() throws Exception {
        DirectoryPerson ada = create("ada", "Ada", "Lovelace", "ada@example.com", null);
        DirectoryPerson alan = create("alan", "Alan", "Turing", "alan@example.com", null);
        DirectoryGroup mentors = directory.createGroup("scim", new GroupData("Mentors", "okta-g1", Set.of(ada.id())));
        assertEquals(1, mentors.version());
        assertEquals(List.of(new DirectoryGroup.Member(ada.id(), "Ada Lovelace")), mentors.members());
        assertEquals(List.of(new DirectoryPerson.GroupRef(mentors.id(), "Mentors")),
                directory.person(ada.id()).orElseThrow().groups());

        DirectoryException taken = assertThrows(DirectoryException.class, () -> directory.createGroup("scim",
                new GroupData("MENTORS", null, Set.of())));
        assertEquals(Kind.CONFLICT, taken.kind());
        assertEquals(DirectoryException.DISPLAY_NAME, taken.field());
        DirectoryException ghost = assertThrows(DirectoryException.class, () -> directory.createGroup("scim",
                new GroupData("Mentees", null, Set.of(ada.id(), "ghost"))));
        assertEquals(Kind.INVALID, ghost.kind());
        assertTrue(ghost.getMessage().contains("ghost"));

        DirectoryGroup added = directory.changeMembers("scim", mentors.id(), Set.of(alan.id(), ada.id()), Set.of(),
                mentors.version());
        assertEquals(2, added.version());
        assertEquals(2, directory.group(mentors.id(), true).orElseThrow().members().size());
        DirectoryGroup again = directory.changeMembers("scim", mentors.id(), Set.of(alan.id()), Set.of("nobody"),
                null);
        assertEquals(2, again.version(), "adding a member twice or removing a non-member changes nothing");
        assertEquals(Kind.STALE_VERSION, assertThrows(DirectoryException.class, () -> directory.changeMembers("scim",
                mentors.id(), Set.of(), Set.of(ada.id()), 1L)).kind());

        DirectoryGroup replaced = directory.replaceGroup("scim", mentors.id(), new GroupData("Senior mentors",
                "okta-g1", Set.of(alan.id())), 2L);
        assertEquals(3, replaced.version());
        assertEquals(List.of(alan.id()), replaced.members().stream().map(DirectoryGroup.Member::personId).toList());
        DirectoryGroup other = directory.createGroup("scim", new GroupData("Cohort 2027", null, Set.of()));

        assertEquals(List.of(replaced.id()), directory.groups(new GroupQuery(List.of(new GroupQuery.Condition(
                GroupQuery.Field.DISPLAY_NAME, Match.STARTS_WITH, "senior")), null, 0, 10, true, false)).items()
                .stream().map(DirectoryGroup::id).toList());
        assertEquals(1, directory.groups(new GroupQuery(List.of(new GroupQuery.Condition(GroupQuery.Field.MEMBER,
                Match.EQUALS, alan.id())), null, 0, 10, true, false)).total());
        assertEquals(0, directory.groups(new GroupQuery(List.of(new GroupQuery.Condition(GroupQuery.Field.ID,
                Match.EQUALS, "not-a-uuid")), null, 0, 10, true, false)).total());
        assertEquals(1, directory.groups(new GroupQuery(List.of(new GroupQuery.Condition(
                GroupQuery.Field.EXTERNAL_ID, Match.EQUALS, "okta-g1")), null, 0, 10, true, false)).total());
        ResultPage<DirectoryGroup> listed = directory.groups(new GroupQuery(List.of(), null, 0, 10, true, false));
        assertEquals(2, listed.total());
        assertTrue(listed.items().stream().noneMatch(DirectoryGroup::membersLoaded));

        directory.removeGroup("scim", other.id(), other.version());
        assertTrue(directory.group(other.id(), false).isEmpty());
        assertEquals(Kind.NOT_FOUND, assertThrows(DirectoryException.class,
                () -> directory.removeGroup("scim", other.id(), null)).kind());
        assertEquals(List.of("group.deleted", "group.created", "group.updated", "group.members", "group.created"),
                audit().stream().limit(5).map(AuditLog.Entry::action).toList());
    }

    @Test
    void concurrentWritesAtOneVersionLetExactlyOneWin() throws Exception {
        DirectoryPerson ada = create("ada", "Ada", "Lovelace", "ada@example.com", null);
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String title = "Title " + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        directory.replace("scim", titled(ada.person(), title), new Account("ada", null, null),
                                ada.version());
                        return "won";
                    } catch (DirectoryException e) {
                        return e.kind().name();
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> result : results) {
                outcomes.add(result.get());
            }
            assertEquals(1, outcomes.stream().filter("won"::equals).count(), outcomes.toString());
            assertEquals(new HashSet<>(List.of("won", "STALE_VERSION")), new HashSet<>(outcomes));
        } finally {
            pool.shutdownNow();
        }
    }

    private static PersonQuery query(Condition... conditions) {
        return new PersonQuery(List.of(conditions), null, 0, 100, true);
    }

    private static List<String> ids(ResultPage<DirectoryPerson> page) {
        return page.items().stream().map(DirectoryPerson::id).toList();
    }
}
