package io.ridematch.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.bus.DomainBus;
import io.ridematch.city.City;
import io.ridematch.city.KafkaConfig;
import io.ridematch.city.Rebuilt;
import io.ridematch.city.Scenario;
import io.ridematch.city.ScenarioFile;
import io.ridematch.city.SimulateConfig;
import io.ridematch.city.SimulationRun;
import io.ridematch.contract.Role;
import io.ridematch.platform.core.readmodel.CityStats;
import io.vertx.core.Vertx;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A platform on a real broker writes a snapshot; the next one starts from it and the log after it, knows the same
 * rides, and its read model, rebuilt from the whole log apart, gives the same figures. A snapshot that is not what
 * its manifest says is not used.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotRestartTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private Path dataDir;
    private EmbeddedKafka broker;
    private Scenario town;

    @BeforeAll
    void aTownsLog() throws Exception {
        dataDir = Files.createTempDirectory("ridematch-snapshot-test");
        broker = EmbeddedKafka.start(dataDir);
        town = ScenarioFile.load("small-town");
        SimulationRun.run(Role.SIMULATE, town, new SimulateConfig("small-town", Duration.ofMinutes(90),
                        LocalTime.of(7, 0), 0, 42, 0, null),
                new KafkaConfig(true, broker.bootstrapServers(), dataDir, 3, (short) 1), Duration.ZERO, QUIET);
    }

    @AfterAll
    void stopBroker() throws Exception {
        broker.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aRestartFromTheSnapshotKnowsWhatARestartFromTheWholeLogKnows() throws Exception {
        String group = "ridematch-platform-snapshot-test";
        Started whole = startPlatform(group);
        assertThat(whole.rebuilt.snapshotGeneration()).as("no snapshot yet").isZero();
        assertThat(whole.rebuilt.rides()).isGreaterThan(100);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Optional<SnapshotStore.Stored> written = Optional.empty();
        while (written.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            written = SnapshotStore.latest(KafkaConnection.to(broker.bootstrapServers()), group);
        }
        assertThat(written).as("a snapshot within 30 s of a 1 s period").isPresent();
        whole.close();

        Started fromSnapshot = startPlatform(group);
        try {
            assertThat(fromSnapshot.rebuilt.snapshotGeneration()).isPositive();
            assertThat(fromSnapshot.rebuilt.snapshotEvents()).isPositive()
                    .isLessThan(whole.rebuilt.events() / 3);
            assertThat(fromSnapshot.rebuilt.rides()).isEqualTo(whole.rebuilt.rides());
            assertThat(fromSnapshot.rebuilt.worldTime()).isEqualTo(whole.rebuilt.worldTime());
            CityStats stats = fromSnapshot.city.stats().await(60, TimeUnit.SECONDS);
            assertThat(stats.outcomes()).isEqualTo(whole.stats.outcomes());
            assertThat(stats.events()).isEqualTo(whole.stats.events());
        } finally {
            fromSnapshot.close();
        }
    }

    @Test
    void aSnapshotThatIsNotWhatItsManifestSaysIsNotUsedAndTheWholeLogIsRead() throws Exception {
        String group = "ridematch-platform-forged-snapshot";
        try (KafkaProducer<String, byte[]> producer = KafkaTestSupport.producer(broker.bootstrapServers())) {
            ProducerRecord<String, byte[]> manifest = new ProducerRecord<>(Topics.SNAPSHOTS, 0, group,
                    ("{\"generation\":9,\"firstOffset\":0,\"records\":3,\"events\":5,\"overRides\":0,"
                            + "\"latest\":\"2026-03-02T16:00:00Z\",\"offsets\":{}}").getBytes(StandardCharsets.UTF_8));
            manifest.headers().add("ridematch_snapshot", "manifest".getBytes(StandardCharsets.UTF_8));
            manifest.headers().add("ridematch_generation", "9".getBytes(StandardCharsets.UTF_8));
            producer.send(manifest).get(30, TimeUnit.SECONDS);
        }
        Started started = startPlatform(group);
        try {
            assertThat(started.rebuilt.snapshotGeneration()).isZero();
            assertThat(started.rebuilt.snapshotProblem()).startsWith("the latest snapshot is not usable (snapshot 9 ");
            assertThat(started.rebuilt.rides()).isGreaterThan(100);
        } finally {
            started.close();
        }
    }

    private record Started(Vertx vertx, City city, Rebuilt rebuilt, CityStats stats) {
        void close() throws Exception {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    private Started startPlatform(String group) throws Exception {
        Vertx vertx = Vertx.vertx();
        KafkaSettings settings = new KafkaSettings(broker.bootstrapServers(), "/ridematch/platform/snapshot-test",
                group, 3, (short) 1, RecordFaults.NONE, Map.of(), Duration.ofSeconds(1));
        City city = City.start(vertx, DomainBus.install(vertx), Role.PLATFORM, town,
                new SimulateConfig("small-town", Duration.ofHours(2), null, 1, 42, 0, null), settings, "")
                .await(60, TimeUnit.SECONDS);
        CityStats stats = city.stats().await(60, TimeUnit.SECONDS);
        return new Started(vertx, city, city.rebuilt().orElseThrow(), stats);
    }
}
