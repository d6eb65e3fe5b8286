package io.mentorhub.engine.api;

import io.mentorhub.api.domain.Program;
import io.mentorhub.engine.metrics.MetricsQuery;
import io.mentorhub.engine.metrics.MetricsReport;
import io.mentorhub.engine.metrics.ProgramMetrics;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.function.Supplier;

/** A program's metrics, for HR and the program's managers (see {@link ProgramMetrics} for every formula). */
final class MetricsApi {

    static final Set<String> QUERY = Set.of("from", "to", "cohort", "by");

    private final Stores stores;
    private final Access access;
    private final Supplier<ProgramMetrics> metrics;

    MetricsApi(Stores stores, Access access, Supplier<ProgramMetrics> metrics) {
        this.stores = stores;
        this.access = access;
        this.metrics = metrics;
    }

    ApiResult get(ApiCall call) throws Exception {
        call.allowQuery(QUERY);
        String programId = call.uuidPath("id", "program");
        try {
            MetricsQuery query = MetricsQuery.parse(call.query("from"), call.query("to"), call.query("cohort"),
                    call.query("by"));
            ProgramMetrics programMetrics = metrics.get();
            if (programMetrics == null) {
                throw new ApiException(503, "unavailable", "program metrics are not running on this hub node yet "
                        + "(see etc/io.mentorhub.metrics.cfg and the log)");
            }
            MetricsReport report = stores.database().inTransaction(tx -> {
                Program program = access.managedProgram(tx, call.principal(), programId).value();
                return programMetrics.report(tx, program, query, tx.now().atOffset(ZoneOffset.UTC).toLocalDate());
            });
            return ApiResult.ok(report);
        } catch (MetricsQuery.Invalid e) {
            // A period or cohort the metrics cannot answer is the caller's mistake.
            throw ApiException.badRequest(e.code(), e.getMessage());
        }
    }
}
