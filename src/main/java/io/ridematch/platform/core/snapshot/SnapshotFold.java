package io.ridematch.platform.core.snapshot;

import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.PaymentFailed;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.platform.core.ride.Ride;
import io.ridematch.platform.core.ride.RideStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The log folded down to what a restarting platform still decides with: a sub-log that restores the same state
 * as the whole log. Kept per ride and per driver:
 * <ul>
 *   <li>every event of each ride not over yet (waiting, on its way, under way, completed and unpaid);</li>
 *   <li>each driver's latest report, and their last trip while it is newer than that report (the drop-off is
 *       where the driver stands);</li>
 *   <li>every event of the rides requested within the surge window (they are the demand surge prices from);</li>
 *   <li>of every other ride, only its id and how it ended, so a redelivered request for it is still refused.</li>
 * </ul>
 * Pure: the platform feeds it what it reads from the log, in the log's order per ride and per driver. A driver's
 * report may come unread ({@link #applyReport}): only its time decides anything here, and of a driver's many location
 * reports only the last before a snapshot is ever read.
 */
public final class SnapshotFold {

    /** A driver's report known by its driver and time, read only when a snapshot holds it. */
    public interface PendingReport {

        String driverId();

        Instant at();

        /** The report, or empty where the log's record does not read as one (its reader dead-lettered it). */
        Optional<DriverEvent> read();
    }

    /** A report already read. */
    private record Read(DriverEvent event) implements PendingReport {

        @Override
        public String driverId() {
            return event.driverId();
        }

        @Override
        public Instant at() {
            return event.at();
        }

        @Override
        public Optional<DriverEvent> read() {
            return Optional.of(event);
        }
    }

    private record Tracked(RideStatus status, List<RideEvent> events) {
    }

    private record Requested(Instant at, String rideId) {
    }

    private final Duration demandWindow;
    /** Rides still open, and over rides whose events are kept (last trips, the surge window's demand). */
    private final Map<String, Tracked> kept = new HashMap<>();
    /** Every over ride: how it ended. */
    private final Map<String, RideStatus> over = new HashMap<>();
    private final Map<String, PendingReport> lastReport = new HashMap<>();
    /**
     * Per driver whose latest report came unread, the last report that had been read (applied read, or read for a
     * snapshot): what a snapshot holds where the latest does not read.
     */
    private final Map<String, DriverEvent> lastRead = new HashMap<>();
    /** Driver id to the ride of their last trip, kept while the drop-off is newer than their last report. */
    private final Map<String, String> lastTrip = new HashMap<>();
    private final Map<String, String> lastTripDriver = new HashMap<>();
    /** Requests by time: the log is in order per ride, not across rides. */
    private final PriorityQueue<Requested> demand = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));
    private Instant latest = Instant.EPOCH;
    private long applied;

    /** @param demandWindow how far back a request still counts as demand for surge pricing */
    public SnapshotFold(Duration demandWindow) {
        this.demandWindow = demandWindow;
    }

    public void apply(DomainEvent event) {
        switch (event) {
            case RideEvent e -> {
                applied(e.occurredAt());
                applyRide(e);
                forgetOldDemand();
            }
            case DriverEvent e -> applyReport(new Read(e));
        }
    }

    /**
     * A driver's report, read or not: as {@link #apply} with the event, except where the report turns out not to
     * read when a snapshot needs it. The snapshot then holds the driver's last report that had been read (the
     * services it stands for passed over the one that did not read, but may have taken unread ones between the two).
     */
    public void applyReport(PendingReport report) {
        applied(report.at());
        takeReport(report);
        forgetOldDemand();
    }

    private void applied(Instant at) {
        applied++;
        if (at.isAfter(latest)) {
            latest = at;
        }
    }

    /** A ride the snapshot this fold started from knew only as over. */
    public void restoreOver(String rideId, RideStatus status) {
        if (!kept.containsKey(rideId)) {
            over.put(rideId, status);
        }
    }

    private void applyRide(RideEvent event) {
        String rideId = event.rideId();
        Tracked ride = kept.get(rideId);
        RideStatus status = ride != null ? ride.status() : over.getOrDefault(rideId, RideStatus.NONE);
        if (!Ride.canFollow(status, event)) {
            return; // a duplicate or a step the ride service would have refused: the rebuilt state ignores it too
        }
        RideStatus next = Ride.statusAfter(event);
        List<RideEvent> events = ride != null ? ride.events() : new ArrayList<>(6);
        events.add(event);
        kept.put(rideId, new Tracked(next, events));
        if (event instanceof RideRequested requested) {
            demand.add(new Requested(requested.requestedAt(), rideId));
        }
        if (next.isFinished()) {
            over.put(rideId, next);
            if (event instanceof PaymentProcessed || event instanceof PaymentFailed) {
                events.stream().filter(RideCompleted.class::isInstance).map(RideCompleted.class::cast).findFirst()
                        .ifPresent(trip -> newTrip(trip.driverId(), rideId, trip.completedAt()));
            }
            release(rideId);
        }
    }

    private void newTrip(String driverId, String rideId, Instant droppedOffAt) {
        PendingReport report = lastReport.get(driverId);
        if (report != null && !droppedOffAt.isAfter(report.at())) {
            return;
        }
        String previous = lastTrip.put(driverId, rideId);
        lastTripDriver.put(rideId, driverId);
        if (previous != null && !previous.equals(rideId)) {
            lastTripDriver.remove(previous);
            release(previous);
        }
    }

    private void takeReport(PendingReport report) {
        PendingReport before = lastReport.get(report.driverId());
        if (before != null && report.at().isBefore(before.at())) {
            return;
        }
        if (report instanceof Read) {
            lastRead.remove(report.driverId());
        } else if (before instanceof Read read) {
            lastRead.put(report.driverId(), read.event());
        }
        lastReport.put(report.driverId(), report);
        String trip = lastTrip.get(report.driverId());
        if (trip != null && !droppedOffAt(trip).isAfter(report.at())) {
            lastTrip.remove(report.driverId());
            lastTripDriver.remove(trip);
            release(trip);
        }
    }

    private Instant droppedOffAt(String rideId) {
        return kept.get(rideId).events().stream().filter(RideCompleted.class::isInstance)
                .map(e -> ((RideCompleted) e).completedAt()).findFirst().orElse(Instant.EPOCH);
    }

    private void forgetOldDemand() {
        Instant cutoff = latest.minus(demandWindow);
        while (!demand.isEmpty() && demand.peek().at().isBefore(cutoff)) {
            release(demand.poll().rideId());
        }
    }

    /** Drops an over ride's events once nothing keeps them: neither a driver's last trip nor recent demand. */
    private void release(String rideId) {
        Tracked ride = kept.get(rideId);
        if (ride == null || !ride.status().isFinished() || lastTripDriver.containsKey(rideId)) {
            return;
        }
        Instant requestedAt = ((RideRequested) ride.events().getFirst()).requestedAt();
        if (!requestedAt.isBefore(latest.minus(demandWindow))) {
            return;
        }
        kept.remove(rideId);
    }

    /**
     * What the fold holds now, as a sub-log in an order restore accepts (each ride's events in order). Each driver's
     * latest report is read here if it came unread, once: the next snapshot takes it as read.
     */
    public Snapshot snapshot() {
        List<DomainEvent> events = new ArrayList<>();
        kept.keySet().stream().sorted().forEach(rideId -> events.addAll(kept.get(rideId).events()));
        lastReport.keySet().stream().sorted().forEach(driverId -> {
            Optional<DriverEvent> read = lastReport.get(driverId).read();
            if (read.isPresent()) {
                lastReport.put(driverId, new Read(read.get())); // read once: the next snapshot takes it as it is
                lastRead.remove(driverId);
                events.add(read.get());
            } else if (lastRead.containsKey(driverId)) {
                events.add(lastRead.get(driverId));
            }
        });
        Map<String, RideStatus> onlyIds = new LinkedHashMap<>();
        over.forEach((id, status) -> {
            if (!kept.containsKey(id)) {
                onlyIds.put(id, status);
            }
        });
        return new Snapshot(events, onlyIds, latest);
    }

    /** Events folded in since this fold was made. */
    public long applied() {
        return applied;
    }

    /**
     * A platform's state as a sub-log.
     *
     * @param events    the events to fold in, as if read from the log
     * @param overRides the rides over whose events are left out, and how each ended
     * @param latest    the latest time of any event folded in
     */
    public record Snapshot(List<DomainEvent> events, Map<String, RideStatus> overRides, Instant latest) {
    }
}
