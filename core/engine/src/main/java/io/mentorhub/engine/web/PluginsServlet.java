package io.mentorhub.engine.web;

import io.mentorhub.engine.plugin.PluginRegistry;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /api/plugins}: installed plugins, and the ones that failed with their reason. */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/plugins",
        "osgi.http.whiteboard.servlet.name=mentorhub-plugins"})
public class PluginsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient PluginRegistry registry;

    @Activate
    public PluginsServlet(@Reference PluginRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Json.write(response, 200, Map.of("plugins", registry.plugins()));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException,
            jakarta.servlet.ServletException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            Json.problem(response, 405, "method-not-allowed", "Method not allowed",
                    request.getMethod() + " is not supported on " + request.getRequestURI());
            return;
        }
        super.service(request, response);
    }
}
