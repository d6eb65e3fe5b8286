package io.mentorhub.engine.notify;

import io.mentorhub.engine.links.Links;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.web.HtmlPage;
import java.sql.SQLException;
import java.util.Optional;

/** The unsubscribe link of every e-mail: a person stops one kind of e-mail, or all, without logging in. */
public final class Unsubscribing {

    public record Outcome(int status, String html) {
    }

    private final Database database;
    private final Links links;

    public Unsubscribing(Database database, Links links) {
        this.database = database;
        this.links = links;
    }

    public Outcome show(String token) throws SQLException {
        Optional<NotificationKind> kind = kind(token);
        if (kind.isEmpty()) {
            return invalid();
        }
        return new Outcome(200, HtmlPage.page("Unsubscribe", "<h1>Unsubscribe</h1>\n<form method=\"post\">"
                + "<p><button type=\"submit\" name=\"scope\" value=\"kind\">Stop “" + HtmlPage.escape(kind.get().label())
                + "” e-mails</button></p>\n<p><button type=\"submit\" name=\"scope\" value=\"all\">Stop all e-mail "
                + "from the mentoring hub</button></p></form>\n<p class=\"note\">You can change this later in your "
                + "notification preferences.</p>"));
    }

    public Outcome confirm(String token, boolean all) throws SQLException {
        Optional<NotificationKind> kind = kind(token);
        if (kind.isEmpty()) {
            return invalid();
        }
        NotificationKind stopped = all ? NotificationKind.ALL : kind.get();
        String personId = links.readUnsubscribeToken(token).orElseThrow().personId();
        database.inTransaction(tx -> {
            OptOuts.add(tx, personId, stopped, "unsubscribe-link");
            return null;
        });
        String what = all ? "any e-mail from the mentoring hub" : "“" + stopped.label() + "” e-mails";
        return new Outcome(200, HtmlPage.page("Unsubscribed", "<h1>Unsubscribed</h1>\n<p>You will not receive "
                + HtmlPage.escape(what) + " any more.</p>"));
    }

    /** The kind a valid token names for a person who exists; empty otherwise. */
    private Optional<NotificationKind> kind(String token) throws SQLException {
        Optional<Links.UnsubscribeClaim> claim = links.readUnsubscribeToken(token);
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        NotificationKind kind;
        try {
            kind = NotificationKind.fromWire(claim.get().kind());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean exists = database.inTransaction(tx -> tx.count("SELECT COUNT(*) FROM person WHERE hris_id = ?",
                claim.get().personId()) > 0);
        return exists ? Optional.of(kind) : Optional.empty();
    }

    private static Outcome invalid() {
        return new Outcome(404, HtmlPage.page("This link is not valid", "<h1>This link is not valid</h1>\n<p>Check "
                + "that you opened the whole link from your e-mail.</p>"));
    }

}
