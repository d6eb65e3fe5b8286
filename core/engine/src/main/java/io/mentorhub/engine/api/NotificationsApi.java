package io.mentorhub.engine.api;

import io.mentorhub.engine.notify.NotificationKind;
import io.mentorhub.engine.notify.OptOuts;
import io.mentorhub.engine.store.Tx;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A person's e-mail preferences: which kinds of notification they opted out of ({@code all} stops every kind). The
 * person themself reads and changes them; HR may read them. Every e-mail also carries an unsubscribe link.
 */
final class NotificationsApi {

    /** {@code available} lists the kinds there are (read only). */
    record Preferences(String personId, List<NotificationKind> optedOut, List<NotificationKind> available) {
    }

    private final Stores stores;

    NotificationsApi(Stores stores) {
        this.stores = stores;
    }

    ApiResult get(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String personId = call.path("id");
        Access.ownOrHrReads(call.principal(), personId, "notification preferences");
        return ApiResult.ok(stores.database().inTransaction(tx -> read(tx, personId)));
    }

    ApiResult put(ApiCall call) throws Exception {
        call.allowQuery(Set.of());
        String personId = call.path("id");
        Access.ownChanges(call.principal(), personId, "notification preferences",
                "only the person themself may change their notification preferences");
        Preferences body = call.body(Preferences.class, Map.of("person_id", personId));
        if (body.available() != null) {
            throw ApiException.invalid("available", "is read only; send opted_out");
        }
        if (body.optedOut() == null) {
            throw ApiException.invalid("opted_out", "is required: the kinds to stop, e.g. [\"session_reminder\"], or "
                    + "[] for every kind");
        }
        Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
        for (int i = 0; i < body.optedOut().size(); i++) {
            NotificationKind kind = body.optedOut().get(i);
            if (kind == null) {
                throw ApiException.invalid("opted_out[" + i + "]", "must be a kind of notification");
            }
            kinds.add(kind);
        }
        return ApiResult.ok(stores.database().inTransaction(tx -> {
            if (!stores.people().exists(tx, personId)) {
                throw ApiException.notFound("person", personId);
            }
            OptOuts.replace(tx, personId, kinds, "api");
            return read(tx, personId);
        }));
    }

    private Preferences read(Tx tx, String personId) throws SQLException {
        if (!stores.people().exists(tx, personId)) {
            throw ApiException.notFound("person", personId);
        }
        return new Preferences(personId, new ArrayList<>(OptOuts.of(tx, personId)),
                List.of(NotificationKind.values()));
    }
}
