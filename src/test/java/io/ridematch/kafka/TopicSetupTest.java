package io.ridematch.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topics a process makes on a fresh broker take writes as soon as it goes on. */
class TopicSetupTest {

    @Test
    void everyPartitionOfTheNewTopicsTakesAWriteTheMomentTheyAreMade(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir)) {
            KafkaSettings settings = new KafkaSettings(broker.bootstrapServers(), "/ridematch/test/topics",
                    "ridematch-test", 6, (short) 1);
            TopicSetup.ensureTopics(settings);
            // no retries: a partition whose leader does not take writes yet fails its record instead of retrying
            // it, which an idempotent producer could not do once a later record of the partition was taken
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    "bootstrap.servers", broker.bootstrapServers(), "acks", "all", "retries", "0",
                    "enable.idempotence", "false"), new StringSerializer(), new ByteArraySerializer())) {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (String topic : List.of(Topics.RIDE_EVENTS, Topics.DRIVER_EVENTS, Topics.RIDE_COMMANDS,
                        Topics.RIDE_OFFERS, Topics.OFFER_ANSWERS)) {
                    for (int partition = 0; partition < 6; partition++) {
                        sent.add(producer.send(new ProducerRecord<>(topic, partition, "probe", new byte[]{1})));
                    }
                }
                for (Future<RecordMetadata> record : sent) {
                    assertThat(record.get(30, TimeUnit.SECONDS).offset()).isZero();
                }
            }
        }
    }
}
