package io.mentorhub.engine.store;

import io.mentorhub.api.directory.DirectoryGroup;
import io.mentorhub.api.directory.DirectoryPerson;
import io.mentorhub.api.directory.GroupQuery;
import io.mentorhub.api.directory.PersonQuery;
import io.mentorhub.api.domain.Person;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The SQL behind the people directory: accounts (the login, display name and external id a pushing system keeps for
 * a person), groups and their members, and the directory's queries over people joined with their accounts. People
 * themselves are read and written through {@link PersonStore}.
 */
public final class DirectoryStore {

    /** A person's account; {@code removedAt} set once the person was taken out of the directory. */
    public record Account(String personId, String userName, String displayName, String externalId, Instant removedAt,
            long version, Instant createdAt, Instant modifiedAt) {

        public boolean removed() {
            return removedAt != null;
        }
    }

    public record Group(String id, String displayName, String externalId, long version, Instant createdAt,
            Instant modifiedAt) {
    }

    /** People in the directory: every person except those removed from it. */
    private static final String PEOPLE_FROM = " FROM person p WHERE NOT EXISTS (SELECT 1 FROM directory_account r"
            + " WHERE r.hris_id = p.hris_id AND r.removed_at IS NOT NULL)";
    private static final String NO_ACCOUNT = " AND NOT EXISTS (SELECT 1 FROM directory_account n"
            + " WHERE n.hris_id = x.hris_id)";

    private final PersonStore people;

    public DirectoryStore(PersonStore people) {
        this.people = people;
    }

    public static String key(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    // ---- people -------------------------------------------------------------------------------------------------

    /** Ids of the people in the directory matching every condition, in id order. */
    public List<String> personIds(Tx tx, List<PersonQuery.Condition> conditions, String after, int offset, int limit)
            throws SQLException {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT p.hris_id").append(PEOPLE_FROM)
                .append(personWhere(conditions, parameters));
        if (after != null) {
            sql.append(" AND p.hris_id > ?");
            parameters.add(after);
        }
        sql.append(" ORDER BY p.hris_id OFFSET ").append(offset).append(" ROWS FETCH FIRST ").append(limit)
                .append(" ROWS ONLY");
        return tx.query(sql.toString(), row -> row.getString(1), parameters.toArray());
    }

    public long countPeople(Tx tx, List<PersonQuery.Condition> conditions) throws SQLException {
        if (conditions.isEmpty()) {
            // Both counts are kept by the databases; the filtered count would visit every person.
            return tx.count("SELECT COUNT(*) FROM person")
                    - tx.count("SELECT COUNT(*) FROM directory_account WHERE removed_at IS NOT NULL");
        }
        List<Object> parameters = new ArrayList<>();
        return tx.count("SELECT COUNT(*)" + PEOPLE_FROM + personWhere(conditions, parameters), parameters.toArray());
    }

    /**
     * The conditions as SQL. The lookups identity providers make before every push (user name, external id, e-mail,
     * id) are written so that indexes answer them: a user name is the account's login or, for a person without an
     * account, their work e-mail or (without one) their id — three index lookups rather than a scan of everyone.
     */
    private static String personWhere(List<PersonQuery.Condition> conditions, List<Object> parameters) {
        StringBuilder where = new StringBuilder();
        for (PersonQuery.Condition condition : conditions) {
            String value = condition.field().caseExact() ? condition.value() : key(condition.value());
            boolean equals = condition.match() == PersonQuery.Match.EQUALS;
            switch (condition.field()) {
                case ID -> where.append(" AND p.hris_id").append(compare(condition.match(), value, parameters));
                case USER_NAME -> {
                    if (equals) {
                        where.append(" AND p.hris_id IN (SELECT a.hris_id FROM directory_account a WHERE"
                                + " a.user_name_key = ? UNION SELECT x.hris_id FROM person x WHERE x.work_email = ?"
                                + NO_ACCOUNT + " UNION SELECT x.hris_id FROM person x WHERE x.work_email IS NULL"
                                + " AND LOWER(x.hris_id) = ?" + NO_ACCOUNT + ")");
                        parameters.add(value);
                        parameters.add(value);
                        parameters.add(value);
                    } else {
                        where.append(" AND (p.hris_id IN (SELECT a.hris_id FROM directory_account a WHERE"
                                + " a.user_name_key").append(compare(condition.match(), value, parameters))
                                .append(") OR (NOT EXISTS (SELECT 1 FROM directory_account n WHERE n.hris_id ="
                                        + " p.hris_id) AND COALESCE(p.work_email, LOWER(p.hris_id))")
                                .append(compare(condition.match(), value, parameters)).append("))");
                    }
                }
                case EXTERNAL_ID -> where.append(" AND p.hris_id IN (SELECT a.hris_id FROM directory_account a WHERE"
                        + " a.external_id").append(compare(condition.match(), value, parameters)).append(")");
                case WORK_EMAIL -> where.append(" AND p.work_email").append(compare(condition.match(), value,
                        parameters));
                case EMPLOYEE_NUMBER -> where.append(" AND LOWER(p.employee_number)")
                        .append(compare(condition.match(), value, parameters));
                case GIVEN_NAME -> where.append(" AND LOWER(p.given_name)").append(compare(condition.match(), value,
                        parameters));
                case FAMILY_NAME -> where.append(" AND LOWER(p.family_name)").append(compare(condition.match(), value,
                        parameters));
                case DEPARTMENT -> where.append(" AND LOWER(p.department)").append(compare(condition.match(), value,
                        parameters));
                case ACTIVE -> where.append(value.equals("true") ? " AND p.status <> 'T'" : " AND p.status = 'T'");
            }
        }
        return where.toString();
    }

    private static String compare(PersonQuery.Match match, String operand, List<Object> parameters) {
        if (match == PersonQuery.Match.EQUALS) {
            parameters.add(operand);
            return " = ?";
        }
        parameters.add(operand.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        return " LIKE ? ESCAPE '\\'";
    }

    /** The people with these ids, by id (ids without a person are left out). */
    public Map<String, Stored<Person>> people(Tx tx, Collection<String> ids) throws SQLException {
        Map<String, Stored<Person>> found = new LinkedHashMap<>();
        for (List<String> chunk : chunks(ids)) {
            for (Stored<Person> person : tx.query("SELECT * FROM person WHERE hris_id IN (" + marks(chunk) + ")",
                    row -> people.stored(tx, row), chunk.toArray())) {
                found.put(person.value().id(), person);
            }
        }
        return found;
    }

    /** Of these ids, those of people in the directory (existing and not removed). */
    public Set<String> present(Tx tx, Collection<String> ids) throws SQLException {
        Set<String> found = new HashSet<>();
        for (List<String> chunk : chunks(ids)) {
            found.addAll(tx.query("SELECT p.hris_id" + PEOPLE_FROM + " AND p.hris_id IN (" + marks(chunk) + ")",
                    row -> row.getString(1), chunk.toArray()));
        }
        return found;
    }

    /**
     * Whoever other than {@code personId} is known by this user name: an account holding it (removed or not), or
     * a person without an account whose work e-mail (else id) it is.
     */
    public List<String> userNameHolders(Tx tx, String userName, String personId) throws SQLException {
        String key = key(userName);
        return tx.query("SELECT a.hris_id FROM directory_account a WHERE a.user_name_key = ? AND a.hris_id <> ?"
                + " UNION SELECT p.hris_id FROM person p WHERE p.work_email = ? AND p.hris_id <> ?"
                + " AND NOT EXISTS (SELECT 1 FROM directory_account x WHERE x.hris_id = p.hris_id)"
                + " UNION SELECT p.hris_id FROM person p WHERE p.work_email IS NULL AND LOWER(p.hris_id) = ?"
                + " AND p.hris_id <> ? AND NOT EXISTS (SELECT 1 FROM directory_account x WHERE x.hris_id = p.hris_id)",
                row -> row.getString(1), key, personId, key, personId, key, personId);
    }

    /** Another person with this work e-mail or employee number; the column is named in the result. */
    public Optional<String> holderOf(Tx tx, String column, String value, String personId) throws SQLException {
        if (!column.equals("work_email") && !column.equals("employee_number")) {
            throw new IllegalArgumentException(column);
        }
        return tx.one("SELECT hris_id FROM person WHERE " + column + " = ? AND hris_id <> ?", row -> row.getString(1),
                value, personId);
    }

    // ---- accounts -----------------------------------------------------------------------------------------------

    public Optional<Account> account(Tx tx, String personId, boolean lock) throws SQLException {
        return tx.one("SELECT * FROM directory_account WHERE hris_id = ?" + (lock ? " FOR UPDATE" : ""),
                DirectoryStore::account, personId);
    }

    public Optional<Account> accountByUserName(Tx tx, String userName) throws SQLException {
        return tx.one("SELECT * FROM directory_account WHERE user_name_key = ?", DirectoryStore::account,
                key(userName));
    }

    public Map<String, Account> accounts(Tx tx, Collection<String> personIds) throws SQLException {
        Map<String, Account> found = new LinkedHashMap<>();
        for (List<String> chunk : chunks(personIds)) {
            for (Account account : tx.query("SELECT * FROM directory_account WHERE hris_id IN (" + marks(chunk) + ")",
                    DirectoryStore::account, chunk.toArray())) {
                found.put(account.personId(), account);
            }
        }
        return found;
    }

    public void insertAccount(Tx tx, String personId, io.mentorhub.api.directory.Account account, Instant removedAt)
            throws SQLException {
        tx.update("INSERT INTO directory_account (hris_id, user_name, user_name_key, display_name, external_id, "
                + "removed_at, version, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)", personId,
                account.userName(), key(account.userName()), account.displayName(), account.externalId(), removedAt,
                tx.now(), tx.now());
    }

    public void updateAccount(Tx tx, String personId, io.mentorhub.api.directory.Account account, Instant removedAt)
            throws SQLException {
        tx.update("UPDATE directory_account SET user_name = ?, user_name_key = ?, display_name = ?, external_id = ?, "
                + "removed_at = ?, version = version + 1, modified_at = ? WHERE hris_id = ?", account.userName(),
                key(account.userName()), account.displayName(), account.externalId(), removedAt, tx.now(), personId);
    }

    private static Account account(ResultSet row) throws SQLException {
        return new Account(row.getString("hris_id"), row.getString("user_name"), row.getString("display_name"),
                row.getString("external_id"), Tx.instant(row, "removed_at"), row.getLong("version"),
                Tx.instant(row, "created_at"), Tx.instant(row, "modified_at"));
    }

    /** The groups of each of these people, by person id, in name order. */
    public Map<String, List<DirectoryPerson.GroupRef>> groupsOf(Tx tx, Collection<String> personIds)
            throws SQLException {
        Map<String, List<DirectoryPerson.GroupRef>> groups = new LinkedHashMap<>();
        for (List<String> chunk : chunks(personIds)) {
            tx.query("SELECT m.hris_id, g.id, g.display_name FROM directory_group_member m JOIN directory_group g"
                    + " ON g.id = m.group_id WHERE m.hris_id IN (" + marks(chunk) + ") ORDER BY g.display_name_key",
                    row -> groups.computeIfAbsent(row.getString(1), k -> new ArrayList<>())
                            .add(new DirectoryPerson.GroupRef(Tx.uuid(row, "id"), row.getString(3))),
                    chunk.toArray());
        }
        return groups;
    }

    /** Takes a person out of every group; returns the groups they were in. */
    public List<String> leaveAllGroups(Tx tx, String personId) throws SQLException {
        List<String> groups = tx.query("SELECT group_id FROM directory_group_member WHERE hris_id = ?",
                row -> Tx.uuid(row, "group_id"), personId);
        for (String group : groups) {
            tx.update("UPDATE directory_group SET version = version + 1, modified_at = ? WHERE id = ?", tx.now(),
                    Tx.uuid(group));
        }
        tx.update("DELETE FROM directory_group_member WHERE hris_id = ?", personId);
        return groups;
    }

    // ---- groups -------------------------------------------------------------------------------------------------

    public Optional<Group> group(Tx tx, String id, boolean lock) throws SQLException {
        if (!EntityStore.isUuid(id)) {
            return Optional.empty();
        }
        return tx.one("SELECT * FROM directory_group WHERE id = ?" + (lock ? " FOR UPDATE" : ""),
                DirectoryStore::group, Tx.uuid(id));
    }

    /** Another group with this name (ignoring case). */
    public Optional<String> groupNamed(Tx tx, String displayName, String exceptId) throws SQLException {
        return tx.one("SELECT id FROM directory_group WHERE display_name_key = ?", row -> Tx.uuid(row, "id"),
                key(displayName)).filter(id -> !id.equals(exceptId));
    }

    public List<Group> groups(Tx tx, List<GroupQuery.Condition> conditions, String after, int offset, int limit)
            throws SQLException {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT * FROM directory_group g WHERE 1 = 1")
                .append(groupWhere(conditions, parameters));
        if (after != null) {
            if (!EntityStore.isUuid(after)) {
                throw new IllegalArgumentException("not a group id: " + after);
            }
            sql.append(" AND g.id > ?");
            parameters.add(Tx.uuid(after));
        }
        sql.append(" ORDER BY g.id OFFSET ").append(offset).append(" ROWS FETCH FIRST ").append(limit)
                .append(" ROWS ONLY");
        return tx.query(sql.toString(), DirectoryStore::group, parameters.toArray());
    }

    public long countGroups(Tx tx, List<GroupQuery.Condition> conditions) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        return tx.count("SELECT COUNT(*) FROM directory_group g WHERE 1 = 1" + groupWhere(conditions, parameters),
                parameters.toArray());
    }

    private static String groupWhere(List<GroupQuery.Condition> conditions, List<Object> parameters) {
        StringBuilder where = new StringBuilder();
        for (GroupQuery.Condition condition : conditions) {
            String value = condition.value();
            switch (condition.field()) {
                case ID -> {
                    if (condition.match() == PersonQuery.Match.EQUALS) {
                        if (EntityStore.isUuid(value)) {
                            where.append(" AND g.id = ?");
                            parameters.add(Tx.uuid(value));
                        } else {
                            where.append(" AND 1 = 0");
                        }
                    } else {
                        where.append(" AND CAST(g.id AS VARCHAR(36))").append(compare(condition.match(), value,
                                parameters));
                    }
                }
                case DISPLAY_NAME -> where.append(" AND g.display_name_key")
                        .append(compare(condition.match(), key(value), parameters));
                case EXTERNAL_ID -> where.append(" AND g.external_id").append(compare(condition.match(), value,
                        parameters));
                case MEMBER -> {
                    where.append(" AND EXISTS (SELECT 1 FROM directory_group_member m WHERE m.group_id = g.id"
                            + " AND m.hris_id = ?)");
                    parameters.add(value);
                }
            }
        }
        return where.toString();
    }

    public void insertGroup(Tx tx, String id, String displayName, String externalId) throws SQLException {
        tx.update("INSERT INTO directory_group (id, display_name, display_name_key, external_id, version, created_at,"
                + " modified_at) VALUES (?, ?, ?, ?, 1, ?, ?)", Tx.uuid(id), displayName, key(displayName),
                externalId, tx.now(), tx.now());
    }

    public void updateGroup(Tx tx, String id, String displayName, String externalId) throws SQLException {
        tx.update("UPDATE directory_group SET display_name = ?, display_name_key = ?, external_id = ?, "
                + "version = version + 1, modified_at = ? WHERE id = ?", displayName, key(displayName), externalId,
                tx.now(), Tx.uuid(id));
    }

    public void deleteGroup(Tx tx, String id) throws SQLException {
        tx.update("DELETE FROM directory_group_member WHERE group_id = ?", Tx.uuid(id));
        tx.update("DELETE FROM directory_group WHERE id = ?", Tx.uuid(id));
    }

    /** Member ids of one group. */
    public Set<String> memberIds(Tx tx, String groupId) throws SQLException {
        return new HashSet<>(tx.query("SELECT hris_id FROM directory_group_member WHERE group_id = ?",
                row -> row.getString(1), Tx.uuid(groupId)));
    }

    public void addMembers(Tx tx, String groupId, Collection<String> personIds) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (String personId : personIds) {
            rows.add(new Object[] {Tx.uuid(groupId), personId});
        }
        tx.batch("INSERT INTO directory_group_member (group_id, hris_id) VALUES (?, ?)", rows);
    }

    public void removeMembers(Tx tx, String groupId, Collection<String> personIds) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (String personId : personIds) {
            rows.add(new Object[] {Tx.uuid(groupId), personId});
        }
        tx.batch("DELETE FROM directory_group_member WHERE group_id = ? AND hris_id = ?", rows);
    }

    /** The members of these groups with their display names, by group id, in person id order. */
    public Map<String, List<DirectoryGroup.Member>> members(Tx tx, Collection<String> groupIds) throws SQLException {
        Map<String, List<DirectoryGroup.Member>> members = new LinkedHashMap<>();
        for (List<String> chunk : chunks(groupIds)) {
            tx.query("SELECT m.group_id, m.hris_id, p.given_name, p.family_name, a.display_name"
                    + " FROM directory_group_member m JOIN person p ON p.hris_id = m.hris_id"
                    + " LEFT JOIN directory_account a ON a.hris_id = m.hris_id"
                    + " WHERE m.group_id IN (" + marks(chunk) + ") ORDER BY m.group_id, m.hris_id",
                    row -> members.computeIfAbsent(Tx.uuid(row, "group_id"), k -> new ArrayList<>())
                            .add(new DirectoryGroup.Member(row.getString("hris_id"), displayName(
                                    row.getString("display_name"), row.getString("given_name"),
                                    row.getString("family_name")))),
                    chunk.stream().map(Tx::uuid).toArray());
        }
        return members;
    }

    /** The stored display name, else "given family". */
    public static String displayName(String stored, String givenName, String familyName) {
        return stored != null ? stored : givenName + " " + familyName;
    }

    private static Group group(ResultSet row) throws SQLException {
        return new Group(Tx.uuid(row, "id"), row.getString("display_name"), row.getString("external_id"),
                row.getLong("version"), Tx.instant(row, "created_at"), Tx.instant(row, "modified_at"));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(ids));
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += 500) {
            chunks.add(all.subList(from, Math.min(all.size(), from + 500)));
        }
        return chunks;
    }

    private static String marks(List<String> chunk) {
        StringJoiner marks = new StringJoiner(", ");
        chunk.forEach(id -> marks.add("?"));
        return marks.toString();
    }

    /** A fresh group id. */
    public static String newGroupId() {
        return UUID.randomUUID().toString();
    }
}
