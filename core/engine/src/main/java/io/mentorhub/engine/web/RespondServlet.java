package io.mentorhub.engine.web;

import io.mentorhub.engine.links.Links;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.survey.Responding;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /respond/<token>}: the survey form of one invitation; {@code POST}: its answers. No login: the signed,
 * single-use, expiring token is the credential (see {@link Responding}). Nothing about the request is logged but
 * the failure type of an unexpected error.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/respond/*",
        "osgi.http.whiteboard.servlet.name=mentorhub-respond"})
public class RespondServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RespondServlet.class);
    private final transient Responding responding;

    @Activate
    public RespondServlet(@Reference Database database, @Reference Links links) {
        this(new Responding(database, links, Clock.systemUTC()));
    }

    public RespondServlet(Responding responding) {
        this.responding = responding;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = HtmlPage.token(request);
        try {
            send(response, token == null ? notFound() : responding.show(token));
        } catch (SQLException | RuntimeException e) {
            failed(response, e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = HtmlPage.token(request);
        try {
            Map<String, String> fields = HtmlPage.form(request);
            if (token == null) {
                send(response, notFound());
            } else if (fields == null) {
                HtmlPage.write(response, 400, HtmlPage.page("Not a survey form", "<h1>Not a survey form</h1><p>Send "
                        + "the answers from the survey page.</p>"));
            } else {
                send(response, responding.submit(token, fields));
            }
        } catch (SQLException | RuntimeException e) {
            failed(response, e);
        }
    }

    private static Responding.Outcome notFound() {
        return new Responding.Outcome(404, HtmlPage.page("This link is not valid", "<h1>This link is not valid</h1>"),
                null);
    }

    private static void send(HttpServletResponse response, Responding.Outcome outcome) throws IOException {
        if (outcome.redirect() != null) {
            HtmlPage.redirect(response, outcome.redirect().toString());
        } else {
            HtmlPage.write(response, outcome.status(), outcome.html());
        }
    }

    static void failed(HttpServletResponse response, Exception e) throws IOException {
        String incident = java.util.UUID.randomUUID().toString();
        LOG.error("Page failed (incident {}): {}", incident, e instanceof SQLException sql ? "database error, SQLState "
                + sql.getSQLState() : e.getClass().getName());
        HtmlPage.write(response, 503, HtmlPage.page("Please try again", "<h1>Please try again</h1><p>The page could "
                + "not be shown just now; nothing was changed. Incident " + incident + ".</p>"));
    }
}
