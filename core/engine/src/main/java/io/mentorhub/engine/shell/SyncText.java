package io.mentorhub.engine.shell;

import io.mentorhub.api.connector.Setting;
import io.mentorhub.engine.sync.ConnectorType;
import io.mentorhub.engine.sync.ConnectorView;
import io.mentorhub.engine.sync.DeadLetter;
import io.mentorhub.engine.sync.FieldCoverageReport;
import io.mentorhub.engine.sync.SyncRun;
import java.util.List;
import java.util.Map;

/** How connector instances, runs and dead letters read at the console; secrets arrive masked already. */
final class SyncText {

    private SyncText() {
    }

    static String instances(List<ConnectorView> views) {
        if (views.isEmpty()) {
            return "No connector instances. Configure one in etc/io.mentorhub.connector-<name>.cfg or with "
                    + "POST /api/connectors; hub:connectors types lists the installed connectors.\n";
        }
        int width = Math.max(2, views.stream().mapToInt(v -> v.id().length()).max().orElse(0));
        String row = "%-" + width + "s  %-14s  %-10s  %-30s  %s%n";
        StringBuilder out = new StringBuilder(String.format(row, "ID", "TYPE", "STATE", "LAST RUN", "REASON"));
        for (ConnectorView view : views) {
            SyncRun last = view.lastRun();
            String lastRun = last == null ? "-" : last.mode() + (last.dryRun() ? " dry" : "") + " " + last.status()
                    + (last.flagged() ? " FLAGGED" : "");
            out.append(String.format(row, view.id(), view.type() == null ? "-" : view.type(), view.state(), lastRun,
                    view.reason() == null ? "" : view.reason()));
        }
        return out.toString();
    }

    static String instance(ConnectorView view) {
        StringBuilder out = new StringBuilder();
        out.append(view.id()).append(" (").append(view.type()).append(") ").append(view.state());
        if (view.reason() != null) {
            out.append(": ").append(view.reason());
        }
        out.append('\n').append("  configured in: ").append(view.source()).append('\n');
        for (Map.Entry<String, String> setting : view.settings().entrySet()) {
            out.append(String.format("  %-22s %s%n", setting.getKey(), setting.getValue()));
        }
        if (view.nextIncrementalAt() != null) {
            out.append("  next incremental sync: ").append(view.nextIncrementalAt()).append('\n');
        }
        if (view.nextFullAt() != null) {
            out.append("  next full sync:        ").append(view.nextFullAt()).append('\n');
        }
        out.append("  last success: ").append(view.lastSuccessAt() == null ? "never" : view.lastSuccessAt())
                .append(", pending dead letters: ").append(view.pendingDeadLetters()).append('\n');
        if (view.lastRun() != null) {
            out.append("  last run: ").append(run(view.lastRun()).replace("\n", "\n  ").stripTrailing()).append('\n');
        }
        return out.toString();
    }

    static String types(List<ConnectorType> types) {
        if (types.isEmpty()) {
            return "No connectors installed. Drop a connector jar into deploy/.\n";
        }
        StringBuilder out = new StringBuilder();
        for (ConnectorType type : types) {
            out.append(type.id()).append(" — ").append(type.displayName()).append(" (").append(type.kind())
                    .append(", ").append(type.capabilities()).append(")\n");
            for (Setting setting : type.settings()) {
                out.append(String.format("  %-22s %-8s %s%s%n", setting.id(), setting.type(),
                        setting.required() ? "required" : "default " + setting.defaultValue(),
                        setting.secret() ? " (secret: $[secret:NAME])" : ""));
            }
        }
        return out.toString();
    }

    /** One line of a running sync's progress. */
    static String progress(SyncRun run) {
        SyncRun.Counts c = run.counts();
        return String.format("  %-9s page %d: %d created, %d updated, %d unchanged, %d terminated, %d dead-lettered  "
                + "(%s)", run.status(), c.pages(), c.created(), c.updated(), c.unchanged(), c.terminated(), c.failed(),
                run.phase() == null ? "-" : run.phase());
    }

    static String run(SyncRun run) {
        SyncRun.Counts c = run.counts();
        StringBuilder out = new StringBuilder();
        out.append("Run ").append(run.id()).append(" of ").append(run.connectorId()).append(": ").append(run.mode())
                .append(run.dryRun() ? " (dry run: nothing was applied)" : "").append(' ').append(run.status())
                .append(run.flagged() ? " — FLAGGED" : "").append('\n');
        out.append(String.format("  %d pages, %d records: %d %screated, %d updated, %d unchanged, %d terminated, %d "
                + "dead-lettered%n", c.pages(), c.records(), c.created(), run.dryRun() ? "would be " : "", c.updated(),
                c.unchanged(), c.terminated(), c.failed()));
        if (run.modifiedSince() != null) {
            out.append("  changes since ").append(run.modifiedSince()).append('\n');
        }
        SyncRun.Timings t = run.timings();
        out.append(String.format("  reading %d ms, applying %d ms, waiting %d ms, %d retries%n", t.fetchMillis(),
                t.applyMillis(), t.waitMillis(), t.retries()));
        for (FieldCoverageReport field : run.coverage()) {
            if (field.flagged()) {
                out.append(String.format("  coverage of %s fell from %s%% to %s%%: stored values kept%n", field.field(),
                        field.previousPercent(), field.percent()));
            }
        }
        for (String warning : run.warnings()) {
            out.append("  warning: ").append(warning).append('\n');
        }
        if (run.error() != null) {
            out.append("  error: ").append(run.error()).append('\n');
        }
        return out.toString();
    }

    static String deadLetters(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return "No dead letters.\n";
        }
        String row = "%-36s  %-10s  %-9s  %-24s  %-12s  %s%n";
        StringBuilder out = new StringBuilder(String.format(row, "ID", "KIND", "STATUS", "WHERE", "RECORD", "REASON"));
        for (DeadLetter letter : letters) {
            out.append(String.format(row, letter.id(), letter.kind(), letter.status(), letter.location(),
                    letter.recordId() == null ? "-" : letter.recordId(), letter.reason()
                            + (letter.replayable() ? "" : " (not replayable)")));
        }
        return out.toString();
    }

    static String push(io.mentorhub.engine.push.PushControl.PushStatus status) {
        StringBuilder out = new StringBuilder("Pushes of " + status.instanceId() + ": ");
        out.append(status.items().isEmpty() ? "none yet" : status.items().toString()).append('\n');
        if (status.heldBack() != null) {
            out.append("Held back until its configuration changes: ").append(status.heldBack()).append('\n');
        }
        for (io.mentorhub.engine.push.PushTasks.TaskRun run : status.taskRuns()) {
            out.append("Task ").append(run.task()).append(": ").append(run.outcome()).append(" at ")
                    .append(run.startedAt()).append(run.detail() == null ? "" : " — " + run.detail()).append('\n');
        }
        for (io.mentorhub.engine.push.PushControl.DeadItem dead : status.dead()) {
            out.append("DEAD ").append(dead.key()).append(" after ").append(dead.attempts()).append(" attempt(s): ")
                    .append(dead.reason()).append('\n');
        }
        return out.toString();
    }
}
