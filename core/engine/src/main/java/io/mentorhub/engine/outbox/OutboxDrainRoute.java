package io.mentorhub.engine.outbox;

import org.apache.camel.builder.RouteBuilder;

/**
 * The outbox delivery flow: on a timer, claim the due entries of every topic a delivery takes, deliver each, and
 * record the outcome (see {@link OutboxDrain}). A failed pass is logged and the next one tries again; entries are
 * never lost, since they stay PENDING in the table until an outcome is recorded.
 */
final class OutboxDrainRoute extends RouteBuilder {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OutboxDrain.class);
    static final String ROUTE_ID = "outbox-drain";

    private final OutboxDrain drain;
    private final long periodMillis;

    OutboxDrainRoute(OutboxDrain drain, long periodMillis) {
        this.drain = drain;
        this.periodMillis = periodMillis;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true)
                .process(exchange -> LOG.warn("Outbox pass failed ({}); the next pass tries again", exchange.getProperty(
                        org.apache.camel.Exchange.EXCEPTION_CAUGHT, Exception.class).getClass().getName()));
        from("timer:" + ROUTE_ID + "?delay=1000&period=" + periodMillis).routeId(ROUTE_ID)
                .process(exchange -> drain.drain());
    }
}
