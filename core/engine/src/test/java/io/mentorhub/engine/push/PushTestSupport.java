package io.mentorhub.engine.push;

import io.mentorhub.engine.store.Database;
import io.mentorhub.engine.sync.ConnectorInstances;
import java.time.Clock;
import java.time.ZoneOffset;

/** The push components wired as the hub wires them, without a Camel context (tests drive the drain and tasks). */
public final class PushTestSupport {

    private PushTestSupport() {
    }

    public static PushControl control(Database database, ConnectorInstances instances, Clock clock) throws Exception {
        PushPlanner planner = new PushPlanner(database, instances);
        ConnectorPush push = new ConnectorPush(database, instances, clock);
        PushTasks tasks = new PushTasks(database, instances, null, clock, ZoneOffset.UTC);
        return new PushControl(database, instances, planner, push, tasks);
    }
}
