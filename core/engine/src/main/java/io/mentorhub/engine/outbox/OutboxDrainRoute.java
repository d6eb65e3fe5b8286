package io.mentorhub.engine.outbox;

import org.apache.camel.builder.RouteBuilder;

/**
 * The outbox delivery flow: on a timer, claim the due entries of every topic a delivery takes, deliver each, and
 * record the outcome (see {@link OutboxDrain}). A failed pass is logged and the next one tries again; entries are
 * never lost, since they stay PENDING in the table until an outcome is recorded.
 */
final class OutboxDrainRoute extends RouteBuilder {

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
                .log(org.apache.camel.LoggingLevel.WARN, OutboxDrain.class.getName(),
                        "Outbox pass failed (${exception.class.name}); the next pass tries again");
        from("timer:" + ROUTE_ID + "?delay=1000&period=" + periodMillis).routeId(ROUTE_ID)
                .process(exchange -> drain.drain());
    }
}
