package io.ridematch.platform.core.records;

import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.DriverEvent.DriverWentOffline;
import io.ridematch.contract.DriverEvent.DriverWentOnline;
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
import io.ridematch.platform.core.readmodel.CityReadModel;
import io.ridematch.platform.core.readmodel.Samples;
import io.ridematch.platform.core.readmodel.Zones;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a researcher opens after a run, folded from the ride and driver events alone, so that a replay of the log
 * gives the same: one row per ride, one per driver, and the KPIs per interval of simulated time. Events may come
 * in any order across rides and drivers (a replay reads the log partition by partition): each row is built from
 * its own ride's or driver's events, and the intervals are computed from the rows at the end. A duplicate or
 * out-of-order redelivery is ignored as the read model ignores it.
 */
public final class RunRecords {

    /**
     * One ride. Times are null where the ride never got there.
     *
     * @param status how it ended or where it stands: requested, assigned, started, completed, paid,
     *               payment-failed, cancelled
     */
    public record RideRow(String rideId, String riderId, String driverId, String status, Instant requestedAt,
                          Instant assignedAt, Instant pickedUpAt, Instant droppedOffAt, Long waitSeconds,
                          Long promisedEtaSeconds, Double distanceMeters, Long travelSeconds, Money fare,
                          Double surge, String cancelReason, Instant cancelledAt, LatLng from, LatLng to,
                          String fromZone, String toZone) {
    }

    /**
     * One driver over the run: time online, on the way to pickups and with a rider; km straight-line between the
     * positions it reported, with a rider (pickup to drop-off of its completed trips) and without.
     */
    public record DriverRow(String driverId, long onlineSeconds, long toPickupSeconds, long onTripSeconds,
                            long trips, double kmWithRider, double kmWithoutRider) {
    }

    /**
     * One interval of simulated time, {@code [from, to)}; the last one ends with the run. Counts and waits are of
     * what happened in it; {@code idleDrivers} is at its end; the {@code toDate} figures are the run's KPIs as of
     * its end, so the last row's are the run's.
     */
    public record Interval(Instant from, Instant to, long requested, long served, long cancelled, long waitP50Seconds,
                           long waitP95Seconds, double utilisation, long idleDrivers, double meanSurge,
                           double servedPercentToDate, double cancelledPercentToDate, long waitP50SecondsToDate,
                           long waitP95SecondsToDate, double utilisationToDate) {
    }

    private static final class Ride {
        final String rideId;
        RideRequested requested;
        DriverAssigned assigned;
        RideStarted started;
        RideCompleted completed;
        RideCancelled cancelled;
        boolean paid;
        boolean paymentFailed;

        Ride(String rideId) {
            this.rideId = rideId;
        }
    }

    /** Where a span of time has not ended. */
    private static final long OPEN = Long.MAX_VALUE;

    private static final class Driver {
        /** Online spans as pairs of epoch seconds, {@code [on, off)}; the last one's end {@link #OPEN} while online. */
        final List<long[]> online = new ArrayList<>(2);
        LatLng lastReported;
        double drivenMeters;
    }

    /** Folds the events only to say which it takes: the same ones the run's read model took. */
    private final CityReadModel accepted = new CityReadModel(0);
    /** The warm-up's end, in epoch seconds: rides requested before it and time before it are not counted. */
    private final long countFrom;
    private final Map<String, Ride> rides = new LinkedHashMap<>();
    private final Map<String, Driver> drivers = new LinkedHashMap<>();
    private Instant first;
    private Instant last;

    /** Records of a whole run, every ride counted. */
    public RunRecords() {
        this(Instant.EPOCH);
    }

    /** @param countFrom the end of the warm-up: rides requested before it, and time and km before it, not counted */
    public RunRecords(Instant countFrom) {
        this.countFrom = countFrom.getEpochSecond();
    }

    private boolean counted(Ride r) {
        return r.requested != null && r.requested.requestedAt().getEpochSecond() >= countFrom;
    }

    /** Seconds from the later of {@code from} and the warm-up's end to {@code to}; none before it. */
    private long countedSeconds(long from, long to) {
        return Math.max(0, to - Math.max(from, countFrom));
    }

    /** Folds one event; a duplicate or a stale redelivery changes nothing. */
    public synchronized void apply(DomainEvent event) {
        if (!accepted.apply(event)) {
            return;
        }
        Instant at = event.occurredAt();
        first = first == null || at.isBefore(first) ? at : first;
        last = last == null || at.isAfter(last) ? at : last;
        if (event instanceof RideEvent ride) {
            applyRide(ride, rides.computeIfAbsent(ride.rideId(), Ride::new));
        } else {
            DriverEvent report = (DriverEvent) event;
            applyDriver(report, drivers.computeIfAbsent(report.driverId(), id -> new Driver()),
                    report.at().getEpochSecond() >= countFrom);
        }
    }

    private static void applyRide(RideEvent event, Ride ride) {
        switch (event) {
            case RideRequested e -> ride.requested = e;
            case DriverAssigned e -> ride.assigned = e;
            case RideStarted e -> ride.started = e;
            case RideCompleted e -> ride.completed = e;
            case RideCancelled e -> ride.cancelled = e;
            case PaymentProcessed e -> ride.paid = true;
            case PaymentFailed e -> ride.paymentFailed = true;
        }
    }

    private static void applyDriver(DriverEvent event, Driver driver, boolean counted) {
        if (driver.lastReported != null && !(event instanceof DriverWentOnline) && counted) {
            driver.drivenMeters += driver.lastReported.distanceMeters(event.position());
        }
        driver.lastReported = event.position();
        long at = event.at().getEpochSecond();
        // as the read model has it: any report but going offline puts a driver online
        boolean online = !driver.online.isEmpty() && driver.online.get(driver.online.size() - 1)[1] == OPEN;
        if (event instanceof DriverWentOffline) {
            driver.online.get(driver.online.size() - 1)[1] = at;
        } else if (!online) {
            driver.online.add(new long[] {at, OPEN});
        }
    }

    /** Every ride whose request the events hold, in the order of their requests (then of their ids). */
    public synchronized List<RideRow> rides() {
        List<RideRow> rows = new ArrayList<>(rides.size());
        for (Ride r : rides.values()) {
            if (!counted(r)) {
                continue; // warm-up, or a ride the log holds only part of (its request before the log's start)
            }
            RideRequested q = r.requested;
            Long wait = r.started == null ? null : Duration.between(q.requestedAt(), r.started.startedAt()).toSeconds();
            Long travel = r.completed == null ? null : r.completed.durationSeconds();
            rows.add(new RideRow(r.rideId, q.riderId(), r.assigned == null ? null : r.assigned.driverId(), status(r),
                    q.requestedAt(), r.assigned == null ? null : r.assigned.assignedAt(),
                    r.started == null ? null : r.started.startedAt(),
                    r.completed == null ? null : r.completed.completedAt(), wait,
                    r.assigned == null ? null : r.assigned.pickupEtaSeconds(),
                    r.completed == null ? null : r.completed.distanceMeters(), travel,
                    r.completed == null ? null : r.completed.fare(),
                    r.completed == null ? null : r.completed.surgeMultiplier(),
                    r.cancelled == null ? null : r.cancelled.reason().wire(),
                    r.cancelled == null ? null : r.cancelled.cancelledAt(), q.pickup(), q.dropoff(),
                    Zones.of(q.pickup()), Zones.of(q.dropoff())));
        }
        rows.sort(Comparator.comparing(RideRow::requestedAt).thenComparing(RideRow::rideId));
        return rows;
    }

    private static String status(Ride r) {
        if (r.cancelled != null) {
            return "cancelled";
        }
        if (r.paid) {
            return "paid";
        }
        if (r.paymentFailed) {
            return "payment-failed";
        }
        if (r.completed != null) {
            return "completed";
        }
        if (r.started != null) {
            return "started";
        }
        return r.assigned != null ? "assigned" : "requested";
    }

    /** Every driver that reported, by id. */
    public synchronized List<DriverRow> drivers() {
        Map<String, long[]> timeOf = new LinkedHashMap<>(); // to pickup, on trip, trips
        Map<String, Double> loadedMeters = new LinkedHashMap<>();
        long now = nowSeconds();
        for (Ride r : rides.values()) {
            if (r.assigned == null) {
                continue;
            }
            long[] time = timeOf.computeIfAbsent(r.assigned.driverId(), id -> new long[3]);
            long assigned = r.assigned.assignedAt().getEpochSecond();
            long picked = r.started != null ? r.started.startedAt().getEpochSecond()
                    : r.cancelled != null ? r.cancelled.cancelledAt().getEpochSecond() : now;
            time[0] += countedSeconds(assigned, picked);
            if (r.started != null) {
                long end = r.completed != null ? r.completed.completedAt().getEpochSecond() : now;
                time[1] += countedSeconds(r.started.startedAt().getEpochSecond(), end);
            }
            if (r.completed != null && r.completed.completedAt().getEpochSecond() >= countFrom) {
                time[2]++;
                loadedMeters.merge(r.assigned.driverId(), r.requested == null ? 0
                        : r.requested.pickup().distanceMeters(r.requested.dropoff()), Double::sum);
            }
        }
        List<DriverRow> rows = new ArrayList<>(drivers.size());
        drivers.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            Driver d = entry.getValue();
            long online = 0;
            for (long[] span : d.online) {
                online += countedSeconds(span[0], Math.min(span[1], now));
            }
            long[] time = timeOf.getOrDefault(entry.getKey(), new long[3]);
            double loaded = loadedMeters.getOrDefault(entry.getKey(), 0.0);
            rows.add(new DriverRow(entry.getKey(), online, time[0], time[1], time[2], round(loaded / 1000, 3),
                    round(Math.max(0, d.drivenMeters - loaded) / 1000, 3)));
        });
        return rows;
    }

    /** The run cut into intervals of {@code length}, aligned to the clock (15 minutes: :00, :15, :30, :45). */
    public synchronized List<Interval> intervals(Duration length) {
        List<Interval> rows = new ArrayList<>();
        if (first == null) {
            return rows;
        }
        long step = length.getSeconds();
        if (step <= 0) {
            throw new IllegalArgumentException("an interval must be a second or longer: " + length);
        }
        long start = Math.floorDiv(Math.max(first.getEpochSecond(), countFrom), step) * step;
        long end = nowSeconds();
        if (end < start) {
            return rows; // the run ended in its warm-up
        }
        // a run that ends on an interval's boundary (08:00 to 09:00) ends with the interval before it: what
        // happened at 09:00 itself is that interval's last second, not an interval of its own
        int count = (int) Math.max(1, Math.ceilDiv(end - start, step));
        long[] requested = new long[count];
        long[] served = new long[count];
        long[] cancelled = new long[count];
        double[] surgeSum = new double[count];
        Samples[] waits = new Samples[count];
        for (int i = 0; i < count; i++) {
            waits[i] = new Samples();
        }
        List<long[]> trips = new ArrayList<>(); // [start, end) of every trip, under way or done
        List<long[]> busy = new ArrayList<>(); // [assigned, ended) of every assignment
        List<long[]> online = new ArrayList<>();
        drivers.values().forEach(d -> online.addAll(d.online));
        for (Ride r : rides.values()) {
            if (counted(r)) {
                requested[index(r.requested.requestedAt(), start, step, count)]++;
                if (r.completed != null) {
                    int i = index(r.completed.completedAt(), start, step, count);
                    served[i]++;
                    surgeSum[i] += r.completed.surgeMultiplier();
                }
                if (r.cancelled != null) {
                    cancelled[index(r.cancelled.cancelledAt(), start, step, count)]++;
                }
                if (r.started != null) {
                    waits[index(r.started.startedAt(), start, step, count)].add(
                            Duration.between(r.requested.requestedAt(), r.started.startedAt()).toSeconds());
                }
            }
            // the fleet's time counts whichever ride it served: a warm-up ride's trip after the warm-up too
            if (r.started != null) {
                trips.add(new long[] {r.started.startedAt().getEpochSecond(),
                        r.completed != null ? r.completed.completedAt().getEpochSecond() : OPEN});
            }
            if (r.assigned != null) {
                Instant over = r.completed != null ? r.completed.completedAt()
                        : r.cancelled != null ? r.cancelled.cancelledAt() : null;
                busy.add(new long[] {r.assigned.assignedAt().getEpochSecond(),
                        over == null ? OPEN : over.getEpochSecond()});
            }
        }
        Samples waitsToDate = new Samples();
        long requestedToDate = 0;
        long servedToDate = 0;
        long cancelledToDate = 0;
        for (int i = 0; i < count; i++) {
            long from = start + i * step;
            long to = Math.min(from + step, end);
            requestedToDate += requested[i];
            servedToDate += served[i];
            cancelledToDate += cancelled[i];
            waitsToDate.addAll(waits[i]);
            // the last interval ends with the run: what is still open counts up to the last event, as in the KPIs
            long onlineAtEnd = online.stream().filter(span -> span[0] <= to && to < span[1]).count();
            long busyAtEnd = busy.stream().filter(span -> span[0] <= to && to < span[1]).count();
            rows.add(new Interval(Instant.ofEpochSecond(from), Instant.ofEpochSecond(from + step), requested[i],
                    served[i], cancelled[i], waits[i].percentile(50), waits[i].percentile(95),
                    ratio(overlap(trips, Math.max(from, countFrom), to), overlap(online, Math.max(from, countFrom), to)),
                    Math.max(0, onlineAtEnd - busyAtEnd),
                    served[i] == 0 ? 0 : round(surgeSum[i] / served[i], 3),
                    requestedToDate == 0 ? 0 : round(100.0 * servedToDate / requestedToDate, 2),
                    requestedToDate == 0 ? 0 : round(100.0 * cancelledToDate / requestedToDate, 2),
                    waitsToDate.percentile(50), waitsToDate.percentile(95),
                    ratio(overlap(trips, Math.max(start, countFrom), to),
                            overlap(online, Math.max(start, countFrom), to))));
        }
        return rows;
    }

    /** Seconds the spans spend inside {@code [from, to)}. */
    private static long overlap(List<long[]> spans, long from, long to) {
        long total = 0;
        for (long[] span : spans) {
            total += Math.max(0, Math.min(span[1], to) - Math.max(span[0], from));
        }
        return total;
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0 : round((double) part / whole, 4);
    }

    private static int index(Instant at, long start, long step, int count) {
        return (int) Math.min(count - 1, (at.getEpochSecond() - start) / step);
    }

    private long nowSeconds() {
        return last == null ? 0 : last.getEpochSecond();
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
