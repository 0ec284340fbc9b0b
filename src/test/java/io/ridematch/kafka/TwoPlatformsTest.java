package io.ridematch.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.bus.DomainBus;
import io.ridematch.city.City;
import io.ridematch.city.Scenario;
import io.ridematch.city.ScenarioFile;
import io.ridematch.city.SimulateConfig;
import io.ridematch.contract.Role;
import io.ridematch.contract.time.ClockTick;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two platform processes in one consumer group: each has its own member name, and both follow the world's time. */
class TwoPlatformsTest {

    @Test
    void twoPlatformsOfOneGroupBothFollowTheWorldsClock(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir)) {
            String bootstrap = broker.bootstrapServers();
            TopicSetup.ensureTopics(new KafkaSettings(bootstrap, "/ridematch/test", "none", 4, (short) 1));
            Scenario town = ScenarioFile.load("small-town");
            Instant t0 = town.start().toInstant();
            SimulateConfig config = new SimulateConfig("small-town", Duration.ofHours(1), null, 60, 42, 0, null);
            Vertx first = Vertx.vertx();
            Vertx second = Vertx.vertx();
            try {
                City a = City.start(first, DomainBus.install(first), Role.PLATFORM, town, config,
                        settings(bootstrap, "a"), "").await(60, TimeUnit.SECONDS);
                City b = City.start(second, DomainBus.install(second), Role.PLATFORM, town, config,
                        settings(bootstrap, "b"), "").await(60, TimeUnit.SECONDS);
                Instant last = t0.plusSeconds(600);
                try (KafkaProducer<String, byte[]> producer = KafkaTestSupport.producer(bootstrap)) {
                    for (int s = 60; s <= 600; s += 60) {
                        producer.send(KafkaTestSupport.record(CloudEvents.encode(new ClockTick(t0.plusSeconds(s)),
                                "/test/sim")));
                    }
                    producer.flush();
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while ((a.clock().now().isBefore(last) || b.clock().now().isBefore(last))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(List.of(a.clock().now(), b.clock().now())).as("each platform's time")
                        .containsOnly(last);
                assertThat(a.bridge().orElseThrow().consumed() + b.bridge().orElseThrow().consumed())
                        .as("each read every tick").isGreaterThanOrEqualTo(20);
            } finally {
                first.close().await(30, TimeUnit.SECONDS);
                second.close().await(30, TimeUnit.SECONDS);
            }
        }
    }

    private static KafkaSettings settings(String bootstrap, String member) {
        return new KafkaSettings(bootstrap, "/ridematch/platform/" + member, "ridematch-platform", 4, (short) 1,
                RecordFaults.NONE, Map.of(), Duration.ZERO, member);
    }
}
