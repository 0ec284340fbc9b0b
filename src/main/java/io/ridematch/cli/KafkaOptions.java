package io.ridematch.cli;

import io.ridematch.city.KafkaConfig;
import io.ridematch.city.UsageException;
import io.ridematch.kafka.KafkaSettings;
import io.ridematch.kafka.RecordFaults;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the event log is: an embedded broker under --data-dir, an external cluster, or none. */
final class KafkaOptions {

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT", defaultValue = "${env:RIDEMATCH_KAFKA_BOOTSTRAP}",
            description = "Use this Kafka cluster; no broker is started. Env RIDEMATCH_KAFKA_BOOTSTRAP. "
                    + "Default: an embedded broker.")
    String bootstrap;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:RIDEMATCH_DATA_DIR:-data}",
            description = "Folder of the embedded broker's log. Env RIDEMATCH_DATA_DIR. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "${env:RIDEMATCH_KAFKA_PORT:-0}",
            description = "Port of the embedded broker on 127.0.0.1, so other processes can find it (0 picks a free "
                    + "one, printed at start). Env RIDEMATCH_KAFKA_PORT. Default: ${DEFAULT-VALUE}.")
    int brokerPort;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "${env:RIDEMATCH_PARTITIONS:-6}",
            description = "Partitions of each event topic when it is created. Env RIDEMATCH_PARTITIONS. "
                    + "Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "${env:RIDEMATCH_REPLICATION_FACTOR:-1}",
            description = "Replicas of each topic when it is created. Env RIDEMATCH_REPLICATION_FACTOR. "
                    + "Default: ${DEFAULT-VALUE}.")
    short replicationFactor;

    KafkaConfig toConfig(boolean enabled) {
        return new KafkaConfig(enabled, bootstrap, dataDir, partitions, replicationFactor, brokerPort,
                RecordFaults.NONE, KafkaSettings.SNAPSHOT_EVERY);
    }

    /** The one rule for {@code --partitions}, which {@code broker} takes too; null when fine. */
    static String partitionsProblem(int partitions) {
        return partitions < 1 || partitions > 1000 ? "--partitions must be between 1 and 1000, was " + partitions : null;
    }

    /** The log these options name, for commands that only read one; a wrong combination is a usage error. */
    KafkaConfig checkedConfig() {
        if (problem() != null) {
            throw new UsageException(problem());
        }
        return toConfig(true);
    }

    String problem() {
        if (partitionsProblem(partitions) != null) {
            return partitionsProblem(partitions);
        }
        if (replicationFactor < 1) {
            return "--replication-factor must be at least 1, was " + replicationFactor;
        }
        if (brokerPort < 0 || brokerPort > 65_535) {
            return "--kafka-port must be between 0 and 65535, was " + brokerPort;
        }
        if (brokerPort != 0 && bootstrap != null) {
            return "--kafka-port is the embedded broker's port; with --kafka-bootstrap no broker is started";
        }
        if (bootstrap != null && !bootstrap.matches("[^\\s:,]+:\\d{1,5}(,[^\\s:,]+:\\d{1,5})*")) {
            return "--kafka-bootstrap must be host:port[,host:port...], was '" + bootstrap + "'";
        }
        return null;
    }
}
