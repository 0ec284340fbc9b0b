package io.ridematch.cli;

import io.ridematch.city.Interrupts;
import io.ridematch.city.SimulationRun;
import io.ridematch.city.UsageException;
import io.ridematch.kafka.EmbeddedKafka;
import io.ridematch.kafka.KafkaSettings;
import io.ridematch.kafka.TopicSetup;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ridematch broker}: the embedded Kafka broker on its own, for platform and simulator processes. */
@Command(name = "broker", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a single-node Kafka broker (Apache Kafka's own server, KRaft mode) until stopped, with "
                + "the ridematch topics created. Point 'platform' and 'simulator' at it with --kafka-bootstrap.")
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:RIDEMATCH_KAFKA_PORT:-9092}",
            description = "Port on 127.0.0.1. Env RIDEMATCH_KAFKA_PORT. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:RIDEMATCH_DATA_DIR:-data}",
            description = "Folder of the log. Env RIDEMATCH_DATA_DIR. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "${env:RIDEMATCH_PARTITIONS:-6}",
            description = "Partitions of each event topic. Env RIDEMATCH_PARTITIONS. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65_535) {
            throw new UsageException("--port must be between 1 and 65535, was " + port);
        }
        if (KafkaOptions.partitionsProblem(partitions) != null) {
            throw new UsageException(KafkaOptions.partitionsProblem(partitions));
        }
        EmbeddedKafka broker = EmbeddedKafka.start(dataDir, port);
        try {
            TopicSetup.ensureTopics(new KafkaSettings(broker.bootstrapServers(), "/ridematch/broker", "none",
                    partitions, (short) 1));
            CountDownLatch stopped = new CountDownLatch(1);
            Interrupts.onStop(stopped::countDown);
            System.out.println("ridematch: Kafka broker on " + broker.bootstrapServers() + ", log in " + dataDir
                    + " (Ctrl-C stops it)");
            stopped.await(); // the broker runs until Ctrl-C or SIGTERM; that is its job
            System.out.println("ridematch: stopping the broker");
            return 0;
        } finally {
            broker.close(SimulationRun.CLOSE_WITHIN);
        }
    }
}
