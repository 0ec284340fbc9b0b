package io.ridematch.app;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.domain.matching.DispatchBoard;
import io.ridematch.domain.matching.NearestDriverMatcher;
import io.ridematch.domain.readmodel.CityReadModel;
import io.ridematch.domain.readmodel.CityStats;
import io.ridematch.domain.sim.CitySimulation;
import io.ridematch.domain.sim.Scenario;
import io.ridematch.domain.sim.SteppedClock;
import io.ridematch.domain.trip.TripSchedule;
import io.ridematch.metrics.MatchLatency;
import io.ridematch.service.ClockVerticle;
import io.ridematch.service.MatchingVerticle;
import io.ridematch.service.PaymentVerticle;
import io.ridematch.service.ProjectionVerticle;
import io.ridematch.service.RideVerticle;
import io.ridematch.service.SimulatorVerticle;
import io.ridematch.service.TripVerticle;
import io.ridematch.web.HttpApiVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;

/**
 * One city running in one process: the platform services, the simulator and the clock, deployed on a Vert.x
 * instance and joined only by the event bus. The clock goes last, once every service listens.
 */
public final class City {

    private final Vertx vertx;
    private final DomainBus bus;
    private final SteppedClock clock;
    private final MatchLatency matchLatency;
    private final ClockVerticle clockVerticle;
    private final HttpApiVerticle http;

    private City(Vertx vertx, DomainBus bus, SteppedClock clock, MatchLatency matchLatency,
                 ClockVerticle clockVerticle, HttpApiVerticle http) {
        this.vertx = vertx;
        this.bus = bus;
        this.clock = clock;
        this.matchLatency = matchLatency;
        this.clockVerticle = clockVerticle;
        this.http = http;
    }

    public static Future<City> start(Vertx vertx, Scenario scenario, SimulateConfig config) {
        return start(vertx, DomainBus.install(vertx), scenario, config);
    }

    /** Starts on a bus already installed, so a caller can subscribe before the clock runs. */
    public static Future<City> start(Vertx vertx, DomainBus bus, Scenario scenario, SimulateConfig config) {
        Scenario city = config.start() == null ? scenario : scenario.startingAt(config.start());
        Instant start = city.start().toInstant();
        Duration duration = config.duration() == null ? city.duration() : config.duration();
        SteppedClock clock = new SteppedClock(start);
        MatchLatency matchLatency = new MatchLatency();
        var matching = city.matching();
        DispatchBoard board = new DispatchBoard(new NearestDriverMatcher(matching.maxPickupKm() * 1000),
                city.travel(), Duration.ofSeconds(matching.maxWaitSeconds()), city.area().center().lat());
        ClockVerticle clockVerticle = new ClockVerticle(bus, clock, Duration.ofSeconds(city.tickSeconds()),
                start.plus(duration), config.speed());
        HttpApiVerticle http = new HttpApiVerticle(bus, clock, config.httpPort());
        return Future.all(
                        vertx.deployVerticle(new ProjectionVerticle(bus, new CityReadModel(), clock)),
                        vertx.deployVerticle(new RideVerticle(bus, matchLatency)),
                        vertx.deployVerticle(new MatchingVerticle(bus, board)),
                        vertx.deployVerticle(new TripVerticle(bus, new TripSchedule(city.travel(), city.pricing()))),
                        vertx.deployVerticle(new PaymentVerticle(bus)),
                        vertx.deployVerticle(http),
                        vertx.deployVerticle(new SimulatorVerticle(bus, new CitySimulation(city, config.seed()))))
                .compose(deployed -> vertx.deployVerticle(clockVerticle))
                .map(id -> new City(vertx, bus, clock, matchLatency, clockVerticle, http));
    }

    /** Completes when the simulated duration is over and the city settled. */
    public Future<Void> finished() {
        return clockVerticle.finished();
    }

    public Future<CityStats> stats() {
        return bus.query(Addresses.QUERY_STATS, "city");
    }

    public MatchLatency matchLatency() {
        return matchLatency;
    }

    public SteppedClock clock() {
        return clock;
    }

    public int httpPort() {
        return http.actualPort();
    }

    public Vertx vertx() {
        return vertx;
    }
}
