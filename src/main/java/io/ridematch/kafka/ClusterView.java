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
 */
public record ClusterView(String role, String groupId, String member, String bootstrapServers,
                          List<PartitionLag> partitions, long lag, List<Member> members, Instant asOf) {

    /** One partition this process reads. */
    public record PartitionLag(String topic, int partition, long lag) {
    }

    /** One member of the group and what it was assigned ({@code ride-commands-3}, ...). */
    public record Member(String instance, String clientId, String host, List<String> partitions) {
    }
}
