package io.ridematch.platform.core.readmodel;

import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.DriverEvent.DriverWentOffline;
import io.ridematch.contract.DriverEvent.DriverWentOnline;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentFailed;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.RideEvent.RideStarted;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.geo.TravelModel;
import io.ridematch.platform.core.matching.H3DriverIndex;
import io.ridematch.platform.core.readmodel.DriverView.DriverStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The city as the live map draws it: where each driver is heading and when it gets there, and the riders still
 * waiting. A driver's motion is a segment (from, departure) to (to, arrival), so a viewer can move it smoothly
 * between updates; an idle driver's segment has no length.
 *
 * <p>Every change stamps the driver's slot with a new version, so a viewer that missed updates (a slow client
 * whose frames were dropped) catches up by asking for everything changed since the last version it was sent:
 * the newest state wins and nothing queues up per viewer.
 */
public final class LiveCity {

    /** One driver's motion; times are epoch milliseconds. */
    public record Motion(int slot, DriverStatus status, LatLng from, LatLng to, long departMillis,
                         long arriveMillis) {

        /** Where the driver is at {@code millis}, moving in a straight line at constant speed. */
        public LatLng positionAt(long millis) {
            if (millis <= departMillis || arriveMillis <= departMillis) {
                return millis >= arriveMillis ? to : from;
            }
            if (millis >= arriveMillis) {
                return to;
            }
            double f = (double) (millis - departMillis) / (arriveMillis - departMillis);
            return new LatLng(from.lat() + f * (to.lat() - from.lat()), from.lng() + f * (to.lng() - from.lng()));
        }
    }

    /** A rider waiting at a pickup; {@code driverComing} once a driver is assigned. */
    public record WaitingRider(LatLng pickup, boolean driverComing) {
    }

    /** Riders waiting for a driver and idle drivers in one zone: the map's demand/supply layer. */
    public record ZoneLoad(long zone, int waitingRiders, int idleDrivers) {
    }

    private record Trip(LatLng pickup, LatLng dropoff, String driverId) {
    }

    private final TravelModel travel;
    private final Map<String, Integer> slots = new HashMap<>();
    private final List<Motion> motions = new ArrayList<>();
    private long[] versions = new long[1024];
    private final Map<String, Trip> trips = new HashMap<>();
    private final Map<String, WaitingRider> waiting = new LinkedHashMap<>();
    private long version;
    private long ridersVersion;
    private int online;

    public LiveCity(TravelModel travel) {
        this.travel = travel;
    }

    public void apply(DomainEvent event) {
        switch (event) {
            case DriverWentOnline e -> stay(e.driverId(), DriverStatus.IDLE, e.position(), e.at());
            case DriverLocationUpdated e -> moved(e);
            case DriverWentOffline e -> stay(e.driverId(), DriverStatus.OFFLINE, e.position(), e.at());
            case RideRequested e -> {
                trips.put(e.rideId(), new Trip(e.pickup(), e.dropoff(), null));
                riderChanged(e.rideId(), new WaitingRider(e.pickup(), false));
            }
            case DriverAssigned e -> assigned(e);
            case RideStarted e -> started(e);
            case RideCompleted e -> {
                Trip trip = trips.remove(e.rideId());
                if (trip != null) {
                    stay(e.driverId(), DriverStatus.IDLE, trip.dropoff(), e.completedAt());
                }
            }
            case RideCancelled e -> cancelled(e);
            case PaymentProcessed ignored -> {
                // payments do not move anything on the map
            }
            case PaymentFailed ignored -> {
                // nothing on the map
            }
        }
    }

    private void moved(DriverLocationUpdated e) {
        int slot = slotOf(e.driverId());
        Motion current = motions.get(slot);
        // on the way or on a trip, the ride's own events say where the driver goes; the report is the same point
        if (current == null || current.status() == DriverStatus.IDLE) {
            stay(slot, DriverStatus.IDLE, e.position(), e.at());
        }
    }

    private void assigned(DriverAssigned e) {
        Trip trip = trips.get(e.rideId());
        if (trip == null) {
            return;
        }
        trips.put(e.rideId(), new Trip(trip.pickup(), trip.dropoff(), e.driverId()));
        long depart = e.assignedAt().toEpochMilli();
        move(e.driverId(), DriverStatus.TO_PICKUP, e.driverPosition(), trip.pickup(), depart,
                depart + e.pickupEtaSeconds() * 1000);
        riderChanged(e.rideId(), new WaitingRider(trip.pickup(), true));
    }

    private void started(RideStarted e) {
        Trip trip = trips.get(e.rideId());
        riderChanged(e.rideId(), null);
        if (trip == null) {
            return;
        }
        long seconds = travel.trip(trip.pickup(), trip.dropoff(), e.startedAt()).seconds();
        long depart = e.startedAt().toEpochMilli();
        move(e.driverId(), DriverStatus.ON_TRIP, trip.pickup(), trip.dropoff(), depart, depart + seconds * 1000);
    }

    private void cancelled(RideCancelled e) {
        Trip trip = trips.remove(e.rideId());
        riderChanged(e.rideId(), null);
        if (trip != null && trip.driverId() != null) {
            Motion current = motion(trip.driverId());
            // the dispatcher still places the driver where it was when assigned
            stay(trip.driverId(), DriverStatus.IDLE, current == null ? trip.pickup() : current.from(),
                    e.cancelledAt());
        }
    }

    private void stay(String driverId, DriverStatus status, LatLng position, Instant at) {
        stay(slotOf(driverId), status, position, at);
    }

    private void stay(int slot, DriverStatus status, LatLng position, Instant at) {
        long millis = at.toEpochMilli();
        move(slot, status, position, position, millis, millis);
    }

    private void move(String driverId, DriverStatus status, LatLng from, LatLng to, long depart, long arrive) {
        move(slotOf(driverId), status, from, to, depart, arrive);
    }

    /** The driver's slot, a new one (with no motion yet) for a driver not seen before. */
    private int slotOf(String driverId) {
        return slots.computeIfAbsent(driverId, id -> {
            motions.add(null);
            return motions.size() - 1;
        });
    }

    private void move(int slot, DriverStatus status, LatLng from, LatLng to, long depart, long arrive) {
        Motion before = motions.get(slot);
        boolean wasOnline = before != null && before.status() != DriverStatus.OFFLINE;
        boolean isOnline = status != DriverStatus.OFFLINE;
        online += (isOnline ? 1 : 0) - (wasOnline ? 1 : 0);
        motions.set(slot, new Motion(slot, status, from, to, depart, arrive));
        if (slot >= versions.length) {
            versions = Arrays.copyOf(versions, versions.length * 2);
        }
        versions[slot] = ++version;
    }

    private void riderChanged(String rideId, WaitingRider rider) {
        WaitingRider before = rider == null ? waiting.remove(rideId) : waiting.put(rideId, rider);
        if (rider != null || before != null) {
            ridersVersion++;
        }
    }

    private Motion motion(String driverId) {
        Integer slot = slots.get(driverId);
        return slot == null ? null : motions.get(slot);
    }

    /** Grows with every change to any driver. */
    public long version() {
        return version;
    }

    /** Grows with every change to the waiting riders. */
    public long ridersVersion() {
        return ridersVersion;
    }

    /** Slots ever used: the drivers seen, online or not. */
    public int slots() {
        return motions.size();
    }

    public int driversOnline() {
        return online;
    }

    /** Hands over each driver whose motion changed after {@code sinceVersion} (0 for all), in slot order. */
    public void changedSince(long sinceVersion, Consumer<Motion> changed) {
        for (int slot = 0; slot < motions.size(); slot++) {
            if (versions[slot] > sinceVersion) {
                changed.accept(motions.get(slot));
            }
        }
    }

    public int waitingRiders() {
        return waiting.size();
    }

    /** Hands over the waiting riders, longest waiting first, at most {@code limit} of them. */
    public void waitingRiders(int limit, Consumer<WaitingRider> rider) {
        int n = 0;
        for (WaitingRider r : waiting.values()) {
            if (n++ >= limit) {
                return;
            }
            rider.accept(r);
        }
    }

    /** Riders waiting for a driver and idle drivers per H3 zone at {@code resolution}; zones with neither left out. */
    public Map<Long, ZoneLoad> zoneLoads(int resolution) {
        Map<Long, int[]> counts = new HashMap<>();
        for (WaitingRider r : waiting.values()) {
            if (!r.driverComing()) {
                counts.computeIfAbsent(H3DriverIndex.cellOf(r.pickup(), resolution), z -> new int[2])[0]++;
            }
        }
        for (Motion m : motions) {
            if (m.status() == DriverStatus.IDLE) {
                counts.computeIfAbsent(H3DriverIndex.cellOf(m.to(), resolution), z -> new int[2])[1]++;
            }
        }
        Map<Long, ZoneLoad> loads = new HashMap<>();
        counts.forEach((zone, c) -> loads.put(zone, new ZoneLoad(zone, c[0], c[1])));
        return loads;
    }
}
