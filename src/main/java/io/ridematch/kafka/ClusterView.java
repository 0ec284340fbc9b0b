package io.ridematch.kafka;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/cluster} shows of one process: the partitions Kafka gave it with their lag, and its
 * consumer group's members with theirs. Refreshed every few seconds by the bridge; {@code asOf} says when.
 *
 * @param member   this platform's name in the group ({@code --instance}), or null where it is in none
 * @param lag      records on its partitions not read yet, all partitions together
 * @param members  the group's members as the group coordinator last described them (empty where unknown)
 * @param zones    the zones this platform decides now, each with where its strip lies (empty while it rebuilds)
 */
public record ClusterView(String role, String groupId, String member, String bootstrapServers,
                          List<PartitionLag> partitions, long lag, List<Member> members, List<Zone> zones,
                          Instant asOf) {

    /** A zone this platform owns: partition {@code zone} of the zoned topics, and its strip of the city. */
    public record Zone(int zone, String strip) {
    }

    /** One partition this process reads. */
    public record PartitionLag(String topic, int partition, long lag) {
    }

    /** One member of the group and what it was assigned ({@code ride-commands-3}, ...). */
    public record Member(String instance, String clientId, String host, List<String> partitions) {
    }
}
