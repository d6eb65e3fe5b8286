package io.mentorhub.engine.web;

import io.mentorhub.engine.api.Api;
import io.mentorhub.engine.api.Stores;
import io.mentorhub.engine.health.ComponentHealth;
import io.mentorhub.engine.health.HealthIndicator;
import io.mentorhub.engine.matching.MatchingRuns;
import io.mentorhub.engine.metrics.ProgramMetrics;
import io.mentorhub.engine.plugin.PluginRegistry;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.sync.ConnectorSync;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /api/*}. It is registered from the start; while the database is not ready every call answers 503
 * as problem+json, so clients see a clear state rather than a missing route.
 */
@Component(service = {Servlet.class, HealthIndicator.class}, configurationPid = ApiServlet.PID, property = {
        "osgi.http.whiteboard.servlet.pattern=/api/*",
        "osgi.http.whiteboard.servlet.name=mentorhub-api"})
@Designate(ocd = ApiServlet.Config.class)
public class ApiServlet extends HttpServlet implements HealthIndicator {

    static final String PID = "io.mentorhub.api";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    @ObjectClassDefinition(name = "mentorhub REST API")
    public @interface Config {
        @AttributeDefinition(type = AttributeType.PASSWORD,
                description = "Bootstrap admin key (MENTORHUB_ADMIN_KEY); empty: generated into data/admin.key")
        String adminKey() default "";

        @AttributeDefinition(description = "Largest request body in bytes", min = "1024")
        int maxBodyBytes() default 1 << 20;

        @AttributeDefinition(description = "Largest bulk people upsert body in bytes", min = "1024")
        int maxBulkBodyBytes() default 32 << 20;
    }

    private final transient PluginRegistry plugins;
    private final transient Config config;
    private final transient Path keyFile;
    private transient volatile Api api;
    private transient volatile MatchingRuns matchingRuns;
    private transient volatile io.mentorhub.engine.survey.Surveys surveys;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindSurveys(io.mentorhub.engine.survey.Surveys engine) {
        surveys = engine;
    }

    void unbindSurveys(io.mentorhub.engine.survey.Surveys engine) {
        if (surveys == engine) {
            surveys = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindMatchingRuns(MatchingRuns runs) {
        matchingRuns = runs;
    }

    void unbindMatchingRuns(MatchingRuns runs) {
        if (matchingRuns == runs) {
            matchingRuns = null;
        }
    }

    private transient volatile ProgramMetrics programMetrics;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindProgramMetrics(ProgramMetrics metrics) {
        programMetrics = metrics;
    }

    void unbindProgramMetrics(ProgramMetrics metrics) {
        if (programMetrics == metrics) {
            programMetrics = null;
        }
    }

    private transient volatile ConnectorSync connectorSync;
    private transient volatile io.mentorhub.engine.push.PushControl pushControl;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindPushControl(io.mentorhub.engine.push.PushControl control) {
        pushControl = control;
    }

    void unbindPushControl(io.mentorhub.engine.push.PushControl control) {
        if (pushControl == control) {
            pushControl = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindConnectorSync(ConnectorSync sync) {
        connectorSync = sync;
    }

    void unbindConnectorSync(ConnectorSync sync) {
        if (connectorSync == sync) {
            connectorSync = null;
        }
    }

    @Activate
    public ApiServlet(BundleContext context, Config config, @Reference PluginRegistry plugins) {
        this.plugins = plugins;
        this.config = config;
        String data = context.getProperty("mentorhub.data");
        this.keyFile = Path.of(data == null ? "data" : data).toAbsolutePath().resolve("admin.key");
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindDatabase(Database database) {
        Stores stores = Stores.on(database);
        try {
            stores.keys().bootstrap(database, config.adminKey(), keyFile);
        } catch (Exception e) {
            LOG.error("Could not set up the bootstrap admin key", e);
        }
        api = new Api(stores, plugins::plugins, () -> matchingRuns, () -> surveys, () -> programMetrics,
                () -> connectorSync, () -> pushControl,
                new Api.Limits(config.maxBodyBytes(), config.maxBulkBodyBytes()));
    }

    void unbindDatabase(Database database) {
        api = null;
    }

    @Override
    public String healthName() {
        return "api";
    }

    /** Up once the API has its database and routes, so /health UP means the API answers. */
    @Override
    public ComponentHealth health() {
        Api current = api;
        return current == null ? ComponentHealth.down("waiting for the database")
                : ComponentHealth.up(java.util.Map.of("routes", current.routes().size()));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Api current = api;
        if (current == null) {
            response.setHeader("Retry-After", "5");
            Api.problem(response, 503, "unavailable", "the database is not ready yet; see GET /health", List.of(),
                    request.getRequestURI());
            return;
        }
        current.handle(request, response);
    }
}
