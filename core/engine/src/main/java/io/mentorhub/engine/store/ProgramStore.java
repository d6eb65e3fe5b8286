package io.mentorhub.engine.store;

import io.mentorhub.api.domain.Program;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Programs: the whole definition as JSON, with name, format and status as columns, and managers as rows. */
public final class ProgramStore extends EntityStore<Program> {

    public ProgramStore() {
        super("program", "program", "id", true, "name", "format", "status", "definition");
    }

    @Override
    protected Object[] values(Program p) {
        return new Object[] {p.name(), p.format(), p.status(), json(p.withId(null))};
    }

    @Override
    protected Program map(Tx tx, ResultSet row, String id) throws SQLException {
        return json(row.getString("definition"), Program.class).withId(id);
    }

    @Override
    protected String idOf(Program value) {
        return value.id();
    }

    @Override
    public Stored<Program> insert(Tx tx, Program value) throws SQLException {
        Stored<Program> stored = super.insert(tx, value);
        writeManagers(tx, value);
        return stored;
    }

    @Override
    public Stored<Program> update(Tx tx, Program value, Long expectedVersion) throws SQLException {
        Stored<Program> stored = super.update(tx, value, expectedVersion);
        tx.update("DELETE FROM program_manager WHERE program_id = ?", Tx.uuid(value.id()));
        writeManagers(tx, value);
        return stored;
    }

    private static void writeManagers(Tx tx, Program program) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (String manager : program.managerIds()) {
            rows.add(new Object[] {Tx.uuid(program.id()), manager});
        }
        tx.batch("INSERT INTO program_manager (program_id, person_id) VALUES (?, ?)", rows);
    }

    public boolean nameTaken(Tx tx, String name, String exceptId) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM program WHERE LOWER(name) = LOWER(?) AND id <> ?", name,
                Tx.uuid(exceptId == null ? "00000000-0000-0000-0000-000000000000" : exceptId)) > 0;
    }

    /** Whether the person manages the program. */
    public boolean isManager(Tx tx, String programId, String personId) throws SQLException {
        return personId != null && isUuid(programId) && tx.count(
                "SELECT COUNT(*) FROM program_manager WHERE program_id = ? AND person_id = ?",
                Tx.uuid(programId), personId) > 0;
    }
}
