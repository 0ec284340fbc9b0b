package io.ridematch.city;

import io.ridematch.kafka.EmbeddedKafka;
import io.ridematch.kafka.TopicSetup;
import java.nio.file.Files;

/** An existing event log to read: on a cluster, or under a data folder through a broker started for the while. */
public final class EventLog implements AutoCloseable {

    private final EmbeddedKafka broker;
    private final String bootstrap;
    private final String name;

    private EventLog(EmbeddedKafka broker, String bootstrap, String name) {
        this.broker = broker;
        this.bootstrap = bootstrap;
        this.name = name;
    }

    /** Opens the log {@code config} names: checks the cluster answers, or that the data folder holds a log. */
    public static EventLog open(KafkaConfig config) {
        if (!config.embedded()) {
            TopicSetup.checkReachable(config.bootstrap());
            return new EventLog(null, config.bootstrap(), config.bootstrap());
        }
        if (!Files.isDirectory(config.dataDir().resolve("kafka"))) {
            throw new UsageException("no event log in " + config.dataDir()
                    + " (run 'ridematch simulate' first, or pass --data-dir or --kafka-bootstrap)");
        }
        EmbeddedKafka broker = EmbeddedKafka.start(config.dataDir());
        return new EventLog(broker, broker.bootstrapServers(), config.dataDir().toString());
    }

    public String bootstrap() {
        return bootstrap;
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
