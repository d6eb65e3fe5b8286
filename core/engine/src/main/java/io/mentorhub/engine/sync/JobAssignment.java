package io.mentorhub.engine.sync;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import com.hazelcast.replicatedmap.ReplicatedMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Which hub node runs which instance's sync jobs. In a cluster, every node publishes the instances it has active (its
 * own {@code etc/} and Configuration Admin); an instance's job goes to the owner of the Hazelcast partition of its
 * key if that node has the instance, else to one of the nodes that have it, chosen by the key's hash — the same
 * answer on every node for the same membership. This only decides who tries: the database lease ({@link LeaseStore})
 * decides who may write, so two nodes that disagree for a moment (a membership change, a split brain) never both
 * commit.
 */
public interface JobAssignment {

    /** This node's id (the Hazelcast member UUID: new for every process). */
    String nodeId();

    /** Whether this node should run the instance's jobs. */
    boolean owns(String instanceId);

    /** Whether the node with this id is still a member of the cluster (a lease held by a dead node can be taken). */
    boolean alive(String nodeId);

    /** Tells the cluster which instances this node can run. */
    void publish(Set<String> activeInstances);

    /** A hub without peers: it owns every instance it has. */
    static JobAssignment singleNode(String nodeId) {
        return new JobAssignment() {
            @Override
            public String nodeId() {
                return nodeId;
            }

            @Override
            public boolean owns(String instanceId) {
                return true;
            }

            @Override
            public boolean alive(String node) {
                return nodeId.equals(node);
            }

            @Override
            public void publish(Set<String> activeInstances) {
            }
        };
    }

    /** The cluster's view, through the embedded Hazelcast member. */
    final class Cluster implements JobAssignment {

        static final String MAP = "mentorhub-sync-instances";

        private final HazelcastInstance hazelcast;
        private final ReplicatedMap<String, String> published;
        private volatile Set<String> local = Set.of();

        Cluster(HazelcastInstance hazelcast) {
            this.hazelcast = hazelcast;
            this.published = hazelcast.getReplicatedMap(MAP);
        }

        @Override
        public String nodeId() {
            return hazelcast.getCluster().getLocalMember().getUuid().toString();
        }

        @Override
        public boolean owns(String instanceId) {
            if (!local.contains(instanceId)) {
                return false;
            }
            Member self = hazelcast.getCluster().getLocalMember();
            List<Member> holders = new ArrayList<>();
            for (Member member : hazelcast.getCluster().getMembers()) {
                Set<String> theirs = member.equals(self) ? local : parse(published.get(member.getUuid().toString()));
                if (theirs.contains(instanceId)) {
                    holders.add(member);
                }
            }
            Partition partition = hazelcast.getPartitionService().getPartition("sync:" + instanceId);
            Member owner = partition.getOwner();
            if (owner != null && holders.contains(owner)) {
                return owner.equals(self);
            }
            holders.sort(Comparator.comparing(Member::getUuid));
            return holders.get(Math.floorMod(instanceId.hashCode(), holders.size())).equals(self);
        }

        @Override
        public boolean alive(String nodeId) {
            try {
                UUID uuid = UUID.fromString(nodeId);
                return hazelcast.getCluster().getMembers().stream().anyMatch(m -> m.getUuid().equals(uuid));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        @Override
        public void publish(Set<String> activeInstances) {
            local = Set.copyOf(activeInstances);
            String self = nodeId();
            String value = String.join(",", new TreeSet<>(activeInstances));
            if (!value.equals(published.get(self))) {
                published.put(self, value);
            }
            // Entries of members that left would otherwise stay forever.
            Set<String> members = new HashSet<>();
            hazelcast.getCluster().getMembers().forEach(m -> members.add(m.getUuid().toString()));
            for (String node : new ArrayList<>(published.keySet())) {
                if (!members.contains(node)) {
                    published.remove(node);
                }
            }
        }

        private static Set<String> parse(String value) {
            return value == null || value.isEmpty() ? Set.of() : new HashSet<>(Arrays.asList(value.split(",")));
        }
    }
}
