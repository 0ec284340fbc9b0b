package io.ridematch.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes started apart form one KRaft cluster; the topics get three replicas and need two of them for a
 * write, so with one node gone every acknowledged record is still read back. (The same with a node killed with
 * -9 as a process: scripts/cluster.sh in .ci/run.)
 */
class ThreeNodeClusterTest {

    @Test
    void threeNodesFormOneClusterWhoseTopicsKeepEveryAcknowledgedRecordWithOneNodeGone(@TempDir Path dir)
            throws Exception {
        int[] controllerPorts = {freePort(), freePort(), freePort()};
        String voters = "1@127.0.0.1:" + controllerPorts[0] + ",2@127.0.0.1:" + controllerPorts[1]
                + ",3@127.0.0.1:" + controllerPorts[2];
        List<EmbeddedKafka> nodes = new ArrayList<>();
        ExecutorService starting = Executors.newFixedThreadPool(3);
        try {
            // each node waits for a quorum of controllers, so they start together, as three processes would
            List<Future<EmbeddedKafka>> started = new ArrayList<>();
            for (int id = 1; id <= 3; id++) {
                int nodeId = id;
                started.add(starting.submit(() -> EmbeddedKafka.start(dir.resolve("node-" + nodeId),
                        new EmbeddedKafka.Node(0, nodeId, voters, Map.of(), false))));
            }
            for (Future<EmbeddedKafka> node : started) {
                nodes.add(node.get(120, TimeUnit.SECONDS));
            }
            String bootstrap = String.join(",", nodes.stream().map(EmbeddedKafka::bootstrapServers).toList());
            KafkaConnection connection = KafkaConnection.to(bootstrap);
            TopicSetup.awaitBrokers(connection, 3, Duration.ofMinutes(1));
            TopicSetup.ensureTopics(new KafkaSettings(bootstrap, "/ridematch/test", "none", 3, (short) 0));

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                TopicDescription rides = admin.describeTopics(List.of(Topics.RIDE_EVENTS)).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get(Topics.RIDE_EVENTS);
                assertThat(rides.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RIDE_EVENTS);
                Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);
                assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
            }

            Set<String> acknowledged = new HashSet<>();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                    "acks", "all", "enable.idempotence", "true", "delivery.timeout.ms", "60000"),
                    new StringSerializer(), new ByteArraySerializer())) {
                send(producer, "before", 300, acknowledged);
                nodes.remove(2).close(Duration.ofSeconds(30));
                send(producer, "after", 300, acknowledged);
            }
            Set<String> read = new HashSet<>();
            String remaining = nodes.get(0).bootstrapServers() + "," + nodes.get(1).bootstrapServers();
            for (ConsumerRecord<String, byte[]> record : KafkaTestSupport.readAll(remaining, Topics.RIDE_EVENTS)) {
                read.add(new String(record.value(), StandardCharsets.UTF_8));
            }
            assertThat(acknowledged).hasSize(600);
            assertThat(read).as("every acknowledged record, with one node of three gone").containsAll(acknowledged);
        } finally {
            // together: a node left last alone has no quorum to shut down with
            List<Future<?>> closing = new ArrayList<>();
            for (EmbeddedKafka node : nodes) {
                closing.add(starting.submit(() -> node.close(Duration.ofSeconds(30))));
            }
            for (Future<?> close : closing) {
                close.get(60, TimeUnit.SECONDS);
            }
            starting.shutdownNow();
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String batch, int count, Set<String> acknowledged)
            throws Exception {
        List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String value = batch + "-" + i;
            values.add(value);
            sends.add(producer.send(new ProducerRecord<>(Topics.RIDE_EVENTS, "ride-" + i,
                    value.getBytes(StandardCharsets.UTF_8))));
        }
        for (int i = 0; i < count; i++) {
            sends.get(i).get(60, TimeUnit.SECONDS);
            acknowledged.add(values.get(i));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
