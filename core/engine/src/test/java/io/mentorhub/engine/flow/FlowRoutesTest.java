package io.mentorhub.engine.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mentorhub.engine.links.Links;
import io.mentorhub.engine.notify.Notifications;
import io.mentorhub.engine.notify.SmtpMailer;
import io.mentorhub.engine.outbox.OutboxDelivery;
import io.mentorhub.engine.outbox.OutboxDrain;
import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.store.Outbox;
import io.mentorhub.engine.survey.Surveys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The survey, reminder and outbox flows as the hub runs them: routes of the engine's Camel context (only the
 * components it embeds: core, timer), started, and the outbox timer actually delivering; stopping a component
 * removes its route.
 */
class FlowRoutesTest {

    @Test
    void theFlowsRunOnTheEnginesCamelContextAndLeaveWithTheirComponent() throws Exception {
        Database database = new Database("jdbc:h2:mem:flows-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "",
                4);
        Links links = new Links("http://127.0.0.1", "a-secret-of-at-least-thirty-two-bytes".getBytes(
                StandardCharsets.UTF_8));
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            OutboxDrain drain = new OutboxDrain(database, camel, new OutboxDrain.Settings(100, 10, 3,
                    Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(30)), Clock.systemUTC());
            Notifications notifications = new Notifications(database, links, camel, new Notifications.Settings(
                    new SmtpMailer.Smtp("127.0.0.1", 25, "hub@example.com", "Hub", false, null, null,
                            Duration.ofSeconds(1)), 10, Duration.ofHours(24), 3, 3, 60_000, Path.of("none")),
                    Clock.systemUTC());
            Surveys surveys = new Surveys(database, links, camel, new Surveys.Settings("builtin", 5, 14, 14, 60_000, 3,
                    Duration.ofSeconds(60), Duration.ofSeconds(600), 5), Clock.systemUTC());
            for (String route : List.of("outbox-drain", "notification-scan", "surveys")) {
                assertEquals(ServiceStatus.Started, camel.getRouteController().getRouteStatus(route), route);
            }

            AtomicInteger delivered = new AtomicInteger();
            drain.bindDelivery(new OutboxDelivery() {
                @Override
                public String name() {
                    return "test";
                }

                @Override
                public Set<String> topics() {
                    return Set.of("test.thing");
                }

                @Override
                public Result deliver(Entry entry) {
                    delivered.incrementAndGet();
                    return OutboxDelivery.delivered();
                }
            });
            database.inTransaction(tx -> {
                Outbox.append(tx, Outbox.Event.of("test.thing", "thing", "t-1", 1));
                return null;
            });
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (delivered.get() == 0 && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertEquals(1, delivered.get(), "the timer drained the entry");
            assertTrue(drain.health().up());

            drain.stop();
            notifications.stop();
            surveys.stop();
            assertEquals(0, camel.getRoutes().size());
        } finally {
            database.close();
        }
    }
}
