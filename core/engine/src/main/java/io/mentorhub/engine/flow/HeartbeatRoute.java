package io.mentorhub.engine.flow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.builder.RouteBuilder;

/**
 * Node heartbeat: every period this node records in the database that it is alive. Operators (and later, job
 * leases) see which hub nodes run against a database and when each was last seen.
 */
public class HeartbeatRoute extends RouteBuilder {

    public static final String ROUTE_ID = "node-heartbeat";

    private final DataSource dataSource;
    private final Supplier<String> nodeId;
    private final Supplier<String> address;
    private final Instant startedAt = Instant.now();
    private final long periodMillis;
    private volatile Instant lastBeat;

    /** Node id and address are suppliers: the first beat waits for the cluster member, route start does not. */
    public HeartbeatRoute(DataSource dataSource, Supplier<String> nodeId, Supplier<String> address, long periodMillis) {
        this.dataSource = dataSource;
        this.nodeId = nodeId;
        this.address = address;
        this.periodMillis = periodMillis;
    }

    @Override
    public void configure() {
        from("timer:node-heartbeat?delay=0&period=" + periodMillis).routeId(ROUTE_ID)
                .process(exchange -> beat());
    }

    /** Upserts this node's row; plain UPDATE-then-INSERT works the same on H2 and PostgreSQL. */
    void beat() throws SQLException {
        String node = nodeId.get();
        String where = address.get();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection connection = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE hub_node SET last_seen = ?, address = ? WHERE node_id = ?")) {
                update.setTimestamp(1, now);
                update.setString(2, where);
                update.setString(3, node);
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO hub_node (node_id, address, started_at, last_seen) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, node);
                    insert.setString(2, where);
                    insert.setTimestamp(3, Timestamp.from(startedAt));
                    insert.setTimestamp(4, now);
                    insert.executeUpdate();
                }
            }
        }
        lastBeat = now.toInstant();
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant lastBeat() {
        return lastBeat;
    }
}
