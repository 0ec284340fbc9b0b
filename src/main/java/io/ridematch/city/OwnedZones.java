package io.ridematch.city;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.time.SteppedClock;
import io.ridematch.bus.DomainBus;
import io.ridematch.kafka.KafkaBridgeVerticle;
import io.ridematch.kafka.KafkaSettings;
import io.ridematch.kafka.LogPosition;
import io.ridematch.kafka.LogReader;
import io.ridematch.kafka.Topics;
import io.ridematch.kafka.SnapshotVerticle;
import io.ridematch.metrics.MatchLatency;
import io.ridematch.platform.MatchingVerticle;
import io.ridematch.platform.PaymentVerticle;
import io.ridematch.platform.RideVerticle;
import io.ridematch.platform.TripVerticle;
import io.ridematch.platform.core.PlatformScenario;
import io.ridematch.platform.core.matching.DispatchBoard;
import io.ridematch.platform.core.payment.PaymentGateway;
import io.ridematch.platform.core.snapshot.SnapshotFold;
import io.ridematch.platform.core.trip.TripSchedule;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A platform process's deciding services (rides, matching, trips, payment) for the zones Kafka gave it. Each
 * assignment builds them anew from the log of exactly those zones (a snapshot of the same zones and the log after
 * it, else their whole log) before any of their records is acted on; losing the zones retires them at once, so a
 * process never acts on a zone it does not own. The read model and the live map are not here: they fold the
 * whole city's log ({@code CityLogTail}), whichever zones this process owns.
 */
final class OwnedZones {

    private final Vertx vertx;
    private final DomainBus bus;
    private final SteppedClock clock;
    private final MatchLatency matchLatency;
    private final Scenario city;
    private final SimulateConfig config;
    private final KafkaSettings kafka;
    private final PrometheusMeterRegistry metrics;
    private final KafkaBridgeVerticle bridge;
    private final Rebuilt.Progress progress;
    /** The snapshot writer of the zones owned now, undeployed when they go. */
    private final List<String> deployed = new ArrayList<>();
    /** The door the deciding services of the zones owned now use, retired when they go. */
    private DomainBus door;
    private Rebuilt first;
    private long rebuilds;

    OwnedZones(Vertx vertx, DomainBus bus, SteppedClock clock, MatchLatency matchLatency, Scenario city,
               SimulateConfig config, KafkaSettings kafka, PrometheusMeterRegistry metrics, KafkaBridgeVerticle bridge,
               Rebuilt.Progress progress) {
        this.vertx = vertx;
        this.bus = bus;
        this.clock = clock;
        this.matchLatency = matchLatency;
        this.city = city;
        this.config = config;
        this.kafka = kafka;
        this.metrics = metrics;
        this.bridge = bridge;
        this.progress = progress;
    }

    /** What the first assignment rebuilt, once it did (null before). */
    Rebuilt first() {
        return first;
    }

    /** How long the ride events of zones taken over must stay unchanged before their log is read. */
    static final Duration QUIET = Duration.ofMillis(1_000);
    /** How many quiet checks a takeover makes at most before it reads the log anyway. */
    static final int QUIET_ROUNDS = 10;

    /**
     * Waits until no process writes the ride events of {@code zones} any more: the platform that owned them stops
     * when its event loop runs Kafka's revocation, a moment after Kafka revoked them, and what it decided up to then
     * must be in the log this one rebuilds from (only a zone's owner writes its ride events).
     */
    private void quiet(Set<Integer> zones) throws InterruptedException {
        LogPosition before = LogReader.endOffsets(kafka.connection(), List.of(Topics.RIDE_EVENTS)).only(zones);
        for (int round = 0; round < QUIET_ROUNDS; round++) {
            Thread.sleep(QUIET.toMillis());
            LogPosition now = LogReader.endOffsets(kafka.connection(), List.of(Topics.RIDE_EVENTS)).only(zones);
            if (now.equals(before)) {
                return;
            }
            before = now;
        }
        System.out.println("ridematch: the ride events of zones " + zones + " were still being written after "
                + QUIET_ROUNDS + " s; this platform takes them up now");
    }

    /**
     * Kafka took the zones away: the deciding services stop now, mid-round if need be; completes once the snapshot
     * writer is gone too.
     */
    Future<?> lost() {
        if (door != null && rebuilds > 0) {
            System.out.println("ridematch: Kafka is moving zones between the platforms; this one stops deciding "
                    + "until it knows which it owns");
        }
        if (door != null) {
            door.retire();
            door = null;
        }
        List<String> stopping = List.copyOf(deployed);
        deployed.clear();
        return Future.all(stopping.stream().map(id -> vertx.undeploy(id).otherwiseEmpty()).toList());
    }

    /** Kafka gave this process {@code zones}: their services, rebuilt from their log, deployed. */
    Future<Rebuilt> gained(Set<Integer> zones) {
        Future<?> stopped = lost();
        boolean firstTime = rebuilds++ == 0;
        DomainBus bus = this.bus.retirable();
        door = bus;
        PlatformScenario platform = city.platform();
        DispatchBoard board = platform.newBoard();
        board.ownZones(bridge.zones(), zones);
        TripSchedule trips = platform.newTrips();
        RideVerticle rides = new RideVerticle(bus, clock, matchLatency);
        PaymentVerticle payments = new PaymentVerticle(bus, clock, platform.payment().any()
                ? new PaymentGateway(platform.payment(), config.seed(), ZoneId.of(city.timezone())) : null, metrics);
        Rebuilt.Services restoring = new Rebuilt.Services(logged -> {
            switch (logged.event()) {
                case RideEvent rideEvent -> {
                    rides.restore(rideEvent);
                    payments.restore(rideEvent);
                    board.restore(rideEvent);
                    if (rideEvent instanceof RideRequested requested) {
                        bridge.rideRequested(requested);
                    }
                }
                case DriverEvent report -> board.restoreReport(report, logged.partition() >= 0 ? logged.partition()
                        : bridge.zones().of(report.position()), logged.handedOver() || logged.partition() < 0);
            }
            trips.apply(logged.event());
        }, rides::restoreOver);
        SnapshotFold fold = new SnapshotFold(platform.surge().settings().window());
        boolean snapshots = !kafka.snapshotEvery().isZero();
        return stopped.compose(gone -> vertx.executeBlocking(() -> {
            if (!firstTime) {
                quiet(zones);
            }
            // after the first assignment the clock follows the world already: the rebuild moves a copy of it
            SteppedClock moved = firstTime ? clock : new SteppedClock(clock.now());
            Rebuilt read = Rebuilt.fromLog(kafka.connection(), kafka.snapshotKey(), snapshots, moved, fold, restoring,
                    rides::rides, firstTime ? progress : new Rebuilt.Progress(), zones);
            board.restored();
            return read;
        })).compose(read -> {
            List<Future<String>> started = new ArrayList<>();
            List<Future<String>> deciding = new ArrayList<>();
            // the deciding services are never undeployed: retiring their door stops them at once, with nothing on
            // the bus left counted for a handler that is gone
            for (var service : List.of(rides, new MatchingVerticle(bus, clock, board), new TripVerticle(bus, trips, metrics),
                    payments)) {
                deciding.add(vertx.deployVerticle(service));
            }
            if (snapshots) {
                started.add(vertx.deployVerticle(new SnapshotVerticle(kafka, fold, read.ends(),
                                read.snapshotGeneration(), kafka.snapshotEvery(),
                                read.logEvents() >= City.SNAPSHOT_AT_ONCE_AFTER, metrics),
                        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)));
            }
            return Future.all(deciding).compose(ok -> Future.all(started)).map(all -> {
                started.forEach(id -> deployed.add(id.result()));
                if (firstTime) {
                    first = read;
                } else {
                    // a person watching a platform sees Kafka move zones, and what taking them up cost
                    System.out.printf(java.util.Locale.ROOT, "ridematch: now owns zones %s of %d; their state "
                            + "rebuilt from %,d log events in %.1f s%n", zones.stream().sorted().toList(),
                            bridge.zones().count(), read.events(), read.seconds());
                }
                return read;
            });
        });
    }
}
