package io.ridematch.platform.core.ride;

import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentFailed;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.RideEvent.RideStarted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the lifecycle rules of the brief over a log of ride events: requested first and once; then cancelled,
 * or assigned, started, completed, paid, each once and in that order (in the ride's own order, which Kafka keeps
 * per key); and no driver assigned while another ride of theirs is assigned or under way. The last rule compares
 * times, not positions in the log, so rides read partition by partition are judged the same as in one stream.
 */
public final class LifecycleAudit {

    private record Assignment(String rideId, Instant start, Instant end, String where) {
    }

    private final Map<String, RideStatus> statusByRide = new HashMap<>();
    /** Where each ride's last event is in the log (topic/partition@offset), for the lines that name it. */
    private final Map<String, String> lastPlaceOfRide = new HashMap<>();
    private final Map<String, Assignment> assignmentOfRide = new HashMap<>();
    private final Map<String, String> driverOfRide = new HashMap<>();
    private final Map<String, List<Assignment>> assignmentsOfDriver = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private long events;

    public void accept(RideEvent event) {
        accept(event, "");
    }

    /** @param where the event's place in the log ({@code ride-events/3@1042}), named in any line about it */
    public void accept(RideEvent event, String where) {
        events++;
        String at = where.isEmpty() ? "" : " (" + where + ")";
        RideStatus before = statusByRide.getOrDefault(event.rideId(), RideStatus.NONE);
        if (!Ride.canFollow(before, event)) {
            violations.add(event.rideId() + ": " + event.getClass().getSimpleName() + " while "
                    + before.name().toLowerCase() + at);
            return;
        }
        statusByRide.put(event.rideId(), Ride.statusAfter(event));
        if (!where.isEmpty()) {
            lastPlaceOfRide.put(event.rideId(), where);
        }
        switch (event) {
            case DriverAssigned a -> {
                Assignment assignment = new Assignment(a.rideId(), a.assignedAt(), null, at);
                assignmentOfRide.put(a.rideId(), assignment);
                driverOfRide.put(a.rideId(), a.driverId());
                assignmentsOfDriver.computeIfAbsent(a.driverId(), d -> new ArrayList<>()).add(assignment);
            }
            case RideCompleted e -> releaseDriver(e);
            case RideCancelled e -> releaseDriver(e);
            case RideRequested e -> {
                // no driver yet
            }
            case RideStarted e -> {
                // the driver stays on the ride until it ends
            }
            case PaymentProcessed e -> {
                // the driver was released at completion
            }
            case PaymentFailed e -> {
                // the driver was released at completion
            }
        }
    }

    private void releaseDriver(RideEvent ended) {
        Assignment open = assignmentOfRide.remove(ended.rideId());
        if (open != null) {
            List<Assignment> list = assignmentsOfDriver.get(driverOfRide.remove(ended.rideId()));
            list.set(list.indexOf(open), new Assignment(open.rideId(), open.start(), ended.occurredAt(), open.where()));
        }
    }

    /** Every rule broken so far, one line each. */
    public List<String> violations() {
        List<String> all = new ArrayList<>(violations);
        assignmentsOfDriver.forEach((driver, list) -> {
            List<Assignment> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparing(Assignment::start).thenComparing(Assignment::rideId));
            for (int i = 1; i < sorted.size(); i++) {
                Assignment before = sorted.get(i - 1);
                Assignment next = sorted.get(i);
                if (before.end() == null || next.start().isBefore(before.end())) {
                    all.add(next.rideId() + ": driver " + driver + " assigned while still on " + before.rideId()
                            + next.where());
                }
            }
        });
        return all;
    }

    public long eventsChecked() {
        return events;
    }

    /** Rides whose log ends before a terminal event (cancelled or paid). */
    public long unfinishedRides() {
        return statusByRide.values().stream().filter(s -> !s.isFinished()).count();
    }

    /**
     * One line per ride whose log ends before a terminal event, in ride id order: after a drained run each is a
     * lost ride (a completed one never paid among them).
     */
    public List<String> unfinished() {
        return statusByRide.entrySet().stream().filter(e -> !e.getValue().isFinished())
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": ends " + e.getValue().name().toLowerCase()
                        + (e.getValue() == RideStatus.COMPLETED ? ", never paid" : ", never ended")
                        + (lastPlaceOfRide.containsKey(e.getKey()) ? " (" + lastPlaceOfRide.get(e.getKey()) + ")" : ""))
                .toList();
    }
}
