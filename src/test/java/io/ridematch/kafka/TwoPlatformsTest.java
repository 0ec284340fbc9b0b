package io.ridematch.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.bus.DomainBus;
import io.ridematch.city.City;
import io.ridematch.city.ScenarioFile;
import io.ridematch.contract.time.ClockTick;
import io.vertx.core.Vertx;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two platform processes in one consumer group: each has its own member name, both follow the world's time, and
 * each shows its share of the partitions and the group's members on {@code GET /api/cluster}.
 */
class TwoPlatformsTest {

    @Test
    void twoPlatformsOfOneGroupBothFollowTheWorldsClockAndShowTheirShareOfTheGroup(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir)) {
            String bootstrap = broker.bootstrapServers();
            TopicSetup.ensureTopics(new KafkaSettings(bootstrap, "/ridematch/test", "none", 4, (short) 1));
            Instant t0 = ScenarioFile.load("small-town").start().toInstant();
            Vertx first = Vertx.vertx();
            Vertx second = Vertx.vertx();
            try {
                City a = KafkaTestSupport.smallTownPlatform(first, DomainBus.install(first), bootstrap, "a");
                City b = KafkaTestSupport.smallTownPlatform(second, DomainBus.install(second), bootstrap, "b");
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

                // GET /api/cluster on each: its own partitions, the group's two members, between them every partition
                JsonNode viewA = null;
                JsonNode viewB = null;
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < deadline) {
                    viewA = cluster(a.httpPort());
                    viewB = cluster(b.httpPort());
                    if (viewA != null && viewB != null && viewA.get("members").size() == 2
                            && viewB.get("members").size() == 2
                            && viewA.get("partitions").size() + viewB.get("partitions").size() == 12
                            && viewA.get("zones").size() + viewB.get("zones").size() == 4) {
                        break;
                    }
                    Thread.sleep(500);
                }
                assertThat(viewA).isNotNull();
                assertThat(viewA.get("member").asText()).isEqualTo("a");
                assertThat(viewB.get("member").asText()).isEqualTo("b");
                Set<String> ownedByA = partitions(viewA);
                Set<String> ownedByB = partitions(viewB);
                assertThat(ownedByA).isNotEmpty().doesNotContainAnyElementsOf(ownedByB);
                Set<String> all = new HashSet<>(ownedByA);
                all.addAll(ownedByB);
                assertThat(all).hasSize(12); // ride-commands, driver-events, offer-answers: 4 partitions each
                // each decides the zones of its partitions: partition i of every input topic is zone i
                Set<Integer> zonesOfA = new HashSet<>();
                viewA.get("zones").forEach(z -> zonesOfA.add(z.get("zone").asInt()));
                Set<Integer> partitionsOfA = new HashSet<>();
                viewA.get("partitions").forEach(p -> partitionsOfA.add(p.get("partition").asInt()));
                assertThat(zonesOfA).isNotEmpty().isEqualTo(partitionsOfA);
                assertThat(viewA.get("zones").get(0).get("strip").asText()).startsWith("lat ");
                Set<String> instances = new HashSet<>();
                viewA.get("members").forEach(m -> instances.add(m.get("instance").asText()));
                assertThat(instances).containsExactlyInAnyOrder("ridematch-platform-a", "ridematch-platform-b");
            } finally {
                first.close().await(30, TimeUnit.SECONDS);
                second.close().await(30, TimeUnit.SECONDS);
            }
        }
    }

    /** GET /api/cluster, or null while it answers 503 (the view is being gathered). */
    private static JsonNode cluster(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/cluster")).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? new ObjectMapper().readTree(response.body()) : null;
    }

    private static Set<String> partitions(JsonNode view) {
        Set<String> partitions = new HashSet<>();
        view.get("partitions").forEach(p -> partitions.add(p.get("topic").asText() + "-" + p.get("partition").asInt()));
        return partitions;
    }

}
