package io.ridematch.city;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.contract.time.ClockTick;
import io.ridematch.contract.time.SteppedClock;
import io.ridematch.kafka.CloudEvents;
import io.ridematch.kafka.EmbeddedKafka;
import io.ridematch.kafka.KafkaSettings;
import io.ridematch.kafka.TopicSetup;
import io.ridematch.platform.core.snapshot.SnapshotFold;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulator started against a world that has already run takes up its time; on a new log it starts as asked; a
 * forged far-future tick is taken up by neither a joining simulator nor a restarting platform.
 */
class JoinWorldTest {

    @Test
    void aLateSimulatorStartsAtTheWorldsLastTickAndAFirstOneAtTheScenariosStartAndNeitherTakesUpAForgery(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir)) {
            KafkaSettings settings = new KafkaSettings(broker.bootstrapServers(), "/ridematch/simulator/test",
                    "ridematch-simulator-test", 1, (short) 1);
            TopicSetup.ensureTopics(settings);
            Scenario town = ScenarioFile.load("small-town");
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(said, true, StandardCharsets.UTF_8);

            assertThat(SimulationRun.joinWorld(town, settings, out)).as("a new log").isEqualTo(town);

            Instant worldTime = town.start().toInstant().plusSeconds(2 * 3600 + 17);
            CloudEvents.Outgoing tick = CloudEvents.encode(new ClockTick(worldTime), "/ridematch/simulator/first");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    broker.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(tick.topic(), tick.key(), tick.value());
                tick.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(record).get();
            }

            // a forged tick in 2100 after the world's own: refused live by the bridge, and passed over here
            CloudEvents.Outgoing forged = CloudEvents.encode(new ClockTick(Instant.parse("2100-01-01T00:00:00Z")),
                    "/test/forger");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    broker.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(forged.topic(), forged.key(),
                        forged.value());
                forged.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(record).get();
            }

            Scenario joined = SimulationRun.joinWorld(town, settings, out);
            assertThat(joined.start().toInstant()).isEqualTo(worldTime);
            assertThat(joined.startTime()).isEqualTo(town.startTime().plusHours(2).plusSeconds(17));
            assertThat(joined.duration()).isEqualTo(town.duration());
            assertThat(said.toString(StandardCharsets.UTF_8)).contains("joins it there rather than at "
                    + LocalTime.of(7, 0));

            // a platform restarting on that log takes up the world's time, not the forgery's
            SteppedClock clock = new SteppedClock(town.start().toInstant());
            Rebuilt rebuilt = Rebuilt.fromLog(settings.connection(), "none", false, clock,
                    new SnapshotFold(Duration.ofMinutes(10)), new Rebuilt.Services(e -> { }, (id, s) -> { }),
                    () -> 0, new Rebuilt.Progress());
            assertThat(rebuilt.worldTime()).isEqualTo(worldTime);
            assertThat(clock.now()).isEqualTo(worldTime);
        }
    }
}
