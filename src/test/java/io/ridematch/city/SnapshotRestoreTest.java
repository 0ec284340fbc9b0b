package io.ridematch.city;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideCommand.CompleteRide;
import io.ridematch.contract.RideEvent;
import io.ridematch.platform.core.PlatformScenario;
import io.ridematch.platform.core.matching.DispatchBoard;
import io.ridematch.platform.core.ride.Ride;
import io.ridematch.platform.core.ride.RideStatus;
import io.ridematch.platform.core.snapshot.SnapshotFold;
import io.ridematch.platform.core.snapshot.SnapshotFold.Snapshot;
import io.ridematch.platform.core.trip.TripSchedule;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A snapshot is a sub-log: a platform restored from it and the log after it must decide as one restored from
 * the whole log. The log is a real small-town run's; the state is compared by what each restored platform does
 * next: the rides it knows and their status, the trip steps it has due, the surge it quotes, the offers its next
 * dispatch round makes.
 */
class SnapshotRestoreTest {

    private static final List<DomainEvent> LOG = Collections.synchronizedList(new ArrayList<>());
    private static PlatformScenario platform;

    @BeforeAll
    static void runATown() throws Exception {
        // each moving driver reporting every 4 s, as a real fleet's apps do: reports interleave with every trip
        Scenario town = ScenarioFile.load("small-town").withLocationEvery(Duration.ofSeconds(4));
        platform = town.platform();
        Vertx vertx = Vertx.vertx();
        try {
            DomainBus bus = DomainBus.install(vertx);
            bus.<DomainEvent>subscribe(Addresses.RIDE_EVENTS, LOG::add).await(30, TimeUnit.SECONDS);
            bus.<DomainEvent>subscribe(Addresses.DRIVER_EVENTS, LOG::add).await(30, TimeUnit.SECONDS);
            City city = City.start(vertx, bus, town, new SimulateConfig("small-town", Duration.ofMinutes(90),
                    LocalTime.of(7, 0), 0, 42, 0, null)).await(60, TimeUnit.SECONDS);
            city.finished().await(3, TimeUnit.MINUTES);
        } finally {
            vertx.close().await(20, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "snapshot after {0} of the log")
    @ValueSource(doubles = {0.2, 0.5, 0.8, 1.0})
    void aPlatformRestoredFromASnapshotAndTheRestOfTheLogDecidesAsOneRestoredFromTheWholeLog(double share) {
        List<DomainEvent> log = List.copyOf(LOG);
        int cut = (int) (log.size() * share);
        SnapshotFold fold = new SnapshotFold(platform.surge().settings().window());
        log.subList(0, cut).forEach(fold::apply);
        Snapshot snapshot = fold.snapshot();

        List<DomainEvent> afterSnapshot = new ArrayList<>(snapshot.events());
        afterSnapshot.addAll(log.subList(cut, log.size()));
        Restored whole = Restored.from(log, Map.of());
        Restored fromSnapshot = Restored.from(afterSnapshot, snapshot.overRides());
        Instant next = log.getLast().occurredAt().plusSeconds(1);

        assertThat(fromSnapshot.statuses).isEqualTo(whole.statuses);
        assertThat(fromSnapshot.trips.surgeByZone(next)).isEqualTo(whole.trips.surgeByZone(next));
        assertThat(steps(fromSnapshot.trips.due(next.plus(Duration.ofDays(1)))))
                .isEqualTo(steps(whole.trips.due(next.plus(Duration.ofDays(1)))));
        assertThat(fromSnapshot.board.waitingRides()).isEqualTo(whole.board.waitingRides());
        assertThat(fromSnapshot.board.availableDrivers()).isEqualTo(whole.board.availableDrivers());
        assertThat(fromSnapshot.board.dispatch(next)).isEqualTo(whole.board.dispatch(next));
        // and it is worth having: a town's snapshot after the first fifth is a small part of the log it stands for
        if (share >= 0.5) {
            assertThat(snapshot.events().size()).isLessThan(cut / 3);
        }
    }

    @ParameterizedTest(name = "snapshot after {0} of the log")
    @ValueSource(doubles = {0.3, 1.0})
    void aFoldGivenLocationReportsUnreadMakesTheSameSnapshotReadingOnlyEachDriversLatest(double share) {
        List<DomainEvent> log = List.copyOf(LOG).subList(0, (int) (LOG.size() * share));
        SnapshotFold read = new SnapshotFold(platform.surge().settings().window());
        log.forEach(read::apply);
        SnapshotFold unread = new SnapshotFold(platform.surge().settings().window());
        AtomicInteger reads = new AtomicInteger();
        Set<String> drivers = new HashSet<>();
        int reports = 0;
        for (DomainEvent event : log) {
            if (event instanceof DriverLocationUpdated report) {
                unread.applyReport(new Unread(report, reads));
                drivers.add(report.driverId());
                reports++;
            } else {
                unread.apply(event);
            }
        }
        Snapshot expected = read.snapshot();

        assertThat(unread.snapshot()).isEqualTo(expected);
        assertThat(reports).isGreaterThan(10 * drivers.size());
        assertThat(reads.get()).isLessThanOrEqualTo(drivers.size());
        int readOnce = reads.get();
        assertThat(unread.snapshot()).isEqualTo(expected);
        assertThat(reads.get()).as("a report read for one snapshot is not read again").isEqualTo(readOnce);
    }

    /** A location report as a log reader hands it over unread; counts its reads. */
    private record Unread(DriverLocationUpdated report, AtomicInteger reads) implements SnapshotFold.PendingReport {

        @Override
        public String driverId() {
            return report.driverId();
        }

        @Override
        public Instant at() {
            return report.at();
        }

        @Override
        public Optional<DriverEvent> read() {
            reads.incrementAndGet();
            return Optional.of(report);
        }
    }

    @Test
    void aSnapshotFoldedAgainIsTheSameSnapshot() {
        List<DomainEvent> log = List.copyOf(LOG);
        SnapshotFold first = new SnapshotFold(platform.surge().settings().window());
        log.forEach(first::apply);
        Snapshot once = first.snapshot();
        SnapshotFold second = new SnapshotFold(platform.surge().settings().window());
        once.events().forEach(second::apply);
        once.overRides().forEach(second::restoreOver);
        Snapshot twice = second.snapshot();

        assertThat(twice.events()).containsExactlyElementsOf(once.events());
        assertThat(twice.overRides()).isEqualTo(once.overRides());
        assertThat(new HashSet<>(once.overRides().values())).contains(RideStatus.PAID, RideStatus.CANCELLED);
    }

    /**
     * The trip steps due, without the surge multiplier and fare of a completion: the quote a rider was shown is not
     * in the log (the contract's {@code ride.requested} has no price), so any rebuild quotes an open ride again
     * from the demand and supply it rebuilt, and the order of a rebuild changes that (README, "State from the
     * log").
     */
    private static List<String> steps(List<RideCommand> due) {
        return due.stream().map(command -> command instanceof CompleteRide c
                ? "complete " + c.rideId() + " " + c.distanceMeters() + " m " + c.durationSeconds() + " s at " + c.at()
                : command.toString()).toList();
    }

    /** A platform's deciding state, restored as {@code City} restores it. */
    private record Restored(Map<String, RideStatus> statuses, DispatchBoard board, TripSchedule trips) {

        static Restored from(List<DomainEvent> events, Map<String, RideStatus> over) {
            Map<String, Ride> rides = new HashMap<>();
            over.forEach((rideId, status) -> rides.put(rideId, Ride.over(rideId, status)));
            DispatchBoard board = platform.newBoard();
            TripSchedule trips = platform.newTrips();
            for (DomainEvent event : events) {
                if (event instanceof RideEvent e) {
                    Ride ride = rides.getOrDefault(e.rideId(), Ride.none(e.rideId()));
                    if (Ride.canFollow(ride.status(), e)) {
                        rides.put(e.rideId(), ride.evolve(e));
                    }
                }
                board.restore(event);
                trips.apply(event);
            }
            board.restored();
            Map<String, RideStatus> statuses = new HashMap<>();
            rides.forEach((id, ride) -> statuses.put(id, ride.status()));
            return new Restored(statuses, board, trips);
        }
    }
}
