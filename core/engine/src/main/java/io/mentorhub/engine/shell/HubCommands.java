package io.mentorhub.engine.shell;

import io.mentorhub.engine.health.ComponentHealth;
import io.mentorhub.engine.health.Health;
import io.mentorhub.engine.health.HealthReport;
import io.mentorhub.engine.plugin.PluginInfo;
import io.mentorhub.engine.plugin.PluginRegistry;
import io.mentorhub.engine.api.ApiException;
import io.mentorhub.engine.api.ApiKeys;
import io.mentorhub.engine.api.Role;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.matching.MatchingRun;
import io.mentorhub.engine.matching.MatchingRuns;
import io.mentorhub.engine.matching.MatchingSummary;
import io.mentorhub.engine.metrics.MetricsQuery;
import io.mentorhub.engine.metrics.MetricsTable;
import io.mentorhub.engine.metrics.ProgramMetrics;
import io.mentorhub.engine.sync.ConnectorSync;
import io.mentorhub.engine.sync.DeadLetter;
import io.mentorhub.engine.sync.SyncRun;
import java.util.Optional;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo shell commands for IT: {@code hub:status}, {@code hub:plugins}, {@code hub:apikey}, {@code hub:match},
 * {@code hub:metrics}, and for connectors {@code hub:connectors}, {@code hub:sync}, {@code hub:deadletters} and
 * {@code hub:push}.
 */
@Component(service = HubCommands.class, property = {
        "osgi.command.scope=hub",
        "osgi.command.function=status",
        "osgi.command.function=plugins",
        "osgi.command.function=apikey",
        "osgi.command.function=match",
        "osgi.command.function=metrics",
        "osgi.command.function=connectors",
        "osgi.command.function=sync",
        "osgi.command.function=deadletters",
        "osgi.command.function=push"})
public class HubCommands {

    private final Health health;
    private final PluginRegistry registry;
    private volatile Database database;
    private final ApiKeys keys = new ApiKeys();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindDatabase(Database database) {
        this.database = database;
    }

    void unbindDatabase(Database database) {
        this.database = null;
    }

    private volatile MatchingRuns matching;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindMatching(MatchingRuns runs) {
        this.matching = runs;
    }

    void unbindMatching(MatchingRuns runs) {
        if (matching == runs) {
            matching = null;
        }
    }

    private volatile ProgramMetrics programMetrics;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindProgramMetrics(ProgramMetrics metrics) {
        this.programMetrics = metrics;
    }

    void unbindProgramMetrics(ProgramMetrics metrics) {
        if (programMetrics == metrics) {
            programMetrics = null;
        }
    }

    /**
     * Program metrics: {@code hub:metrics <program-id-or-name> [from] [to] [cohort=YYYY-MM] [by=month|quarter]}
     * prints the figures of GET /api/programs/{id}/metrics as a table (dates YYYY-MM-DD; default: the program's
     * start to today).
     */
    public String metrics(String... args) throws Exception {
        ProgramMetrics metrics = programMetrics;
        Database db = database;
        if (metrics == null || db == null) {
            return "Program metrics are not running yet; see hub:status.\n";
        }
        String usage = "usage: hub:metrics <program-id-or-name> [from] [to] [cohort=YYYY-MM] [by=month|quarter]\n";
        if (args.length < 1) {
            return usage;
        }
        List<String> dates = new java.util.ArrayList<>();
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            if (equals < 0) {
                dates.add(args[i]);
            } else if (options.put(args[i].substring(0, equals), args[i].substring(equals + 1)) != null
                    || !List.of("cohort", "by").contains(args[i].substring(0, equals))) {
                return usage;
            }
        }
        if (dates.size() > 2) {
            return usage;
        }
        try {
            MetricsQuery query = MetricsQuery.parse(dates.isEmpty() ? null : dates.get(0),
                    dates.size() < 2 ? null : dates.get(1), options.get("cohort"), options.get("by"));
            return db.inTransaction(tx -> {
                Optional<io.mentorhub.api.domain.Program> program = ProgramMetrics.findProgram(tx, args[0]);
                if (program.isEmpty()) {
                    return "No program " + args[0] + "\n";
                }
                return MetricsTable.render(metrics.report(tx, program.get(), query,
                        tx.now().atOffset(java.time.ZoneOffset.UTC).toLocalDate()));
            });
        } catch (MetricsQuery.Invalid e) {
            return "Refused: " + e.getMessage() + "\n";
        }
    }

    /**
     * Matching: {@code hub:match <program-id> [seed]} starts a run and shows its phase and progress until it ends,
     * then a summary; {@code hub:match status <run-id>} shows a run; {@code hub:match cancel <run-id>} stops one.
     * Runs started here are recorded as requested by "shell".
     */
    public String match(String... args) throws Exception {
        MatchingRuns runs = matching;
        Database db = database;
        if (runs == null || db == null) {
            return "Matching is not running yet; see hub:status.\n";
        }
        if (args.length == 2 && args[0].equals("status")) {
            Optional<MatchingRun> run = runs.find(args[1]);
            return run.isEmpty() ? "No matching run " + args[1] + "\n"
                    : db.inTransaction(tx -> MatchingSummary.render(tx, run.get()));
        }
        if (args.length == 2 && args[0].equals("cancel")) {
            return runs.cancel(args[1]) ? "Cancelling " + args[1] + "\n" : "Run " + args[1] + " is not going\n";
        }
        if (args.length < 1 || args.length > 2) {
            return "usage: hub:match <program-id> [seed] | hub:match status <run-id> | hub:match cancel <run-id>\n";
        }
        Long seed = null;
        if (args.length == 2) {
            try {
                seed = Long.parseLong(args[1]);
            } catch (NumberFormatException e) {
                return "The seed must be a whole number, was: " + args[1] + "\n";
            }
        }
        if (!io.mentorhub.engine.store.EntityStore.isUuid(args[0])
                || db.inTransaction(tx -> new io.mentorhub.engine.store.ProgramStore().find(tx, args[0])).isEmpty()) {
            return "No program " + args[0] + "\n";
        }
        MatchingRun run;
        try {
            run = runs.start(args[0], seed, MatchingRun.Options.DEFAULT, "shell");
        } catch (MatchingRuns.Refused e) {
            return "Not started: " + e.getMessage() + "\n";
        }
        String last = "";
        while (!run.status().finished()) {
            String line = String.format("  %-10s %3d%%", run.phase(), run.progress());
            if (!line.equals(last)) {
                System.out.println(line);
                last = line;
            }
            Thread.sleep(250);
            run = runs.find(run.id()).orElseThrow();
        }
        MatchingRun finished = run;
        return db.inTransaction(tx -> MatchingSummary.render(tx, finished));
    }

    private volatile ConnectorSync connectorSync;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindConnectorSync(ConnectorSync sync) {
        this.connectorSync = sync;
    }

    void unbindConnectorSync(ConnectorSync sync) {
        if (connectorSync == sync) {
            connectorSync = null;
        }
    }

    /**
     * Connector instances: {@code hub:connectors} lists them with their state (and why), {@code hub:connectors <id>}
     * shows one (secrets masked), {@code hub:connectors types} lists the installed connectors and their settings,
     * {@code hub:connectors enable <id>} lifts a suspension.
     */
    public String connectors(String... args) throws Exception {
        ConnectorSync sync = connectorSync;
        if (sync == null) {
            return "Connector sync is not running yet; see hub:status.\n";
        }
        try {
            if (args.length == 0) {
                return SyncText.instances(sync.instances());
            }
            if (args.length == 1 && args[0].equals("types")) {
                return SyncText.types(sync.types());
            }
            if (args.length == 2 && args[0].equals("enable")) {
                return SyncText.instance(sync.enable(args[1], "shell"));
            }
            if (args.length == 1) {
                return sync.instance(args[0]).map(SyncText::instance).orElse("No connector instance " + args[0] + "\n");
            }
        } catch (ConnectorSync.Refused e) {
            return "Refused: " + e.getMessage() + "\n";
        }
        return "usage: hub:connectors [<id> | types | enable <id>]\n";
    }

    /**
     * {@code hub:sync <id> [full|incremental] [--dry-run]} starts a sync and shows its progress page by page until it
     * ends, then what it did; {@code hub:sync status <id> <run-id>} shows a run. Runs started here are requested by
     * "shell".
     */
    public String sync(String... args) throws Exception {
        ConnectorSync sync = connectorSync;
        if (sync == null) {
            return "Connector sync is not running yet; see hub:status.\n";
        }
        if (args.length == 3 && args[0].equals("status")) {
            return sync.run(args[1], args[2]).map(SyncText::run).orElse("No run " + args[2] + " of " + args[1] + "\n");
        }
        if (args.length < 1 || args.length > 3) {
            return "usage: hub:sync <id> [full|incremental] [--dry-run] | hub:sync status <id> <run-id>\n";
        }
        SyncRun.Mode mode = SyncRun.Mode.FULL;
        boolean dryRun = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "full" -> mode = SyncRun.Mode.FULL;
                case "incremental" -> mode = SyncRun.Mode.INCREMENTAL;
                case "--dry-run" -> dryRun = true;
                default -> {
                    return "usage: hub:sync <id> [full|incremental] [--dry-run]\n";
                }
            }
        }
        SyncRun run;
        try {
            run = sync.requestSync(args[0], mode, dryRun, false, "shell");
        } catch (ConnectorSync.Refused e) {
            return "Not started: " + e.getMessage() + "\n";
        }
        return follow(sync, run);
    }

    /** Prints a run's progress until it ends, then its summary. */
    private static String follow(ConnectorSync sync, SyncRun started) throws Exception {
        SyncRun run = started;
        String last = "";
        while (!run.status().finished()) {
            String line = SyncText.progress(run);
            if (!line.equals(last)) {
                System.out.println(line);
                last = line;
            }
            Thread.sleep(250);
            run = sync.run(run.connectorId(), run.id()).orElseThrow();
        }
        return SyncText.run(run);
    }

    /**
     * Dead letters: {@code hub:deadletters <id> [pending|replayed|discarded|all]} lists them (never their content);
     * {@code hub:deadletters replay <id> [dead-letter-id…]} replays the given ones, or all pending, and shows the run;
     * {@code hub:deadletters discard <id> <dead-letter-id>} marks one as not to be replayed.
     */
    public String deadletters(String... args) throws Exception {
        ConnectorSync sync = connectorSync;
        if (sync == null) {
            return "Connector sync is not running yet; see hub:status.\n";
        }
        try {
            if (args.length >= 2 && args[0].equals("replay")) {
                List<String> ids = List.of(args).subList(2, args.length);
                return follow(sync, sync.requestReplay(args[1], ids, "shell"));
            }
            if (args.length == 3 && args[0].equals("discard")) {
                return sync.discard(args[1], args[2], "shell") ? "Discarded " + args[2] + "\n"
                        : "Dead letter " + args[2] + " of " + args[1] + " is not pending\n";
            }
            if (args.length == 1 || args.length == 2) {
                DeadLetter.Status status = DeadLetter.Status.PENDING;
                if (args.length == 2) {
                    if (args[1].equals("all")) {
                        status = null;
                    } else {
                        try {
                            status = DeadLetter.Status.valueOf(args[1].toUpperCase(java.util.Locale.ROOT));
                        } catch (IllegalArgumentException e) {
                            return "usage: hub:deadletters <id> [pending|replayed|discarded|all]\n";
                        }
                    }
                }
                return SyncText.deadLetters(sync.deadLetters(args[0], status, 200, null).items().stream()
                        .map(io.mentorhub.engine.store.Stored::value).toList());
            }
        } catch (ConnectorSync.Refused e) {
            return "Refused: " + e.getMessage() + "\n";
        }
        return "usage: hub:deadletters <id> [pending|replayed|discarded|all] | hub:deadletters replay <id> "
                + "[dead-letter-id...] | hub:deadletters discard <id> <dead-letter-id>\n";
    }

    private volatile io.mentorhub.engine.push.PushControl pushControl;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindPushControl(io.mentorhub.engine.push.PushControl control) {
        this.pushControl = control;
    }

    void unbindPushControl(io.mentorhub.engine.push.PushControl control) {
        if (pushControl == control) {
            pushControl = null;
        }
    }

    /**
     * What a push connector owes its system: {@code hub:push <id>} shows items by status, DEAD ones with their
     * reason, a hold and the tasks' last runs; {@code hub:push replay <id>} sends DEAD items again; {@code hub:push
     * backfill <id>} queues what a late instance is owed; {@code hub:push run <id> completions|review-feed [period]}
     * runs a scheduled task now.
     */
    public String push(String... args) throws Exception {
        io.mentorhub.engine.push.PushControl control = pushControl;
        if (control == null) {
            return "Connector pushes are not running yet; see hub:status.\n";
        }
        try {
            if (args.length == 1) {
                return SyncText.push(control.status(args[0]));
            }
            if (args.length == 2 && args[0].equals("replay")) {
                return "Sent again: " + control.replay(args[1]) + " DEAD item(s) of " + args[1] + "\n";
            }
            if (args.length == 2 && args[0].equals("backfill")) {
                return "Queued: " + control.backfill(args[1]) + " item(s) for " + args[1] + "\n";
            }
            if ((args.length == 3 || args.length == 4) && args[0].equals("run")) {
                io.mentorhub.engine.review.ReviewPeriod period = args.length == 4
                        ? io.mentorhub.engine.review.ReviewPeriod.parse(args[3]) : null;
                io.mentorhub.engine.push.PushTasks.TaskRun run = control.run(args[1], args[2], period);
                return run.task() + " of " + run.instanceId() + ": " + run.outcome() + " — " + run.detail() + "\n";
            }
        } catch (ConnectorSync.Refused | IllegalArgumentException e) {
            return "Refused: " + e.getMessage() + "\n";
        }
        return "usage: hub:push <id> | hub:push replay <id> | hub:push backfill <id> | hub:push run <id> "
                + "completions|review-feed [period]\n";
    }

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

    /**
     * API keys: {@code hub:apikey} lists them, {@code hub:apikey create <name> <role> [person-id]} creates one and
     * prints its secret once, {@code hub:apikey revoke <key-id>} revokes one. Changes are audited as "shell".
     */
    public String apikey(String... args) throws Exception {
        Database db = database;
        if (db == null) {
            return "The database is not ready; see hub:status.\n";
        }
        String action = args.length == 0 ? "list" : args[0];
        try {
            switch (action) {
                case "list" -> {
                    StringBuilder out = new StringBuilder(String.format("%-36s  %-20s  %-15s  %-12s  %-10s  %s%n",
                            "ID", "NAME", "ROLE", "PERSON", "PREFIX", "STATE"));
                    for (ApiKeys.Key key : db.inTransaction(keys::list)) {
                        out.append(String.format("%-36s  %-20s  %-15s  %-12s  %-10s  %s%n", key.id(), key.name(),
                                key.role().wireName(), key.personId() == null ? "-" : key.personId(), key.prefix(),
                                key.revokedAt() == null ? "active" : "revoked " + key.revokedAt()));
                    }
                    return out.toString();
                }
                case "create" -> {
                    if (args.length < 3 || args.length > 4) {
                        return "usage: hub:apikey create <name> <hr_admin|program_manager|mentor|mentee|integration> [person-id]\n";
                    }
                    Role role = Role.fromWire(args[2]);
                    String person = args.length == 4 ? args[3] : null;
                    ApiKeys.Issued issued = db.inTransaction(tx -> keys.create(tx, args[1], role, person, "shell"));
                    return "Created key " + issued.key().id() + " (" + role.wireName() + "). Its secret, shown only now:\n"
                            + issued.secret() + "\n";
                }
                case "revoke" -> {
                    if (args.length != 2) {
                        return "usage: hub:apikey revoke <key-id>\n";
                    }
                    ApiKeys.Key key = db.inTransaction(tx -> keys.revoke(tx, args[1], "shell"));
                    return "Revoked key " + key.id() + " (" + key.name() + ")\n";
                }
                default -> {
                    return "usage: hub:apikey [list | create <name> <role> [person-id] | revoke <key-id>]\n";
                }
            }
        } catch (IllegalArgumentException | ApiException e) {
            return "Refused: " + e.getMessage() + "\n";
        }
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
