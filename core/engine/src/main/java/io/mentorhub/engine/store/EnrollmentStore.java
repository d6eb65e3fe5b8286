package io.mentorhub.engine.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mentorhub.api.domain.Enrollment;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Enrollments: one per person and program. Profile and sensitive attributes are JSON columns. */
public final class EnrollmentStore extends EntityStore<Enrollment> {

    private static final TypeReference<List<Enrollment.SensitiveAttribute>> SENSITIVE = new TypeReference<>() {
    };

    public EnrollmentStore() {
        super("enrollment", "enrollment", "id", true, "program_id", "person_id", "role", "capacity", "profile",
                "sensitive_attributes", "status");
    }

    @Override
    protected Object[] values(Enrollment e) {
        return new Object[] {Tx.uuid(e.programId()), e.personId(), e.role(), e.capacity(), json(e.profile()),
                json(e.sensitiveAttributes()), e.status()};
    }

    @Override
    protected Enrollment map(Tx tx, ResultSet row, String id) throws SQLException {
        return new Enrollment(id, Tx.uuid(row, "program_id"), row.getString("person_id"),
                Enrollment.Role.valueOf(row.getString("role")), json(row.getString("profile"), Enrollment.Profile.class),
                row.getInt("capacity"), json(row.getString("sensitive_attributes"), SENSITIVE),
                Enrollment.Status.valueOf(row.getString("status")));
    }

    @Override
    protected String idOf(Enrollment value) {
        return value.id();
    }

    public boolean isEnrolled(Tx tx, String programId, String personId) throws SQLException {
        return tx.count("SELECT COUNT(*) FROM enrollment WHERE program_id = ? AND person_id = ?",
                Tx.uuid(programId), personId) > 0;
    }
}
