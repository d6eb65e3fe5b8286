package io.mentorhub.engine.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.mentorhub.engine.store.Migrations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.impl.DefaultCamelContext;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class HeartbeatRouteTest {

    @Test
    void recordsThisNodeAndKeepsItsRowFresh() throws Exception {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:heartbeat;DB_CLOSE_DELAY=-1");
        Migrations.apply(db, getClass().getClassLoader());
        HeartbeatRoute route = new HeartbeatRoute(db, () -> "node-1", () -> "[127.0.0.1]:5701", 50);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(route);
            camel.start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (countBeats(db) < 1 && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            Instant first = route.lastBeat();
            assertNotNull(first);
            while (!route.lastBeat().isAfter(first) && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
        }
        assertEquals(1, countBeats(db), "one row per node, updated in place");
        try (Connection c = db.getConnection(); ResultSet row = c.createStatement()
                .executeQuery("SELECT address, last_seen > started_at FROM hub_node WHERE node_id = 'node-1'")) {
            row.next();
            assertEquals("[127.0.0.1]:5701", row.getString(1));
            assertEquals(true, row.getBoolean(2));
        }
    }

    private static int countBeats(JdbcDataSource db) throws Exception {
        try (Connection c = db.getConnection(); ResultSet rows = c.createStatement()
                .executeQuery("SELECT COUNT(*) FROM hub_node")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
