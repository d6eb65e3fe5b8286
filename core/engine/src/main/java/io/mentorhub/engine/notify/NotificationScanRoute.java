package io.mentorhub.engine.notify;

import org.apache.camel.builder.RouteBuilder;

/**
 * The reminder flow: on a timer, queue the session reminders, goal-due and trial-ending mails that fell due (each at
 * most once, by its key); the outbox drain sends them. A failed scan is logged by its type and retried next time.
 */
final class NotificationScanRoute extends RouteBuilder {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Notifications.class);
    static final String ROUTE_ID = "notification-scan";

    private final Notifications notifications;
    private final long periodMillis;

    NotificationScanRoute(Notifications notifications, long periodMillis) {
        this.notifications = notifications;
        this.periodMillis = periodMillis;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true)
                .process(exchange -> notifications.scanFailed(exchange.getProperty(
                        org.apache.camel.Exchange.EXCEPTION_CAUGHT, Exception.class)))
                .process(exchange -> LOG.warn("Reminder scan failed ({}); the next scan tries again", exchange.getProperty(
                        org.apache.camel.Exchange.EXCEPTION_CAUGHT, Exception.class).getClass().getName()));
        from("timer:" + ROUTE_ID + "?delay=5000&period=" + periodMillis).routeId(ROUTE_ID)
                .process(exchange -> notifications.scan());
    }
}
