package io.mentorhub.engine.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mentorhub.api.domain.MentoringSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

public final class SessionStore extends EntityStore<MentoringSession> {

    private static final TypeReference<List<MentoringSession.Attendance>> ATTENDANCE = new TypeReference<>() {
    };

    public SessionStore() {
        super("session", "mentoring_session", "id", true, "pairing_id", "starts_at", "duration_minutes", "format",
                "attendance");
    }

    @Override
    protected Object[] values(MentoringSession s) {
        return new Object[] {Tx.uuid(s.pairingId()), s.startsAt(), s.durationMinutes(), s.format(),
                json(s.attendance())};
    }

    @Override
    protected MentoringSession map(Tx tx, ResultSet row, String id) throws SQLException {
        return new MentoringSession(id, Tx.uuid(row, "pairing_id"), Tx.instant(row, "starts_at"),
                row.getInt("duration_minutes"), MentoringSession.Format.valueOf(row.getString("format")),
                json(row.getString("attendance"), ATTENDANCE));
    }

    @Override
    protected String idOf(MentoringSession value) {
        return value.id();
    }
}
