package io.mentorhub.engine.web;

import io.mentorhub.engine.links.Links;
import io.mentorhub.engine.notify.Unsubscribing;
import io.mentorhub.engine.store.Database;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /unsubscribe/<token>}: asks to confirm (mail scanners open links, so a GET changes nothing);
 * {@code POST}: stops that kind of e-mail, or all of them ({@code scope=all}); RFC 8058 one-click posts
 * {@code List-Unsubscribe=One-Click}.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/unsubscribe/*",
        "osgi.http.whiteboard.servlet.name=mentorhub-unsubscribe"})
public class UnsubscribeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient Unsubscribing unsubscribing;

    @Activate
    public UnsubscribeServlet(@Reference Database database, @Reference Links links) {
        this(new Unsubscribing(database, links));
    }

    public UnsubscribeServlet(Unsubscribing unsubscribing) {
        this.unsubscribing = unsubscribing;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Unsubscribing.Outcome outcome = unsubscribing.show(HtmlPage.token(request));
            HtmlPage.write(response, outcome.status(), outcome.html());
        } catch (SQLException | RuntimeException e) {
            RespondServlet.failed(response, e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Map<String, String> fields = HtmlPage.form(request);
            boolean all = fields != null && "all".equals(fields.get("scope"));
            Unsubscribing.Outcome outcome = unsubscribing.confirm(HtmlPage.token(request), all);
            HtmlPage.write(response, outcome.status(), outcome.html());
        } catch (SQLException | RuntimeException e) {
            RespondServlet.failed(response, e);
        }
    }
}
