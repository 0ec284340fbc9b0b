package io.ridematch.domain.ride;

import io.ridematch.domain.event.RideEvent;
import io.ridematch.domain.event.RideEvent.DriverAssigned;
import io.ridematch.domain.event.RideEvent.RideCancelled;
import io.ridematch.domain.event.RideEvent.RideCompleted;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the lifecycle rules of the brief over a log of ride events, in log order: requested first and once;
 * then cancelled, or assigned, started, completed, paid, each once and in that order; and no driver holds two
 * rides at once. Feed it every event, then read {@link #violations()}.
 */
public final class LifecycleAudit {

    private final Map<String, RideStatus> statusByRide = new HashMap<>();
    private final Map<String, String> driverOfRide = new HashMap<>();
    private final Map<String, String> activeRideOfDriver = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private long events;

    public void accept(RideEvent event) {
        events++;
        RideStatus before = statusByRide.getOrDefault(event.rideId(), RideStatus.NONE);
        if (!Ride.canFollow(before, event)) {
            violations.add(event.rideId() + ": " + name(event) + " while " + before.name().toLowerCase());
            return;
        }
        statusByRide.put(event.rideId(), Ride.statusAfter(event));
        trackDriver(event);
    }

    private void trackDriver(RideEvent event) {
        if (event instanceof DriverAssigned a) {
            String busyWith = activeRideOfDriver.putIfAbsent(a.driverId(), a.rideId());
            if (busyWith != null) {
                violations.add(a.rideId() + ": driver " + a.driverId() + " assigned while still on " + busyWith);
            }
            driverOfRide.put(a.rideId(), a.driverId());
        } else if (event instanceof RideCompleted || event instanceof RideCancelled) {
            String driver = driverOfRide.remove(event.rideId());
            if (driver != null) {
                activeRideOfDriver.remove(driver, event.rideId());
            }
        }
    }

    private static String name(RideEvent event) {
        return event.getClass().getSimpleName();
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    public long eventsChecked() {
        return events;
    }

    /** Rides whose log ends before a terminal event (cancelled or paid). */
    public long unfinishedRides() {
        return statusByRide.values().stream().filter(s -> !s.isFinished()).count();
    }
}
