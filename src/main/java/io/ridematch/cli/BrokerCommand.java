package io.ridematch.cli;

import io.ridematch.city.Interrupts;
import io.ridematch.city.SimulationRun;
import io.ridematch.city.UsageException;
import io.ridematch.kafka.EmbeddedKafka;
import io.ridematch.kafka.KafkaSettings;
import io.ridematch.kafka.TopicSetup;
import io.ridematch.city.DurationText;
import io.ridematch.kafka.KafkaConnection;
import io.ridematch.kafka.RecordFaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ridematch broker}: the embedded Kafka broker on its own, for platform and simulator processes. */
@Command(name = "broker", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a Kafka node (Apache Kafka's own server, KRaft mode, broker and controller) until "
                + "stopped, with the ridematch topics created: a cluster of its own, or one of several started with "
                + "the same --controllers. Point 'platform' and 'simulator' at it with --kafka-bootstrap.")
final class BrokerCommand implements Callable<Integer> {

    /** How long a node of a cluster waits for the others before it gives up. */
    static final Duration CLUSTER_WITHIN = Duration.ofMinutes(2);

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:RIDEMATCH_KAFKA_PORT:-9092}",
            description = "Port on 127.0.0.1. Env RIDEMATCH_KAFKA_PORT. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:RIDEMATCH_DATA_DIR:-data}",
            description = "Folder of the log. Env RIDEMATCH_DATA_DIR. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "${env:RIDEMATCH_PARTITIONS:-6}",
            description = "Partitions of each event topic. Env RIDEMATCH_PARTITIONS. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--node-id", paramLabel = "N", defaultValue = "${env:RIDEMATCH_NODE_ID:-1}",
            description = "This node's id in the cluster, one of --controllers. Env RIDEMATCH_NODE_ID. "
                    + "Default: ${DEFAULT-VALUE}.")
    int nodeId;

    @Option(names = "--controllers", paramLabel = "ID@HOST:PORT,...", defaultValue = "${env:RIDEMATCH_CONTROLLERS}",
            description = "Every node of the cluster with its controller port, the same list on each node, e.g. "
                    + "1@127.0.0.1:19093,2@127.0.0.1:29093,3@127.0.0.1:39093 (Kafka's controller.quorum.voters). "
                    + "Env RIDEMATCH_CONTROLLERS. Default: a cluster of this node alone.")
    String controllers;

    @Option(names = "--sasl-user", paramLabel = "USER:PASSWORD",
            description = "Take clients on SASL/PLAIN with these users instead of PLAINTEXT (repeatable), to try a "
                    + "client configuration (--kafka-config) before a real cluster.")
    List<String> saslUsers = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65_535) {
            throw new UsageException("--port must be between 1 and 65535, was " + port);
        }
        if (KafkaOptions.partitionsProblem(partitions) != null) {
            throw new UsageException(KafkaOptions.partitionsProblem(partitions));
        }
        EmbeddedKafka.Node node = node();
        EmbeddedKafka broker = EmbeddedKafka.start(dataDir, node);
        try {
            int nodes = controllers == null ? 1 : node.controllers().size();
            Map<String, String> client = node.clientProperties();
            if (nodes > 1) {
                System.out.println("ridematch: node " + nodeId + " of " + nodes + " started on "
                        + broker.bootstrapServers() + "; waiting for the others (at most "
                        + DurationText.format(CLUSTER_WITHIN) + ")");
            }
            // each node creates what is missing once the cluster is whole, so every topic gets its three replicas
            TopicSetup.awaitBrokers(new KafkaConnection(broker.bootstrapServers(), client), nodes, CLUSTER_WITHIN);
            TopicSetup.ensureTopics(new KafkaSettings(broker.bootstrapServers(), "/ridematch/broker", "none",
                    partitions, (short) 0, RecordFaults.NONE, client));
            CountDownLatch stopped = new CountDownLatch(1);
            Interrupts.onStop(stopped::countDown);
            System.out.println("ridematch: Kafka broker on " + broker.bootstrapServers() + ", log in " + dataDir
                    + (nodes > 1 ? "; node " + nodeId + " of a cluster of " + nodes : "")
                    + (saslUsers.isEmpty() ? "" : "; clients on SASL/PLAIN") + " (Ctrl-C stops it)");
            stopped.await(); // the broker runs until Ctrl-C or SIGTERM; that is its job
            System.out.println("ridematch: stopping the broker");
            return 0;
        } finally {
            broker.close(SimulationRun.CLOSE_WITHIN);
        }
    }

    private EmbeddedKafka.Node node() {
        Map<String, String> users = new TreeMap<>();
        for (String user : saslUsers) {
            int colon = user.indexOf(':');
            if (colon < 1 || colon == user.length() - 1 || user.contains("\"")) {
                throw new UsageException("--sasl-user must be USER:PASSWORD, was '" + user + "'");
            }
            users.put(user.substring(0, colon), user.substring(colon + 1));
        }
        EmbeddedKafka.Node node = new EmbeddedKafka.Node(port, nodeId, controllers, users, false);
        if (controllers != null) {
            try {
                if (!node.controllers().containsKey(nodeId)) {
                    throw new UsageException("--node-id " + nodeId + " is not among --controllers " + controllers);
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException("--controllers: " + e.getMessage());
            }
        }
        return node;
    }
}
