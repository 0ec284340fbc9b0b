package io.ridematch.cli;

import io.ridematch.city.KafkaConfig;
import io.ridematch.city.UsageException;
import io.ridematch.kafka.KafkaConnection;
import io.ridematch.kafka.KafkaSettings;
import io.ridematch.kafka.RecordFaults;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
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

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "${env:RIDEMATCH_REPLICATION_FACTOR:-0}",
            description = "Replicas of each topic when it is created; with 3 or more, a write needs two of them "
                    + "(min.insync.replicas 2). Env RIDEMATCH_REPLICATION_FACTOR. Default: 3 on a cluster of three "
                    + "brokers or more, else 1.")
    short replicationFactor;

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE",
            description = "A Kafka client setting for every producer, consumer and admin client of this process "
                    + "(SASL, TLS, tuning), e.g. security.protocol=SASL_SSL; repeatable, and laid over --kafka-config.")
    List<String> properties = new ArrayList<>();

    @Option(names = "--kafka-config", paramLabel = "FILE", defaultValue = "${env:RIDEMATCH_KAFKA_CONFIG}",
            description = "A Kafka client properties file (the format of Kafka's own client.properties), for every "
                    + "client of this process. Env RIDEMATCH_KAFKA_CONFIG.")
    Path configFile;

    KafkaConfig toConfig(boolean enabled) {
        return new KafkaConfig(enabled, bootstrap, dataDir, partitions, replicationFactor, brokerPort,
                RecordFaults.NONE, KafkaSettings.SNAPSHOT_EVERY, clientProperties(), KafkaSettings.MEMBER);
    }

    /**
     * The client settings: the file's, then each {@code --kafka-property} over them. A file that cannot be read,
     * a property without '=', or a setting Kafka does not know or ridematch keeps is a usage error.
     */
    Map<String, String> clientProperties() {
        Map<String, String> settings = new TreeMap<>();
        if (configFile != null) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(configFile)) {
                file.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new UsageException("cannot read --kafka-config " + configFile + " ("
                        + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()) + ")");
            }
            file.stringPropertyNames().forEach(key -> settings.put(key.strip(), file.getProperty(key).strip()));
        }
        for (String property : properties) {
            int equals = property.indexOf('=');
            if (equals < 1) {
                throw new UsageException("--kafka-property must be KEY=VALUE, was '" + property + "'");
            }
            settings.put(property.substring(0, equals).strip(), property.substring(equals + 1).strip());
        }
        KafkaConnection.problemWith(settings).ifPresent(problem -> {
            throw new UsageException(problem + (configFile == null ? "" : " (--kafka-property or " + configFile + ")"));
        });
        return settings;
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
        if (replicationFactor < 0) {
            return "--replication-factor must be 1 or more (0: three on a cluster of three brokers or more, else "
                    + "one), was " + replicationFactor;
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
