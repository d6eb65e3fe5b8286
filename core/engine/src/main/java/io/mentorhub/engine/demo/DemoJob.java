package io.mentorhub.engine.demo;

import io.mentorhub.engine.matching.MatchingRun;
import io.mentorhub.engine.matching.MatchingRuns;
import io.mentorhub.engine.matching.MatchingSummary;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.Tx;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's main job in demo mode ({@code bin/mentorhub demo}): load the fictional company, create its mentoring
 * program, run the optimal matching and print a summary, then leave the hub running for the API. A second start
 * finds the program and prints its latest run again instead of loading anything twice.
 */
@Component(immediate = true)
public class DemoJob {

    static final String PROPERTY = "mentorhub.demo";
    static final long SEED = 2027;
    private static final Logger LOG = LoggerFactory.getLogger(DemoJob.class);

    private final Database database;
    private final MatchingRuns runs;
    private final Thread worker;
    private final PrintStream console = System.out;

    @Activate
    public DemoJob(BundleContext context, @Reference Database database, @Reference MatchingRuns runs) {
        this.database = database;
        this.runs = runs;
        if (!Boolean.parseBoolean(context.getProperty(PROPERTY))) {
            worker = null;
            return;
        }
        worker = new Thread(this::run, "mentorhub-demo");
        worker.setDaemon(true);
        worker.start();
    }

    @Deactivate
    void stop() {
        if (worker != null) {
            worker.interrupt();
        }
    }

    private void run() {
        try {
            List<String> constraints = new FictionalCompany(SEED, LocalDate.now()).program().matching().constraints();
            long waitUntil = System.currentTimeMillis() + 60_000;
            while (!runs.installed("optimal", constraints)) {
                if (System.currentTimeMillis() > waitUntil) {
                    console.println("demo: the optimal strategy and the built-in scorers and constraints are not "
                            + "installed (see hub:plugins); nothing was loaded");
                    return;
                }
                Thread.sleep(200);
            }
            Optional<String> existing = database.inTransaction(tx -> tx.one("SELECT id FROM program WHERE name = ?",
                    row -> Tx.uuid(row, "id"), FictionalCompany.PROGRAM));
            String programId = existing.isPresent() ? existing.get() : load();
            MatchingRun run = latestOrNew(programId);
            while (!run.status().finished()) {
                Thread.sleep(200);
                run = runs.find(run.id()).orElseThrow();
            }
            MatchingRun finished = run;
            String summary = database.inTransaction(tx -> MatchingSummary.render(tx, finished));
            String port = Optional.ofNullable(System.getenv("MENTORHUB_HTTP_PORT")).orElse("8181");
            console.println();
            console.println("mentorhub demo — " + FictionalCompany.NAME + " (" + FictionalCompany.PEOPLE
                    + " fictional people), program \"" + FictionalCompany.PROGRAM + "\" (" + programId + ")");
            console.print(summary.indent(2));
            console.println("  The hub stays up: API at http://localhost:" + port + "/api (admin key in data/admin.key),"
                    + " health at http://localhost:" + port + "/health. Ctrl-C stops it.");
            console.println();
            LOG.info("Demo matching run {} {}", finished.id(), finished.status());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("The demo failed", e);
            console.println("demo failed: " + e.getMessage() + " (see logs/mentorhub.log)");
        }
    }

    private String load() throws Exception {
        FictionalCompany company = new FictionalCompany(SEED, LocalDate.now());
        String programId = database.inTransaction(company::store);
        console.println("demo: loaded " + company.people().size() + " people and " + company.enrollments().size()
                + " enrollments; matching…");
        return programId;
    }

    private MatchingRun latestOrNew(String programId) throws Exception {
        List<MatchingRun> previous = database.inTransaction(tx -> runs.ofProgram(tx, programId, 1));
        if (!previous.isEmpty() && previous.get(0).status() == MatchingRun.Status.SUCCEEDED) {
            return previous.get(0);
        }
        return runs.start(programId, SEED, MatchingRun.Options.DEFAULT, "demo");
    }
}
