package io.ridematch.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.city.City;
import io.ridematch.city.ScenarioFile;
import io.ridematch.contract.DriverOffer;
import io.ridematch.contract.DriverOffer.OfferDeclined;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A platform reads its zones' answers apart from its group consumer ({@link AnswerLane}): each answer reaches the
 * platform that owns its zone, once; the group still commits their offsets; the lag it shows counts the lane's place;
 * and when a second platform joins, each reads the answers of the zones it has then.
 */
class AnswerLaneTest {

    private static final int ZONES = 4;

    @Test
    void eachPlatformReadsItsZonesAnswersApartAndTheGroupCommitsThem(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir);
             KafkaProducer<String, byte[]> producer = KafkaTestSupport.producer(broker.bootstrapServers());
             Admin admin = TopicSetup.admin(new KafkaSettings(broker.bootstrapServers(), "/test", "none", ZONES,
                     (short) 1).connection())) {
            String bootstrap = broker.bootstrapServers();
            TopicSetup.ensureTopics(new KafkaSettings(bootstrap, "/ridematch/test", "none", ZONES, (short) 1));
            Instant t0 = ScenarioFile.load("small-town").start().toInstant();
            Vertx first = Vertx.vertx();
            Vertx second = Vertx.vertx();
            try {
                DomainBus busA = DomainBus.install(first);
                Map<String, String> heardByA = new ConcurrentHashMap<>();
                City a = KafkaTestSupport.smallTownPlatform(first, busA, bootstrap, "a");
                busA.<DriverOffer>subscribe(Addresses.OFFER_ANSWERS, answer -> heardByA.merge(answer.rideId(), "a",
                        (was, now) -> was + now)).await(10, TimeUnit.SECONDS);
                KafkaBridgeVerticle bridgeA = a.bridge().orElseThrow();
                waitUntil(() -> bridgeA.zonesOwned().size() == ZONES, "platform a to own every zone");

                // alone, a reads every zone's answers, and the group commits them though its consumer never read them
                Set<String> firstAnswers = writeAnswers(producer, "first", t0);
                waitUntil(() -> heardByA.keySet().containsAll(firstAnswers), "platform a to hear every answer");
                waitUntil(() -> committed(admin).equals(offsets(2)), "the group to commit two answers a zone");
                assertThat(heardByA.values()).as("each answer handed on once").containsOnly("a");
                // the lag a platform shows counts where the lane stands, not the group consumer's paused place
                Instant heard = Instant.now();
                waitUntil(() -> answersLag(a.httpPort(), heard) == 0, "platform a to show no answer unread");

                DomainBus busB = DomainBus.install(second);
                Map<String, String> heardByB = new ConcurrentHashMap<>();
                busB.<DriverOffer>subscribe(Addresses.OFFER_ANSWERS, answer -> heardByB.merge(answer.rideId(), "b",
                        (was, now) -> was + now)).await(10, TimeUnit.SECONDS);
                City b = KafkaTestSupport.smallTownPlatform(second, busB, bootstrap, "b");
                KafkaBridgeVerticle bridgeB = b.bridge().orElseThrow();
                waitUntil(() -> !bridgeA.zonesOwned().isEmpty() && !bridgeB.zonesOwned().isEmpty()
                        && bridgeA.zonesOwned().size() + bridgeB.zonesOwned().size() == ZONES,
                        "the two platforms to share the zones");
                Set<Integer> zonesOfA = bridgeA.zonesOwned();

                Set<String> secondAnswers = writeAnswers(producer, "second", t0);
                Set<String> forA = new HashSet<>();
                Set<String> forB = new HashSet<>();
                secondAnswers.forEach(ride -> (zonesOfA.contains(zoneOf(ride)) ? forA : forB).add(ride));
                waitUntil(() -> committed(admin).equals(offsets(4)), "the group to commit four answers a zone");
                assertThat(onlyOf(heardByA, "second")).as("platform a: the answers of its zones %s", zonesOfA)
                        .isEqualTo(forA);
                assertThat(onlyOf(heardByB, "second")).as("platform b: the answers of the other zones")
                        .isEqualTo(forB);
                assertThat(heardByA.values()).as("each answer handed on once").containsOnly("a");
                assertThat(heardByB.values()).containsOnly("b");
            } finally {
                first.close().await(30, TimeUnit.SECONDS);
                second.close().await(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Two answers to each zone's partition, named after the zone; their ride ids. */
    private static Set<String> writeAnswers(KafkaProducer<String, byte[]> producer, String round, Instant at)
            throws Exception {
        Set<String> rides = new HashSet<>();
        for (int zone = 0; zone < ZONES; zone++) {
            for (int n = 0; n < 2; n++) {
                String ride = round + "-" + zone + "-" + n;
                CloudEvents.Outgoing out = CloudEvents.encode(new OfferDeclined(ride, "driver-" + zone, at), "/test/simulator");
                ProducerRecord<String, byte[]> record = KafkaTestSupport.record(out);
                producer.send(new ProducerRecord<>(record.topic(), zone, record.key(), record.value(),
                        record.headers())).get(10, TimeUnit.SECONDS);
                rides.add(ride);
            }
        }
        return rides;
    }

    private static int zoneOf(String ride) {
        return Integer.parseInt(ride.split("-")[1]);
    }

    private static Set<String> onlyOf(Map<String, String> heard, String round) {
        Set<String> rides = new HashSet<>();
        heard.keySet().stream().filter(ride -> ride.startsWith(round + "-")).forEach(rides::add);
        return rides;
    }

    private static Map<TopicPartition, Long> offsets(long each) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (int zone = 0; zone < ZONES; zone++) {
            offsets.put(new TopicPartition(Topics.OFFER_ANSWERS, zone), each);
        }
        return offsets;
    }

    /** The group's committed offsets of {@code offer-answers}. */
    private static Map<TopicPartition, Long> committed(Admin admin) {
        try {
            Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets("ridematch-platform")
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> answers = new HashMap<>();
            all.forEach((tp, offset) -> {
                if (tp.topic().equals(Topics.OFFER_ANSWERS) && offset != null) {
                    answers.put(tp, offset.offset());
                }
            });
            return answers;
        } catch (Exception e) {
            return Map.of();
        }
    }

    /**
     * The lag {@code GET /api/cluster} shows on {@code offer-answers} in a view gathered after {@code after}; -1 while
     * it answers 503 or has no such view yet.
     */
    private static long answersLag(int port, Instant after) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/cluster")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return -1;
            }
            JsonNode view = new ObjectMapper().readTree(response.body());
            if (!Instant.parse(view.get("asOf").asText()).isAfter(after)) {
                return -1;
            }
            long lag = 0;
            int seen = 0;
            for (JsonNode p : view.get("partitions")) {
                if (p.get("topic").asText().equals(Topics.OFFER_ANSWERS)) {
                    lag += p.get("lag").asLong();
                    seen++;
                }
            }
            return seen == ZONES ? lag : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static void waitUntil(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 30 s for " + what);
            }
            Thread.sleep(100);
        }
    }
}
