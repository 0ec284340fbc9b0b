package io.ridematch.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.bus.DomainBus;
import io.ridematch.city.City;
import io.ridematch.city.Scenario;
import io.ridematch.city.ScenarioFile;
import io.ridematch.city.SimulateConfig;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentFailed;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.json.Json;
import io.ridematch.platform.core.ride.RideStatus;
import io.ridematch.contract.Role;
import io.ridematch.contract.geo.BoundingBox;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.geo.Zones;
import io.ridematch.platform.core.readmodel.Outcomes;
import io.ridematch.platform.core.ride.LifecycleAudit;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two platform processes and two simulators share one small town through one broker: each platform owns the
 * zones of its partitions and decides their rides; every ride is decided by one platform alone; no driver is on
 * two rides at once; after the drain every ride has ended. Each platform's read model shows the whole city, the
 * rides the other decided included.
 */
class SharedCityTest {

    @Test
    void twoPlatformsAndTwoSimulatorsShareTheCityWithEveryRideDecidedOnce(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir)) {
            String bootstrap = broker.bootstrapServers();
            TopicSetup.ensureTopics(new KafkaSettings(bootstrap, "/ridematch/test", "none", 4, (short) 1));
            Scenario town = ScenarioFile.load("small-town");
            SimulateConfig platformRun = new SimulateConfig("small-town", null, null, 300, 42, 0, null);
            SimulateConfig worldRun = new SimulateConfig("small-town", Duration.ofMinutes(30), null, 300, 42, 0, null,
                    io.ridematch.web.LiveMapSettings.defaults(), io.ridematch.web.ApiSettings.defaults(), true);
            Map<String, Set<Integer>> owners = new HashMap<>();
            Map<String, Outcomes> views = new HashMap<>();
            Map<String, Integer> ports = new HashMap<>();
            LifecycleAudit audit = new LifecycleAudit();
            Map<String, Set<String>> deciders = new HashMap<>();
            Map<String, Long> assignmentsBy = new HashMap<>();
            Map<String, String> ended = new HashMap<>();
            List<Vertx> processes = List.of(Vertx.vertx(), Vertx.vertx(), Vertx.vertx(), Vertx.vertx());
            try {
                City a = City.start(processes.get(0), DomainBus.install(processes.get(0)), Role.PLATFORM, town,
                        platformRun, KafkaTestSupport.platformSettings(bootstrap, "a"), "").await(60, TimeUnit.SECONDS);
                City b = City.start(processes.get(1), DomainBus.install(processes.get(1)), Role.PLATFORM, town,
                        platformRun, KafkaTestSupport.platformSettings(bootstrap, "b"), "").await(60, TimeUnit.SECONDS);
                waitUntil(() -> a.bridge().orElseThrow().zonesOwned().size() == 2
                        && b.bridge().orElseThrow().zonesOwned().size() == 2, "each platform to own two of four zones");
                assertThat(a.bridge().orElseThrow().zonesOwned())
                        .doesNotContainAnyElementsOf(b.bridge().orElseThrow().zonesOwned());

                City one = City.start(processes.get(2), DomainBus.install(processes.get(2)), Role.SIMULATOR, town,
                        worldRun, simulator(bootstrap, "one"), "one-").await(60, TimeUnit.SECONDS);
                SimulateConfig otherWorld = new SimulateConfig("small-town", Duration.ofMinutes(30), null, 300, 7, 0,
                        null, io.ridematch.web.LiveMapSettings.defaults(), io.ridematch.web.ApiSettings.defaults(), true);
                City two = City.start(processes.get(3), DomainBus.install(processes.get(3)), Role.SIMULATOR,
                        town, otherWorld, simulator(bootstrap, "two"), "two-").await(60, TimeUnit.SECONDS);
                one.finished().await(180, TimeUnit.SECONDS);
                two.finished().await(180, TimeUnit.SECONDS);
                for (City simulator : List.of(one, two)) {
                    KafkaBridgeVerticle bridge = simulator.bridge().orElseThrow();
                    assertThat(bridge.requestTakeUpMillis(50).await(10, TimeUnit.SECONDS))
                            .as("the median time from a simulator's request to the platform's answer read back")
                            .isNotNull().isLessThanOrEqualTo(bridge.requestTakeUpMillis(90).await(10, TimeUnit.SECONDS));
                }
                assertThat(List.of(a.bridge().orElseThrow().produced(), b.bridge().orElseThrow().produced()))
                        .as("records each platform wrote").allMatch(n -> n > 0);
                owners.putAll(Map.of("a", a.bridge().orElseThrow().zonesOwned(), "b",
                        b.bridge().orElseThrow().zonesOwned()));
                views.put("a", a.finalStats().await(30, TimeUnit.SECONDS).outcomes());
                views.put("b", b.finalStats().await(30, TimeUnit.SECONDS).outcomes());
                ports.putAll(Map.of("a", a.httpPort(), "b", b.httpPort()));
                readLog(bootstrap, audit, deciders, assignmentsBy, ended);
                // each platform's API shows a ride the other decided, as the log has it
                for (String platform : List.of("a", "b")) {
                    Set<Integer> others = owners.get(platform.equals("a") ? "b" : "a");
                    String ride = deciders.entrySet().stream()
                            .filter(e -> others.contains(Integer.parseInt(e.getValue().iterator().next()
                                    .replace("partition ", ""))))
                            .map(Map.Entry::getKey).sorted().findFirst().orElseThrow();
                    assertThat(get(ports.get(platform), "/api/rides/" + ride))
                            .as("platform %s's view of %s, decided by the other", platform, ride)
                            .contains("\"rideId\":\"" + ride + "\"").contains("\"status\":\"" + ended.get(ride) + "\"");
                }
                // a rider's client reaching the platform that does not own the pickup's zone: the owner decides
                Zones zones = a.bridge().orElseThrow().zones();
                int ofB = owners.get("b").iterator().next();
                LatLng pickup = pointIn(zones, town.area(), ofB);
                LatLng dropoff = pointIn(zones, town.area(), owners.get("a").iterator().next());
                String posted = post(ports.get("a"), "/api/rides", "{\"pickup\":{\"lat\":" + pickup.lat()
                        + ",\"lng\":" + pickup.lng() + "},\"dropoff\":{\"lat\":" + dropoff.lat() + ",\"lng\":"
                        + dropoff.lng() + "},\"riderId\":\"rider-http\"}");
                assertThat(posted).as("a request for a zone the other platform owns").startsWith("202 ")
                        .contains("\"status\":\"forwarded\"").contains("\"zone\":" + ofB);
                String rideId = posted.replaceAll(".*\"rideId\":\"([^\"]+)\".*", "$1");
                String requested = waitFor(ports.get("a"), "/api/rides/" + rideId, "\"status\":\"requested\"");
                assertThat(requested).as("the forwarded ride in the view of the platform that forwarded it")
                        .contains("rider-http");
                assertThat(post(ports.get("a"), "/api/rides/" + rideId + "/cancel", ""))
                        .as("its cancel, through the same platform").startsWith("202 ");
                waitFor(ports.get("b"), "/api/rides/" + rideId, "\"status\":\"cancelled\"");
                Set<Integer> partitionsOfIt = new HashSet<>();
                LogReader.readRecords(new KafkaConnection(bootstrap, Map.of()), List.of(Topics.RIDE_EVENTS), logged -> {
                    if (((RideEvent) logged.event()).rideId().equals(rideId)) {
                        partitionsOfIt.add(logged.partition());
                    }
                }, () -> false);
                assertThat(partitionsOfIt).as("the zone whose log holds the forwarded ride's events").containsExactly(ofB);
            } finally {
                // the simulators first, done by now, then the platforms they talked to
                for (Vertx process : processes.reversed()) {
                    process.close().await(30, TimeUnit.SECONDS);
                }
            }

            assertThat(views.get("a")).as("the city-wide outcomes each platform's read model shows")
                    .isEqualTo(views.get("b"));
            assertThat(views.get("a").requested()).as("rides in each platform's view against the log's")
                    .isEqualTo(deciders.size());
            assertThat(views.get("a").allEnded()).as("every ride ended in each platform's view").isTrue();
            if (!audit.violations().isEmpty() && System.getenv("SHARED_DEBUG") != null) {
                String driver = audit.violations().get(0).replaceAll(".*driver (\\S+) .*", "$1");
                LogReader.readRecords(new KafkaConnection(bootstrap, Map.of()), List.of(Topics.RIDE_EVENTS,
                        Topics.DRIVER_EVENTS), logged -> {
                    if (logged.event().toString().contains(driver + ",") || logged.event().toString().contains(driver + "]")) {
                        System.out.println("DEBUG " + logged.topic() + "/" + logged.partition() + "@" + logged.offset()
                                + " h=" + logged.handedOver() + " " + logged.event());
                    }
                }, () -> false);
                System.out.println("DEBUG " + audit.violations());
            }
            assertThat(audit.violations()).as("lifecycle violations, a driver on two rides among them").isEmpty();
            assertThat(audit.unfinished()).as("rides not ended after the drain").isEmpty();
            assertThat(deciders).as("rides").hasSizeGreaterThan(50);
            assertThat(deciders.values()).as("each ride's events on one zone's log").allMatch(s -> s.size() == 1);
            assertThat(assignmentsBy.keySet()).as("zones with matched rides").hasSizeGreaterThanOrEqualTo(3);
            assertThat(owners.get("a")).as("each platform kept its zones to the end").hasSize(2)
                    .doesNotContainAnyElementsOf(owners.get("b"));
        }
    }

    /**
     * Audits the ride events of the log, and notes the partition each ride's events are on and the status it
     * ended in, as the API names it.
     */
    private static void readLog(String bootstrap, LifecycleAudit audit, Map<String, Set<String>> deciders,
                                Map<String, Long> assignmentsBy, Map<String, String> ended) {
        LogReader.readRecords(new KafkaConnection(bootstrap, Map.of()), List.of(Topics.RIDE_EVENTS), logged -> {
            RideEvent event = (RideEvent) logged.event();
            audit.accept(event, logged.topic() + "/" + logged.partition() + "@" + logged.offset());
            deciders.computeIfAbsent(event.rideId(), id -> new HashSet<>()).add("partition " + logged.partition());
            switch (event) {
                case DriverAssigned e -> assignmentsBy.merge("partition " + logged.partition(), 1L, Long::sum);
                case PaymentProcessed e -> ended.put(e.rideId(), Json.kebab(RideStatus.PAID));
                case PaymentFailed e -> ended.put(e.rideId(), Json.kebab(RideStatus.PAYMENT_FAILED));
                case RideCancelled e -> ended.put(e.rideId(), Json.kebab(RideStatus.CANCELLED));
                default -> { }
            }
        }, () -> false);
    }

    private static String get(int port, String path) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static String post(int port, String path, String body) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    /** GETs {@code path} until its answer contains {@code text}, for at most 10 s. */
    private static String waitFor(int port, String path, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String last;
        while (!(last = get(port, path)).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 10 s for " + path + " to show " + text + "; last: " + last);
            }
            Thread.sleep(50);
        }
        return last;
    }

    /** A point of {@code area} in {@code zone}. */
    private static LatLng pointIn(Zones zones, BoundingBox area, int zone) {
        for (int i = 1; i < 100; i++) {
            for (int j = 1; j < 100; j++) {
                LatLng point = new LatLng(area.south() + (area.north() - area.south()) * i / 100,
                        area.west() + (area.east() - area.west()) * j / 100);
                if (zones.of(point) == zone) {
                    return point;
                }
            }
        }
        throw new AssertionError("no point of the town in zone " + zone);
    }

    private static void waitUntil(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for " + what);
            }
            Thread.sleep(100);
        }
    }


    private static KafkaSettings simulator(String bootstrap, String name) {
        return new KafkaSettings(bootstrap, "/ridematch/simulator/" + name, "ridematch-simulator-" + name, 4,
                (short) 1);
    }
}
