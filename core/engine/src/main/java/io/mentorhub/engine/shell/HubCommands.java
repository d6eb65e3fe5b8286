package io.mentorhub.engine.shell;

import io.mentorhub.engine.health.ComponentHealth;
import io.mentorhub.engine.health.Health;
import io.mentorhub.engine.health.HealthReport;
import io.mentorhub.engine.plugin.PluginInfo;
import io.mentorhub.engine.plugin.PluginRegistry;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo shell commands for IT: {@code hub:status} and {@code hub:plugins}. */
@Component(service = HubCommands.class, property = {
        "osgi.command.scope=hub",
        "osgi.command.function=status",
        "osgi.command.function=plugins"})
public class HubCommands {

    private final Health health;
    private final PluginRegistry registry;

    @Activate
    public HubCommands(@Reference Health health, @Reference PluginRegistry registry) {
        this.health = health;
        this.registry = registry;
    }

    /** Overall status and one line per component. */
    public String status() {
        HealthReport report = health.report();
        StringBuilder out = new StringBuilder("mentorhub ").append(report.status()).append('\n');
        for (Map.Entry<String, ComponentHealth> component : report.components().entrySet()) {
            out.append(String.format("  %-10s %-5s %s%n", component.getKey(), component.getValue().status(),
                    component.getValue().details()));
        }
        return out.toString();
    }

    /** One line per plugin, with the reason for any that is not active. */
    public String plugins() {
        return table(registry.plugins());
    }

    static String table(List<PluginInfo> plugins) {
        if (plugins.isEmpty()) {
            return "No plugins installed. Drop a plugin jar into deploy/ to install one.\n";
        }
        int idWidth = Math.max(4, plugins.stream().mapToInt(p -> p.id().length()).max().orElse(0));
        String row = "%-" + idWidth + "s  %-17s  %-10s  %-14s  %s%n";
        StringBuilder out = new StringBuilder(String.format(row, "ID", "KIND", "STATE", "VERSION", "BUNDLE / REASON"));
        for (PluginInfo plugin : plugins) {
            out.append(String.format(row, plugin.id(), plugin.kind(), plugin.state(),
                    plugin.version() == null ? "-" : plugin.version(),
                    plugin.error() == null ? plugin.bundle() : plugin.error()));
        }
        return out.toString();
    }
}
