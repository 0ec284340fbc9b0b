package io.ridematch.city;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.Role;
import io.ridematch.contract.time.SteppedClock;
import io.ridematch.kafka.KafkaBridgeVerticle;
import io.ridematch.kafka.KafkaSettings;
import io.ridematch.metrics.CityMetersVerticle;
import io.ridematch.metrics.MatchLatency;
import io.ridematch.platform.MatchingVerticle;
import io.ridematch.platform.PaymentVerticle;
import io.ridematch.platform.ProjectionVerticle;
import io.ridematch.platform.RideVerticle;
import io.ridematch.platform.TripVerticle;
import io.ridematch.platform.core.PlatformScenario;
import io.ridematch.platform.core.matching.DispatchBoard;
import io.ridematch.platform.core.pricing.SurgePricing;
import io.ridematch.platform.core.readmodel.CityReadModel;
import io.ridematch.platform.core.readmodel.CityStats;
import io.ridematch.platform.core.readmodel.LiveCity;
import io.ridematch.platform.core.trip.TripSchedule;
import io.ridematch.web.HttpApiVerticle;
import io.ridematch.web.LiveMapVerticle;
import io.ridematch.web.LiveMapVerticle.CityMap;
import io.ridematch.world.SimulatorVerticle;
import io.ridematch.world.core.CitySimulation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One city running in one process: the platform services, the simulator and the clock, deployed on a Vert.x
 * instance and joined only by the event bus. The clock goes last, once every service listens.
 */
public final class City {

    private final DomainBus bus;
    private final SteppedClock clock;
    private final MatchLatency matchLatency;
    private final ClockVerticle clockVerticle;
    private final HttpApiVerticle http;
    private final KafkaBridgeVerticle bridge;

    private City(DomainBus bus, SteppedClock clock, MatchLatency matchLatency, ClockVerticle clockVerticle,
                 HttpApiVerticle http, KafkaBridgeVerticle bridge) {
        this.bus = bus;
        this.clock = clock;
        this.matchLatency = matchLatency;
        this.clockVerticle = clockVerticle;
        this.http = http;
        this.bridge = bridge;
    }

    /** The whole city in one process, on the event bus alone: what tests use. */
    public static Future<City> start(Vertx vertx, Scenario scenario, SimulateConfig config) {
        return start(vertx, DomainBus.install(vertx), Role.SIMULATE, scenario, config, null, "", null);
    }

    /** The whole city in one process on a bus already installed, so a caller can subscribe before the clock runs. */
    public static Future<City> start(Vertx vertx, DomainBus bus, Scenario scenario, SimulateConfig config) {
        return start(vertx, bus, Role.SIMULATE, scenario, config, null, "", null);
    }

    /**
     * Deploys what {@code role} runs, the Kafka bridge when {@code kafka} is given, and the clock last.
     *
     * @param ridePrefix put in the ids of the rides this process's riders request, so a simulator process can
     *                   tell its own rides in the shared log ("" keeps {@code ride-0000001})
     */
    public static Future<City> start(Vertx vertx, DomainBus bus, Role role, Scenario scenario, SimulateConfig config,
                                     KafkaSettings kafka, String ridePrefix) {
        return start(vertx, bus, role, scenario, config, kafka, ridePrefix, null);
    }

    /** @param metrics the Prometheus registry the domain meters and {@code /metrics} use, or null for none */
    public static Future<City> start(Vertx vertx, DomainBus bus, Role role, Scenario scenario, SimulateConfig config,
                                     KafkaSettings kafka, String ridePrefix, PrometheusMeterRegistry metrics) {
        Scenario city = config.start() == null ? scenario : scenario.startingAt(config.start());
        Instant start = city.start().toInstant();
        Duration duration = config.durationOf(role, city);
        SteppedClock clock = new SteppedClock(start);
        MatchLatency matchLatency = new MatchLatency(metrics);
        Instant end = duration == null ? null : start.plus(duration);
        // a platform elsewhere than its simulators follows the world time they announce
        ClockVerticle clockVerticle = role == Role.PLATFORM && kafka != null ? ClockVerticle.following(bus, clock, end)
                : new ClockVerticle(bus, clock, Duration.ofSeconds(city.tickSeconds()), end, config.speed());
        LiveMapVerticle liveMap = role == Role.SIMULATOR ? null : new LiveMapVerticle(bus, clock,
                new LiveCity(city.travel()), new CityMap(city.name(), city.area(), city.timezone(),
                city.surge().resolution()), config.map(), metrics);
        HttpApiVerticle http = role == Role.SIMULATOR ? null
                : new HttpApiVerticle(bus, clock, config.httpPort(), metrics, liveMap, city.area(), config.api());
        KafkaBridgeVerticle bridge = kafka == null ? null : new KafkaBridgeVerticle(bus, kafka, role,
                event -> role != Role.SIMULATOR || !(event instanceof RideEvent r) || r.rideId().startsWith(
                        "ride-" + ridePrefix));

        List<Future<?>> deployed = new ArrayList<>();
        deployed.add(vertx.deployVerticle(new ProjectionVerticle(bus, new CityReadModel(), clock)));
        if (metrics != null) {
            deployed.add(vertx.deployVerticle(new CityMetersVerticle(bus, metrics)));
        }
        if (role != Role.SIMULATOR) {
            PlatformScenario platform = city.platform();
            var matching = platform.matching();
            DispatchBoard board = new DispatchBoard(platform.newMatcher(), platform.travel(),
                    Duration.ofSeconds(matching.maxWaitSeconds()), platform.newIndex(), platform.newIndex(),
                    Duration.ofSeconds(matching.offerTimeoutSeconds()), Duration.ofSeconds(matching.declineCooldownSeconds()));
            deployed.add(vertx.deployVerticle(new RideVerticle(bus, clock, matchLatency)));
            deployed.add(vertx.deployVerticle(new MatchingVerticle(bus, clock, board)));
            deployed.add(vertx.deployVerticle(new TripVerticle(bus, new TripSchedule(platform.travel(),
                    platform.pricing(), new SurgePricing(platform.surge().settings())), metrics)));
            deployed.add(vertx.deployVerticle(new PaymentVerticle(bus)));
            deployed.add(vertx.deployVerticle(liveMap).compose(id -> vertx.deployVerticle(http)));
        }
        if (role != Role.PLATFORM) {
            deployed.add(vertx.deployVerticle(new SimulatorVerticle(bus,
                    new CitySimulation(city.world(), config.seed(), ridePrefix))));
        }
        if (bridge != null) {
            if (metrics != null) {
                bridge.bindTo(metrics);
            }
            deployed.add(vertx.deployVerticle(bridge).compose(id -> bridge.assigned()));
        }
        return Future.all(deployed)
                .compose(all -> vertx.deployVerticle(clockVerticle))
                .map(id -> new City(bus, clock, matchLatency, clockVerticle, http, bridge));
    }

    /** Completes when the simulated duration is over and the city settled. */
    public Future<Void> finished() {
        return clockVerticle.finished();
    }

    /** Ends the run at the current step, as on Ctrl-C; {@link #finished()} then completes. */
    public void stopEarly() {
        clockVerticle.stopNow();
    }

    public Future<CityStats> stats() {
        return bus.query(Addresses.QUERY_STATS, "city");
    }

    /** Bus deliveries not handled yet: zero when the process is idle between steps. */
    public long pendingDeliveries() {
        return bus.inFlight().pending();
    }

    public MatchLatency matchLatency() {
        return matchLatency;
    }

    public SteppedClock clock() {
        return clock;
    }

    /** The HTTP API's port, or -1 where this process serves none (a simulator). */
    public int httpPort() {
        return http == null ? -1 : http.actualPort();
    }

    /** The Kafka bridge, when this city writes to an event log. */
    public Optional<KafkaBridgeVerticle> bridge() {
        return Optional.ofNullable(bridge);
    }
}
