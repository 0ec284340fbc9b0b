package io.ridematch.kafka;

import io.ridematch.bus.DomainBus;
import io.ridematch.city.City;
import io.ridematch.city.ScenarioFile;
import io.ridematch.city.SimulateConfig;
import io.ridematch.contract.Role;
import io.ridematch.kafka.CloudEvents.Outgoing;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for tests: what any other tool reading or writing the topics would do. */
final class KafkaTestSupport {

    private KafkaTestSupport() {
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all"), new StringSerializer(),
                new ByteArraySerializer());
    }

    static ProducerRecord<String, byte[]> record(Outgoing out) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(out.topic(), out.key(), out.value());
        out.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** The record {@code out} as written to another topic under another key: a forgery. */
    static ProducerRecord<String, byte[]> record(Outgoing out, String topic, String key) {
        return record(new Outgoing(topic, key, out.headers(), out.value()));
    }

    /** Every record of a topic, from offset 0 to its end. */
    static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic) {
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(all::add);
            }
        }
        return all;
    }

    static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return headers;
    }

    /**
     * A platform process of Small Town (an hour at 60x, seed 42) in {@code vertx}, member {@code member} of the
     * group ridematch-platform, started.
     */
    static City smallTownPlatform(Vertx vertx, DomainBus bus, String bootstrap, String member) throws Exception {
        SimulateConfig config = new SimulateConfig("small-town", Duration.ofHours(1), null, 60, 42, 0, null);
        return City.start(vertx, bus, Role.PLATFORM, ScenarioFile.load("small-town"), config,
                platformSettings(bootstrap, member), "").await(60, TimeUnit.SECONDS);
    }

    /** A platform of the group ridematch-platform named {@code member}, without snapshots. */
    static KafkaSettings platformSettings(String bootstrap, String member) {
        return new KafkaSettings(bootstrap, "/ridematch/platform/" + member, "ridematch-platform", 4, (short) 1,
                RecordFaults.NONE, java.util.Map.of(), java.time.Duration.ZERO, member);
    }
}
