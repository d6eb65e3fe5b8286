package io.mentorhub.engine.api;

import io.mentorhub.api.domain.Enrollment;
import io.mentorhub.api.domain.Program;
import io.mentorhub.api.domain.ProgramStatus;
import io.mentorhub.engine.store.AuditLog;
import io.mentorhub.engine.store.Outbox;
import io.mentorhub.engine.store.Page;
import io.mentorhub.engine.store.Stored;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Programs and the enrollments in them. */
final class ProgramsApi {

    private final Stores stores;
    private final Access access;

    ProgramsApi(Stores stores, Access access) {
        this.stores = stores;
        this.access = access;
    }

    ApiResult list(ApiCall call) throws Exception {
        call.allowQuery(Set.of("limit", "cursor", "modified_after", "status"));
        Page.Request page = call.pageRequest();
        Principal caller = call.principal();
        List<String> where = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (caller.is(Role.PROGRAM_MANAGER)) {
            where.add("id IN (SELECT program_id FROM program_manager WHERE person_id = ?)");
            parameters.add(caller.personId());
        } else if (caller.role().participant()) {
            where.add("id IN (SELECT program_id FROM enrollment WHERE person_id = ?)");
            parameters.add(caller.personId());
        }
        if (call.query("status") != null) {
            where.add("status = ?");
            parameters.add(enumParameter(ProgramStatus.class, "status", call.query("status")).name());
        }
        return ApiResult.ok(Representation.page(stores.database().inTransaction(tx -> stores.programs().page(tx,
                where.isEmpty() ? null : String.join(" AND ", where), parameters, page))));
    }

    ApiResult create(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        Program program = call.body(Program.class);
        if (program.id() != null) {
            throw ApiException.invalid("id", "is assigned by the hub; leave it out");
        }
        Program withId = program.withId(UUID.randomUUID().toString());
        Stored<Program> stored = stores.database().inTransaction(tx -> {
            checkProgram(tx, withId, null);
            Stored<Program> created = stores.programs().insert(tx, withId);
            auditManagers(tx, call.principal(), withId.id(), List.of(), withId.managerIds());
            Outbox.append(tx, Outbox.Event.of("program.created", "program", withId.id(), 1));
            return created;
        });
        return ApiResult.created(Representation.of(stored), "/api/programs/" + withId.id(), stored.etag());
    }

    ApiResult get(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        Stored<Program> program = stores.database().inTransaction(tx ->
                access.program(tx, call.principal(), call.path("id")));
        return ApiResult.withEtag(Representation.of(program), program.etag());
    }

    ApiResult update(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String id = call.uuidPath("id", "program");
        Long expected = call.expectedVersion();
        Program program = call.body(Program.class, Map.of("id", id));
        Stored<Program> stored = stores.database().inTransaction(tx -> {
            Stored<Program> before = access.managedProgram(tx, call.principal(), id);
            if (!call.principal().is(Role.HR_ADMIN) && !before.value().managerIds().equals(program.managerIds())) {
                throw ApiException.forbidden("only HR changes who manages a program");
            }
            checkProgram(tx, program, id);
            Stored<Program> updated = stores.programs().update(tx, program, expected);
            auditManagers(tx, call.principal(), id, before.value().managerIds(), program.managerIds());
            Outbox.append(tx, Outbox.Event.of("program.updated", "program", id, updated.version()));
            return updated;
        });
        return ApiResult.withEtag(Representation.of(stored), stored.etag());
    }

    /** Who manages a program decides who holds the program_manager role over it: such changes are audited. */
    private static void auditManagers(Tx tx, Principal caller, String programId, List<String> before,
            List<String> after) throws SQLException {
        if (!new java.util.HashSet<>(before).equals(new java.util.HashSet<>(after))) {
            AuditLog.record(tx, caller.actor(), "program.managers.changed", "program", programId,
                    Map.of("before", before, "after", after));
        }
    }

    private void checkProgram(Tx tx, Program program, String exceptId) throws SQLException {
        if (stores.programs().nameTaken(tx, program.name(), exceptId)) {
            throw ApiException.conflict("duplicate-name", "a program named '" + program.name() + "' already exists");
        }
        for (int i = 0; i < program.managerIds().size(); i++) {
            if (!stores.people().exists(tx, program.managerIds().get(i))) {
                throw ApiException.invalid("manager_ids[" + i + "]", "no person with id " + program.managerIds().get(i));
            }
        }
    }

    ApiResult enrollments(ApiCall call) throws Exception {
        call.allowQuery(Set.of("limit", "cursor", "modified_after", "role", "status"));
        Page.Request page = call.pageRequest();
        String programId = call.path("id");
        Principal caller = call.principal();
        return ApiResult.ok(Representation.page(stores.database().inTransaction(tx -> {
            access.program(tx, caller, programId);
            List<String> where = new ArrayList<>(List.of("program_id = ?"));
            List<Object> parameters = new ArrayList<>(List.of(Tx.uuid(programId)));
            if (!access.managesProgram(tx, caller, programId)) {
                where.add("person_id = ?");
                parameters.add(caller.personId());
            }
            if (call.query("role") != null) {
                where.add("role = ?");
                parameters.add(enumParameter(Enrollment.Role.class, "role", call.query("role")).name());
            }
            if (call.query("status") != null) {
                where.add("status = ?");
                parameters.add(enumParameter(Enrollment.Status.class, "status", call.query("status")).name());
            }
            return stores.enrollments().page(tx, String.join(" AND ", where), parameters, page);
        })));
    }

    ApiResult enroll(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String programId = call.uuidPath("id", "program");
        Principal caller = call.principal();
        Enrollment enrollment = call.body(Enrollment.class, Map.of("program_id", programId));
        if (enrollment.id() != null) {
            throw ApiException.invalid("id", "is assigned by the hub; leave it out");
        }
        if (enrollment.status() != Enrollment.Status.ACTIVE) {
            throw ApiException.invalid("status", "a new enrollment is ACTIVE");
        }
        Enrollment withId = enrollment.withId(UUID.randomUUID().toString());
        Stored<Enrollment> stored = stores.database().inTransaction(tx -> {
            Stored<Program> program = caller.role().participant()
                    ? stores.programs().find(tx, programId).orElseThrow(() -> ApiException.notFound("program", programId))
                    : access.program(tx, caller, programId);
            boolean manages = access.managesProgram(tx, caller, programId);
            if (!manages) {
                if (!caller.isPerson(enrollment.personId())) {
                    throw ApiException.forbidden("participants enroll only themselves");
                }
                if (program.value().status() != ProgramStatus.ENROLLING) {
                    throw ApiException.conflict("program-not-enrolling", "program " + programId + " is not open for enrollment");
                }
            } else if (program.value().status() == ProgramStatus.COMPLETED
                    || program.value().status() == ProgramStatus.ARCHIVED) {
                throw ApiException.conflict("program-closed", "program " + programId + " is " + program.value().status());
            }
            if (!stores.people().exists(tx, enrollment.personId())) {
                throw ApiException.invalid("person_id", "no person with id " + enrollment.personId());
            }
            if (stores.enrollments().isEnrolled(tx, programId, enrollment.personId())) {
                throw ApiException.conflict("already-enrolled", "person " + enrollment.personId()
                        + " is already enrolled in program " + programId);
            }
            Stored<Enrollment> created = stores.enrollments().insert(tx, withId);
            Outbox.append(tx, Outbox.Event.of("enrollment.created", "enrollment", withId.id(), 1));
            return created;
        });
        return ApiResult.created(Representation.of(stored), "/api/enrollments/" + withId.id(), stored.etag());
    }

    ApiResult enrollment(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        Stored<Enrollment> enrollment = stores.database().inTransaction(tx -> visibleEnrollment(tx, call));
        return ApiResult.withEtag(Representation.of(enrollment), enrollment.etag());
    }

    ApiResult updateEnrollment(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String id = call.uuidPath("id", "enrollment");
        Long expected = call.expectedVersion();
        Enrollment enrollment = call.body(Enrollment.class, Map.of("id", id));
        Stored<Enrollment> stored = stores.database().inTransaction(tx -> {
            Enrollment before = visibleEnrollment(tx, call).value();
            if (!before.programId().equals(enrollment.programId()) || !before.personId().equals(enrollment.personId())) {
                throw ApiException.invalid("person_id", "program_id and person_id of an enrollment cannot change");
            }
            Stored<Enrollment> updated = stores.enrollments().update(tx, enrollment, expected);
            Outbox.append(tx, Outbox.Event.of("enrollment.updated", "enrollment", id, updated.version()));
            return updated;
        });
        return ApiResult.withEtag(Representation.of(stored), stored.etag());
    }

    /** HR, the program's managers and the enrolled person see an enrollment; nobody else. */
    private Stored<Enrollment> visibleEnrollment(Tx tx, ApiCall call) throws SQLException {
        String id = call.path("id");
        Stored<Enrollment> enrollment = stores.enrollments().find(tx, id)
                .orElseThrow(() -> ApiException.notFound("enrollment", id));
        Principal caller = call.principal();
        if (!caller.isPerson(enrollment.value().personId())
                && !access.managesProgram(tx, caller, enrollment.value().programId())) {
            throw ApiException.notFound("enrollment", id);
        }
        return enrollment;
    }

    static <E extends Enum<E>> E enumParameter(Class<E> type, String name, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-parameter", name + " must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
