package io.mentorhub.connectors.scim;

import io.mentorhub.api.directory.PeopleDirectory;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves SCIM 2.0 at {@code /scim/v2} on the hub's HTTP server (OSGi HTTP whiteboard, as {@code /api}). Registered
 * from the start: until the hub's directory is ready, /Users and /Groups answer 503; without a usable token, 401.
 */
@Component(service = Servlet.class, configurationPid = ScimServlet.PID, property = {
        "osgi.http.whiteboard.servlet.pattern=/scim/v2/*",
        "osgi.http.whiteboard.servlet.name=mentorhub-scim"})
@Designate(ocd = ScimServlet.Config.class)
public class ScimServlet extends HttpServlet {

    static final String PID = "io.mentorhub.scim";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ScimServlet.class);

    @ObjectClassDefinition(name = "SCIM 2.0 service provider",
            description = "Identity providers and HRIS push people and groups to /scim/v2.")
    @interface Config {
        /** A private property (.token): the hub never shows it among the service's properties. */
        @AttributeDefinition(name = "Bearer token", type = AttributeType.PASSWORD, description = "The secret"
                + " identity providers send as Authorization: Bearer; at least 32 characters. Empty: every"
                + " request is refused.")
        String _token() default "";

        @AttributeDefinition(name = "Public base URL", description = "The URL identity providers reach /scim/v2"
                + " at, e.g. https://hub.example.com/scim/v2 behind a proxy; empty: taken from each request.")
        String baseUrl() default "";

        @AttributeDefinition(name = "Largest request body (bytes)", min = "1024", max = "33554432")
        int maxBodyBytes() default 1 << 20;

        @AttributeDefinition(name = "Most resources per page", description = "filter.maxResults: the largest"
                + " count a list returns.", min = "1", max = "1000")
        int maxResults() default 200;
    }

    private final transient ScimProtocol protocol;
    private transient volatile PeopleDirectory directory;

    @Activate
    public ScimServlet(Config config) {
        BearerToken token = BearerToken.of(config._token());
        this.protocol = new ScimProtocol(() -> directory, new ScimProtocol.Settings(config.baseUrl(),
                config.maxBodyBytes(), config.maxResults()), token);
        if (!token.configured()) {
            LOG.warn("SCIM at /scim/v2 refuses every request: {}", token.problem());
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindDirectory(PeopleDirectory people) {
        directory = people;
    }

    void unbindDirectory(PeopleDirectory people) {
        if (directory == people) {
            directory = null;
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        protocol.handle(request, response);
    }
}
