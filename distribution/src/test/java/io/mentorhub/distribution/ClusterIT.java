package io.mentorhub.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two hubs given each other as members form one cluster; each reports two members in its health. */
class ClusterIT {

    @TempDir
    Path scratch;

    @Test
    void twoHubsListingEachOtherFormOneCluster() throws Exception {
        int portA = freePort();
        int portB = freePort();
        String cluster = "it-pair-" + UUID.randomUUID();
        Map<String, String> a = Map.of("MENTORHUB_CLUSTER_NAME", cluster, "MENTORHUB_CLUSTER_PORT", String.valueOf(portA),
                "MENTORHUB_CLUSTER_MEMBERS", "127.0.0.1:" + portB);
        Map<String, String> b = Map.of("MENTORHUB_CLUSTER_NAME", cluster, "MENTORHUB_CLUSTER_PORT", String.valueOf(portB),
                "MENTORHUB_CLUSTER_MEMBERS", "127.0.0.1:" + portA);
        try (RunningHub first = RunningHub.start(Files.createDirectories(scratch.resolve("a")), a);
                RunningHub second = RunningHub.start(Files.createDirectories(scratch.resolve("b")), b)) {
            for (RunningHub hub : new RunningHub[] {first, second}) {
                JsonNode health = hub.await("/health", Duration.ofSeconds(90), r -> r.status() == 200
                        && r.body().path("components").path("hazelcast").path("members").asInt() == 2);
                assertEquals(cluster, health.path("components").path("hazelcast").path("cluster").asText());
            }
            assertEquals(0, second.stop(), second.console());
            first.await("/health", Duration.ofSeconds(60), r -> r.status() == 200
                    && r.body().path("components").path("hazelcast").path("members").asInt() == 1);
            assertEquals(0, first.stop(), first.console());
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
