package io.mentorhub.engine.matching;

import io.mentorhub.api.matching.MatchingStoppedException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The matching flow. A run is queued by {@code POST /api/programs/{id}/matching-runs} or {@code hub:match}; runs are
 * taken one at a time per hub node:
 *
 * <pre>
 *   load enrollments, strategy, constraints, scorers   (LOADING)
 *   → apply constraints and score every pair; keep the best as candidates   (SCORING)
 *   → the strategy proposes; an optimality proof is checked against every feasible pair   (SOLVING, CERTIFYING)
 *   → save PROPOSED pairings with explanations, unmatched people with reasons, the fairness report   (SAVING)
 * </pre>
 *
 * A run that is cancelled, passes its deadline or fails ends with that status and its reason, and saves no pairing.
 * A second route keeps each queued or running run's row fresh and ends runs a stopped node left behind.
 */
final class MatchingRunRoute extends RouteBuilder {

    static final String QUEUE = "seda:matching-runs";
    static final String ROUTE_ID = "matching-run";
    static final String WATCH_ROUTE_ID = "matching-run-watch";

    private final MatchingRuns runs;

    MatchingRunRoute(MatchingRuns runs) {
        this.runs = runs;
    }

    @Override
    public void configure() {
        onException(MatchingStoppedException.class).handled(true)
                .process(exchange -> runs.stopped(job(exchange)));
        onException(Exception.class).handled(true)
                .process(exchange -> runs.failed(job(exchange), exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                        Exception.class)));

        from(QUEUE + "?concurrentConsumers=1&size=" + MatchingRuns.QUEUE_SIZE).routeId(ROUTE_ID)
                .process(exchange -> runs.load(job(exchange)))
                .process(exchange -> job(exchange).score())
                .process(exchange -> job(exchange).solve())
                .process(exchange -> runs.save(job(exchange)));

        from("timer:" + WATCH_ROUTE_ID + "?delay=0&period=" + MatchingRuns.WATCH_MILLIS).routeId(WATCH_ROUTE_ID)
                .process(exchange -> runs.watch());
    }

    private static MatchingJob job(Exchange exchange) {
        return exchange.getMessage().getBody(MatchingJob.class);
    }
}
