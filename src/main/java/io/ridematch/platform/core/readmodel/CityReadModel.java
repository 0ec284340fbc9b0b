package io.ridematch.platform.core.readmodel;

import io.ridematch.contract.CancelReason;
import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.DriverEvent.DriverWentOffline;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentFailed;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.RideEvent.RideStarted;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.money.Money;
import io.ridematch.platform.core.readmodel.DriverView.DriverStatus;
import io.ridematch.platform.core.ride.FinishedRides;
import io.ridematch.platform.core.ride.Ride;
import io.ridematch.platform.core.ride.RideStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The read side (CQRS): rides, drivers and city-wide figures folded from events. Folding the same log again
 * gives the same model; an event that is not the legal next step (a redelivery) changes nothing.
 */
public final class CityReadModel {

    /**
     * Finished rides whose rows are kept, the most recent: about two hours of New York's peak. Older ones are
     * known only by how they ended ({@link #forgotten}); their events are in the log.
     */
    public static final int KEPT_FINISHED = 100_000;

    /** Rides not over yet, and the most recent finished ones. */
    private final Map<String, RideRow> rides = new HashMap<>();
    /** The finished rides with a row, in the order they finished. */
    private final ArrayDeque<String> finishedInOrder = new ArrayDeque<>();
    private final FinishedRides forgotten = new FinishedRides();
    private final int keptFinished;
    /**
     * The end of the warm-up: rides requested before it, and drivers' time and km before it, are folded but not
     * counted in the outcomes and KPIs.
     */
    private final Instant countFrom;
    private final Map<String, DriverRow> drivers = new HashMap<>();
    private final Map<CancelReason, Long> cancelledBy = new EnumMap<>(CancelReason.class);
    private final Samples waits = new Samples();
    private final Samples pickupEtas = new Samples();
    /** Straight-line km along each driver's reported positions, and along completed trips. */
    private double drivenMeters;
    private double loadedMeters;
    private double surgeSum;
    private long requested;
    private long matched;
    private long completed;
    private long cancelled;
    private long paid;
    private long paymentFailed;
    private long events;
    private long finishedOnlineSeconds;
    private long finishedTripSeconds;
    /** Trips under way, and the sum of their start times: their time on trip up to any moment, in O(1). */
    private long tripsUnderWay;
    private long tripsUnderWayStartSum;
    private Instant lastEventAt;

    public CityReadModel() {
        this(KEPT_FINISHED);
    }

    /** @param keptFinished how many finished rides keep their row (the rest only how they ended) */
    public CityReadModel(int keptFinished) {
        this(keptFinished, Instant.EPOCH);
    }

    /** @param countFrom the end of the warm-up: what happened before it is not counted */
    public CityReadModel(int keptFinished, Instant countFrom) {
        if (keptFinished < 0) {
            throw new IllegalArgumentException("kept finished rides must not be negative: " + keptFinished);
        }
        this.keptFinished = keptFinished;
        this.countFrom = countFrom;
    }

    /** A ride requested before the warm-up ended is not counted. */
    private boolean counted(RideRow ride) {
        return ride.requestedAt != null && !ride.requestedAt.isBefore(countFrom);
    }

    /** Seconds since the later of {@code from} and the warm-up's end, up to {@code to}; none before it. */
    private long countedSeconds(Instant from, Instant to) {
        Instant start = from.isBefore(countFrom) ? countFrom : from;
        return Math.max(0, Duration.between(start, to).toSeconds());
    }

    /** The epoch second time on trip counts from: the later of the trip's start and the warm-up's end. */
    private long countedStart(Instant start) {
        return Math.max(start.getEpochSecond(), countFrom.getEpochSecond());
    }

    private static final class RideRow {
        RideStatus status = RideStatus.NONE;
        String riderId;
        LatLng pickup;
        /** The pickup's zone ({@link Zones}), for listing a zone's rides. */
        long pickupZone;
        LatLng dropoff;
        Instant requestedAt;
        String driverId;
        Long pickupEtaSeconds;
        Instant assignedAt;
        Instant startedAt;
        Instant completedAt;
        Double distanceMeters;
        Money fare;
        String paymentId;
        Instant paidAt;
        CancelReason cancelReason;
        Instant cancelledAt;
        final List<RideEvent> history = new ArrayList<>(5);
    }

    private static final class DriverRow {
        boolean online;
        LatLng position;
        String rideId;
        /** When {@link #rideId} was assigned: a ride of this driver's assigned earlier, read late, is not the current. */
        Instant rideAssignedAt;
        boolean onTrip;
        Instant since;
        Instant onlineSince;
        long completedRides;
        /** The newest driver event time folded, and the events folded at that time: to spot redeliveries. */
        Instant lastReportAt;
        LatLng lastReported;
        final List<DriverEvent> reportsAtLast = new ArrayList<>(2);
    }

    /** Folds one event; returns false when it was ignored as a duplicate or out-of-order redelivery. */
    public boolean apply(DomainEvent event) {
        boolean applied = event instanceof RideEvent r ? applyRide(r) : applyDriver((DriverEvent) event);
        if (applied) {
            events++;
            if (lastEventAt == null || event.occurredAt().isAfter(lastEventAt)) {
                lastEventAt = event.occurredAt();
            }
        }
        return applied;
    }

    private boolean applyRide(RideEvent event) {
        RideRow ride = rides.get(event.rideId());
        if (ride == null) {
            RideStatus ended = forgotten.statusOf(event.rideId());
            if (!Ride.canFollow(ended == null ? RideStatus.NONE : ended, event)) {
                return false;
            }
            ride = new RideRow();
            rides.put(event.rideId(), ride);
        } else if (!Ride.canFollow(ride.status, event)) {
            return false;
        }
        ride.status = Ride.statusAfter(event);
        ride.history.add(event);
        if (ride.status.isFinished()) {
            finished(event.rideId());
        }
        switch (event) {
            case RideRequested e -> {
                ride.requestedAt = e.requestedAt();
                if (counted(ride)) {
                    requested++;
                }
                ride.riderId = e.riderId();
                ride.pickup = e.pickup();
                ride.pickupZone = Zones.cellOf(e.pickup());
                ride.dropoff = e.dropoff();
            }
            case DriverAssigned e -> {
                if (counted(ride)) {
                    matched++;
                    pickupEtas.add(e.pickupEtaSeconds());
                }
                ride.driverId = e.driverId();
                ride.pickupEtaSeconds = e.pickupEtaSeconds();
                ride.assignedAt = e.assignedAt();
                DriverRow driver = driver(e.driverId());
                // a replay reads partition by partition: an earlier ride of this driver's may come after the open one
                if (driver.rideId == null || !e.assignedAt().isBefore(driver.rideAssignedAt)) {
                    driver.rideId = e.rideId();
                    driver.rideAssignedAt = e.assignedAt();
                    driver.since = e.assignedAt();
                }
            }
            case RideStarted e -> {
                ride.startedAt = e.startedAt();
                if (counted(ride)) {
                    waits.add(Duration.between(ride.requestedAt, e.startedAt()).toSeconds());
                }
                tripsUnderWay++;
                tripsUnderWayStartSum += countedStart(e.startedAt());
                DriverRow driver = driver(ride.driverId);
                if (e.rideId().equals(driver.rideId)) {
                    driver.onTrip = true;
                    driver.since = e.startedAt();
                    driver.position = ride.pickup;
                }
            }
            case RideCompleted e -> {
                if (counted(ride)) {
                    completed++;
                    surgeSum += e.surgeMultiplier();
                }
                if (!e.completedAt().isBefore(countFrom)) {
                    loadedMeters += ride.pickup.distanceMeters(ride.dropoff);
                }
                ride.completedAt = e.completedAt();
                ride.distanceMeters = e.distanceMeters();
                ride.fare = e.fare();
                // from the ride's own events: a replay folds each partition in turn, so a driver's next ride may
                // already be folded when this one completes
                finishedTripSeconds += countedSeconds(ride.startedAt, e.completedAt());
                tripsUnderWay--;
                tripsUnderWayStartSum -= countedStart(ride.startedAt);
                DriverRow driver = driver(ride.driverId);
                driver.completedRides++;
                if (e.rideId().equals(driver.rideId)) {
                    driver.position = ride.dropoff;
                    releaseDriver(driver, e.completedAt());
                }
            }
            case PaymentProcessed e -> {
                if (counted(ride)) {
                    paid++;
                }
                ride.paymentId = e.paymentId();
                ride.paidAt = e.processedAt();
            }
            case PaymentFailed e -> {
                if (counted(ride)) {
                    paymentFailed++;
                }
                ride.paymentId = e.paymentId();
            }
            case RideCancelled e -> {
                if (counted(ride)) {
                    cancelled++;
                    cancelledBy.merge(e.reason(), 1L, Long::sum);
                }
                ride.cancelReason = e.reason();
                ride.cancelledAt = e.cancelledAt();
                DriverRow driver = ride.driverId == null ? null : driver(ride.driverId);
                if (driver != null && e.rideId().equals(driver.rideId)) {
                    releaseDriver(driver, e.cancelledAt());
                }
            }
        }
        return true;
    }

    /** A ride just finished: the oldest finished row beyond the kept number goes, leaving how it ended. */
    private void finished(String rideId) {
        finishedInOrder.add(rideId);
        while (finishedInOrder.size() > keptFinished) {
            String oldest = finishedInOrder.poll();
            forgotten.add(oldest, rides.remove(oldest).status);
        }
    }

    private boolean applyDriver(DriverEvent event) {
        DriverRow driver = driver(event.driverId());
        if (driver.lastReportAt != null && (event.at().isBefore(driver.lastReportAt)
                || event.at().equals(driver.lastReportAt) && driver.reportsAtLast.contains(event))) {
            return false; // a redelivery: this driver's log has moved past it
        }
        if (!event.at().equals(driver.lastReportAt)) {
            driver.lastReportAt = event.at();
            driver.reportsAtLast.clear();
        }
        driver.reportsAtLast.add(event);
        if (driver.lastReported != null && !(event instanceof DriverEvent.DriverWentOnline)
                && !event.at().isBefore(countFrom)) {
            drivenMeters += driver.lastReported.distanceMeters(event.position());
        }
        driver.lastReported = event.position();
        boolean goesOnline = !(event instanceof DriverWentOffline);
        if (event instanceof DriverEvent.DriverWentOnline && driver.online) {
            return false;
        }
        if (!goesOnline && !driver.online) {
            return false;
        }
        if (goesOnline && !driver.online) {
            driver.onlineSince = event.at();
            driver.since = event.at();
        } else if (!goesOnline) {
            finishedOnlineSeconds += countedSeconds(driver.onlineSince, event.at());
            driver.since = event.at();
        }
        driver.online = goesOnline;
        driver.position = event.position();
        return true;
    }

    private void releaseDriver(DriverRow driver, Instant at) {
        driver.rideId = null;
        driver.rideAssignedAt = null;
        driver.onTrip = false;
        driver.since = at;
    }

    private DriverRow driver(String driverId) {
        return drivers.computeIfAbsent(driverId, id -> new DriverRow());
    }

    public Optional<RideView> ride(String rideId) {
        RideRow r = rides.get(rideId);
        return r == null ? Optional.empty() : Optional.of(new RideView(rideId, r.riderId, r.status, r.pickup,
                r.dropoff, r.requestedAt, r.driverId, r.pickupEtaSeconds, r.assignedAt, r.startedAt,
                r.completedAt, r.distanceMeters, r.fare, r.paymentId, r.paidAt, r.cancelReason, r.cancelledAt));
    }

    /** The rides {@code query} asks for, the most recently requested first (then by id). */
    public RideQuery.Answer rides(RideQuery query) {
        Comparator<Map.Entry<String, RideRow>> newestFirst = Comparator
                .comparing((Map.Entry<String, RideRow> e) -> e.getValue().requestedAt).reversed()
                .thenComparing(Map.Entry::getKey);
        // the newest `limit` kept in a heap whose head is the oldest of them: no sort of every ride
        PriorityQueue<Map.Entry<String, RideRow>> newest = new PriorityQueue<>(newestFirst.reversed());
        long zone = query.zone() == null ? 0 : Long.parseUnsignedLong(query.zone(), 16);
        long matched = 0;
        for (Map.Entry<String, RideRow> entry : rides.entrySet()) {
            RideRow r = entry.getValue();
            if (r.requestedAt == null || query.status() != null && r.status != query.status()
                    || query.zone() != null && r.pickupZone != zone) {
                continue;
            }
            matched++;
            newest.add(entry);
            if (newest.size() > query.limit()) {
                newest.poll();
            }
        }
        List<Map.Entry<String, RideRow>> kept = new ArrayList<>(newest);
        kept.sort(newestFirst);
        return new RideQuery.Answer(kept.stream().map(e -> ride(e.getKey()).orElseThrow()).toList(), matched);
    }

    /**
     * How a ride ended that finished before the {@link #KEPT_FINISHED} most recent ones and has no row any more;
     * empty for every other id.
     */
    public Optional<RideStatus> forgottenEnd(String rideId) {
        return rides.containsKey(rideId) ? Optional.empty() : Optional.ofNullable(forgotten.statusOf(rideId));
    }

    /** Finished rides this model keeps a row for. */
    public int keptFinished() {
        return keptFinished;
    }

    /** Every event of a ride, in the order they happened. */
    public Optional<List<RideEvent>> rideHistory(String rideId) {
        RideRow r = rides.get(rideId);
        return r == null ? Optional.empty() : Optional.of(List.copyOf(r.history));
    }

    public Optional<DriverView> driverView(String driverId) {
        DriverRow d = drivers.get(driverId);
        return d == null ? Optional.empty()
                : Optional.of(new DriverView(driverId, status(d), d.position, d.rideId, d.since, d.completedRides));
    }

    private static DriverStatus status(DriverRow d) {
        if (d.onTrip) {
            return DriverStatus.ON_TRIP;
        }
        if (d.rideId != null) {
            return DriverStatus.TO_PICKUP;
        }
        return d.online ? DriverStatus.IDLE : DriverStatus.OFFLINE;
    }

    public Outcomes outcomes() {
        return new Outcomes(requested, matched, completed, cancelled, paid, paymentFailed,
                requested - completed - cancelled);
    }

    /** KPIs at simulation time {@code now}: drivers still online and trips under way count up to it. */
    public Kpis kpis(Instant now) {
        long onlineSeconds = finishedOnlineSeconds;
        long tripSeconds = finishedTripSeconds
                + Math.max(0, tripsUnderWay * now.getEpochSecond() - tripsUnderWayStartSum);
        for (DriverRow d : drivers.values()) {
            if (d.online) {
                onlineSeconds += countedSeconds(d.onlineSince, now);
            }
        }
        double served = requested == 0 ? 0 : 100.0 * completed / requested;
        double cancelledShare = requested == 0 ? 0 : 100.0 * cancelled / requested;
        double utilisation = onlineSeconds == 0 ? 0 : (double) tripSeconds / onlineSeconds;
        double emptyMeters = Math.max(0, drivenMeters - loadedMeters);
        double driven = drivenMeters;
        return new Kpis(Kpis.round(served, 2), Kpis.round(waits.mean(), 1), waits.percentile(50),
                waits.percentile(95), Kpis.round(cancelledShare, 2), Kpis.round(utilisation, 4),
                driven == 0 ? 0 : Kpis.round(emptyMeters / driven, 4), Kpis.round(pickupEtas.mean(), 1),
                completed == 0 ? 0 : Kpis.round(surgeSum / completed, 3));
    }

    /**
     * KPIs as of the newest event folded. Depending on nothing but the log, they come out the same live and
     * when the log is replayed.
     */
    public Kpis kpis() {
        return kpis(lastEventAt == null ? Instant.EPOCH : lastEventAt);
    }

    public CityStats stats(Instant now) {
        return new CityStats(now, outcomes(), kpis(), driversByStatus(), events);
    }

    public Map<CancelReason, Long> cancellationsByReason() {
        return Map.copyOf(cancelledBy);
    }

    /** Drivers per state right now. */
    public Map<DriverStatus, Long> driversByStatus() {
        Map<DriverStatus, Long> counts = new EnumMap<>(DriverStatus.class);
        for (DriverStatus s : DriverStatus.values()) {
            counts.put(s, 0L);
        }
        drivers.values().forEach(d -> counts.merge(status(d), 1L, Long::sum));
        return counts;
    }

    /** Events folded so far (duplicates excluded). */
    public long eventsApplied() {
        return events;
    }
}
