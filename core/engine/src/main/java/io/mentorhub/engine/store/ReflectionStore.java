package io.mentorhub.engine.store;

import io.mentorhub.api.domain.Reflection;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reflections. Their text is confidential: it is stored here and returned only to readers the API allows. */
public final class ReflectionStore extends EntityStore<Reflection> {

    public ReflectionStore() {
        super("reflection", "reflection", "id", true, "pairing_id", "session_id", "author_id", "body", "visibility",
                "consented_at");
    }

    @Override
    protected Object[] values(Reflection r) {
        return new Object[] {Tx.uuid(r.pairingId()), Tx.uuid(r.sessionId()), r.authorId(), r.text(), r.visibility(),
                r.consentedAt()};
    }

    @Override
    protected Reflection map(Tx tx, ResultSet row, String id) throws SQLException {
        return new Reflection(id, Tx.uuid(row, "pairing_id"), Tx.uuid(row, "session_id"), row.getString("author_id"),
                row.getString("body"), Reflection.Visibility.valueOf(row.getString("visibility")),
                Tx.instant(row, "consented_at"));
    }

    @Override
    protected String idOf(Reflection value) {
        return value.id();
    }
}
