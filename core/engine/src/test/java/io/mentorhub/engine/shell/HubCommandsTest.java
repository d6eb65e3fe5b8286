package io.mentorhub.engine.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.engine.metrics.MetricsDataSet;
import io.mentorhub.engine.metrics.ProgramMetrics;
import io.mentorhub.engine.metrics.SurveyFigures;
import io.mentorhub.engine.plugin.PluginInfo;
import io.mentorhub.engine.sync.FieldCoverageReport;
import io.mentorhub.engine.sync.SyncHub;
import io.mentorhub.engine.sync.SyncRun;
import io.mentorhub.fixtures.syncconnector.PagedJsonVendor;
import io.mentorhub.engine.store.Database;
import java.nio.file.Path;
import io.mentorhub.engine.plugin.PluginInfo.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubCommandsTest {

    @Test
    void emptyListSaysHowToInstall() {
        assertTrue(HubCommands.table(List.of()).contains("Drop a plugin jar into deploy/"));
    }

    @Test
    void showsBundleForActivePluginsAndReasonForBrokenOnes() {
        String table = HubCommands.table(List.of(
                new PluginInfo("greedy", "MATCHING_STRATEGY", "Greedy", "0.1.0", "mentorhub-strategy-greedy",
                        "deploy/greedy.jar", State.ACTIVE, null, Map.of("minimumScore", 0)),
                new PluginInfo("com.acme.VeryLongComponentName", "MATCHING_STRATEGY", "x", "2.0.0", "acme",
                        "deploy/acme.jar", State.FAILED, "activation failed: licence missing", null)));
        String[] lines = table.split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("ID "));
        assertTrue(lines[1].contains("ACTIVE") && lines[1].endsWith("mentorhub-strategy-greedy"), lines[1]);
        assertTrue(lines[2].contains("FAILED") && lines[2].endsWith("activation failed: licence missing"), lines[2]);
        // columns line up however long an id is
        assertEquals(lines[1].indexOf("MATCHING_STRATEGY"), lines[2].indexOf("MATCHING_STRATEGY"));
    }

    @Test
    void metricsPrintsTheFiguresOfAProgramByNameOrId(@TempDir Path data) throws Exception {
        Database database = new Database(Database.jdbcUrl("", data), "mentorhub", "", 2);
        try {
            MetricsDataSet dataSet = new MetricsDataSet(database);
            HubCommands commands = new HubCommands(null, null);
            assertEquals("Program metrics are not running yet; see hub:status.\n", commands.metrics("x"));
            commands.bindDatabase(database);
            commands.bindProgramMetrics(new ProgramMetrics(ProgramMetrics.Settings.DEFAULT, SurveyFigures.NONE));

            String table = commands.metrics("metrics PROGRAM", "2027-01-01", "2027-06-30", "by=quarter");
            assertTrue(table.startsWith("Program metrics: Metrics program (" + dataSet.programId + ")\n"), table);
            assertTrue(table.contains("Period 2027-01-01 to 2027-06-30, everyone enrolled"), table);
            assertTrue(table.contains("Cohorts: 2026-11, 2026-12 (6), 2027-03 (5), 2027-07"), table);
            assertLine(table, "participation rate", "81.8 %", "9 of 11 enrolled people");
            assertLine(table, "active pairings", "5", "9 people");
            assertLine(table, "sessions per pairing-month", "0.77", "14 held / 18.23 pairing-months");
            assertLine(table, "goal completion", "66.7 %", "4 of 6 goals due (1 abandoned, left out)");
            assertLine(table, "NPS (-100..100)", "-", "no survey responses stored");
            assertLine(table, "retention", "88.9 % of 9", "62.5 % of 8", "+26.4 points");
            assertLine(table, "promotion", "33.3 % of 9", "37.5 % of 8", "-4.2 points");
            assertTrue(table.contains("; 1 grade change(s) could not be ranked"), table);
            assertLine(table, "2027-Q1", "54.5 %", "3", "0.93", "<5", "n/a");
            assertLine(table, "2027-Q2", "63.6 %", "4", "0.65", "<5", "n/a");

            String byId = commands.metrics(dataSet.programId, "2027-01-01", "2027-06-30", "cohort=2026-12");
            assertTrue(byId.contains("cohort 2026-12 (enrolled that month)"), byId);
            assertLine(byId, "participation rate", "100.0 %", "6 of 6 enrolled people");
        } finally {
            database.close();
        }
    }

    @Test
    void metricsRefusesWhatItCannotAnswer(@TempDir Path data) throws Exception {
        Database database = new Database(Database.jdbcUrl("", data), "mentorhub", "", 2);
        try {
            new MetricsDataSet(database);
            HubCommands commands = new HubCommands(null, null);
            commands.bindDatabase(database);
            commands.bindProgramMetrics(new ProgramMetrics(ProgramMetrics.Settings.DEFAULT, SurveyFigures.NONE));
            assertTrue(commands.metrics().startsWith("usage: hub:metrics"));
            assertTrue(commands.metrics("Metrics program", "2027-01-01", "2027-02-01", "2027-03-01")
                    .startsWith("usage:"));
            assertTrue(commands.metrics("Metrics program", "colour=blue").startsWith("usage:"));
            assertEquals("No program Nowhere\n", commands.metrics("Nowhere"));
            assertEquals("Refused: from (2027-07-01) is after to (2027-06-30)\n",
                    commands.metrics("Metrics program", "2027-07-01", "2027-06-30"));
            assertEquals("Refused: from must be a date such as 2027-01-31\n",
                    commands.metrics("Metrics program", "yesterday"));
            assertTrue(commands.metrics("Metrics program", "cohort=2027-02").startsWith("Refused: nobody enrolled"));
        } finally {
            database.close();
        }
    }

    /** A line of the table that holds these cells in this order, separated by spaces. */
    private static void assertLine(String table, String... cells) {
        String pattern = "(?m)^\\s+" + String.join("\\s+", java.util.Arrays.stream(cells)
                .map(java.util.regex.Pattern::quote).toList()) + "\\s*$";
        assertTrue(java.util.regex.Pattern.compile(pattern).matcher(table).find(), () -> "no line "
                + List.of(cells) + " in\n" + table);
    }

    @Test
    void hubSyncRunsASyncShowsItsProgressAndWhatItDidAndTheOtherCommandsShowInstancesAndDeadLetters()
            throws Exception {
        try (SyncHub hub = new SyncHub()) {
            HubCommands commands = new HubCommands(null, null);
            assertTrue(commands.connectors().contains("not running yet"));
            commands.bindConnectorSync(hub.sync);
            assertTrue(commands.connectors().startsWith("No connector instances."), commands.connectors());
            hub.vendor.seedCompany(120, 4);
            hub.vendor.change(PagedJsonVendor.id(3), Map.of("hire_date", "last spring"));
            hub.configure("acme", Map.of());

            String list = commands.connectors();
            assertTrue(list.lines().skip(1).findFirst().orElseThrow().matches("acme +paged-json +ACTIVE +- +"), list);
            String shown = commands.connectors("acme");
            assertTrue(shown.contains("api_token              ****"), shown);
            assertFalse(shown.contains(PagedJsonVendor.TOKEN), shown);
            assertTrue(commands.connectors("types").contains("api_token              SECRET   required (secret"));

            String summary = commands.sync("acme", "full");
            assertTrue(summary.startsWith("Run "), summary);
            assertTrue(summary.contains("FULL SUCCEEDED"), summary);
            assertTrue(summary.contains("3 pages, 120 records: 119 created, 0 updated, 0 unchanged, 0 terminated, 1 "
                    + "dead-lettered"), summary);
            String dry = commands.sync("acme", "incremental", "--dry-run");
            assertTrue(dry.contains("INCREMENTAL (dry run: nothing was applied) SUCCEEDED"), dry);
            assertTrue(commands.sync("acme", "sometimes").startsWith("usage: hub:sync"));
            assertTrue(commands.sync("ghost").startsWith("Not started: no connector instance ghost"));

            String letters = commands.deadletters("acme");
            assertTrue(letters.contains("RECORD") && letters.contains("person E00003")
                    && letters.contains("hire_date must be a date"), letters);
            assertFalse(letters.contains("last spring"), "never the content");
            String replay = commands.deadletters("replay", "acme");
            assertTrue(replay.contains("REPLAY SUCCEEDED") && replay.contains("1 dead-lettered"), replay);
            String id = letters.lines().skip(1).findFirst().orElseThrow().split(" +")[0];
            assertEquals("Discarded " + id + "\n", commands.deadletters("discard", "acme", id));
            assertEquals("No dead letters.\n", commands.deadletters("acme"));
            assertTrue(commands.deadletters("acme", "all").contains("DISCARDED"));

            // hub:push on an HRIS instance: it owes nothing and has no task.
            assertTrue(commands.push("acme").contains("not running yet"));
            commands.bindPushControl(io.mentorhub.engine.push.PushTestSupport.control(hub.api.database,
                    hub.instances(), hub.api.clock));
            assertEquals("Pushes of acme: none yet\n", commands.push("acme"));
            assertEquals("Sent again: 0 DEAD item(s) of acme\n", commands.push("replay", "acme"));
            assertEquals("Queued: 0 item(s) for acme\n", commands.push("backfill", "acme"));
            assertTrue(commands.push("run", "acme", "completions").startsWith("Refused: connector 'paged-json' has "
                    + "no task completions"));
            assertTrue(commands.push("run", "acme", "review-feed", "2027-H3").startsWith("Refused: period"));
            assertTrue(commands.push("ghost").startsWith("Refused: no connector instance ghost"));
            assertTrue(commands.push().startsWith("usage: hub:push"));
        }
    }

    @Test
    void aRunSummaryNamesFlaggedFieldsWarningsAndErrors() {
        SyncRun run = new SyncRun("r1", "acme", "paged-json", SyncRun.Mode.FULL, false, SyncRun.Status.FAILED, null,
                "shell", null, null, new SyncRun.Counts(2, 400, 10, 5, 385, 1, 0),
                List.of(new FieldCoverageReport("title", 98.5, 0.0, 0, 400, true),
                        new FieldCoverageReport("team", 90.0, 89.0, 356, 400, false)),
                true, List.of("resumed after page 1 from its checkpoint"), new SyncRun.Timings(1200, 300, 50, 2),
                "gave up on page 3 after 8 attempts", null, java.time.Instant.EPOCH, null, null);
        String text = SyncText.run(run);
        assertTrue(text.contains("FULL FAILED — FLAGGED"), text);
        assertTrue(text.contains("coverage of title fell from 98.5% to 0.0%: stored values kept"), text);
        assertFalse(text.contains("coverage of team"), text);
        assertTrue(text.contains("warning: resumed after page 1"), text);
        assertTrue(text.contains("error: gave up on page 3"), text);
        assertTrue(text.contains("reading 1200 ms, applying 300 ms, waiting 50 ms, 2 retries"), text);
        assertEquals("  RUNNING   page 2: 10 created, 5 updated, 385 unchanged, 1 terminated, 0 dead-lettered  "
                + "(applying page 3)", SyncText.progress(new SyncRun("r1", "acme", "paged-json", SyncRun.Mode.FULL,
                        false, SyncRun.Status.RUNNING, "applying page 3", "shell", null, null, run.counts(), List.of(),
                        false, List.of(), SyncRun.Timings.ZERO, null, null, java.time.Instant.EPOCH, null, null)));
    }
}
