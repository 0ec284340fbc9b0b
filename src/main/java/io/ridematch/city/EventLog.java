package io.ridematch.city;

import io.ridematch.kafka.EmbeddedKafka;
import io.ridematch.kafka.KafkaConnection;
import io.ridematch.kafka.TopicSetup;
import java.nio.file.Files;

/** An existing event log to read: on a cluster, or under a data folder through a broker started for the while. */
public final class EventLog implements AutoCloseable {

    private final EmbeddedKafka broker;
    private final KafkaConnection connection;
    private final String name;

    private EventLog(EmbeddedKafka broker, KafkaConnection connection, String name) {
        this.broker = broker;
        this.connection = connection;
        this.name = name;
    }

    /** Opens the log {@code config} names: checks the cluster answers, or that the data folder holds a log. */
    public static EventLog open(KafkaConfig config) {
        if (!config.embedded()) {
            KafkaConnection connection = new KafkaConnection(config.bootstrap(), config.clientProperties());
            TopicSetup.checkReachable(connection);
            return new EventLog(null, connection, config.bootstrap());
        }
        if (!Files.isDirectory(config.dataDir().resolve("kafka"))) {
            throw new UsageException("no event log in " + config.dataDir()
                    + " (run 'ridematch simulate' first, or pass --data-dir or --kafka-bootstrap)");
        }
        EmbeddedKafka broker = EmbeddedKafka.start(config.dataDir());
        return new EventLog(broker, KafkaConnection.to(broker.bootstrapServers()), config.dataDir().toString());
    }

    public KafkaConnection connection() {
        return connection;
    }

    /** The data folder or the cluster, for messages. */
    public String name() {
        return name;
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
    }
}
