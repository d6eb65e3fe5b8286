package io.mentorhub.engine.plugin;

import io.mentorhub.api.HubPlugin;
import io.mentorhub.api.connector.Connector;
import io.mentorhub.api.matching.CompatibilityScorer;
import io.mentorhub.api.matching.MatchingConstraint;
import io.mentorhub.api.matching.MatchingStrategy;
import io.mentorhub.api.survey.SurveyTool;
import io.mentorhub.engine.health.ComponentHealth;
import io.mentorhub.engine.health.HealthIndicator;
import io.mentorhub.engine.plugin.PluginInfo.State;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every plugin the hub knows of — matching strategies, connectors, survey tools — and every plugin that failed to
 * become one, with the reason. Plugins come and go at run time: services are tracked (and released) with a
 * {@link ServiceTracker}; failures are read from the framework and from Declarative Services when asked.
 */
@Component(service = {PluginRegistry.class, HealthIndicator.class}, immediate = true)
public class PluginRegistry implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    /** Plugin SPI type → kind shown to administrators. */
    static final Map<String, String> KINDS = Map.of(
            MatchingStrategy.class.getName(), "MATCHING_STRATEGY",
            CompatibilityScorer.class.getName(), "COMPATIBILITY_SCORER",
            MatchingConstraint.class.getName(), "MATCHING_CONSTRAINT",
            Connector.class.getName(), "CONNECTOR",
            SurveyTool.class.getName(), "SURVEY_TOOL");

    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|token|apikey|api\\.key|credential).*");

    private final BundleContext context;
    private final ServiceComponentRuntime components;
    private final DeployFolder deploy;
    private final ServiceTracker<HubPlugin, Tracked> tracker;

    @Activate
    public PluginRegistry(BundleContext context, @Reference ServiceComponentRuntime components) throws InvalidSyntaxException {
        this.context = context;
        this.components = components;
        String deployDir = context.getProperty("mentorhub.deploy");
        this.deploy = new DeployFolder(Path.of(deployDir == null ? "deploy" : deployDir));
        StringBuilder filter = new StringBuilder("(|");
        KINDS.keySet().stream().sorted().forEach(type -> filter.append("(objectClass=").append(type).append(')'));
        filter.append(')');
        this.tracker = new ServiceTracker<>(context, context.createFilter(filter.toString()), new Customizer());
        tracker.open(true);
    }

    @Deactivate
    void stop() {
        tracker.close();
    }

    /** Everything installed, sorted by kind and id: active plugins and the ones that failed. */
    public List<PluginInfo> plugins() {
        List<PluginInfo> result = new ArrayList<>();
        Set<Long> bundlesWithPlugins = new HashSet<>();
        for (Tracked tracked : tracker.getTracked().values()) {
            Bundle bundle = tracked.reference().getBundle();
            bundlesWithPlugins.add(bundle == null ? -1 : bundle.getBundleId());
            // A component whose activation failed is reported below, with its reason, from Declarative Services.
            if (tracked.plugin() != null || tracked.reference().getProperty("component.name") == null) {
                result.add(describe(tracked));
            }
        }
        result.addAll(componentProblems(bundlesWithPlugins));
        result.addAll(deployProblems(bundlesWithPlugins));
        result.sort(Comparator.comparing(PluginInfo::kind).thenComparing(PluginInfo::id)
                .thenComparing(p -> String.valueOf(p.source())));
        return result;
    }

    /** Plugin components that exist but are not active: failed activation, missing references or configuration. */
    private List<PluginInfo> componentProblems(Set<Long> bundlesWithPlugins) {
        List<PluginInfo> problems = new ArrayList<>();
        for (ComponentDescriptionDTO description : components.getComponentDescriptionDTOs()) {
            String kind = kindOf(description.serviceInterfaces);
            if (kind == null) {
                continue;
            }
            Bundle bundle = context.getBundle(description.bundle.id);
            String problem = null;
            State state = null;
            if (!components.isComponentEnabled(description)) {
                state = State.WAITING;
                problem = "component is disabled";
            } else {
                var configurations = components.getComponentConfigurationDTOs(description);
                if (configurations.isEmpty() && "require".equals(description.configurationPolicy)) {
                    state = State.WAITING;
                    problem = "needs configuration " + String.join(", ", description.configurationPid);
                }
                for (ComponentConfigurationDTO configuration : configurations) {
                    if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        state = State.FAILED;
                        problem = "activation failed: " + firstLine(configuration.failure);
                    } else if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
                        state = State.WAITING;
                        List<String> missing = new ArrayList<>();
                        for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
                            missing.add(reference.name + " (" + reference.target + ")");
                        }
                        problem = "waiting for required services: " + String.join(", ", missing);
                    } else if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION) {
                        state = State.WAITING;
                        problem = "needs configuration " + String.join(", ", description.configurationPid);
                    }
                }
            }
            if (state != null) {
                bundlesWithPlugins.add(description.bundle.id);
                problems.add(new PluginInfo(description.name, kind, description.name, version(bundle),
                        symbolicName(bundle), source(bundle), state, problem, null));
            }
        }
        return problems;
    }

    /** Bundles from deploy/ that are not running, and jars there that never became bundles. */
    private List<PluginInfo> deployProblems(Set<Long> bundlesWithPlugins) {
        List<PluginInfo> problems = new ArrayList<>();
        Bundle[] bundles = context.getBundles();
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        for (Bundle bundle : bundles) {
            if (!deploy.holds(bundle.getLocation()) || bundlesWithPlugins.contains(bundle.getBundleId())) {
                continue;
            }
            String name = symbolicName(bundle);
            switch (bundle.getState()) {
                case Bundle.INSTALLED -> problems.add(new PluginInfo(name, "BUNDLE", name, version(bundle), name,
                        source(bundle), State.UNRESOLVED, "cannot resolve: " + missingRequirements(bundle, wiring), null));
                case Bundle.RESOLVED -> problems.add(new PluginInfo(name, "BUNDLE", name, version(bundle), name,
                        source(bundle), State.FAILED, "bundle is resolved but did not start: see logs/mentorhub.log", null));
                default -> problems.add(new PluginInfo(name, "BUNDLE", name, version(bundle), name,
                        source(bundle), State.ACTIVE, null, null)); // a library bundle, e.g. a vendor SDK
            }
        }
        Instant now = Instant.now();
        for (Path jar : deploy.jars()) {
            boolean installed = false;
            for (Bundle bundle : bundles) {
                installed |= deploy.contains(bundle.getLocation(), jar);
            }
            if (!installed) {
                problems.add(DeployFolder.diagnose(jar, now));
            }
        }
        return problems;
    }

    /** The mandatory requirements nothing in the framework provides, e.g. a vendor SDK package. */
    static String missingRequirements(Bundle bundle, FrameworkWiring wiring) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return "bundle was uninstalled";
        }
        List<String> missing = new ArrayList<>();
        for (BundleRequirement requirement : revision.getDeclaredRequirements(null)) {
            if ("optional".equals(requirement.getDirectives().get(Constants.RESOLUTION_DIRECTIVE))) {
                continue;
            }
            if (wiring.findProviders(requirement).isEmpty()) {
                missing.add(requirement.getNamespace() + " " + requirement.getDirectives().get(Constants.FILTER_DIRECTIVE));
            }
        }
        return missing.isEmpty() ? "a requirement is provided only by bundles that cannot resolve themselves"
                : "missing " + String.join("; ", missing);
    }

    private static String kindOf(String[] serviceInterfaces) {
        if (serviceInterfaces == null) {
            return null;
        }
        for (String type : serviceInterfaces) {
            if (KINDS.containsKey(type)) {
                return KINDS.get(type);
            }
        }
        return null;
    }

    private static String firstLine(String failure) {
        if (failure == null || failure.isBlank()) {
            return "unknown error (see logs/mentorhub.log)";
        }
        // SCR wraps the plugin's exception; the innermost cause is what the vendor wrote.
        String cause = failure.lines().filter(l -> l.startsWith("Caused by: ")).reduce((a, b) -> b)
                .map(l -> l.substring("Caused by: ".length())).orElse(failure.lines().findFirst().orElse(failure));
        return cause.strip();
    }

    private String source(Bundle bundle) {
        if (bundle == null) {
            return null;
        }
        Path file = DeployFolder.toPath(bundle.getLocation());
        if (file != null && deploy.holds(bundle.getLocation())) {
            return "deploy/" + file.getFileName();
        }
        return file != null ? file.getParent().getFileName() + "/" + file.getFileName() : bundle.getLocation();
    }

    private static String symbolicName(Bundle bundle) {
        return bundle == null ? null : bundle.getSymbolicName();
    }

    private static String version(Bundle bundle) {
        return bundle == null ? null : bundle.getVersion().toString();
    }

    /** Service properties a plugin was configured with, without framework internals and with secrets masked. */
    static Map<String, Object> configuration(ServiceReference<?> reference) {
        Map<String, Object> configuration = new TreeMap<>();
        for (String key : reference.getPropertyKeys()) {
            if (key.startsWith(".") || key.startsWith("service.") || key.startsWith("component.")
                    || key.startsWith("felix.") || key.startsWith("osgi.") || key.equals(Constants.OBJECTCLASS)) {
                continue;
            }
            Object value = reference.getProperty(key);
            configuration.put(key, SECRET_KEY.matcher(key).matches() ? "********"
                    : value.getClass().isArray() ? java.util.Arrays.deepToString(new Object[] {value}) : value);
        }
        return configuration;
    }

    @Override
    public String healthName() {
        return "plugins";
    }

    /** Plugin problems are listed, not fatal: one broken vendor jar must not take the hub down. */
    @Override
    public ComponentHealth health() {
        List<PluginInfo> plugins = plugins();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("active", plugins.stream().filter(p -> p.state() == State.ACTIVE).count());
        details.put("failed", plugins.stream().filter(p -> !p.healthy()).count());
        return ComponentHealth.up(details);
    }

    /** A plugin service held from registration to unregistration; its properties are read live. */
    private record Tracked(ServiceReference<HubPlugin> reference, HubPlugin plugin, String error) {
    }

    private final class Customizer implements ServiceTrackerCustomizer<HubPlugin, Tracked> {

        @Override
        public Tracked addingService(ServiceReference<HubPlugin> reference) {
            Tracked tracked;
            try {
                HubPlugin plugin = context.getService(reference);
                tracked = new Tracked(reference, plugin, plugin == null ? "service could not be obtained" : null);
            } catch (ClassCastException | LinkageError e) {
                tracked = new Tracked(reference, null, "built against an incompatible mentorhub-api: " + e);
            } catch (RuntimeException e) {
                tracked = new Tracked(reference, null, "service could not be obtained: " + e);
            }
            PluginInfo info = describe(tracked);
            LOG.info("Plugin {} ({}) from {} {}: {}", info.id(), info.kind(), info.bundle(), info.version(),
                    info.error() == null ? "active" : info.error());
            return tracked;
        }

        @Override
        public void modifiedService(ServiceReference<HubPlugin> reference, Tracked tracked) {
            PluginInfo info = describe(tracked);
            LOG.info("Plugin {} ({}) reconfigured: {}", info.id(), info.kind(), info.configuration());
        }

        @Override
        public void removedService(ServiceReference<HubPlugin> reference, Tracked tracked) {
            PluginInfo info = describe(tracked);
            if (tracked.plugin() != null) {
                context.ungetService(reference);
            }
            LOG.info("Plugin {} ({}) removed", info.id(), info.kind());
        }
    }

    private PluginInfo describe(Tracked tracked) {
        ServiceReference<HubPlugin> reference = tracked.reference();
        Bundle bundle = reference.getBundle();
        String kind = kindOf((String[]) reference.getProperty(Constants.OBJECTCLASS));
        String id = String.valueOf(reference.getProperty("component.name"));
        String displayName = id;
        String error = tracked.error();
        if (tracked.plugin() != null) {
            try {
                id = HubPlugin.requireValidId(tracked.plugin().id());
                displayName = tracked.plugin().displayName();
            } catch (RuntimeException e) {
                error = "plugin failed to describe itself: " + e;
            }
        }
        return new PluginInfo(id, kind, displayName, version(bundle), symbolicName(bundle), source(bundle),
                error == null ? State.ACTIVE : State.FAILED, error, configuration(reference));
    }
}
