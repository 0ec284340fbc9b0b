package io.ridematch.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How this process talks to Kafka.
 *
 * @param source  the CloudEvents {@code ce_source} of what this process produces, e.g. {@code /ridematch/platform/3f2a}
 * @param groupId the consumer group of this process's kind
 * @param faults  duplicated and delayed records on the way in, on purpose; {@link RecordFaults#NONE} normally
 * @param clientProperties Kafka client settings laid over ridematch's own, for every client ({@link KafkaConnection})
 * @param snapshotEvery how often a platform writes its snapshot ({@link SnapshotVerticle}); zero for never
 * @param member  this platform's name in its group, the same across its restarts ({@code --instance}): Kafka's
 *                static membership gives a restarted member its partitions back at once
 */
public record KafkaSettings(String bootstrapServers, String source, String groupId, int partitions,
                            short replicationFactor, RecordFaults faults, Map<String, String> clientProperties,
                            Duration snapshotEvery, String member) {

    /** A platform's member name unless told otherwise. */
    public static final String MEMBER = "1";

    /** A platform's snapshot period unless told otherwise. */
    public static final Duration SNAPSHOT_EVERY = Duration.ofSeconds(30);

    public KafkaSettings {
        clientProperties = Map.copyOf(clientProperties);
    }

    public KafkaSettings(String bootstrapServers, String source, String groupId, int partitions,
                         short replicationFactor, RecordFaults faults, Map<String, String> clientProperties,
                         Duration snapshotEvery) {
        this(bootstrapServers, source, groupId, partitions, replicationFactor, faults, clientProperties, snapshotEvery,
                MEMBER);
    }

    public KafkaSettings(String bootstrapServers, String source, String groupId, int partitions,
                         short replicationFactor, RecordFaults faults, Map<String, String> clientProperties) {
        this(bootstrapServers, source, groupId, partitions, replicationFactor, faults, clientProperties, SNAPSHOT_EVERY);
    }

    public KafkaSettings(String bootstrapServers, String source, String groupId, int partitions,
                         short replicationFactor) {
        this(bootstrapServers, source, groupId, partitions, replicationFactor, RecordFaults.NONE, Map.of());
    }

    /** Where this platform's snapshots are kept, apart from its group's other members'. */
    public String snapshotKey() {
        return MEMBER.equals(member) ? groupId : groupId + "/" + member;
    }

    /** The cluster and the user's client settings. */
    public KafkaConnection connection() {
        return new KafkaConnection(bootstrapServers, clientProperties);
    }

    /** Idempotent producer, acknowledged by all in-sync replicas: a retry never writes a record twice. */
    public Map<String, String> producerConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("acks", "all");
        config.put("enable.idempotence", "true");
        config.put("linger.ms", "5");
        config.put("batch.size", "65536");
        config.put("compression.type", "lz4");
        config.put("client.id", "ridematch" + source.replace('/', '-'));
        return connection().producer(config);
    }

    /** Offsets are committed by the bridge, after processing, never automatically. */
    Map<String, String> consumerConfig(String offsetReset) {
        Map<String, String> config = new HashMap<>();
        config.put("group.id", groupId);
        config.put("enable.auto.commit", "false");
        config.put("fetch.max.wait.ms", "20");
        config.put("auto.offset.reset", offsetReset);
        config.put("client.id", "ridematch" + source.replace('/', '-') + "-consumer");
        return connection().consumer(config);
    }
}
