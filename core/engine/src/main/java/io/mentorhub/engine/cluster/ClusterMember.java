package io.mentorhub.engine.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.mentorhub.engine.health.ComponentHealth;
import io.mentorhub.engine.health.HealthIndicator;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's embedded Hazelcast member: the cluster fabric (membership, job ownership, caches, events). It never
 * holds the only copy of anything — the database does — so a lost member costs work, not data.
 */
@Component(service = {ClusterMember.class, HealthIndicator.class}, configurationPid = ClusterMember.PID, immediate = true)
@Designate(ocd = ClusterMember.Settings.class)
public class ClusterMember implements HealthIndicator {

    static final String PID = "io.mentorhub.cluster";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterMember.class);

    @ObjectClassDefinition(name = "mentorhub cluster member")
    public @interface Settings {
        @AttributeDefinition(description = "Cluster name; only members with the same name join each other")
        String clusterName() default "mentorhub";

        @AttributeDefinition(description = "Address this member binds to")
        String bindAddress() default "127.0.0.1";

        @AttributeDefinition(description = "First port to try; the next free one up to port+20 is taken")
        int port() default 5701;

        @AttributeDefinition(description = "Other members to join (host or host:port), comma separated; none: a single node")
        String[] members() default {};
    }

    private final CompletableFuture<HazelcastInstance> member = new CompletableFuture<>();

    /**
     * Starts the member on its own thread: joining takes a second or two, during which the database and the flows
     * start too. Health reports the member DOWN until it has joined; {@link #instance()} waits for it.
     */
    @Activate
    public ClusterMember(Settings settings) {
        Config config = config(settings);
        Thread starter = new Thread(() -> {
            Thread thread = Thread.currentThread();
            // Hazelcast finds its own services through the context class loader.
            thread.setContextClassLoader(Hazelcast.class.getClassLoader());
            try {
                HazelcastInstance instance = Hazelcast.newHazelcastInstance(config);
                LOG.info("Cluster member {} joined cluster '{}' ({} members)",
                        instance.getCluster().getLocalMember().getAddress(), settings.clusterName(),
                        instance.getCluster().getMembers().size());
                if (!member.complete(instance)) {
                    instance.shutdown(); // stopped while starting
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.error("Cluster member could not start", e);
                member.completeExceptionally(e);
            }
        }, "mentorhub-cluster-start");
        starter.setDaemon(true);
        starter.start();
    }

    static Config config(Settings settings) {
        if (settings.port() < 1 || settings.port() > 65535) {
            throw new IllegalArgumentException("io.mentorhub.cluster: port must be 1-65535, was " + settings.port());
        }
        if (settings.clusterName() == null || settings.clusterName().isBlank()) {
            throw new IllegalArgumentException("io.mentorhub.cluster: clusterName must not be empty");
        }
        Config config = new Config();
        config.setClusterName(settings.clusterName());
        config.setInstanceName("mentorhub-" + settings.clusterName() + "-" + ProcessHandle.current().pid());
        config.setClassLoader(ClusterMember.class.getClassLoader());
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        // The hub stops the member itself, in order, after the flows that use it.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // With only explicit TCP members there is nothing to wait for before joining.
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(true).setPortCount(20);
        network.getInterfaces().setEnabled(true).setInterfaces(List.of(settings.bindAddress()));
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        // No members: a single node that becomes master at once instead of probing neighbouring ports for a second.
        join.getTcpIpConfig().setEnabled(true).setMembers(Arrays.stream(settings.members())
                .flatMap(m -> Arrays.stream(m.split(","))).map(String::strip).filter(m -> !m.isEmpty()).toList());
        return config;
    }

    @Deactivate
    void stop() {
        if (!member.cancel(false) && !member.isCompletedExceptionally()) {
            member.join().shutdown();
            LOG.info("Cluster member stopped");
        }
    }

    /** The running member, waiting for it to finish joining if needed. */
    public HazelcastInstance instance() {
        try {
            return member.join();
        } catch (CancellationException | CompletionException e) {
            throw new IllegalStateException("cluster member is not running", e);
        }
    }

    public String nodeId() {
        return instance().getCluster().getLocalMember().getUuid().toString();
    }

    public String address() {
        return instance().getCluster().getLocalMember().getAddress().toString();
    }

    @Override
    public String healthName() {
        return "hazelcast";
    }

    @Override
    public ComponentHealth health() {
        if (!member.isDone()) {
            return ComponentHealth.down("starting");
        }
        if (member.isCompletedExceptionally()) {
            return ComponentHealth.down("failed to start: see logs/mentorhub.log");
        }
        HazelcastInstance instance = member.join();
        if (!instance.getLifecycleService().isRunning()) {
            return ComponentHealth.down("member is not running");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cluster", instance.getConfig().getClusterName());
        details.put("members", instance.getCluster().getMembers().size());
        details.put("address", address());
        return ComponentHealth.up(details);
    }
}
