package io.mentorhub.engine.sync;

import io.mentorhub.api.connector.PersonFields;
import io.mentorhub.api.connector.PersonRecord;
import io.mentorhub.api.connector.RejectedRecord;
import io.mentorhub.api.domain.Person;
import io.mentorhub.engine.store.PersonStore;
import io.mentorhub.engine.store.Stored;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Applies one page in one transaction — the people (batched upsert by HRIS id, with dated history), the dead letters,
 * the waiting manager links and the run's checkpoint, all or nothing — after checking the fencing token. A dry run
 * computes the same outcome and writes the field-by-field changes instead. Reads are batched per page: the stored
 * people, the managers they name and the holders of their e-mail addresses and employee numbers, one query each.
 */
final class PageApplier {

    /** A changed value of a custom attribute is shown without its value: custom attributes may be sensitive. */
    static final String HIDDEN = "(hidden)";
    /** Most changes a dry run records, field by field; its counts cover everything. */
    static final int MAX_CHANGES = 10_000;

    private final PersonStore people = new PersonStore();
    private final DeadLetterStore deadLetters;
    private final ManagerLinks links;

    PageApplier(DeadLetterStore deadLetters, ManagerLinks links) {
        this.deadLetters = deadLetters;
        this.links = links;
    }

    /** What a page would do, worked out without writing. */
    static final class Plan {
        final Map<String, Stored<Person>> stored;
        final List<PersonStore.Upsert> upserts = new ArrayList<>();
        /** Upserted after the others: they take a value someone else on the page gives up. */
        final List<PersonStore.Upsert> later = new ArrayList<>();
        final Set<String> deferred = new HashSet<>();
        final Map<String, RecordMapping.Apply> applies = new LinkedHashMap<>();
        final List<DeadLetterStore.New> rejected = new ArrayList<>();
        final Map<String, String> rejectedAgain = new LinkedHashMap<>();
        final List<ManagerLinks.Link> pending = new ArrayList<>();
        final Set<String> newlyProtected = new TreeSet<>();
        final FieldCoverage coverage;
        int skipped;
        int kept;

        Plan(Map<String, Stored<Person>> stored, FieldCoverage coverage) {
            this.stored = stored;
            this.coverage = coverage;
        }
    }

    /** One rejected row or record, for a dropped file's error report. */
    record Problem(String where, String recordId, String reason) {
    }

    /** Works out the page: nothing is written. */
    Plan plan(Tx tx, SyncJob job, Batch batch) throws SQLException {
        Set<String> fields = job.settings.fields();
        Map<String, PersonRecord> records = new LinkedHashMap<>();
        for (PersonRecord record : batch.records()) {
            if (records.put(record.id(), record) != null) {
                job.warn("person " + record.id() + " came twice on one page; the last record was applied");
            }
        }
        FieldCoverage pageCoverage = FieldCoverage.count(records.values(), fields);
        FieldCoverage cumulative = job.coverage.plus(pageCoverage);
        Plan plan = new Plan(people.load(tx, records.keySet()), pageCoverage);
        Set<String> protectedFields = new TreeSet<>(job.protectedFields);
        if (!job.options.acceptCoverageDrop()) {
            for (Map.Entry<String, FieldCoverage.Rate> baseline : job.baseline.entrySet()) {
                FieldCoverage.Rate now = cumulative.rates().get(baseline.getKey());
                if (!protectedFields.contains(baseline.getKey())
                        && FieldCoverage.dropped(baseline.getValue(), now, job.settings.coverageThreshold())) {
                    protectedFields.add(baseline.getKey());
                    plan.newlyProtected.add(baseline.getKey());
                }
            }
        }

        Set<String> known = knownManagers(tx, job, records);
        Map<String, String> reasons = new LinkedHashMap<>();
        for (PersonRecord record : records.values()) {
            Stored<Person> before = plan.stored.get(record.id());
            RecordMapping.Outcome outcome = RecordMapping.map(record, before == null ? null : before.value(), fields,
                    protectedFields, manager -> records.containsKey(manager) || known.contains(manager));
            if (outcome instanceof RecordMapping.Apply apply) {
                plan.applies.put(record.id(), apply);
            } else if (outcome instanceof RecordMapping.Reject reject) {
                reasons.put(record.id(), reject.reason());
            } else {
                plan.skipped++;
            }
        }
        uniqueness(tx, plan, reasons);
        // A manager on this page whose own record was refused is not known after all: that link waits too.
        for (Map.Entry<String, RecordMapping.Apply> entry : new ArrayList<>(plan.applies.entrySet())) {
            RecordMapping.Apply apply = entry.getValue();
            String manager = apply.person().managerId();
            Stored<Person> before = plan.stored.get(entry.getKey());
            String storedManager = before == null ? null : before.value().managerId();
            if (manager != null && !manager.equals(storedManager) && reasons.containsKey(manager)
                    && !known.contains(manager)) {
                plan.applies.put(entry.getKey(), new RecordMapping.Apply(RecordMapping.withManager(apply.person(),
                        storedManager), apply.effectiveDate(), manager, apply.terminates(), apply.keptValues()));
            }
        }
        for (Map.Entry<String, RecordMapping.Apply> entry : plan.applies.entrySet()) {
            RecordMapping.Apply apply = entry.getValue();
            PersonStore.Upsert upsert = new PersonStore.Upsert(apply.person(), apply.effectiveDate());
            (plan.deferred.contains(entry.getKey()) ? plan.later : plan.upserts).add(upsert);
            plan.kept += apply.keptValues();
            if (apply.pendingManager() != null) {
                plan.pending.add(new ManagerLinks.Link(entry.getKey(), apply.pendingManager(), apply.effectiveDate()));
            }
        }
        reasons.forEach((id, reason) -> {
            String replayed = batch.replaying().get(id);
            if (replayed != null) {
                plan.rejectedAgain.put(replayed, reason);
            } else {
                plan.rejected.add(new DeadLetterStore.New(DeadLetter.Kind.RECORD, "person " + id, id, reason,
                        DeadLetterStore.Content.of(records.get(id)), null));
            }
        });
        for (RejectedRecord unreadable : batch.rejected()) {
            String replayed = unreadable.recordId() == null ? null : batch.replaying().get(unreadable.recordId());
            if (replayed != null) {
                plan.rejectedAgain.put(replayed, unreadable.reason());
            } else {
                plan.rejected.add(new DeadLetterStore.New(DeadLetter.Kind.UNREADABLE, unreadable.where(),
                        unreadable.recordId(), job.redaction.scrub(unreadable.reason()), null, batch.query()));
            }
        }
        return plan;
    }

    /** The problems of a page, for a dropped file's error report. */
    static List<Problem> problems(Plan plan) {
        List<Problem> problems = new ArrayList<>();
        for (DeadLetterStore.New letter : plan.rejected) {
            problems.add(new Problem(letter.location(), letter.recordId(), letter.reason()));
        }
        return problems;
    }

    /**
     * Applies a page in the caller's transaction: the fencing check first, then people, dead letters, manager links
     * and the checkpoint — or, for a dry run, the change log and the checkpoint.
     */
    SyncRun.Counts apply(Tx tx, SyncJob job, Batch batch, Plan plan) throws SQLException {
        int created;
        int updated;
        int unchanged;
        int terminated = 0;
        if (job.dryRun) {
            int[] diff = recordChanges(tx, job, plan);
            created = diff[0];
            updated = diff[1];
            unchanged = diff[2] + plan.skipped;
            terminated = diff[3];
        } else {
            PersonStore.Result result = people.upsert(tx, plan.upserts, plan.stored);
            PersonStore.Result second = people.upsert(tx, plan.later, plan.stored);
            created = result.created() + second.created();
            updated = result.updated() + second.updated();
            unchanged = result.unchanged() + second.unchanged() + plan.skipped;
            for (RecordMapping.Apply apply : plan.applies.values()) {
                terminated += apply.terminates() ? 1 : 0;
            }
            if (job.pendingDeadLetters) {
                Set<String> applied = new HashSet<>(plan.applies.keySet());
                applied.removeAll(batch.replaying().keySet());
                deadLetters.superseded(tx, job.instanceId(), applied, job.runId);
            }
            deadLetters.insert(tx, job.instanceId(), job.runId, plan.rejected);
            job.pendingDeadLetters |= !plan.rejected.isEmpty();
            for (Map.Entry<String, String> again : plan.rejectedAgain.entrySet()) {
                deadLetters.failedAgain(tx, again.getKey(), job.redaction.scrub(again.getValue()));
            }
            batch.notReplayed().forEach((id, reason) -> {
                try {
                    deadLetters.failedAgain(tx, id, reason);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            // A replayed dead letter is settled unless its record was refused again or could not be replayed.
            List<String> settled = new ArrayList<>(batch.settled());
            settled.addAll(batch.replaying().values());
            settled.removeAll(plan.rejectedAgain.keySet());
            settled.removeAll(batch.notReplayed().keySet());
            deadLetters.replayed(tx, settled, job.runId);
            if (job.pendingLinks || !plan.pending.isEmpty()) {
                links.replace(tx, job.instanceId(), job.runId, plan.applies.keySet(), plan.pending);
                job.pendingLinks = true;
            }
        }
        int failed = plan.rejected.size() + plan.rejectedAgain.size();
        return new SyncRun.Counts(1, batch.records().size() + batch.rejected().size(), created, updated, unchanged,
                terminated, failed);
    }

    /** A dry run's change log for the page; returns created, updated, unchanged and terminated counts. */
    private int[] recordChanges(Tx tx, SyncJob job, Plan plan) throws SQLException {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int terminated = 0;
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, RecordMapping.Apply> entry : plan.applies.entrySet()) {
            String id = entry.getKey();
            Person after = entry.getValue().person();
            Stored<Person> before = plan.stored.get(id);
            job.seen.add(id);
            if (before == null) {
                created++;
                change(rows, job, id, "CREATE", null, null, null);
            } else if (before.value().equals(after)) {
                unchanged++;
            } else {
                updated++;
                if (entry.getValue().terminates()) {
                    terminated++;
                    change(rows, job, id, "TERMINATE", PersonFields.STATUS, before.value().status().name(), "T");
                }
                for (String[] difference : differences(before.value(), after)) {
                    if (!(entry.getValue().terminates() && difference[0].equals(PersonFields.STATUS))) {
                        change(rows, job, id, "UPDATE", difference[0], difference[1], difference[2]);
                    }
                }
            }
            if (entry.getValue().pendingManager() != null) {
                job.dryLinks.put(id, new ManagerLinks.Link(id, entry.getValue().pendingManager(),
                        entry.getValue().effectiveDate()));
            } else {
                job.dryLinks.remove(id);
            }
        }
        for (DeadLetterStore.New letter : plan.rejected) {
            change(rows, job, letter.recordId() == null ? "?" : letter.recordId(), "REJECT", null, null,
                    letter.location() + ": " + letter.reason());
        }
        tx.batch("INSERT INTO sync_change (run_id, seq, hris_id, kind, field, old_value, new_value) VALUES "
                + "(?, ?, ?, ?, ?, ?, ?)", rows);
        return new int[] {created, updated, unchanged, terminated};
    }

    static void change(List<Object[]> rows, SyncJob job, String id, String kind, String field, String oldValue,
            String newValue) {
        if (job.changeSeq >= MAX_CHANGES) {
            return;
        }
        rows.add(new Object[] {Tx.uuid(job.runId), ++job.changeSeq, id, kind, field, clip(oldValue), clip(newValue)});
    }

    /** Field, old value, new value for every field that differs; custom attributes without their values. */
    static List<String[]> differences(Person a, Person b) {
        List<String[]> differences = new ArrayList<>();
        compare(differences, PersonFields.EMPLOYEE_NUMBER, a.employeeNumber(), b.employeeNumber());
        compare(differences, PersonFields.GIVEN_NAME, a.givenName(), b.givenName());
        compare(differences, PersonFields.FAMILY_NAME, a.familyName(), b.familyName());
        compare(differences, PersonFields.WORK_EMAIL, a.workEmail(), b.workEmail());
        compare(differences, PersonFields.TITLE, a.title(), b.title());
        compare(differences, PersonFields.GRADE, a.grade(), b.grade());
        compare(differences, PersonFields.DEPARTMENT, a.department(), b.department());
        compare(differences, PersonFields.TEAM, a.team(), b.team());
        compare(differences, PersonFields.LOCATION, a.location(), b.location());
        compare(differences, PersonFields.TIME_ZONE, a.timeZone(), b.timeZone());
        compare(differences, PersonFields.LANGUAGES, String.join(",", a.languages()), String.join(",", b.languages()));
        compare(differences, PersonFields.MANAGER_ID, a.managerId(), b.managerId());
        compare(differences, PersonFields.HIRE_DATE, Objects.toString(a.hireDate(), null),
                Objects.toString(b.hireDate(), null));
        compare(differences, PersonFields.STATUS, a.status().name(), b.status().name());
        Set<String> keys = new TreeSet<>(a.customAttributes().keySet());
        keys.addAll(b.customAttributes().keySet());
        for (String key : keys) {
            String before = a.customAttributes().get(key);
            String after = b.customAttributes().get(key);
            if (!Objects.equals(before, after)) {
                differences.add(new String[] {PersonFields.CUSTOM_PREFIX + key, before == null ? null : HIDDEN,
                        after == null ? null : HIDDEN});
            }
        }
        return differences;
    }

    private static void compare(List<String[]> differences, String field, String before, String after) {
        String a = before == null || before.isEmpty() ? null : before;
        String b = after == null || after.isEmpty() ? null : after;
        if (!Objects.equals(a, b)) {
            differences.add(new String[] {field, a, b});
        }
    }

    private static String clip(String value) {
        return value == null || value.length() <= 1000 ? value : value.substring(0, 997) + "...";
    }

    /** The managers named on the page that the hub already stores (one query). */
    private Set<String> knownManagers(Tx tx, SyncJob job, Map<String, PersonRecord> records) throws SQLException {
        Set<String> wanted = new HashSet<>();
        if (job.settings.fields().contains(PersonFields.MANAGER_ID)) {
            for (PersonRecord record : records.values()) {
                String manager = record.get(PersonFields.MANAGER_ID);
                if (manager != null && !records.containsKey(manager)) {
                    wanted.add(manager);
                }
            }
        }
        Set<String> known = existing(tx, "hris_id", wanted).keySet();
        if (job.dryRun) {
            Set<String> seenInRun = new HashSet<>(known);
            for (String manager : wanted) {
                if (job.seen.contains(manager)) {
                    seenInRun.add(manager);
                }
            }
            return seenInRun;
        }
        return known;
    }

    /**
     * E-mail addresses and employee numbers are unique: a record that would take one another person holds is refused
     * with the holder's HRIS id, so the page itself never fails on the database's unique constraint. A value the
     * holder gives up on the same page (someone's address moving to a colleague) is taken after the holder's change,
     * in a second batch; otherwise, once the holder changes theirs, a replay applies it.
     */
    private void uniqueness(Tx tx, Plan plan, Map<String, String> reasons) throws SQLException {
        Set<String> deferred = new HashSet<>();
        for (String column : List.of("work_email", "employee_number")) {
            Map<String, String> claimed = new HashMap<>();
            Map<String, String> byPerson = new LinkedHashMap<>();
            for (Map.Entry<String, RecordMapping.Apply> entry : plan.applies.entrySet()) {
                String value = value(entry.getValue().person(), column);
                Stored<Person> before = plan.stored.get(entry.getKey());
                String was = before == null ? null : value(before.value(), column);
                if (value == null) {
                    continue;
                }
                String holder = claimed.putIfAbsent(value, entry.getKey());
                if (holder != null) {
                    reasons.put(entry.getKey(), column + " is also on person " + holder + " on the same page");
                } else if (!value.equals(was)) {
                    byPerson.put(entry.getKey(), value);
                }
            }
            Map<String, String> holders = existing(tx, column, byPerson.values());
            byPerson.forEach((id, value) -> {
                String holder = holders.get(value);
                if (holder == null || holder.equals(id)) {
                    return;
                }
                RecordMapping.Apply holderNow = plan.applies.get(holder);
                boolean givenUp = holderNow != null && !reasons.containsKey(holder)
                        && !value.equals(value(holderNow.person(), column)) && !deferred.contains(holder);
                if (givenUp) {
                    deferred.add(id);
                } else {
                    reasons.put(id, column + " is already person " + holder + "'s");
                }
            });
        }
        plan.applies.keySet().removeAll(reasons.keySet());
        deferred.removeAll(reasons.keySet());
        plan.deferred.addAll(deferred);
    }

    private static String value(Person person, String column) {
        return column.equals("work_email") ? person.workEmail() : person.employeeNumber();
    }

    /** value → hris_id of the stored people whose {@code column} has one of these values. */
    private static Map<String, String> existing(Tx tx, String column, Collection<String> values) throws SQLException {
        Map<String, String> found = new HashMap<>();
        List<String> all = new ArrayList<>(new HashSet<>(values));
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            StringJoiner marks = new StringJoiner(", ");
            chunk.forEach(v -> marks.add("?"));
            for (String[] row : tx.query("SELECT " + column + ", hris_id FROM person WHERE " + column + " IN (" + marks
                    + ")", r -> new String[] {r.getString(1), r.getString(2)}, chunk.toArray())) {
                found.put(row[0], row[1]);
            }
        }
        return found;
    }

    /** The effective date a resolved manager link is recorded with. */
    static LocalDate effective(ManagerLinks.Link link) {
        return link.effectiveDate();
    }
}
