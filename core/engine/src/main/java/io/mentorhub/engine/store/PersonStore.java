package io.mentorhub.engine.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.Person.Change;
import io.mentorhub.api.domain.Person.TrackedField;
import io.mentorhub.api.domain.PersonStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * People from the HRIS, upserted in bulk by HRIS id. Nobody is ever deleted: a change to a tracked field (title,
 * grade, department, manager, status) is kept as dated history, and so is a new person's first status.
 */
public final class PersonStore extends EntityStore<Person> {

    /** Most people one outbox entry announces. */
    static final int ANNOUNCED_TOGETHER = 1000;

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };

    /** A person as sent by an integration, and the date its changes take effect (today when absent). */
    public record Upsert(Person person, LocalDate effectiveDate) {
    }

    /** What a bulk upsert did. */
    public record Result(int created, int updated, int unchanged) {
    }

    public PersonStore() {
        super("person", "person", "hris_id", false, "employee_number", "given_name", "family_name", "work_email",
                "title", "grade", "department", "team", "location", "time_zone", "languages", "manager_id",
                "hire_date", "status", "custom_attributes");
    }

    @Override
    protected Object[] values(Person p) {
        return new Object[] {p.employeeNumber(), p.givenName(), p.familyName(), p.workEmail(), p.title(), p.grade(),
                p.department(), p.team(), p.location(), p.timeZone(), json(p.languages()), p.managerId(),
                p.hireDate(), p.status(), json(p.customAttributes())};
    }

    @Override
    protected Person map(Tx tx, ResultSet row, String id) throws SQLException {
        return new Person(id, row.getString("employee_number"), row.getString("given_name"),
                row.getString("family_name"), row.getString("work_email"), row.getString("title"),
                row.getString("grade"), row.getString("department"), row.getString("team"),
                row.getString("location"), row.getString("time_zone"), json(row.getString("languages"), STRINGS),
                row.getString("manager_id"), Tx.date(row, "hire_date"), PersonStatus.valueOf(row.getString("status")),
                json(row.getString("custom_attributes"), ATTRIBUTES));
    }

    @Override
    protected String idOf(Person value) {
        return value.id();
    }

    /**
     * Creates or updates each person by HRIS id in this transaction; unchanged people are left alone (their version
     * and modified_at stay, so incremental readers do not see them again). Announces each change in the outbox (people
     * changed together in one entry: {@link #announcements}).
     */
    public Result upsert(Tx tx, List<Upsert> batch) throws SQLException {
        Set<String> ids = new HashSet<>();
        for (Upsert upsert : batch) {
            if (!ids.add(upsert.person().id())) {
                throw new StoreException(StoreException.Kind.CONFLICT, "duplicate-id",
                        "person " + upsert.person().id() + " appears twice in one request");
            }
        }
        return upsert(tx, batch, load(tx, ids));
    }

    /**
     * As {@link #upsert(Tx, List)}, for a caller that has already read the people of the batch ({@link #load}) in this
     * transaction, e.g. to merge the new values with the stored ones; ids must be distinct.
     */
    public Result upsert(Tx tx, List<Upsert> batch, Map<String, Stored<Person>> existing) throws SQLException {
        LocalDate today = tx.now().atOffset(ZoneOffset.UTC).toLocalDate();
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> history = new ArrayList<>();
        List<String[]> created = new ArrayList<>();
        List<String[]> changed = new ArrayList<>();
        int unchanged = 0;
        for (Upsert upsert : batch) {
            Person person = upsert.person();
            LocalDate effective = upsert.effectiveDate() != null ? upsert.effectiveDate() : today;
            Stored<Person> before = existing.get(person.id());
            if (before == null) {
                inserts.add(insertRow(tx, person));
                LocalDate since = person.hireDate() != null && person.status() == PersonStatus.A
                        ? person.hireDate() : effective;
                history.add(historyRow(new Change(person.id(), TrackedField.STATUS, null, person.status().name(), since), tx));
                created.add(new String[] {person.id(), "1"});
            } else if (before.value().equals(person)) {
                unchanged++;
            } else {
                updates.add(updateRow(tx, person));
                for (Change change : changes(before.value(), person, effective)) {
                    history.add(historyRow(change, tx));
                }
                changed.add(new String[] {person.id(), String.valueOf(before.version() + 1)});
            }
        }
        tx.batch(insertSql(), inserts);
        tx.batch(updateSql(), updates);
        tx.batch("INSERT INTO person_history (hris_id, field, old_value, new_value, effective_date, recorded_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", history);
        List<Outbox.Event> events = announcements("person.created", created);
        events.addAll(announcements("person.updated", changed));
        Outbox.append(tx, events);
        if (tx.postgres() && inserts.size() >= 1000) {
            // Without fresh statistics PostgreSQL plans the id lookups of the next batch as full scans of a table
            // it still believes small; a bulk load would slow down quadratically. ANALYZE samples, so it is cheap.
            tx.update("ANALYZE person");
        }
        return new Result(inserts.size(), updates.size(), unchanged);
    }

    /**
     * The outbox entries announcing people created or updated by one upsert: a single person as any entity
     * ({@code {"type", "id", "version"}}); several together, in entries of up to {@value #ANNOUNCED_TOGETHER} —
     * {@code {"type", "people": [{"id", "version"}, ...]}}, the first person's id as the aggregate id and
     * {@code topic:id:version+more} as the idempotency key (a person's version is announced once, so the key is
     * unique). A bulk sync thus writes one entry per page instead of one per person: each entry is a row and four
     * index entries, as costly to write as the person itself.
     */
    static List<Outbox.Event> announcements(String topic, List<String[]> people) {
        List<Outbox.Event> events = new ArrayList<>();
        if (people.size() == 1) {
            events.add(Outbox.Event.of(topic, "person", people.get(0)[0], Long.parseLong(people.get(0)[1])));
            return events;
        }
        for (int from = 0; from < people.size(); from += ANNOUNCED_TOGETHER) {
            List<String[]> chunk = people.subList(from, Math.min(people.size(), from + ANNOUNCED_TOGETHER));
            List<Map<String, Object>> listed = new ArrayList<>(chunk.size());
            for (String[] person : chunk) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", person[0]);
                entry.put("version", Long.parseLong(person[1]));
                listed.add(entry);
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("type", topic);
            payload.put("people", listed);
            String[] first = chunk.get(0);
            events.add(new Outbox.Event(topic, "person", first[0], topic + ":" + first[0] + ":" + first[1] + "+"
                    + (chunk.size() - 1), payload));
        }
        return events;
    }

    /** The tracked fields that differ between two versions of a person. */
    static List<Change> changes(Person before, Person after, LocalDate effective) {
        List<Change> changes = new ArrayList<>();
        for (TrackedField field : TrackedField.values()) {
            String old = field.valueOf(before);
            String now = field.valueOf(after);
            if (!Objects.equals(old, now)) {
                changes.add(new Change(after.id(), field, old, now, effective));
            }
        }
        return changes;
    }

    private static Object[] historyRow(Change change, Tx tx) {
        return new Object[] {change.personId(), change.field().name(), change.oldValue(), change.newValue(),
                change.effectiveDate(), tx.now()};
    }

    /** The stored people with these ids, by id (read in chunks of 500). */
    public Map<String, Stored<Person>> load(Tx tx, java.util.Collection<String> ids) throws SQLException {
        Map<String, Stored<Person>> found = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            StringJoiner marks = new StringJoiner(", ");
            chunk.forEach(id -> marks.add("?"));
            for (Stored<Person> person : tx.query("SELECT * FROM person WHERE hris_id IN (" + marks + ")",
                    row -> stored(tx, row), chunk.toArray())) {
                found.put(person.value().id(), person);
            }
        }
        return found;
    }

    /** A person's dated history, oldest first. */
    public List<Change> history(Tx tx, String personId) throws SQLException {
        return tx.query("SELECT * FROM person_history WHERE hris_id = ? ORDER BY effective_date, id",
                row -> new Change(row.getString("hris_id"), TrackedField.valueOf(row.getString("field")),
                        row.getString("old_value"), row.getString("new_value"), Tx.date(row, "effective_date")),
                personId);
    }

    public boolean exists(Tx tx, String personId) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM person WHERE hris_id = ?", personId) > 0;
    }
}
