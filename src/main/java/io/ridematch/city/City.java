package io.ridematch.city;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ridematch.chain.CallPolicy;
import io.ridematch.chain.ChainStats;
import io.ridematch.chain.MatchingService;
import io.ridematch.chain.NotificationService;
import io.ridematch.chain.PaymentService;
import io.ridematch.chain.RideService;
import io.ridematch.chain.ServiceDirectory;
import io.ridematch.chain.TripService;
import io.ridematch.bus.Addresses;
import io.ridematch.bus.CommandAccepted;
import io.ridematch.bus.DomainBus;
import io.ridematch.bus.EventFeed;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.Role;
import io.ridematch.contract.time.Due;
import io.ridematch.contract.time.SteppedClock;
import io.ridematch.kafka.CityLogTail;
import io.ridematch.kafka.KafkaBridgeVerticle;
import io.ridematch.kafka.KafkaSettings;
import io.ridematch.metrics.CityMetersVerticle;
import io.ridematch.metrics.MatchLatency;
import io.ridematch.metrics.RecordsVerticle;
import io.ridematch.metrics.RideTimeline;
import io.ridematch.platform.MatchingVerticle;
import io.ridematch.platform.NotificationVerticle;
import io.ridematch.platform.PaymentVerticle;
import io.ridematch.platform.ProjectionVerticle;
import io.ridematch.platform.RideVerticle;
import io.ridematch.platform.TripVerticle;
import io.ridematch.platform.core.PlatformScenario;
import io.ridematch.platform.core.matching.DispatchBoard;
import io.ridematch.platform.core.notify.Receipts;
import io.ridematch.platform.core.payment.PaymentGateway;
import io.ridematch.platform.core.readmodel.CityReadModel;
import io.ridematch.platform.core.records.RunRecords;
import io.ridematch.platform.core.readmodel.CityStats;
import io.ridematch.platform.core.readmodel.LiveCity;
import io.ridematch.platform.core.readmodel.Outcomes;
import io.ridematch.platform.core.trip.TripSchedule;
import io.ridematch.web.HttpApiVerticle;
import io.ridematch.web.LiveMapVerticle;
import io.ridematch.web.LiveMapVerticle.CityMap;
import io.ridematch.world.SimulatorVerticle;
import io.ridematch.world.core.CitySimulation;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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
    private final SimulatorVerticle simulator;

    /** The run minute by minute, where the config asked for it; null otherwise. */
    private RideTimeline timeline;
    /** What the synchronous chain's calls did, where the platform is one; null otherwise. */
    private ChainStats chain;
    /** The receipts the platform's notification service sent, where this process runs the platform. */
    private Receipts receipts;

    /** The run's records for {@code --output}, where it asked for them; null otherwise. */
    private RunRecords records;

    private City recording(RideTimeline timeline, ChainStats chain, Receipts receipts, RunRecords records) {
        this.records = records;
        this.timeline = timeline;
        this.chain = chain;
        this.receipts = receipts;
        return this;
    }

    /** A rebuild that read this many events of the log writes a snapshot at once, not a period later. */
    static final long SNAPSHOT_AT_ONCE_AFTER = 100_000;

    private final Rebuilt rebuilt;
    private final Future<Long> readModelRebuilt;
    /** What a platform process's views fold: the whole event log, read back; null where they fold the bus. */
    private final CityLogTail cityLog;
    private final Promise<Void> finished;

    private City(DomainBus bus, SteppedClock clock, MatchLatency matchLatency, ClockVerticle clockVerticle,
                 HttpApiVerticle http, KafkaBridgeVerticle bridge, SimulatorVerticle simulator, Rebuilt rebuilt,
                 Future<Long> readModelRebuilt, CityLogTail cityLog) {
        this.simulator = simulator;
        this.cityLog = cityLog;
        this.rebuilt = rebuilt;
        this.readModelRebuilt = readModelRebuilt;
        this.finished = Promise.promise();
        clockVerticle.finished().onComplete(finished);
        readModelRebuilt.onFailure(failure -> {
            finished.tryFail(new EnvironmentProblem("the read model could not be rebuilt from the log: "
                    + failure.getMessage()));
            clockVerticle.stopNow();
        });
        if (bridge != null) {
            // the log lacks something this process did: nothing more may happen, and the run ends with the reason
            bridge.logFailure().onFailure(unwritable -> {
                finished.tryFail(unwritable);
                clockVerticle.stopNow();
            });
        }
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
        return start(vertx, bus, role, scenario, config, kafka, ridePrefix, metrics, new Rebuilt.Progress());
    }

    /** @param progress moves while a platform rebuilds from the log, so a caller can bound its wait on it */
    public static Future<City> start(Vertx vertx, DomainBus bus, Role role, Scenario scenario, SimulateConfig config,
                                     KafkaSettings kafka, String ridePrefix, PrometheusMeterRegistry metrics,
                                     Rebuilt.Progress progress) {
        Scenario asked = config.start() == null ? scenario : scenario.startingAt(config.start());
        // a warm-up runs before the start asked for, and the counting starts there; without one everything counts,
        // a restarted platform's rebuilt history too
        Instant countFrom = config.warmUp().isZero() ? Instant.EPOCH : asked.start().toInstant();
        Scenario city = config.warmUp().isZero() ? asked : asked.startingAt(asked.start().minus(config.warmUp()));
        Instant start = city.start().toInstant();
        Duration counted = config.durationOf(role, asked);
        Duration duration = counted == null ? null : counted.plus(config.warmUp());
        SteppedClock clock = new SteppedClock(start);
        MatchLatency matchLatency = new MatchLatency(metrics);
        Instant end = duration == null ? null : start.plus(duration);
        // a platform elsewhere than its simulators follows the world time they announce
        ClockVerticle clockVerticle = role == Role.PLATFORM && kafka != null ? ClockVerticle.following(bus, clock, end)
                : new ClockVerticle(bus, clock, Duration.ofSeconds(city.tickSeconds()), end, config.speed());
        // a platform process decides only the zones Kafka gives it: its views fold the whole log, read back
        CityLogTail cityLog = role == Role.PLATFORM && kafka != null ? new CityLogTail(bus, kafka.connection()) : null;
        EventFeed feed = cityLog == null ? EventFeed.BUS : EventFeed.CITY_LOG;
        LiveMapVerticle liveMap = role == Role.SIMULATOR ? null : new LiveMapVerticle(bus, clock,
                new LiveCity(city.travel()), new CityMap(city.name(), city.area(), city.timezone(),
                city.surge().resolution()), config.map(), metrics, feed);
        KafkaBridgeVerticle bridge = kafka == null ? null : new KafkaBridgeVerticle(bus, kafka, role, clock,
                event -> role != Role.SIMULATOR || !(event instanceof RideEvent r) || r.rideId().startsWith(
                        "ride-" + ridePrefix), city.area());
        if (bridge != null && role != Role.PLATFORM) {
            clockVerticle.pacedBy(bridge::room);
        }
        Function<RideCommand, Future<CommandAccepted>> commands = cityLog == null ? bus::send
                : new ZoneCommands(bus, bridge);
        HttpApiVerticle http = role == Role.SIMULATOR ? null
                : new HttpApiVerticle(bus, clock, config.httpPort(), metrics, liveMap, city.area(), config.api(),
                commands);

        // completes once the read model holds the log this process started on: at once where there is none
        Future<Long> readModelRebuilt = cityLog == null ? Future.succeededFuture(0L) : cityLog.caughtUp();
        List<Deployable> services = new ArrayList<>();
        services.add(new ProjectionVerticle(bus, new CityReadModel(CityReadModel.KEPT_FINISHED, countFrom), clock,
                feed, readModelRebuilt));
        if (metrics != null) {
            services.add(new CityMetersVerticle(bus, metrics));
        }
        OwnedZones owned = cityLog != null ? new OwnedZones(vertx, bus, clock, matchLatency, city, config, kafka,
                metrics, bridge, progress) : null;
        RideTimeline timeline = config.timeline() ? new RideTimeline(bus) : null;
        if (timeline != null) {
            services.add(timeline);
        }
        // a simulator records its own riders and drivers: the ride events of its riders come back from the log
        RunRecords records = config.output() != null && role != Role.PLATFORM
                ? new RunRecords(countFrom) : null;
        if (records != null) {
            services.add(new RecordsVerticle(bus, records));
        }
        ChainStats chain = config.architecture() == Architecture.SYNC ? new ChainStats() : null;
        Receipts receipts = role == Role.SIMULATOR ? null : new Receipts();
        if (receipts != null && chain == null) {
            services.add(new NotificationVerticle(bus, receipts));
        }
        DispatchBoard board = null;
        TripSchedule trips = null;
        if (role != Role.SIMULATOR && owned == null) {
            PlatformScenario platform = city.platform();
            PaymentGateway gateway = new PaymentGateway(platform.payment(), config.seed(), ZoneId.of(city.timezone()));
            if (chain != null) {
                ServiceDirectory directory = new ServiceDirectory();
                services.addAll(List.of(new RideService(bus, clock, matchLatency, directory, CallPolicy.DEFAULT, chain),
                        new MatchingService(bus, clock, platform.newBoard(), config.matchingLatency(), directory,
                                CallPolicy.DEFAULT, chain),
                        new TripService(bus, clock, platform.newTrips(), directory, CallPolicy.DEFAULT, chain),
                        new PaymentService(bus, clock, gateway, directory),
                        new NotificationService(receipts, directory)));
            } else {
                board = platform.newBoard();
                trips = platform.newTrips();
                services.addAll(List.of(new RideVerticle(bus, clock, matchLatency),
                        new MatchingVerticle(bus, clock, board, config.matchingLatency()),
                        new TripVerticle(bus, trips, metrics),
                        new PaymentVerticle(bus, clock, platform.payment().any() ? gateway : null, metrics)));
            }
        }
        CitySimulation world = role == Role.PLATFORM ? null : new CitySimulation(city.world(), config.seed(), ridePrefix);
        SimulatorVerticle simulator = world == null ? null : new SimulatorVerticle(bus, world);
        if (role == Role.SIMULATE && board != null && config.speed() == 0 && config.matchingLatency().isZero()
                && end != null) {
            // every part that has anything due is here, and idle between steps: the clock skips the empty ones
            DispatchBoard dispatch = board;
            TripSchedule trip = trips;
            Duration tick = Duration.ofSeconds(city.tickSeconds());
            clockVerticle.skippingTo(now -> Due.earliest(Due.earliest(world.nextDue(tick, end), dispatch.nextDue(now)),
                    trip.nextDue()));
        }
        if (world != null) {
            services.add(simulator);
            if (config.drain() && end != null) {
                world.noRequestsAfter(end);
                clockVerticle.draining(end.plus(SimulateConfig.DRAIN_BOUND), () -> bus.<CityStats>query(
                        Addresses.QUERY_STATS, "city").map(stats -> everyRideEnded(stats.outcomes(), world)));
            }
        }
        if (bridge != null && metrics != null) {
            bridge.bindTo(metrics);
        }
        if (owned != null) {
            // a platform process serves the city once Kafka gave it zones and their state is rebuilt from the log
            // (it may be a restart); later assignments rebuild the deciding services alone. Its views fold the
            // whole log meanwhile, read back by the tail once they listen.
            boolean[] served = {false};
            bridge.onZones(owned::lost, zones -> owned.gained(zones).compose(read -> {
                if (served[0]) {
                    return Future.succeededFuture();
                }
                served[0] = true;
                return deployServing(vertx, services, liveMap, http).compose(deployed -> vertx.deployVerticle(
                        cityLog, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
            }));
            return vertx.deployVerticle(bridge).compose(id -> bridge.assigned())
                    .compose(ready -> vertx.deployVerticle(clockVerticle))
                    .map(id -> new City(bus, clock, matchLatency, clockVerticle, http, bridge, simulator, owned.first(),
                            readModelRebuilt, cityLog).recording(null, null, receipts, null));
        }
        // the whole city in one process, or a simulator: nothing to rebuild
        List<Future<?>> deployed = new ArrayList<>();
        deployed.add(deployServing(vertx, services, liveMap, http));
        if (bridge != null) {
            deployed.add(vertx.deployVerticle(bridge).compose(id -> bridge.assigned()));
        }
        return Future.all(deployed)
                .compose(all -> vertx.deployVerticle(clockVerticle))
                .map(id -> new City(bus, clock, matchLatency, clockVerticle, http, bridge, simulator, null,
                        readModelRebuilt, null).recording(timeline, chain, receipts, records));
    }

    /** The services, then the live map and the HTTP API in front of them. */
    private static Future<?> deployServing(Vertx vertx, List<Deployable> services, LiveMapVerticle liveMap,
                                           HttpApiVerticle http) {
        List<Future<?>> deployed = new ArrayList<>();
        services.forEach(service -> deployed.add(vertx.deployVerticle(service)));
        if (liveMap != null) {
            deployed.add(vertx.deployVerticle(liveMap).compose(id -> vertx.deployVerticle(http)));
        }
        return Future.all(deployed);
    }

    /** Every ride this world requested came back from the platform and ended: paid, failed at payment, cancelled. */
    private static boolean everyRideEnded(Outcomes outcomes, CitySimulation world) {
        return outcomes.requested() >= world.ridesRequested() && outcomes.allEnded();
    }

    /**
     * Completes when the simulated duration is over and the city settled; fails, and the clock stops, when Kafka
     * did not take a record this process produced.
     */
    public Future<Void> finished() {
        return finished.future();
    }

    /** The clock's steps so far: every tick of the run, or only those with something due where it skips. */
    public long steps() {
        return clockVerticle.steps();
    }

    /** Ends the run at the current step, as on Ctrl-C; {@link #finished()} then completes. */
    public void stopEarly() {
        clockVerticle.stopNow();
    }

    /** The read model's figures, once it holds the log this process started on. */
    public Future<CityStats> stats() {
        return readModelRebuilt.compose(ready -> bus.query(Addresses.QUERY_STATS, "city"));
    }

    /**
     * The read model's figures once it holds the log as it ends now (a platform process's views read the log
     * back, a moment behind it), for the summary at the end of a run; after {@link #VIEW_CURRENT_WITHIN} without
     * it, what the view holds, and a line saying how far behind it was.
     */
    public Future<CityStats> finalStats() {
        if (cityLog == null) {
            return stats();
        }
        return readModelRebuilt.compose(ready -> cityLog.current(VIEW_CURRENT_WITHIN))
                .recover(behind -> {
                    System.out.println("ridematch: " + behind.getMessage() + "; the summary shows what it holds");
                    return Future.succeededFuture();
                })
                .compose(current -> stats());
    }

    /** How long the summary waits for a platform's view to hold the end of the log. */
    static final Duration VIEW_CURRENT_WITHIN = Duration.ofSeconds(10);

    /**
     * Completes once the read model holds the whole log this process started on, with the number of events it
     * folded from it (0 for a process that started on none).
     */
    public Future<Long> readModelRebuilt() {
        return readModelRebuilt;
    }

    /**
     * A simulator process that ends signs its drivers off, so a platform it shares stops offering rides to them;
     * completes with the rides its riders requested in all. Empty for a process without a world of its own.
     */
    public Optional<Future<Long>> signOff() {
        return Optional.ofNullable(simulator).map(world -> world.signOff(clock.now()));
    }

    /** Bus deliveries not handled yet: zero when the process is idle between steps. */
    public long pendingDeliveries() {
        return bus.inFlight().pending();
    }

    public MatchLatency matchLatency() {
        return matchLatency;
    }

    public DomainBus bus() {
        return bus;
    }

    public SteppedClock clock() {
        return clock;
    }

    /** The run minute by minute, when the config asked for it. */
    public Optional<RideTimeline> timeline() {
        return Optional.ofNullable(timeline);
    }

    /** The run's records, where {@code --output} asked for them. */
    public Optional<RunRecords> records() {
        return Optional.ofNullable(records);
    }

    /** The receipts sent to riders, where this process runs the platform. */
    public Optional<Receipts> receipts() {
        return Optional.ofNullable(receipts);
    }

    /** What the synchronous chain's calls did, when the platform is one. */
    public Optional<ChainStats> chain() {
        return Optional.ofNullable(chain);
    }

    /** The HTTP API's port, or -1 where this process serves none (a simulator). */
    public int httpPort() {
        return http == null ? -1 : http.actualPort();
    }

    /** How long a platform process's city view took to read the whole log; 0 where there is none. */
    public double viewRebuildSeconds() {
        return cityLog == null ? 0 : cityLog.catchUpSeconds();
    }

    /** What a platform process rebuilt from the log before it started, if it is one. */
    public Optional<Rebuilt> rebuilt() {
        return Optional.ofNullable(rebuilt);
    }

    /** The Kafka bridge, when this city writes to an event log. */
    public Optional<KafkaBridgeVerticle> bridge() {
        return Optional.ofNullable(bridge);
    }
}
