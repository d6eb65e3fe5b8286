package io.mentorhub.engine.sync;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The connector sync flow. Runs are queued by the schedule, by {@code POST /api/connectors/{id}/sync} or
 * {@code hub:sync}, by a replay of dead letters, or by a file landing in a drop folder ({@link DropFolderRoute}):
 *
 * <pre>
 *   tick (every second, every node): for each instance this node should run (Hazelcast), take the instance's
 *        database lease (a new fencing token) and claim: a run a stopped node left → resume it from its checkpoint;
 *        else the oldest queued run; else a scheduled full or incremental sync that is due
 *   → begin: fix what the run reads — incremental: changes since the previous successful run's fetch START minus
 *        the overlap; a resumed run keeps its own — and the coverage baseline
 *   → loop while there are pages:
 *        fetch: one page, within the instance's rate limit, retrying TRANSIENT failures with exponential backoff and
 *               jitter or the vendor's Retry-After (capped); CONFIG suspends the instance; PERMANENT dead-letters
 *               the page and fails the run; a vendor's next page is read on the read-ahead thread while this
 *               one is applied (one page ahead; its cursor came with this page)
 *        apply: one transaction — fencing token checked; people upserted by HRIS id with dated history (field
 *               allowlist; an empty value of a field whose coverage collapsed keeps the stored one); refused and
 *               unreadable records to the dead-letter table; managers not yet known wait; the checkpoint
 *               (dry run: the changes are recorded instead, nothing else)
 *   → link managers: every waiting link whose manager the hub now knows
 *   → finish: coverage report (flagged if a field collapsed), counts, SUCCEEDED — and the lease released, in one
 *        transaction; a dropped file is archived with its error report
 * </pre>
 *
 * A failure at any step ends the run FAILED (or CANCELLED) with its reason; a node that lost its lease stops without
 * writing; a stopping hub leaves the run to be resumed. The watch route renews this node's leases and tells the
 * cluster which instances it can run.
 */
final class SyncRoute extends RouteBuilder {

    static final String QUEUE = "seda:connector-sync";
    static final String FILE = "direct:connector-sync-file";
    static final String PAGES = "direct:connector-sync-pages";
    static final String TICK_ID = "connector-sync-tick";
    static final String WATCH_ID = "connector-sync-watch";
    static final String JOB_ID = "connector-sync";
    static final String FILE_ID = "connector-sync-file";
    static final String PAGES_ID = "connector-sync-pages";
    static final List<String> ROUTE_IDS = List.of(TICK_ID, WATCH_ID, JOB_ID, FILE_ID, PAGES_ID);

    private final ConnectorSync sync;
    private final ConnectorSync.Settings settings;

    SyncRoute(ConnectorSync sync, ConnectorSync.Settings settings) {
        this.sync = sync;
        this.settings = settings;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true)
                .process(exchange -> sync.failed(exchange.getMessage().getBody(SyncJob.class),
                        exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)));

        from("timer:" + TICK_ID + "?delay=0&period=" + settings.tickMillis()).routeId(TICK_ID)
                .process(exchange -> sync.tick());
        from("timer:" + WATCH_ID + "?delay=0&period=" + settings.watchMillis()).routeId(WATCH_ID)
                .process(exchange -> sync.watch());

        from(QUEUE + "?concurrentConsumers=" + settings.workers() + "&size=1000").routeId(JOB_ID)
                .process(exchange -> sync.begin(job(exchange)))
                .to(PAGES);

        from(FILE).routeId(FILE_ID)
                .process(exchange -> sync.begin(job(exchange)))
                .process(exchange -> sync.validateFile(job(exchange)))
                .to(PAGES);

        from(PAGES).routeId(PAGES_ID)
                .loopDoWhile(exchange -> job(exchange).morePages())
                    .process(exchange -> sync.fetch(job(exchange)))
                    .process(exchange -> sync.apply(job(exchange)))
                .end()
                .process(exchange -> sync.linkManagers(job(exchange)))
                .process(exchange -> sync.finish(job(exchange)));
    }

    private static SyncJob job(Exchange exchange) {
        return exchange.getMessage().getBody(SyncJob.class);
    }
}
