package io.mentorhub.engine.web;

import io.mentorhub.engine.health.Health;
import io.mentorhub.engine.health.HealthReport;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /health}: 200 when every component is UP, 503 otherwise — what load balancers and monitors probe. */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/health",
        "osgi.http.whiteboard.servlet.name=mentorhub-health"})
public class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient Health health;

    @Activate
    public HealthServlet(@Reference Health health) {
        this.health = health;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HealthReport report = health.report();
        Json.write(response, report.up() ? 200 : 503, report.toJson());
    }
}
