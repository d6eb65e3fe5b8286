package io.mentorhub.engine.survey;

import org.apache.camel.builder.RouteBuilder;

/**
 * The survey flow, one pass per period:
 *
 * <pre>
 *   schedule    each program's survey plans × its dated events → one round per new occurrence (unique key)
 *   distribute  pending invitations → the program's tool (≤ 500 per call); accepted ones e-mailed their signed link
 *   collect     each survey's responses, page by page from its cursor → stored; "not a good fit" → fit concern
 * </pre>
 *
 * A failed pass is logged by its type and the next pass goes on from what is stored: nothing is kept in memory that
 * a restart would lose, and every step is idempotent, so hub nodes of a cluster may all run it.
 */
final class SurveyRoute extends RouteBuilder {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Surveys.class);
    static final String ROUTE_ID = "surveys";

    private final Surveys surveys;
    private final long periodMillis;

    SurveyRoute(Surveys surveys, long periodMillis) {
        this.surveys = surveys;
        this.periodMillis = periodMillis;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true)
                .process(exchange -> LOG.warn("Survey pass failed ({}); the next pass goes on from what is stored",
                        exchange.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, Exception.class).getClass()
                                .getName()));
        from("timer:" + ROUTE_ID + "?delay=10000&period=" + periodMillis).routeId(ROUTE_ID)
                .process(exchange -> surveys.schedule())
                .process(exchange -> surveys.distribute())
                .process(exchange -> surveys.collect());
    }
}
