package io.mentorhub.engine.directory;

import io.mentorhub.api.connector.PersonFields;
import io.mentorhub.api.directory.Account;
import io.mentorhub.api.directory.DirectoryException;
import io.mentorhub.api.directory.DirectoryException.Kind;
import io.mentorhub.api.directory.DirectoryGroup;
import io.mentorhub.api.directory.DirectoryPerson;
import io.mentorhub.api.directory.GroupData;
import io.mentorhub.api.directory.GroupQuery;
import io.mentorhub.api.directory.PeopleDirectory;
import io.mentorhub.api.directory.PersonQuery;
import io.mentorhub.api.directory.ResultPage;
import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.PersonStatus;
import io.mentorhub.engine.store.AuditLog;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.DirectoryStore;
import io.mentorhub.engine.store.Outbox;
import io.mentorhub.engine.store.PersonStore;
import io.mentorhub.engine.store.Stored;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The hub's people directory: people from {@link PersonStore} with the accounts and groups of {@link DirectoryStore}.
 * Registered once the database is ready (SCIM answers 503 until then). A person's directory version is the sum of
 * the person row's and the account row's versions: each write bumps one of them, so the sum grows with every change
 * of either and identifies the state a client read.
 */
@Component(service = PeopleDirectory.class)
public final class HubDirectory implements PeopleDirectory {

    private final Database database;
    private final PersonStore people = new PersonStore();
    private final DirectoryStore store = new DirectoryStore(people);

    @Activate
    public HubDirectory(@Reference Database database) {
        this.database = database;
    }

    // ---- reads --------------------------------------------------------------------------------------------------

    @Override
    public Optional<DirectoryPerson> person(String id) {
        Objects.requireNonNull(id, "id");
        return run(tx -> {
            List<DirectoryPerson> found = read(tx, List.of(id));
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
    }

    @Override
    public ResultPage<DirectoryPerson> people(PersonQuery query) {
        return run(tx -> {
            long total = query.countTotal() ? store.countPeople(tx, query.conditions()) : -1;
            if (query.limit() == 0) {
                return new ResultPage<>(List.of(), total, null);
            }
            List<String> ids = store.personIds(tx, query.conditions(), query.after(), query.offset(),
                    query.limit() + 1);
            String next = null;
            if (ids.size() > query.limit()) {
                ids = ids.subList(0, query.limit());
                next = ids.get(ids.size() - 1);
            }
            return new ResultPage<>(read(tx, ids), total, next);
        });
    }

    /** The people with these ids who are in the directory, in the order given. */
    private List<DirectoryPerson> read(Tx tx, List<String> ids) throws SQLException {
        Map<String, Stored<Person>> found = store.people(tx, ids);
        Map<String, DirectoryStore.Account> accounts = store.accounts(tx, ids);
        Map<String, List<DirectoryPerson.GroupRef>> groups = store.groupsOf(tx, ids);
        List<DirectoryPerson> result = new ArrayList<>(ids.size());
        for (String id : ids) {
            Stored<Person> person = found.get(id);
            DirectoryStore.Account account = accounts.get(id);
            if (person != null && (account == null || !account.removed())) {
                result.add(entry(person, account, groups.getOrDefault(id, List.of())));
            }
        }
        return result;
    }

    private static DirectoryPerson entry(Stored<Person> stored, DirectoryStore.Account account,
            List<DirectoryPerson.GroupRef> groups) {
        Person person = stored.value();
        if (account == null) {
            return new DirectoryPerson(person, derivedUserName(person),
                    DirectoryStore.displayName(null, person.givenName(), person.familyName()), null, groups,
                    stored.version(), stored.createdAt(), stored.modifiedAt());
        }
        Instant modified = account.modifiedAt().isAfter(stored.modifiedAt()) ? account.modifiedAt()
                : stored.modifiedAt();
        return new DirectoryPerson(person, account.userName(),
                DirectoryStore.displayName(account.displayName(), person.givenName(), person.familyName()),
                account.externalId(), groups, stored.version() + account.version(), stored.createdAt(), modified);
    }

    /** Without an account a person is known by their work e-mail, else their id. */
    static String derivedUserName(Person person) {
        return person.workEmail() != null ? person.workEmail() : person.id();
    }

    @Override
    public Optional<DirectoryGroup> group(String id, boolean withMembers) {
        Objects.requireNonNull(id, "id");
        return run(tx -> {
            Optional<DirectoryStore.Group> group = store.group(tx, id, false);
            if (group.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(groups(tx, List.of(group.get()), withMembers).get(0));
        });
    }

    @Override
    public ResultPage<DirectoryGroup> groups(GroupQuery query) {
        return run(tx -> {
            long total = query.countTotal() ? store.countGroups(tx, query.conditions()) : -1;
            if (query.limit() == 0) {
                return new ResultPage<>(List.of(), total, null);
            }
            if (query.after() != null && !io.mentorhub.engine.store.EntityStore.isUuid(query.after())) {
                return new ResultPage<>(List.of(), total, null);
            }
            List<DirectoryStore.Group> rows = store.groups(tx, query.conditions(), query.after(), query.offset(),
                    query.limit() + 1);
            String next = null;
            if (rows.size() > query.limit()) {
                rows = rows.subList(0, query.limit());
                next = rows.get(rows.size() - 1).id();
            }
            return new ResultPage<>(groups(tx, rows, query.withMembers()), total, next);
        });
    }

    private List<DirectoryGroup> groups(Tx tx, List<DirectoryStore.Group> rows, boolean withMembers)
            throws SQLException {
        Map<String, List<DirectoryGroup.Member>> members = withMembers
                ? store.members(tx, rows.stream().map(DirectoryStore.Group::id).toList()) : Map.of();
        List<DirectoryGroup> result = new ArrayList<>(rows.size());
        for (DirectoryStore.Group row : rows) {
            result.add(new DirectoryGroup(row.id(), row.displayName(), row.externalId(),
                    members.getOrDefault(row.id(), List.of()), withMembers, row.version(), row.createdAt(),
                    row.modifiedAt()));
        }
        return result;
    }

    // ---- people writes ------------------------------------------------------------------------------------------

    @Override
    public DirectoryPerson create(String actor, Person person, Account account) {
        requireActor(actor);
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(account, "account");
        return run(tx -> {
            Optional<DirectoryStore.Account> holder = store.accountByUserName(tx, account.userName());
            if (holder.isPresent()) {
                if (!holder.get().removed()) {
                    throw conflict(DirectoryException.USER_NAME, "the user name is taken by another person");
                }
                return restore(tx, actor, holder.get().personId(), person, account);
            }
            if (people.exists(tx, person.id())) {
                throw new DirectoryException(Kind.CONFLICT, PersonFields.ID, "a person with this id exists");
            }
            requireUnique(tx, person, account);
            requireManager(tx, person, null);
            people.upsert(tx, List.of(new PersonStore.Upsert(person, today(tx))));
            store.insertAccount(tx, person.id(), account, null);
            AuditLog.record(tx, actor, "person.created", "person", person.id(), Map.of());
            return read(tx, List.of(person.id())).get(0);
        });
    }

    /** A rehire under a removed person's user name: the same person comes back, unless employee numbers differ. */
    private DirectoryPerson restore(Tx tx, String actor, String id, Person person, Account account)
            throws SQLException {
        Stored<Person> old = people.lock(tx, id);
        String before = old.value().employeeNumber();
        if (person.employeeNumber() != null && before != null && !before.equals(person.employeeNumber())) {
            throw conflict(DirectoryException.USER_NAME, "the user name belonged to a removed person with another "
                    + "employee number; an administrator must free it first");
        }
        Person restored = withIdAndStatus(person, id, person.status());
        requireUnique(tx, restored, account);
        requireManager(tx, restored, old.value().managerId());
        people.upsert(tx, List.of(new PersonStore.Upsert(restored, today(tx))));
        store.updateAccount(tx, id, account, null);
        AuditLog.record(tx, actor, "person.restored", "person", id,
                Map.of("fields", changedFields(old.value(), restored)));
        return read(tx, List.of(id)).get(0);
    }

    @Override
    public DirectoryPerson replace(String actor, Person person, Account account, Long expectedVersion) {
        requireActor(actor);
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(account, "account");
        return run(tx -> {
            String id = person.id();
            Stored<Person> current = lockPresent(tx, id);
            Optional<DirectoryStore.Account> stored = store.account(tx, id, true);
            requireVersion(current, stored.orElse(null), expectedVersion, id);
            requireUnique(tx, person, account);
            requireManager(tx, person, current.value().managerId());
            List<String> changed = changedFields(current.value(), person);
            if (!changed.isEmpty()) {
                people.upsert(tx, List.of(new PersonStore.Upsert(person, today(tx))));
            }
            if (stored.isEmpty()) {
                store.insertAccount(tx, id, account, null);
                changed.add("account");
            } else if (!sameAccount(stored.get(), account)) {
                store.updateAccount(tx, id, account, null);
                changed.add("account");
            }
            if (!changed.isEmpty()) {
                AuditLog.record(tx, actor, "person.updated", "person", id, Map.of("fields", changed));
            }
            return read(tx, List.of(id)).get(0);
        });
    }

    @Override
    public void remove(String actor, String id, Long expectedVersion) {
        requireActor(actor);
        Objects.requireNonNull(id, "id");
        run(tx -> {
            Stored<Person> current = lockPresent(tx, id);
            Optional<DirectoryStore.Account> stored = store.account(tx, id, true);
            requireVersion(current, stored.orElse(null), expectedVersion, id);
            Person person = current.value();
            if (person.status() != PersonStatus.T) {
                people.upsert(tx, List.of(new PersonStore.Upsert(withIdAndStatus(person, id, PersonStatus.T),
                        today(tx))));
            }
            if (stored.isPresent()) {
                DirectoryStore.Account account = stored.get();
                store.updateAccount(tx, id, new Account(account.userName(), account.displayName(),
                        account.externalId()), tx.now());
            } else {
                // Keeps the login the person was known by, so a rehire under it finds them again.
                String userName = derivedUserName(person);
                Optional<DirectoryStore.Account> taken = store.accountByUserName(tx, userName);
                store.insertAccount(tx, id, new Account(taken.isPresent() ? id : userName, null, null), tx.now());
            }
            List<String> groups = store.leaveAllGroups(tx, id);
            List<Outbox.Event> events = new ArrayList<>();
            for (String group : groups) {
                events.add(Outbox.Event.of("group.updated", "group", group,
                        store.group(tx, group, false).orElseThrow().version()));
            }
            Outbox.append(tx, events);
            AuditLog.record(tx, actor, "person.removed", "person", id, Map.of("groups_left", groups.size()));
            return null;
        });
    }

    private Stored<Person> lockPresent(Tx tx, String id) throws SQLException {
        Optional<Stored<Person>> found = people.find(tx, id);
        if (found.isEmpty()) {
            throw DirectoryException.notFound("person", id);
        }
        Stored<Person> locked = people.lock(tx, id);
        Optional<DirectoryStore.Account> account = store.account(tx, id, false);
        if (account.isPresent() && account.get().removed()) {
            throw DirectoryException.notFound("person", id);
        }
        return locked;
    }

    private static void requireVersion(Stored<Person> person, DirectoryStore.Account account, Long expected,
            String id) {
        long version = person.version() + (account == null ? 0 : account.version());
        if (expected != null && expected != version) {
            throw new DirectoryException(Kind.STALE_VERSION, null,
                    "person " + id + " is no longer at version " + expected + "; read it again and retry");
        }
    }

    private void requireUnique(Tx tx, Person person, Account account) throws SQLException {
        if (!store.userNameHolders(tx, account.userName(), person.id()).isEmpty()) {
            throw conflict(DirectoryException.USER_NAME, "the user name is taken by another person");
        }
        if (person.workEmail() != null && store.holderOf(tx, "work_email", person.workEmail(), person.id())
                .isPresent()) {
            throw conflict(PersonFields.WORK_EMAIL, "the work e-mail belongs to another person");
        }
        if (person.employeeNumber() != null && store.holderOf(tx, "employee_number", person.employeeNumber(),
                person.id()).isPresent()) {
            throw conflict(PersonFields.EMPLOYEE_NUMBER, "the employee number belongs to another person");
        }
    }

    /** A new or changed manager must be in the directory; a link the HRIS set earlier is left as it is. */
    private void requireManager(Tx tx, Person person, String before) throws SQLException {
        String manager = person.managerId();
        if (manager != null && !manager.equals(before) && store.present(tx, List.of(manager)).isEmpty()) {
            throw new DirectoryException(Kind.INVALID, PersonFields.MANAGER_ID,
                    "the manager " + manager + " is not in the directory");
        }
    }

    private static boolean sameAccount(DirectoryStore.Account stored, Account account) {
        return stored.userName().equals(account.userName())
                && Objects.equals(stored.displayName(), account.displayName())
                && Objects.equals(stored.externalId(), account.externalId());
    }

    /** The names of the person fields that differ (values are personal data: the audit log keeps names only). */
    static List<String> changedFields(Person before, Person after) {
        List<String> changed = new ArrayList<>();
        compare(changed, PersonFields.EMPLOYEE_NUMBER, before.employeeNumber(), after.employeeNumber());
        compare(changed, PersonFields.GIVEN_NAME, before.givenName(), after.givenName());
        compare(changed, PersonFields.FAMILY_NAME, before.familyName(), after.familyName());
        compare(changed, PersonFields.WORK_EMAIL, before.workEmail(), after.workEmail());
        compare(changed, PersonFields.TITLE, before.title(), after.title());
        compare(changed, PersonFields.GRADE, before.grade(), after.grade());
        compare(changed, PersonFields.DEPARTMENT, before.department(), after.department());
        compare(changed, PersonFields.TEAM, before.team(), after.team());
        compare(changed, PersonFields.LOCATION, before.location(), after.location());
        compare(changed, PersonFields.TIME_ZONE, before.timeZone(), after.timeZone());
        compare(changed, PersonFields.LANGUAGES, before.languages(), after.languages());
        compare(changed, PersonFields.MANAGER_ID, before.managerId(), after.managerId());
        compare(changed, PersonFields.HIRE_DATE, before.hireDate(), after.hireDate());
        compare(changed, PersonFields.STATUS, before.status(), after.status());
        compare(changed, "custom_attributes", before.customAttributes(), after.customAttributes());
        return changed;
    }

    private static void compare(List<String> changed, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(field);
        }
    }

    static Person withIdAndStatus(Person p, String id, PersonStatus status) {
        return new Person(id, p.employeeNumber(), p.givenName(), p.familyName(), p.workEmail(), p.title(), p.grade(),
                p.department(), p.team(), p.location(), p.timeZone(), p.languages(), p.managerId(), p.hireDate(),
                status, p.customAttributes());
    }

    // ---- group writes -------------------------------------------------------------------------------------------

    @Override
    public DirectoryGroup createGroup(String actor, GroupData group) {
        requireActor(actor);
        Objects.requireNonNull(group, "group");
        return run(tx -> {
            if (store.groupNamed(tx, group.displayName(), null).isPresent()) {
                throw conflict(DirectoryException.DISPLAY_NAME, "another group has this name");
            }
            requireMembers(tx, group.memberIds());
            String id = DirectoryStore.newGroupId();
            store.insertGroup(tx, id, group.displayName(), group.externalId());
            store.addMembers(tx, id, group.memberIds());
            Outbox.append(tx, Outbox.Event.of("group.created", "group", id, 1));
            AuditLog.record(tx, actor, "group.created", "group", id, Map.of("members", group.memberIds().size()));
            return groups(tx, List.of(store.group(tx, id, false).orElseThrow()), true).get(0);
        });
    }

    @Override
    public DirectoryGroup replaceGroup(String actor, String id, GroupData group, Long expectedVersion) {
        requireActor(actor);
        Objects.requireNonNull(group, "group");
        return run(tx -> {
            DirectoryStore.Group current = lockGroup(tx, id, expectedVersion);
            if (store.groupNamed(tx, group.displayName(), id).isPresent()) {
                throw conflict(DirectoryException.DISPLAY_NAME, "another group has this name");
            }
            Set<String> members = store.memberIds(tx, id);
            Set<String> add = new TreeSet<>(group.memberIds());
            add.removeAll(members);
            Set<String> remove = new TreeSet<>(members);
            remove.removeAll(group.memberIds());
            requireMembers(tx, add);
            boolean renamed = !current.displayName().equals(group.displayName())
                    || !Objects.equals(current.externalId(), group.externalId());
            if (renamed || !add.isEmpty() || !remove.isEmpty()) {
                store.addMembers(tx, id, add);
                store.removeMembers(tx, id, remove);
                store.updateGroup(tx, id, group.displayName(), group.externalId());
                Outbox.append(tx, Outbox.Event.of("group.updated", "group", id, current.version() + 1));
                AuditLog.record(tx, actor, "group.updated", "group", id,
                        Map.of("renamed", renamed, "added", add.size(), "removed", remove.size()));
            }
            return groups(tx, List.of(store.group(tx, id, false).orElseThrow()), true).get(0);
        });
    }

    @Override
    public DirectoryGroup changeMembers(String actor, String id, Set<String> add, Set<String> remove,
            Long expectedVersion) {
        requireActor(actor);
        return run(tx -> {
            DirectoryStore.Group current = lockGroup(tx, id, expectedVersion);
            Set<String> members = store.memberIds(tx, id);
            Set<String> adding = new TreeSet<>(add == null ? Set.of() : add);
            adding.removeAll(members);
            Set<String> removing = new TreeSet<>(remove == null ? Set.of() : remove);
            removing.retainAll(members);
            Set<String> both = new HashSet<>(adding);
            both.retainAll(removing);
            if (!both.isEmpty()) {
                throw new DirectoryException(Kind.INVALID, DirectoryException.MEMBERS,
                        "a person cannot be added and removed at once: " + both.iterator().next());
            }
            requireMembers(tx, adding);
            if (!adding.isEmpty() || !removing.isEmpty()) {
                store.addMembers(tx, id, adding);
                store.removeMembers(tx, id, removing);
                store.updateGroup(tx, id, current.displayName(), current.externalId());
                Outbox.append(tx, Outbox.Event.of("group.updated", "group", id, current.version() + 1));
                AuditLog.record(tx, actor, "group.members", "group", id,
                        Map.of("added", adding.size(), "removed", removing.size()));
            }
            return groups(tx, List.of(store.group(tx, id, false).orElseThrow()), false).get(0);
        });
    }

    @Override
    public void removeGroup(String actor, String id, Long expectedVersion) {
        requireActor(actor);
        run(tx -> {
            DirectoryStore.Group current = lockGroup(tx, id, expectedVersion);
            int members = store.memberIds(tx, id).size();
            store.deleteGroup(tx, id);
            Outbox.append(tx, Outbox.Event.of("group.deleted", "group", id, current.version() + 1));
            AuditLog.record(tx, actor, "group.deleted", "group", id,
                    Map.of("name", current.displayName(), "members", members));
            return null;
        });
    }

    private DirectoryStore.Group lockGroup(Tx tx, String id, Long expectedVersion) throws SQLException {
        Objects.requireNonNull(id, "id");
        DirectoryStore.Group group = store.group(tx, id, true)
                .orElseThrow(() -> DirectoryException.notFound("group", id));
        if (expectedVersion != null && expectedVersion != group.version()) {
            throw new DirectoryException(Kind.STALE_VERSION, null,
                    "group " + id + " is no longer at version " + expectedVersion + "; read it again and retry");
        }
        return group;
    }

    private void requireMembers(Tx tx, Set<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        Set<String> present = store.present(tx, ids);
        List<String> missing = ids.stream().filter(id -> !present.contains(id)).sorted().limit(5).toList();
        if (!missing.isEmpty()) {
            throw new DirectoryException(Kind.INVALID, DirectoryException.MEMBERS,
                    "members must be people in the directory; not found: " + String.join(", ", missing));
        }
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank() || actor.length() > 128) {
            throw new IllegalArgumentException("an actor of 1-128 characters is required");
        }
    }

    private static LocalDate today(Tx tx) {
        return tx.now().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static DirectoryException conflict(String field, String message) {
        return new DirectoryException(Kind.CONFLICT, field, message);
    }

    private <T> T run(Tx.Work<T> work) {
        try {
            return database.inTransaction(work);
        } catch (SQLException e) {
            SQLException unique = uniqueViolation(e);
            if (unique != null) {
                // Another write took the value between our check and our insert.
                throw conflict(uniqueField(unique), "a value that must be unique is taken");
            }
            // Drivers may quote the failing statement's values (personal data): state, code and stack are kept.
            IllegalStateException safe = new IllegalStateException("the hub's database failed: SQLState "
                    + e.getSQLState() + ", vendor code " + e.getErrorCode() + " (message withheld)");
            safe.setStackTrace(e.getStackTrace());
            throw safe;
        }
    }

    /** A unique-constraint violation (SQLState 23505 on both databases) in the chain, batches included. */
    private static SQLException uniqueViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (SQLException s = t instanceof SQLException sql ? sql : null; s != null; s = s.getNextException()) {
                if ("23505".equals(s.getSQLState())) {
                    return s;
                }
            }
        }
        return null;
    }

    private static String uniqueField(SQLException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        Map<String, String> constraints = new LinkedHashMap<>();
        constraints.put("person_work_email", PersonFields.WORK_EMAIL);
        constraints.put("person_employee_number", PersonFields.EMPLOYEE_NUMBER);
        constraints.put("directory_account_user_name", DirectoryException.USER_NAME);
        constraints.put("directory_group_name", DirectoryException.DISPLAY_NAME);
        return constraints.entrySet().stream().filter(c -> message.contains(c.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}
