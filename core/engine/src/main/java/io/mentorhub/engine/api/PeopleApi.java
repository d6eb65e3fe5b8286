package io.mentorhub.engine.api;

import io.mentorhub.api.domain.InvalidValueException;
import io.mentorhub.api.domain.Person;
import io.mentorhub.api.domain.PersonStatus;
import io.mentorhub.engine.store.Page;
import io.mentorhub.engine.store.PersonStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** People from the HRIS: read, dated history, and bulk upsert for integrations. */
final class PeopleApi {

    /** Most people one bulk request may carry; larger loads are split by the client. */
    static final int MAX_BATCH = 10_000;

    /** {@code POST /api/people/bulk}: people to create or update, with the date their changes take effect. */
    record BulkUpsert(List<Person> people, LocalDate effectiveDate) {
        BulkUpsert {
            if (people == null || people.isEmpty()) {
                throw new InvalidValueException("people", "needs at least one person");
            }
            if (people.size() > MAX_BATCH) {
                throw new InvalidValueException("people", "at most " + MAX_BATCH + " people per request");
            }
            for (int i = 0; i < people.size(); i++) {
                if (people.get(i) == null) {
                    throw new InvalidValueException("people[" + i + "]", "is required");
                }
            }
        }
    }

    private final Stores stores;

    PeopleApi(Stores stores) {
        this.stores = stores;
    }

    ApiResult list(ApiCall call) throws Exception {
        call.allowQuery(Set.of("limit", "cursor", "modified_after", "status", "department"));
        Page.Request page = call.pageRequest();
        List<String> where = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (call.query("status") != null) {
            try {
                parameters.add(PersonStatus.valueOf(call.query("status")).name());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid-parameter", "status must be A, L or T");
            }
            where.add("status = ?");
        }
        if (call.query("department") != null) {
            where.add("department = ?");
            parameters.add(call.query("department"));
        }
        return ApiResult.ok(Representation.page(stores.database().inTransaction(tx -> stores.people().page(tx,
                where.isEmpty() ? null : String.join(" AND ", where), parameters, page))));
    }

    ApiResult get(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String id = call.path("id");
        visible(call, id);
        var person = stores.database().inTransaction(tx -> stores.people().find(tx, id))
                .orElseThrow(() -> ApiException.notFound("person", id));
        return ApiResult.withEtag(Representation.of(person), person.etag());
    }

    ApiResult history(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String id = call.path("id");
        visible(call, id);
        return ApiResult.ok(Map.of("items", stores.database().inTransaction(tx -> {
            if (!stores.people().exists(tx, id)) {
                throw ApiException.notFound("person", id);
            }
            return stores.people().history(tx, id);
        })));
    }

    /** Participants see only themselves. */
    private static void visible(ApiCall call, String id) {
        if (call.principal().role().participant() && !call.principal().isPerson(id)) {
            throw ApiException.notFound("person", id);
        }
    }

    ApiResult bulkUpsert(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        BulkUpsert request = call.body(BulkUpsert.class);
        List<PersonStore.Upsert> batch = new ArrayList<>(request.people().size());
        for (Person person : request.people()) {
            batch.add(new PersonStore.Upsert(person, request.effectiveDate()));
        }
        PersonStore.Result result = stores.database().inTransaction(tx -> stores.people().upsert(tx, batch));
        return ApiResult.ok(result);
    }
}
