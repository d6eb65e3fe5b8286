package io.mentorhub.engine.api;

import io.mentorhub.api.domain.Enrollment;
import io.mentorhub.api.domain.Pairing;
import io.mentorhub.api.domain.PairingState;
import io.mentorhub.engine.matching.MatchingRun;
import io.mentorhub.engine.matching.MatchingRuns;
import io.mentorhub.engine.store.Outbox;
import io.mentorhub.engine.store.Stored;
import io.mentorhub.engine.store.Tx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Matching runs as jobs (start, follow, cancel, publish their proposals) and mentees' rankings of mentors. Only HR
 * and the program's managers run matching; a mentee ranks mentors for themselves.
 */
final class MatchingApi {

    /** Body of a run request; everything is optional. */
    record RunRequest(Long seed, List<String> people, Integer deadlineSeconds) {
    }

    /** Body of a ranking: the mentors a mentee would like, best first. */
    record Ranking(List<String> mentorIds) {
    }

    /** What publishing a run did. */
    record Published(int published, List<String> pairingIds, int skipped) {
    }

    private final Stores stores;
    private final Access access;
    private final Supplier<MatchingRuns> matching;

    MatchingApi(Stores stores, Access access, Supplier<MatchingRuns> matching) {
        this.stores = stores;
        this.access = access;
        this.matching = matching;
    }

    private MatchingRuns runs() {
        MatchingRuns runs = matching.get();
        if (runs == null) {
            throw new ApiException(503, "unavailable", "matching is not running on this hub node yet; see GET /health");
        }
        return runs;
    }

    ApiResult start(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String programId = call.uuidPath("id", "program");
        RunRequest request = call.hasBody() ? call.body(RunRequest.class) : new RunRequest(null, null, null);
        if (request.seed() != null && request.seed() < 0) {
            throw ApiException.invalid("seed", "must be 0 or more");
        }
        if (request.deadlineSeconds() != null && (request.deadlineSeconds() < 1 || request.deadlineSeconds() > 86_400)) {
            throw ApiException.invalid("deadline_seconds", "must be between 1 and 86400");
        }
        List<String> people = request.people() == null ? List.of() : request.people();
        if (people.size() > 10_000) {
            throw ApiException.invalid("people", "at most 10,000 people per run");
        }
        for (int i = 0; i < people.size(); i++) {
            if (people.get(i) == null || people.get(i).isBlank() || people.get(i).length() > 64) {
                throw ApiException.invalid("people[" + i + "]", "must be a person id");
            }
        }
        if (new LinkedHashSet<>(people).size() != people.size()) {
            throw ApiException.invalid("people", "names a person twice");
        }
        MatchingRuns runs = runs();
        stores.database().inTransaction(tx -> access.managedProgram(tx, call.principal(), programId));
        try {
            MatchingRun run = runs.start(programId, request.seed(), new MatchingRun.Options(people,
                    request.deadlineSeconds()), call.principal().actor());
            return new ApiResult(202, run, Map.of("Location", "/api/matching-runs/" + run.id()));
        } catch (MatchingRuns.Refused e) {
            throw ApiException.conflict("matching-refused", e.getMessage());
        }
    }

    ApiResult list(ApiCall call) throws Exception {
        call.allowQuery(Set.of("limit"));
        String programId = call.path("id");
        int limit = limit(call.query("limit"));
        MatchingRuns runs = runs();
        return ApiResult.ok(Map.of("items", stores.database().inTransaction(tx -> {
            access.managedProgram(tx, call.principal(), programId);
            return runs.ofProgram(tx, programId, limit);
        })));
    }

    private static int limit(String text) {
        if (text == null) {
            return 20;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= 200) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw ApiException.invalid("limit", "must be a whole number from 1 to 200");
    }

    ApiResult get(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        return ApiResult.ok(managedRun(call));
    }

    private MatchingRun managedRun(ApiCall call) throws Exception {
        String runId = call.path("id");
        MatchingRuns runs = runs();
        return stores.database().inTransaction(tx -> {
            MatchingRun run = runs.find(tx, runId).orElseThrow(() -> ApiException.notFound("matching run", runId));
            if (!access.seesProgram(tx, call.principal(), run.programId())) {
                throw ApiException.notFound("matching run", runId);
            }
            access.managedProgram(tx, call.principal(), run.programId());
            return run;
        });
    }

    ApiResult cancel(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        MatchingRun run = managedRun(call);
        if (run.status().finished() || !runs().cancel(run.id())) {
            throw ApiException.conflict("run-finished", "the run already ended " + run.status());
        }
        return new ApiResult(202, runs().find(run.id()).orElse(run), Map.of());
    }

    /** Publishes every proposal of a SUCCEEDED run that is still PROPOSED; rejected ones stay rejected. */
    ApiResult publish(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        MatchingRun run = managedRun(call);
        if (run.status() != MatchingRun.Status.SUCCEEDED) {
            throw ApiException.conflict("run-not-succeeded", "only a SUCCEEDED run's proposals can be published; "
                    + "this run is " + run.status());
        }
        String actor = call.principal().actor();
        Published published = stores.database().inTransaction(tx -> {
            List<String> done = new ArrayList<>();
            int skipped = 0;
            List<Outbox.Event> events = new ArrayList<>();
            for (String pairingId : runs().proposals(tx, run.id())) {
                Stored<Pairing> stored = stores.pairings().lock(tx, pairingId);
                Pairing pairing = stored.value();
                if (pairing.state() != PairingState.PROPOSED) {
                    skipped++;
                    continue;
                }
                Stored<Pairing> updated = stores.pairings().update(tx,
                        pairing.moveTo(PairingState.PUBLISHED, null), stored.version());
                stores.pairings().recordTransition(tx, pairingId, PairingState.PROPOSED, PairingState.PUBLISHED,
                        "published from matching run " + run.id(), actor);
                events.add(Outbox.Event.of("pairing.published", "pairing", pairingId, updated.version()));
                done.add(pairingId);
            }
            Outbox.append(tx, events);
            return new Published(done.size(), done, skipped);
        });
        return ApiResult.ok(published);
    }

    /** Body of a mentor's answer; a reason for declining is optional. */
    record Answer(String reason) {
    }

    /**
     * The proposed mentor accepts (PUBLISHED) or declines (REJECTED, and the mentee is matched again without this
     * mentor) a proposal, in programs whose strategy leaves proposals to mentors.
     */
    ApiResult answer(ApiCall call, boolean accept) throws Exception {
        call.allowQuery(Set.of());
        String id = call.path("id");
        Answer answer = call.hasBody() ? call.body(Answer.class) : new Answer(null);
        String text = answer.reason() == null || answer.reason().isBlank() ? null : answer.reason().strip();
        if (text != null && text.length() > 400) {
            throw ApiException.invalid("reason", "must be at most 400 characters");
        }
        MatchingRuns runs = runs();
        Principal caller = call.principal();
        PairingState target = accept ? PairingState.PUBLISHED : PairingState.REJECTED;
        String reason = accept ? "accepted by the mentor" : "declined by the mentor" + (text == null ? "" : ": " + text);
        Stored<Pairing> answered = stores.database().inTransaction(tx -> {
            Stored<Pairing> stored = access.pairing(tx, caller, id, true);
            Pairing pairing = stored.value();
            if (!caller.isPerson(pairing.mentorId())) {
                throw ApiException.forbidden("only the proposed mentor answers a proposal");
            }
            if (!runs.mentorsConfirm(stores.programs().get(tx, pairing.programId()).value())) {
                throw ApiException.conflict("not-mentor-confirmed", "in this program HR and the program's managers "
                        + "publish proposals; mentors answer them only where the strategy leaves it to them");
            }
            if (pairing.state() != PairingState.PROPOSED) {
                throw ApiException.conflict("invalid-transition", "only a PROPOSED pairing can be answered; this one is "
                        + pairing.state());
            }
            Stored<Pairing> updated = stores.pairings().update(tx, pairing.moveTo(target, accept ? null : reason),
                    stored.version());
            stores.pairings().recordTransition(tx, id, PairingState.PROPOSED, target, reason, caller.actor());
            if (!accept) {
                stores.pairings().rememberDissolved(tx, pairing, reason);
            }
            Outbox.append(tx, Outbox.Event.of("pairing." + target.name().toLowerCase(java.util.Locale.ROOT), "pairing",
                    id, updated.version()));
            return updated;
        });
        if (!accept) {
            Pairing declined = answered.value();
            runs.rematch(declined.programId(), declined.menteeIds(), "declined by mentor " + declined.mentorId());
        }
        return ApiResult.withEtag(Representation.of(answered), answered.etag());
    }

    /** The mentee's ranking of mentors, best first. */
    ApiResult ranking(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String programId = call.path("id");
        String menteeId = call.path("person_id");
        return ApiResult.ok(new Ranking(stores.database().inTransaction(tx -> {
            rankingAccess(tx, call.principal(), programId, menteeId);
            return tx.query("SELECT mentor_id FROM mentor_ranking WHERE program_id = ? AND mentee_id = ? "
                    + "ORDER BY position", row -> row.getString(1), Tx.uuid(programId), menteeId);
        })));
    }

    /** Replaces the mentee's ranking; every ranked person must be an active mentor of the program. */
    ApiResult rank(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String programId = call.path("id");
        String menteeId = call.path("person_id");
        Ranking ranking = call.body(Ranking.class);
        List<String> mentors = ranking.mentorIds() == null ? List.of() : ranking.mentorIds();
        if (mentors.size() > 20) {
            throw ApiException.invalid("mentor_ids", "rank at most 20 mentors");
        }
        if (new LinkedHashSet<>(mentors).size() != mentors.size()) {
            throw ApiException.invalid("mentor_ids", "names a mentor twice");
        }
        stores.database().inTransaction(tx -> {
            rankingAccess(tx, call.principal(), programId, menteeId);
            Map<String, String> roleOf = new LinkedHashMap<>();
            for (int i = 0; i < mentors.size(); i++) {
                String mentor = mentors.get(i);
                if (mentor == null || mentor.equals(menteeId)) {
                    throw ApiException.invalid("mentor_ids[" + i + "]", "must be another person");
                }
                String role = tx.one("SELECT role FROM enrollment WHERE program_id = ? AND person_id = ? AND "
                        + "status = 'ACTIVE'", row -> row.getString(1), Tx.uuid(programId), mentor).orElse(null);
                if (role == null || !Enrollment.Role.valueOf(role).mentors()) {
                    throw ApiException.invalid("mentor_ids[" + i + "]", mentor + " is not an active mentor in this program");
                }
                roleOf.put(mentor, role);
            }
            tx.update("DELETE FROM mentor_ranking WHERE program_id = ? AND mentee_id = ?", Tx.uuid(programId), menteeId);
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < mentors.size(); i++) {
                rows.add(new Object[] {Tx.uuid(programId), menteeId, mentors.get(i), i + 1});
            }
            tx.batch("INSERT INTO mentor_ranking (program_id, mentee_id, mentor_id, position) VALUES (?, ?, ?, ?)", rows);
            return null;
        });
        return ApiResult.ok(new Ranking(mentors));
    }

    /** The mentee themselves, or HR and the program's managers; the mentee must be an active mentee. */
    private void rankingAccess(Tx tx, Principal caller, String programId, String menteeId) throws java.sql.SQLException {
        access.program(tx, caller, programId);
        if (!caller.isPerson(menteeId) && !access.managesProgram(tx, caller, programId)) {
            throw ApiException.forbidden("a mentee ranks mentors for themselves; HR and the program's managers may too");
        }
        String role = tx.one("SELECT role FROM enrollment WHERE program_id = ? AND person_id = ? AND status = 'ACTIVE'",
                row -> row.getString(1), Tx.uuid(programId), menteeId)
                .orElseThrow(() -> ApiException.notFound("active enrollment of person", menteeId));
        if (!Enrollment.Role.valueOf(role).isMentored()) {
            throw ApiException.invalid("person", menteeId + " is enrolled as a mentor only");
        }
    }
}
