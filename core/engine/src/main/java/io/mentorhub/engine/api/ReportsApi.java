package io.mentorhub.engine.api;

import io.mentorhub.engine.review.ReviewFeed;
import io.mentorhub.engine.review.ReviewFeedCsv;
import io.mentorhub.engine.review.ReviewPeriod;
import io.mentorhub.engine.store.AuditLog;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HR review feed: what each participant's mentorship contributes to a review period, as JSON pages or one CSV.
 * HR and integrations see everyone; a program manager their programs; a participant their own entry. Every export is
 * audited with who, which period, which format and whose entries.
 */
final class ReportsApi {

    /** The CSV export is built in pages of this many people. */
    private static final int CSV_PAGE = 200;

    private final Stores stores;

    ReportsApi(Stores stores) {
        this.stores = stores;
    }

    ApiResult reviewFeed(ApiCall call) throws Exception {
        call.allowQuery(Set.of("period", "format", "program_id", "person_id", "limit", "cursor"));
        ReviewPeriod period;
        try {
            period = ReviewPeriod.parse(call.query("period"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-parameter", e.getMessage());
        }
        String format = call.query("format") == null ? "json" : call.query("format");
        if (!format.equals("json") && !format.equals("csv")) {
            throw ApiException.badRequest("invalid-parameter", "format must be json or csv");
        }
        int limit = limit(call);
        String cursor = call.query("cursor");
        if (cursor != null && format.equals("csv")) {
            throw ApiException.badRequest("invalid-parameter", "the CSV export is not paged; leave cursor out");
        }
        Principal caller = call.principal();
        return stores.database().inTransaction(tx -> {
            ReviewFeed.Scope scope = scope(tx, call, caller);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("period", period.name());
            detail.put("format", format);
            if (format.equals("json")) {
                ReviewFeed.Page page = ReviewFeed.page(tx, period, scope, cursor, limit);
                detail.put("person_ids", page.entries().stream().map(e -> e.personId()).toList());
                AuditLog.record(tx, caller.actor(), "review_feed.export", "report", period.name(), detail);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("items", page.entries());
                body.put("next_cursor", page.nextCursor());
                return ApiResult.ok(body);
            }
            StringBuilder csv = new StringBuilder(ReviewFeedCsv.header());
            List<String> people = new java.util.ArrayList<>();
            String after = null;
            do {
                ReviewFeed.Page page = ReviewFeed.page(tx, period, scope, after, CSV_PAGE);
                csv.append(ReviewFeedCsv.rows(page.entries()));
                page.entries().forEach(e -> people.add(e.personId()));
                after = page.nextCursor();
            } while (after != null);
            detail.put("person_ids", people);
            AuditLog.record(tx, caller.actor(), "review_feed.export", "report", period.name(), detail);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "text/csv; charset=UTF-8");
            headers.put("Content-Disposition", "attachment; filename=\"review-feed-" + period.name()
                    .replace("..", "_") + ".csv\"");
            return new ApiResult(200, csv.toString().getBytes(StandardCharsets.UTF_8), headers);
        });
    }

    /** Narrows the feed to what the caller may see, and to the program or person asked for. */
    private ReviewFeed.Scope scope(io.mentorhub.engine.store.Tx tx, ApiCall call, Principal caller)
            throws java.sql.SQLException {
        String programId = call.uuidQuery("program_id");
        String personId = call.query("person_id");
        Set<String> programs = null;
        switch (caller.role()) {
            case HR_ADMIN, INTEGRATION -> {
            }
            case PROGRAM_MANAGER -> programs = new HashSet<>(tx.query(
                    "SELECT program_id FROM program_manager WHERE person_id = ?", r -> r.getString("program_id"),
                    caller.personId()));
            case MENTOR, MENTEE -> {
                if (personId != null && !caller.isPerson(personId)) {
                    throw ApiException.forbidden("participants see their own review feed only");
                }
                personId = caller.personId();
            }
        }
        if (programId != null) {
            if (programs != null && !programs.contains(programId)) {
                throw ApiException.notFound("program", programId);
            }
            programs = Set.of(programId);
        }
        return new ReviewFeed.Scope(programs, personId);
    }

    private static int limit(ApiCall call) {
        String raw = call.query("limit");
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
