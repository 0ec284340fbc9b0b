package io.ridematch.kafka;

import static io.ridematch.contract.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.city.City;
import io.ridematch.city.Scenario;
import io.ridematch.city.ScenarioFile;
import io.ridematch.city.SimulateConfig;
import io.ridematch.contract.CancelReason;
import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.DriverEvent.DriverWentOffline;
import io.ridematch.contract.DriverEvent.DriverWentOnline;
import io.ridematch.contract.DriverOffer.OfferAccepted;
import io.ridematch.contract.DriverOffer.RideOffered;
import io.ridematch.contract.RideCommand.RequestRide;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.Role;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.time.ClockTick;
import io.ridematch.json.EventTypes;
import io.ridematch.json.Json;
import io.ridematch.platform.core.ride.LifecycleAudit;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The bridge against a real broker: Kafka's own server classes, embedded in the test JVM. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaBridgeTest {

    private Path dataDir;
    private EmbeddedKafka broker;
    private String bootstrap;

    @BeforeAll
    void startBroker() throws Exception {
        dataDir = Files.createTempDirectory("ridematch-kafka-test");
        broker = EmbeddedKafka.start(dataDir);
        bootstrap = broker.bootstrapServers();
        TopicSetup.ensureTopics(settings("/ridematch/test/setup", "setup"));
    }

    @AfterAll
    void stopBroker() throws Exception {
        broker.close();
        delete(dataDir);
    }

    private static void delete(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void everyEventTypeMakesTheRoundTripWithItsCloudEventsHeaders() throws Exception {
        List<DomainEvent> events = List.of(requested("rt-1"), assigned("rt-1", "d-1"), started("rt-1", "d-1"),
                completed("rt-1", "d-1"), paid("rt-1"),
                new RideCancelled("rt-2", CancelReason.NO_DRIVER, at(5)),
                new DriverWentOnline("d-1", GRAND_CENTRAL, at(0)),
                new DriverLocationUpdated("d-1", TIMES_SQUARE, at(1)),
                new DriverWentOffline("d-1", UNION_SQUARE, at(2)));
        Vertx vertx = Vertx.vertx();
        try {
            DomainBus bus = DomainBus.install(vertx);
            String source = "/ridematch/test/" + UUID.randomUUID();
            vertx.deployVerticle(new KafkaBridgeVerticle(bus, settings(source, "rt"),
                    io.ridematch.contract.Role.SIMULATE, new io.ridematch.contract.time.SteppedClock(T0), e -> true)).await(60, TimeUnit.SECONDS);
            events.forEach(bus::publish);
            bus.inFlight().settled(vertx.getOrCreateContext()).await(60, TimeUnit.SECONDS);
        } finally {
            vertx.close().await(60, TimeUnit.SECONDS); // the bridge flushes its producer on the way out
        }

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        records.addAll(KafkaTestSupport.readAll(bootstrap, Topics.RIDE_EVENTS));
        records.addAll(KafkaTestSupport.readAll(bootstrap, Topics.DRIVER_EVENTS));
        Map<String, ConsumerRecord<String, byte[]>> byType = new HashMap<>();
        records.stream().filter(r -> r.key().startsWith("rt-") || r.key().equals("d-1"))
                .forEach(r -> byType.put(KafkaTestSupport.headers(r).get("ce_type"), r));

        Set<String> ids = new HashSet<>();
        for (DomainEvent event : events) {
            String type = EventTypes.nameOf(event);
            ConsumerRecord<String, byte[]> record = byType.get(type);
            assertThat(record).as(type).isNotNull();
            assertThat(record.topic()).isEqualTo(event instanceof RideEvent ? "ride-events" : "driver-events");
            assertThat(record.key()).isEqualTo(event.subject());
            Map<String, String> h = KafkaTestSupport.headers(record);
            assertThat(h).containsEntry("ce_specversion", "1.0").containsEntry("ce_type", type)
                    .containsEntry("ce_subject", event.subject()).containsEntry("content-type", "application/json")
                    .containsEntry("ce_time", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
            assertThat(h.get("ce_source")).startsWith("/ridematch/test/");
            assertThat(Instant.parse(h.get("ce_time"))).isEqualTo(event.occurredAt());
            assertThat(ids.add(h.get("ce_id"))).as("ce_id unique").isTrue();
            Map<String, byte[]> raw = new HashMap<>();
            record.headers().forEach(x -> raw.put(x.key(), x.value()));
            assertThat(CloudEvents.decode(raw, record.value())).isEqualTo(event);
        }
        JsonNode completed = Json.mapper().readTree(byType.get("ridematch.ride.completed").value());
        assertThat(completed.fieldNames()).toIterable().containsExactlyInAnyOrder("rideId", "driverId",
                "distanceMeters", "durationSeconds", "fare", "surgeMultiplier", "completedAt");
        assertThat(completed.get("fare").get("amount").asText()).isEqualTo("14.20");
    }

    @Test
    void platformTakesRedeliveredRecordsOnceAndDeadLettersPoisonAndForgeriesWithoutStopping() throws Exception {
        // a log of its own: a platform starts from what its log holds, and the other test's rides are not this city's
        Path ownDir = Files.createTempDirectory("ridematch-kafka-platform-test");
        try (EmbeddedKafka own = EmbeddedKafka.start(ownDir)) {
            platformOnItsOwnLog(own.bootstrapServers());
        } finally {
            delete(ownDir);
        }
    }

    @Test
    void aPlatformWhoseLogCannotBeWrittenStopsWithTheReason() throws Exception {
        Path ownDir = Files.createTempDirectory("ridematch-kafka-down-test");
        Vertx vertx = Vertx.vertx();
        try (EmbeddedKafka own = EmbeddedKafka.start(ownDir)) {
            String bootstrap = own.bootstrapServers();
            TopicSetup.ensureTopics(new KafkaSettings(bootstrap, "/ridematch/test/setup", "setup", 3, (short) 1));
            // Kafka gives up on a record after 2 s here, not the 120 s of the default
            KafkaSettings settings = new KafkaSettings(bootstrap, "/ridematch/platform/down", "ridematch-platform-down",
                    3, (short) 1, RecordFaults.NONE, Map.of("request.timeout.ms", "1000", "delivery.timeout.ms", "2000", "max.block.ms", "2000"));
            Scenario town = ScenarioFile.load("small-town");
            DomainBus bus = DomainBus.install(vertx);
            City city = City.start(vertx, bus, Role.PLATFORM, town,
                    new SimulateConfig("small-town", Duration.ofHours(2), null, 1, 1, 0, null), settings, "")
                    .await(60, TimeUnit.SECONDS);
            own.close();

            bus.send(new RequestRide("ride-down-1", "rider-1", GRAND_CENTRAL, UNION_SQUARE, town.start().toInstant()));

            assertThat(city.finished().toCompletionStage().toCompletableFuture())
                    .failsWithin(Duration.ofSeconds(60))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(KafkaBridgeVerticle.LogUnwritable.class)
                    .withMessageContaining("Kafka did not take a record for ride-events");
            assertThat(city.bridge().orElseThrow().sendFailures()).isPositive();
        } finally {
            vertx.close().await(60, TimeUnit.SECONDS);
            delete(ownDir);
        }
    }

    /**
     * A bridge stopped just as Kafka assigned it its partitions, while it still asks its consumer where each
     * partition stands (the lag round every assignment starts): Vert.x runs a task given to a closed consumer on a
     * new thread of its own, beside the close, and leaves that thread behind. Five stops in a row, each checked.
     */
    @Test
    void aBridgeStoppedWhileItsConsumerIsBeingAskedLeavesNoConsumerThreadBehind() throws Exception {
        for (int round = 0; round < 5; round++) {
            Set<Thread> before = consumerThreads();
            Vertx vertx = Vertx.vertx();
            try {
                DomainBus bus = DomainBus.install(vertx);
                KafkaBridgeVerticle bridge = new KafkaBridgeVerticle(bus,
                        settings("/ridematch/test/stop-" + round, "ridematch-stop-" + UUID.randomUUID()),
                        Role.PLATFORM, new io.ridematch.contract.time.SteppedClock(T0), e -> true);
                String id = vertx.deployVerticle(bridge).await(60, TimeUnit.SECONDS);
                bridge.assigned().await(60, TimeUnit.SECONDS);
                vertx.undeploy(id).await(60, TimeUnit.SECONDS);
            } finally {
                vertx.close().await(60, TimeUnit.SECONDS);
            }
            // the consumer's own thread ends with its close (Vert.x shuts its executor down once the close is done)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            Set<Thread> left = new HashSet<>(consumerThreads());
            left.removeAll(before);
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
                left.retainAll(consumerThreads());
            }
            assertThat(left).as("Kafka consumer threads still alive 10 s after stop %d", round).isEmpty();
        }
    }

    private static Set<Thread> consumerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("vert.x-kafka-consumer-thread-"))
                .collect(java.util.stream.Collectors.toCollection(HashSet::new));
    }

    private void platformOnItsOwnLog(String bootstrap) throws Exception {
        TopicSetup.ensureTopics(new KafkaSettings(bootstrap, "/ridematch/test/setup", "setup", 3, (short) 1));
        Scenario town = ScenarioFile.load("small-town");
        Instant t0 = town.start().toInstant();
        String run = "dup" + UUID.randomUUID().toString().substring(0, 6) + "-";
        List<CloudEvents.Outgoing> sent = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            sent.add(CloudEvents.encode(new DriverWentOnline(run + "driver-" + d,
                    new LatLng(40.0176 + d * 0.001, -105.2797), t0), "/test/sim"));
        }
        for (int r = 0; r < 8; r++) {
            sent.add(CloudEvents.encode(new RequestRide("ride-" + run + r, "rider-" + r,
                    new LatLng(40.0176, -105.2797 + r * 0.001), new LatLng(40.0076, -105.2659), t0), "/test/sim"));
        }
        Vertx vertx = Vertx.vertx();
        List<RideEvent> published = Collections.synchronizedList(new ArrayList<>());
        Set<String> driversSeen = Collections.synchronizedSet(new HashSet<>());
        List<RideOffered> offers = Collections.synchronizedList(new ArrayList<>());
        try (KafkaProducer<String, byte[]> producer = KafkaTestSupport.producer(bootstrap)) {
            DomainBus bus = DomainBus.install(vertx);
            bus.<RideEvent>subscribe(Addresses.RIDE_EVENTS, published::add).await(60, TimeUnit.SECONDS);
            bus.<DriverEvent>subscribe(Addresses.DRIVER_EVENTS, e -> driversSeen.add(e.driverId()))
                    .await(60, TimeUnit.SECONDS);
            bus.<RideOffered>subscribe(Addresses.RIDE_OFFERS, offers::add).await(60, TimeUnit.SECONDS);
            SimulateConfig config = new SimulateConfig("small-town", Duration.ofHours(2), null, 1, 1, 0, null);
            City city = City.start(vertx, bus, Role.PLATFORM, town, config, new KafkaSettings(bootstrap,
                    "/ridematch/platform/test", "ridematch-platform-" + run, 3, (short) 1), "").await(60, TimeUnit.SECONDS);

            for (CloudEvents.Outgoing out : sent) {
                producer.send(KafkaTestSupport.record(out));
                producer.send(KafkaTestSupport.record(out)); // the same record again: a redelivery
            }
            var poison = new org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>(Topics.DRIVER_EVENTS,
                    run + "poison", "{not json".getBytes(StandardCharsets.UTF_8));
            poison.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            poison.headers().add("ce_type", "ridematch.driver.online".getBytes(StandardCharsets.UTF_8));
            producer.send(poison);
            // forgeries: a completion written where riders' commands go, an offer where drivers' answers go
            producer.send(KafkaTestSupport.record(CloudEvents.encode(completed("ride-" + run + "0", run + "driver-0"),
                    "/test/forger"), Topics.RIDE_COMMANDS, run + "forged-completion"));
            producer.send(KafkaTestSupport.record(CloudEvents.encode(new RideOffered("ride-" + run + "1",
                    run + "driver-1", GRAND_CENTRAL, t0), "/test/forger"), Topics.OFFER_ANSWERS, run + "forged-offer"));
            // poison that decodes: a request without its pickup, a driver id of 200 characters, a tick in 2100
            CloudEvents.Outgoing request = CloudEvents.encode(new RequestRide("ride-" + run + "x", "rider-x",
                    GRAND_CENTRAL, UNION_SQUARE, t0), "/test/forger");
            String withoutPickup = new String(request.value(), StandardCharsets.UTF_8).replaceFirst("\"pickup\":\\{[^}]*\\},", "");
            producer.send(KafkaTestSupport.record(new CloudEvents.Outgoing(request.topic(), run + "no-pickup",
                    request.headers(), withoutPickup.getBytes(StandardCharsets.UTF_8))));
            producer.send(KafkaTestSupport.record(CloudEvents.encode(new DriverWentOnline(run + "d" + "x".repeat(200),
                    GRAND_CENTRAL, t0), "/test/forger"), Topics.DRIVER_EVENTS, run + "long-id"));
            producer.send(KafkaTestSupport.record(CloudEvents.encode(new ClockTick(Instant.parse("2100-01-01T00:00:00Z")),
                    "/test/forger"), Topics.SIM_CLOCK, run + "tick-2100"));
            producer.send(KafkaTestSupport.record(CloudEvents.encode(new DriverWentOnline(run + "driver-after",
                    new LatLng(40.0176, -105.2797), t0), "/test/sim")));
            producer.flush();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((published.size() < 8 || driversSeen.size() < 11) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            // the world's clock moves a minute, then a second at a time, as a simulator's does; the platform offers
            // each ride to a driver, whose app accepts. (A driver whose report was read from another zone's partition
            // is free in its own once the platform's handover is read back: a round on the first tick may not have
            // it yet, as a real platform's may not.)
            Instant now = t0.plusSeconds(60);
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long nextTick = 0;
            while (offers.size() < 8 && System.nanoTime() < deadline) {
                if (System.nanoTime() >= nextTick) {
                    now = nextTick == 0 ? now : now.plusSeconds(1);
                    producer.send(KafkaTestSupport.record(CloudEvents.encode(new ClockTick(now), "/test/sim")));
                    producer.flush();
                    nextTick = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                }
                Thread.sleep(50);
            }
            assertThat(offers).as("an offer for each ride").hasSize(8);
            for (RideOffered offer : List.copyOf(offers)) {
                producer.send(KafkaTestSupport.record(CloudEvents.encode(new OfferAccepted(offer.rideId(),
                        offer.driverId(), now), "/test/sim")));
            }
            producer.flush();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (count(published, DriverAssigned.class::isInstance) < 8 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            // then a tick a minute for two hours
            for (int minute = 3; minute <= 120; minute++) {
                producer.send(KafkaTestSupport.record(CloudEvents.encode(new ClockTick(t0.plusSeconds(60L * minute)),
                        "/test/sim")));
            }
            producer.flush();
            city.finished().await(60, TimeUnit.SECONDS);
        } finally {
            vertx.close().await(60, TimeUnit.SECONDS);
        }

        List<RideEvent> mine = published.stream().filter(e -> e.rideId().startsWith("ride-" + run)).toList();
        assertThat(count(mine, RideRequested.class::isInstance)).isEqualTo(8);
        LifecycleAudit audit = new LifecycleAudit();
        mine.forEach(audit::accept);
        assertThat(audit.violations()).isEmpty();
        long paid = count(mine, PaymentProcessed.class::isInstance);
        assertThat(paid).isPositive();
        assertThat(mine.stream().filter(PaymentProcessed.class::isInstance).map(RideEvent::rideId).distinct().count())
                .isEqualTo(paid);
        // the driver record after the poison one was read too
        assertThat(driversSeen.stream().filter(id -> id.startsWith(run))).hasSize(11).contains(run + "driver-after");

        List<ConsumerRecord<String, byte[]>> letters = KafkaTestSupport.readAll(bootstrap, Topics.DEAD_LETTERS);
        assertThat(letters).filteredOn(r -> (run + "poison").equals(r.key())).singleElement().satisfies(letter -> {
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(KafkaTestSupport.headers(letter).get(CloudEvents.ERROR_HEADER)).contains("driver.online");
            assertThat(KafkaTestSupport.headers(letter).get("ridematch_origin")).startsWith("driver-events/");
        });
        assertThat(letters).filteredOn(r -> (run + "forged-completion").equals(r.key())).singleElement()
                .satisfies(letter -> assertThat(KafkaTestSupport.headers(letter).get(CloudEvents.ERROR_HEADER))
                        .isEqualTo("ridematch.ride.completed does not belong on ride-commands"));
        assertThat(letters).filteredOn(r -> (run + "forged-offer").equals(r.key())).singleElement()
                .satisfies(letter -> assertThat(KafkaTestSupport.headers(letter).get(CloudEvents.ERROR_HEADER))
                        .isEqualTo("ridematch.offer.made does not belong on offer-answers"));
        Map<String, String> reasons = new HashMap<>();
        letters.forEach(r -> reasons.put(r.key(), KafkaTestSupport.headers(r).get(CloudEvents.ERROR_HEADER)));
        assertThat(reasons.get(run + "no-pickup")).isEqualTo("ridematch.command.request-ride: field pickup is missing");
        assertThat(reasons.get(run + "long-id")).isEqualTo("ridematch.driver.online: field driverId is longer than 128 characters");
        assertThat(reasons.get(run + "tick-2100")).startsWith("ridematch.simulation.tick is dated 2100-01-01T00:00:00Z, more than 24 h after");
        // the platform took none of them for a ride or a driver
        assertThat(mine).noneMatch(e -> e.rideId().equals("ride-" + run + "x"));
        assertThat(driversSeen).noneMatch(id -> id.length() > 128);
    }

    private KafkaSettings settings(String source, String group) {
        return new KafkaSettings(bootstrap, source, group, 3, (short) 1);
    }

    private static <T> long count(List<T> items, Predicate<T> test) {
        return items.stream().filter(test).count();
    }
}
