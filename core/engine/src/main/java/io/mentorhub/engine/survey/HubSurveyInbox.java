package io.mentorhub.engine.survey;

import com.fasterxml.jackson.core.type.TypeReference;
import io.mentorhub.api.survey.SurveyInbox;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.EntityStore;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The hub's {@link SurveyInbox}: what respondents submitted on the hub's own form, per survey in the order received.
 * The cursor is the last submission's sequence number, so a read is stateless and resumable.
 */
@Component(service = {SurveyInbox.class, HubSurveyInbox.class})
public class HubSurveyInbox implements SurveyInbox {

    private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
    };

    private final Database database;

    @Activate
    public HubSurveyInbox(@Reference Database database) {
        this.database = database;
    }

    @Override
    public Page read(String surveyId, String cursor, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1-1000");
        }
        long after;
        try {
            after = cursor == null ? 0 : Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cursor of this inbox");
        }
        try {
            return database.inTransaction(tx -> {
                List<Object[]> rows = tx.query("SELECT seq, id, external_ref, fields, submitted_at FROM survey_submission "
                        + "WHERE survey_ref = ? AND seq > ? ORDER BY seq FETCH FIRST " + (limit + 1) + " ROWS ONLY",
                        row -> new Object[] {row.getLong("seq"), new Submission(Tx.uuid(row, "id"),
                                row.getString("external_ref"), Tx.instant(row, "submitted_at"),
                                EntityStore.json(row.getString("fields"), FIELDS))}, surveyId, after);
                boolean more = rows.size() > limit;
                List<Object[]> page = more ? rows.subList(0, limit) : rows;
                long last = page.isEmpty() ? after : (Long) page.get(page.size() - 1)[0];
                return new Page(page.stream().map(r -> (Submission) r[1]).toList(), Long.toString(last), more);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("the survey inbox cannot be read (SQLState " + e.getSQLState() + ")");
        }
    }

    /** Records one form submission in the caller's transaction. */
    public static String submit(Tx tx, String surveyRef, String externalRef, Map<String, String> fields)
            throws SQLException {
        String id = UUID.randomUUID().toString();
        tx.update("INSERT INTO survey_submission (id, survey_ref, external_ref, fields, submitted_at) VALUES "
                + "(?, ?, ?, ?, ?)", Tx.uuid(id), surveyRef, externalRef, EntityStore.json(fields), tx.now());
        return id;
    }
}
