package io.ridematch.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ridematch.bus.DomainBus;
import io.ridematch.city.City;
import io.ridematch.city.Scenario;
import io.ridematch.city.ScenarioFile;
import io.ridematch.city.SimulateConfig;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.Role;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every client a process makes takes the user's settings: a platform and a simulator on a SASL-only broker. */
class KafkaClientSettingsTest {

    private static final Map<String, String> ALICE = Map.of("security.protocol", "SASL_PLAINTEXT",
            "sasl.mechanism", "PLAIN", "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule "
                    + "required username=\"alice\" password=\"alice-secret\";");

    @Test
    void aPlatformAndASimulatorWorkThroughABrokerThatTakesOnlySaslClients(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir, new EmbeddedKafka.Node(0, 1, null,
                Map.of("alice", "alice-secret"), false))) {
            String bootstrap = broker.bootstrapServers();
            assertThatThrownBy(() -> TopicSetup.checkReachable(KafkaConnection.to(bootstrap)))
                    .as("a client without the settings is not let in").isInstanceOf(TopicSetup.KafkaUnreachable.class);
            Map<String, String> wrongPassword = new java.util.HashMap<>(ALICE);
            wrongPassword.put("sasl.jaas.config", ALICE.get("sasl.jaas.config").replace("alice-secret", "guess"));
            assertThatThrownBy(() -> TopicSetup.checkReachable(new KafkaConnection(bootstrap, wrongPassword)))
                    .as("a wrong password is said as such").hasMessageContaining("refused this process's login")
                    .hasMessageNotContaining("guess");

            KafkaSettings platform = new KafkaSettings(bootstrap, "/ridematch/platform/sasl", "ridematch-platform",
                    3, (short) 0, RecordFaults.NONE, ALICE);
            KafkaSettings simulator = new KafkaSettings(bootstrap, "/ridematch/simulator/sasl",
                    "ridematch-simulator-sasl", 3, (short) 0, RecordFaults.NONE, ALICE);
            TopicSetup.ensureTopics(platform);
            Scenario town = ScenarioFile.load("small-town");
            Vertx platformVertx = Vertx.vertx();
            Vertx simulatorVertx = Vertx.vertx();
            try {
                City platformCity = City.start(platformVertx, DomainBus.install(platformVertx), Role.PLATFORM, town,
                        new SimulateConfig("small-town", Duration.ofMinutes(20), null, 600, 42, 0, null), platform,
                        "").await(60, TimeUnit.SECONDS);
                City simulatorCity = City.start(simulatorVertx, DomainBus.install(simulatorVertx), Role.SIMULATOR,
                        town, new SimulateConfig("small-town", Duration.ofMinutes(20), null, 600, 42, 0, null),
                        simulator, "sasl-").await(60, TimeUnit.SECONDS);
                simulatorCity.finished().await(120, TimeUnit.SECONDS);
                platformCity.finished().await(60, TimeUnit.SECONDS);
            } finally {
                simulatorVertx.close().await(30, TimeUnit.SECONDS);
                platformVertx.close().await(30, TimeUnit.SECONDS);
            }

            AtomicLong assigned = new AtomicLong();
            LogReader.Summary read = LogReader.readAll(new KafkaConnection(bootstrap, ALICE),
                    List.of(Topics.RIDE_EVENTS, Topics.DRIVER_EVENTS), event -> {
                        if (event instanceof DriverAssigned) {
                            assigned.incrementAndGet();
                        }
                    });
            assertThat(read.events()).as("events the two processes logged").isGreaterThan(0);
            assertThat(assigned).as("rides the platform matched from what it consumed").hasPositiveValue();
        }
    }

    @Test
    void aSettingNoKafkaClientKnowsOrOneOfRidematchsOwnIsRefused() {
        assertThat(KafkaConnection.problemWith(Map.of("sasl.mechansim", "PLAIN")))
                .hasValue("no Kafka client knows the setting 'sasl.mechansim'");
        assertThat(KafkaConnection.problemWith(Map.of("enable.auto.commit", "true"))).get().asString()
                .contains("ridematch's own");
        assertThat(KafkaConnection.problemWith(ALICE)).isEmpty();
    }

    @Test
    void eachKindOfClientGetsTheSettingsItKnowsOverRidematchsOwn() {
        KafkaConnection connection = new KafkaConnection("127.0.0.1:1", Map.of("linger.ms", "50",
                "max.poll.records", "10", "security.protocol", "SSL"));

        assertThat(connection.producer(Map.of("linger.ms", "5"))).containsEntry("linger.ms", "50")
                .containsEntry("security.protocol", "SSL").doesNotContainKey("max.poll.records")
                .containsEntry("bootstrap.servers", "127.0.0.1:1");
        assertThat(connection.consumer(Map.of())).containsEntry("max.poll.records", "10")
                .containsEntry("security.protocol", "SSL").doesNotContainKey("linger.ms");
        assertThat(connection.admin(Map.of())).containsEntry("security.protocol", "SSL")
                .doesNotContainKeys("linger.ms", "max.poll.records");
        assertThat(connection.toString()).as("no secret in messages").isEqualTo("127.0.0.1:1");
    }
}
