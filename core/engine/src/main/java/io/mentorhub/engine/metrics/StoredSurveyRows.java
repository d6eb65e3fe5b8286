package io.mentorhub.engine.metrics;

import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import org.osgi.service.component.annotations.Component;

/**
 * The survey rows metrics read, from the survey tables (V5). An invitation counts as sent on its due day once the
 * tool accepted it (DISTRIBUTED or RESPONDED; pending and failed ones were never sent); a response counts on the day it
 * was submitted, with its {@code nps} score and its answer to the {@code satisfaction} question. Free text is not read.
 */
@Component(service = SurveyRows.Source.class)
public class StoredSurveyRows implements SurveyRows.Source {

    @Override
    public SurveyRows read(Tx tx, String programId, Period period) throws SQLException {
        Instant from = period.from().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant until = period.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        var invitations = tx.query("SELECT respondent_id, due_on, status FROM survey_invitation "
                + "WHERE program_id = ? AND status IN ('DISTRIBUTED', 'RESPONDED') AND due_on BETWEEN ? AND ? "
                + "ORDER BY due_on, id",
                r -> new SurveyRows.Invited(r.getString("respondent_id"), Tx.date(r, "due_on"),
                        r.getString("status").equals("RESPONDED")),
                Tx.uuid(programId), period.from(), period.to());
        var responses = tx.query("SELECT r.respondent_id, r.submitted_at, r.nps, a.number_value AS satisfaction "
                + "FROM survey_response r LEFT JOIN survey_answer a ON a.response_id = r.id "
                + "AND a.question_id = 'satisfaction' WHERE r.program_id = ? AND r.submitted_at >= ? "
                + "AND r.submitted_at < ? ORDER BY r.submitted_at, r.id",
                r -> new SurveyRows.Answered(r.getString("respondent_id"), Tx.instant(r, "submitted_at"),
                        (Integer) r.getObject("nps", Integer.class), (Integer) r.getObject("satisfaction", Integer.class)),
                Tx.uuid(programId), from, until);
        return new SurveyRows(invitations, responses);
    }
}
