package io.ridematch.city;

import io.ridematch.kafka.KafkaSettings;
import io.ridematch.kafka.RecordFaults;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the event log lives.
 *
 * @param bootstrap  an external cluster's {@code host:port}, or null for the embedded broker under {@code dataDir}
 * @param enabled    false with {@code --no-kafka}: the city runs on the event bus alone
 * @param brokerPort the embedded broker's port on 127.0.0.1; 0 picks a free one
 * @param faults     records duplicated and delayed on purpose as this process reads them
 * @param snapshotEvery how often a platform writes a snapshot of what it rebuilds from the log; zero for never
 * @param clientProperties Kafka client settings for every client ({@code --kafka-property}, {@code --kafka-config})
 * @param member     a platform's name in its group, kept across restarts ({@code --instance})
 */
public record KafkaConfig(boolean enabled, String bootstrap, Path dataDir, int partitions, short replicationFactor,
                          int brokerPort, RecordFaults faults, Duration snapshotEvery,
                          Map<String, String> clientProperties, String member) {

    public KafkaConfig {
        clientProperties = Map.copyOf(clientProperties);
    }

    /** An embedded broker on a free port, or an external cluster. */
    public KafkaConfig(boolean enabled, String bootstrap, Path dataDir, int partitions, short replicationFactor) {
        this(enabled, bootstrap, dataDir, partitions, replicationFactor, 0, RecordFaults.NONE,
                KafkaSettings.SNAPSHOT_EVERY, Map.of(), KafkaSettings.MEMBER);
    }

    /** The same log, with records duplicated and delayed on their way in. */
    public KafkaConfig withFaults(RecordFaults recordFaults) {
        return new KafkaConfig(enabled, bootstrap, dataDir, partitions, replicationFactor, brokerPort, recordFaults,
                snapshotEvery, clientProperties, member);
    }

    /** The same log, with snapshots every {@code period} (zero: none). */
    public KafkaConfig withSnapshotEvery(Duration period) {
        return new KafkaConfig(enabled, bootstrap, dataDir, partitions, replicationFactor, brokerPort, faults, period,
                clientProperties, member);
    }

    /** The same log, for the platform named {@code name} in its group. */
    public KafkaConfig withMember(String name) {
        return new KafkaConfig(enabled, bootstrap, dataDir, partitions, replicationFactor, brokerPort, faults,
                snapshotEvery, clientProperties, name);
    }

    public boolean embedded() {
        return enabled && bootstrap == null;
    }
}
