package io.mentorhub.engine.api;

import io.mentorhub.api.survey.SurveyKind;
import io.mentorhub.engine.store.AuditLog;
import io.mentorhub.engine.store.Tx;
import io.mentorhub.engine.survey.FitConcerns;
import io.mentorhub.engine.survey.SurveyResults;
import io.mentorhub.engine.survey.Surveys;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Surveys for HR and a program's managers: which tool a program uses, how each survey is going (counts, never who
 * answered what), aggregated results above the anonymity threshold, the invitations that could not be sent and why,
 * and the fit concerns of a pairing. No route returns an individual answer.
 */
final class SurveysApi {

    /** The survey tool a program uses. */
    record SurveyTool(String tool, Boolean installed, Boolean isDefault) {
    }

    /** How one kind of survey is going in a program. */
    record SurveySummary(SurveyKind kind, String tool, String status, String blockedReason, Map<String, Long> invitations,
            long responses, Double responseRate, long setAside) {
    }

    /** One invitation as an administrator follows it: to whom, when, what became of it (never the link). */
    record InvitationStatus(String id, SurveyKind kind, String respondentId, String pairingId, LocalDate dueOn,
            String status, String failure, int attempts, Instant modifiedAt) {
    }

    private static final Set<String> INVITATION_STATUSES = Set.of("PENDING", "DISTRIBUTED", "FAILED", "RESPONDED");

    private final Stores stores;
    private final Access access;
    private final Supplier<Surveys> surveys;

    SurveysApi(Stores stores, Access access, Supplier<Surveys> surveys) {
        this.stores = stores;
        this.access = access;
        this.surveys = surveys;
    }

    private Surveys engine() {
        Surveys running = surveys.get();
        if (running == null) {
            throw new ApiException(503, "unavailable", "surveys are not running on this hub node yet; see GET /health");
        }
        return running;
    }

    ApiResult tool(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        Surveys engine = engine();
        String programId = call.path("id");
        return ApiResult.ok(stores.database().inTransaction(tx -> {
            access.managedProgramForReading(tx, call.principal(), programId);
            return describe(tx, engine, programId);
        }));
    }

    private static SurveyTool describe(Tx tx, Surveys engine, String programId) throws java.sql.SQLException {
        boolean chosen = tx.count("SELECT COUNT(*) FROM program_survey_tool WHERE program_id = ?",
                Tx.uuid(programId)) > 0;
        String tool = engine.toolOf(tx, programId);
        return new SurveyTool(tool, engine.installedTools().contains(tool), !chosen);
    }

    ApiResult chooseTool(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        Surveys engine = engine();
        String programId = call.uuidPath("id", "program");
        SurveyTool body = call.body(SurveyTool.class);
        if (body.installed() != null || body.isDefault() != null) {
            throw ApiException.invalid("installed", "is read only; send only tool");
        }
        if (body.tool() == null || body.tool().isBlank()) {
            throw ApiException.invalid("tool", "is required, e.g. builtin");
        }
        String tool = body.tool().strip();
        return ApiResult.ok(stores.database().inTransaction(tx -> {
            access.managedProgram(tx, call.principal(), programId);
            if (!engine.installedTools().contains(tool)) {
                throw ApiException.invalid("tool", "no survey tool '" + tool + "' is installed; installed: "
                        + engine.installedTools() + " (see GET /api/plugins)");
            }
            engine.chooseTool(tx, programId, tool);
            AuditLog.record(tx, call.principal().actor(), "program.survey_tool.changed", "program", programId,
                    Map.of("tool", tool));
            return describe(tx, engine, programId);
        }));
    }

    ApiResult list(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String programId = call.path("id");
        return ApiResult.ok(Map.of("items", stores.database().inTransaction(tx -> {
            access.managedProgramForReading(tx, call.principal(), programId);
            Map<SurveyKind, Map<String, Long>> invitations = new TreeMap<>();
            tx.query("SELECT kind, status, COUNT(*) AS n FROM survey_invitation WHERE program_id = ? GROUP BY kind, "
                    + "status", row -> invitations.computeIfAbsent(SurveyKind.valueOf(row.getString("kind")),
                            k -> new TreeMap<>()).put(row.getString("status"), row.getLong("n")), Tx.uuid(programId));
            List<SurveySummary> items = new ArrayList<>();
            for (Map.Entry<SurveyKind, Map<String, Long>> entry : invitations.entrySet()) {
                SurveyKind kind = entry.getKey();
                Object[] survey = tx.one("SELECT tool, status, blocked_reason FROM survey WHERE program_id = ? AND "
                        + "kind = ? ORDER BY created_at DESC FETCH FIRST 1 ROWS ONLY", row -> new Object[] {
                                row.getString("tool"), row.getString("status"), row.getString("blocked_reason")},
                        Tx.uuid(programId), kind).orElse(new Object[] {null, "NOT_DEFINED", null});
                long responses = tx.count("SELECT COUNT(*) FROM survey_response WHERE program_id = ? AND kind = ?",
                        Tx.uuid(programId), kind);
                long setAside = tx.count("SELECT COUNT(*) FROM survey_rejected r JOIN survey s ON s.id = r.survey_id "
                        + "WHERE s.program_id = ? AND s.kind = ?", Tx.uuid(programId), kind);
                long sent = entry.getValue().getOrDefault("DISTRIBUTED", 0L)
                        + entry.getValue().getOrDefault("RESPONDED", 0L);
                Double rate = sent == 0 ? null
                        : Math.round(1000.0 * entry.getValue().getOrDefault("RESPONDED", 0L) / sent) / 10.0;
                items.add(new SurveySummary(kind, (String) survey[0], (String) survey[1], (String) survey[2],
                        entry.getValue(), responses, rate, setAside));
            }
            return items;
        })));
    }

    ApiResult results(ApiCall call) throws Exception {
        call.allowQuery(Set.of("by"));
        Surveys engine = engine();
        String programId = call.path("id");
        String by = call.query("by");
        if (by != null && !by.equals("role")) {
            throw ApiException.badRequest("invalid-parameter", "by must be role (or left out for everyone together)");
        }
        return ApiResult.ok(stores.database().inTransaction(tx -> {
            access.managedProgramForReading(tx, call.principal(), programId);
            SurveyKind kind = kind(call.path("kind"));
            return SurveyResults.of(tx, programId, kind, by, engine.settings().anonymityThreshold());
        }));
    }

    ApiResult invitations(ApiCall call) throws Exception {
        call.allowQuery(Set.of("status", "limit"));
        String programId = call.path("id");
        String status = call.query("status");
        if (status != null && !INVITATION_STATUSES.contains(status)) {
            throw ApiException.badRequest("invalid-parameter", "status must be one of "
                    + new java.util.TreeSet<>(INVITATION_STATUSES));
        }
        int limit = limit(call.query("limit"));
        return ApiResult.ok(Map.of("items", stores.database().inTransaction(tx -> {
            access.managedProgramForReading(tx, call.principal(), programId);
            return tx.query("SELECT id, kind, respondent_id, pairing_id, due_on, status, failure, attempts, modified_at "
                    + "FROM survey_invitation WHERE program_id = ?" + (status == null ? "" : " AND status = ?")
                    + " ORDER BY modified_at DESC, id FETCH FIRST " + limit + " ROWS ONLY",
                    row -> new InvitationStatus(Tx.uuid(row, "id"), SurveyKind.valueOf(row.getString("kind")),
                            row.getString("respondent_id"), Tx.uuid(row, "pairing_id"), Tx.date(row, "due_on"),
                            row.getString("status"), row.getString("failure"), row.getInt("attempts"),
                            Tx.instant(row, "modified_at")),
                    status == null ? new Object[] {Tx.uuid(programId)} : new Object[] {Tx.uuid(programId), status});
        })));
    }

    ApiResult fitConcerns(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String pairingId = call.path("id");
        return ApiResult.ok(Map.of("items", stores.database().inTransaction(tx -> {
            var pairing = access.pairing(tx, call.principal(), pairingId, false);
            if (!access.managesProgram(tx, call.principal(), pairing.value().programId())) {
                throw ApiException.forbidden("only HR and the program's managers see fit concerns");
            }
            return FitConcerns.of(tx, pairingId);
        })));
    }

    private static SurveyKind kind(String value) {
        try {
            return SurveyKind.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "not-found", "no survey kind " + value + "; kinds: "
                    + java.util.Arrays.toString(SurveyKind.values()));
        }
    }

    private static int limit(String raw) {
        if (raw == null) {
            return ApiCall.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= ApiCall.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest("invalid-parameter", "limit must be an integer from 1 to " + ApiCall.MAX_LIMIT);
    }
}
