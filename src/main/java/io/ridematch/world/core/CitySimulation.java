package io.ridematch.world.core;

import io.ridematch.contract.CancelReason;
import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.DriverEvent.DriverWentOffline;
import io.ridematch.contract.DriverEvent.DriverWentOnline;
import io.ridematch.contract.DriverOffer.Answer;
import io.ridematch.contract.DriverOffer.OfferAccepted;
import io.ridematch.contract.DriverOffer.OfferDeclined;
import io.ridematch.contract.DriverOffer.RideOffered;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideCommand.CancelRide;
import io.ridematch.contract.RideCommand.RequestRide;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentFailed;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.RideEvent.RideStarted;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.time.Due;
import io.ridematch.world.core.WorldScenario.Shift;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * The world outside the platform: riders who appear (a Poisson process whose rate follows the time of day and
 * the hotspots), wait, and give up after their patience; drivers who work daily shifts and, when idle, move
 * toward expected demand ({@link Repositioning}). Time only moves through
 * {@link #advanceTo}, and every random draw happens there, in a fixed order, so a seed reproduces a run.
 * What the platform did is fed back through {@link #observe}. An observation takes effect at the first step
 * after the time it happened: events stamped with the current time may arrive before or after the step that
 * caused them, and letting them count only later keeps every step's view of the platform the same on every run.
 */
public final class CitySimulation {

    /** What the world does in one step: drivers' reports, and riders' requests and cancellations. */
    public record Step(List<DriverEvent> driverEvents, List<RideCommand> rideCommands) {
    }

    private record Deadline(Instant at, String rideId) {
    }

    private record ShiftChange(Instant at, int driver, boolean online) {
    }

    private final WorldScenario scenario;
    private final CityGeography geography;
    private final DemandCurve demand;
    private final RandomSource demandRandom;
    private final RandomSource patienceRandom;
    private final ZonedDateTime start;
    private final PriorityQueue<Deadline> deadlines =
            new PriorityQueue<>(Comparator.comparing(Deadline::at).thenComparing(Deadline::rideId));
    private final PriorityQueue<ShiftChange> shiftChanges = new PriorityQueue<>(
            Comparator.comparing(ShiftChange::at).thenComparingInt(ShiftChange::driver));
    private final Set<String> waitingForDriver = new HashSet<>();
    private final Map<String, RequestRide> ridesInProgress = new HashMap<>();
    private final List<DomainEvent> observed = new ArrayList<>();
    private final Map<String, String> rideOfDriver = new HashMap<>();
    private final Map<String, String> driverOfRide = new HashMap<>();
    private final TreeSet<Integer> offlineWhenFree = new TreeSet<>();
    /** Of those, the ones whose ride ended since the last step: the only ones that may leave now. */
    private final TreeSet<Integer> freedToLeave = new TreeSet<>();
    private final LatLng[] driverPositions;
    private final boolean[] online;
    private final DriverReplies replies;
    private final Repositioning repositioning;
    private final LocationPings pings;
    private final Duration[] shiftLengths;
    private final Instant[] shiftEnds;
    private final String ridePrefix;
    /** How many driver events the step before made: the next step's list starts that large. */
    private int driverEventsLastStep;
    /** Every driver's id, made once: formatting them each step cost a tenth of a New York day. */
    private final String[] driverIds;
    private Instant now;
    /** Read by the clock while it drains the city; written by this world only. */
    private volatile long ridesRequested;
    private Instant requestsEnd;
    /**
     * Demand drawn ahead by {@link #nextDue}: every slot up to this one drawn, none with a rider but maybe the last,
     * which drew {@link #drawnAtEnd}; null when nothing is drawn ahead.
     */
    private Instant drawnThrough;
    private int drawnAtEnd;
    /** The clock's step, as {@link #nextDue} was told it: the length of a slot of demand drawn ahead. */
    private Duration slot;

    public CitySimulation(WorldScenario scenario, long seed) {
        this(scenario, seed, "");
    }

    /**
     * @param ridePrefix goes into every ride, rider and driver id ({@code ride-<prefix>0000001},
     *                   {@code driver-<prefix>00001}), so several worlds can share one platform: each tells its
     *                   own rides and drivers apart, and no two worlds' drivers share an id
     */
    public CitySimulation(WorldScenario scenario, long seed, String ridePrefix) {
        this.ridePrefix = ridePrefix;
        this.scenario = scenario;
        this.geography = new CityGeography(scenario.area(), scenario.demand());
        this.demand = new DemandCurve(scenario.demand().ridesPerDay(), scenario.demand().hourlyProfile());
        RandomSource root = new RandomSource(seed);
        this.demandRandom = root.split();
        this.patienceRandom = root.split();
        RandomSource supplyRandom = root.split();
        this.start = scenario.start();
        this.now = start.toInstant();
        int drivers = scenario.supply().drivers();
        this.driverPositions = new LatLng[drivers];
        this.online = new boolean[drivers];
        this.driverIds = new String[drivers];
        for (int i = 0; i < drivers; i++) {
            driverIds[i] = String.format("driver-%s%05d", ridePrefix, i + 1);
        }
        this.replies = new DriverReplies(scenario.supply().declineProbability(), seed);
        this.shiftLengths = new Duration[drivers];
        this.shiftEnds = new Instant[drivers];
        this.pings = new LocationPings(drivers, Duration.ofSeconds(scenario.supply().locationEverySeconds()),
                this::driverId);
        this.repositioning = new Repositioning(drivers, Duration.ofMinutes(scenario.supply().repositionAfterMinutes()),
                scenario.demand().hotspots(), scenario.travel(), this::driverId, pings);
        planShifts(supplyRandom);
    }

    public Instant now() {
        return now;
    }

    /** The id of this world's driver {@code index}: {@code driver-<prefix>00001}. */
    public String driverId(int index) {
        return driverIds[index];
    }

    /** Everything the world does in (now, until]. The first call also brings online the drivers already on shift. */
    public Step advanceTo(Instant until) {
        // sized as the step before's: a fleet's location reports are thousands a step, and growing to them by
        // halves copied the list a dozen times each step
        List<DriverEvent> driverEvents = new ArrayList<>(driverEventsLastStep + driverEventsLastStep / 8 + 16);
        List<RideCommand> rideCommands = new ArrayList<>();
        learnWhatHappenedBefore(until, driverEvents);
        shiftsUntil(until, driverEvents);
        repositioning.advance(until, driverPositions, driverEvents);
        pings.advance(until, driverPositions, driverEvents);
        ridersGiveUp(until, rideCommands);
        if (requestsEnd == null || !until.isAfter(requestsEnd)) {
            ridersArrive(until, rideCommands);
        }
        now = until;
        driverEventsLastStep = driverEvents.size();
        return new Step(driverEvents, rideCommands);
    }

    /**
     * The earliest time after now at which this world has something to do though nothing else happens (riders
     * arriving or giving up, a shift changing, a driver moving on or reporting, something the platform did to
     * learn), for a clock that skips the steps in between; null for nothing up to {@code horizon}. Riders'
     * arrivals are drawn ahead, a slot of {@code step} at a time and in the order stepping would draw them, so
     * skipping the slots that drew none changes nothing a seed gives.
     */
    public Instant nextDue(Duration step, Instant horizon) {
        Instant due = null;
        for (DomainEvent e : observed) {
            due = Due.earliest(due, e.occurredAt().plusNanos(1)); // learned at the first step after it happened
        }
        if (!freedToLeave.isEmpty()) {
            due = Due.earliest(due, now.plusNanos(1));
        }
        if (!shiftChanges.isEmpty()) {
            due = Due.earliest(due, shiftChanges.peek().at());
        }
        if (!deadlines.isEmpty()) {
            due = Due.earliest(due, deadlines.peek().at());
        }
        due = Due.earliest(due, repositioning.nextDue());
        due = Due.earliest(due, pings.nextDue());
        return Due.earliest(due, nextArrival(step, requestsEnd != null && requestsEnd.isBefore(horizon) ? requestsEnd
                : horizon));
    }

    /** The end of the first slot after now in which riders arrive, drawing slots ahead up to {@code horizon}. */
    private Instant nextArrival(Duration step, Instant horizon) {
        slot = step;
        if (drawnThrough != null && drawnAtEnd > 0) {
            return drawnThrough;
        }
        Instant from = drawnThrough != null ? drawnThrough : now;
        while (!from.plus(step).isAfter(horizon)) {
            Instant to = from.plus(step);
            drawnAtEnd = drawArrivals(from, to);
            drawnThrough = to;
            if (drawnAtEnd > 0) {
                return to;
            }
            from = to;
        }
        return null;
    }

    /** Tells the world what the platform did: assignments, pickups, completions, cancellations. */
    public void observe(DomainEvent event) {
        if (event instanceof DriverAssigned || event instanceof RideStarted || event instanceof RideCompleted
                || event instanceof RideCancelled) {
            observed.add(event);
        }
    }

    /**
     * A driver's app answers an offer: an online driver accepts or declines as its habits say, one off shift
     * declines. A driver of another world gets no answer from this one. (Whether the driver is free is the
     * platform's to know: the world hears of a drop-off only at its next step.)
     */
    public Optional<Answer> answer(RideOffered offer) {
        int driver = driverIndex(offer.driverId());
        if (driver < 0) {
            return Optional.empty();
        }
        return Optional.of(online[driver] && replies.accepts(offer.driverId(), offer.rideId())
                ? new OfferAccepted(offer.rideId(), offer.driverId(), now)
                : new OfferDeclined(offer.rideId(), offer.driverId(), now));
    }

    private void learnWhatHappenedBefore(Instant until, List<DriverEvent> out) {
        List<DomainEvent> due = new ArrayList<>();
        observed.removeIf(e -> e.occurredAt().isBefore(until) && due.add(e));
        due.sort(Comparator.comparing(DomainEvent::occurredAt).thenComparing(DomainEvent::subject)
                .thenComparing(e -> e.getClass().getSimpleName()));
        due.forEach(e -> learn(e, until, out));
    }

    /** Drivers' apps report where they are when they pick a rider up and when they drop one off. */
    private void learn(DomainEvent event, Instant now, List<DriverEvent> out) {
        switch (event) {
            case DriverAssigned e -> {
                waitingForDriver.remove(e.rideId());
                rideOfDriver.put(e.driverId(), e.rideId());
                driverOfRide.put(e.rideId(), e.driverId());
                RequestRide ride = ridesInProgress.get(e.rideId());
                withIndex(e.driverId(), d -> {
                    repositioning.busy(d);
                    if (ride != null) {
                        pings.start(d, driverPositions[d], ride.pickup(), e.assignedAt(),
                                e.assignedAt().plusSeconds(e.pickupEtaSeconds()));
                    }
                });
            }
            case RideStarted e -> {
                RequestRide ride = ridesInProgress.get(e.rideId());
                if (ride != null) {
                    moveDriver(e.driverId(), ride.pickup(), now, out);
                    withIndex(e.driverId(), d -> pings.start(d, ride.pickup(), ride.dropoff(), e.startedAt(),
                            e.startedAt().plusSeconds(scenario.travel().trip(ride.pickup(), ride.dropoff(),
                                    e.startedAt()).seconds())));
                }
            }
            case RideCompleted e -> {
                RequestRide ride = ridesInProgress.remove(e.rideId());
                if (ride != null) {
                    moveDriver(e.driverId(), ride.dropoff(), now, out);
                }
                rideOfDriver.remove(e.driverId(), e.rideId());
                driverOfRide.remove(e.rideId());
                withIndex(e.driverId(), d -> rideEnded(d, now));
            }
            case RideCancelled e -> {
                waitingForDriver.remove(e.rideId());
                ridesInProgress.remove(e.rideId());
                String driver = driverOfRide.remove(e.rideId());
                if (driver != null) {
                    rideOfDriver.remove(driver, e.rideId());
                    withIndex(driver, d -> rideEnded(d, now));
                }
            }
            case RideRequested e -> {
                // the world asked for it: nothing new to learn
            }
            case PaymentProcessed e -> {
                // the rider has left the car already
            }
            case PaymentFailed e -> {
                // the rider has left the car already
            }
            case DriverEvent e -> {
                // the world's own drivers: it knows where they are
            }
        }
    }

    private void rideEnded(int driver, Instant now) {
        repositioning.idle(driver, now); // ends the leg's pings too
        if (offlineWhenFree.contains(driver)) {
            freedToLeave.add(driver);
        }
    }

    private void withIndex(String driverId, java.util.function.IntConsumer action) {
        int driver = driverIndex(driverId);
        if (driver >= 0) {
            action.accept(driver);
        }
    }

    private void moveDriver(String driverId, LatLng position, Instant now, List<DriverEvent> out) {
        int driver = driverIndex(driverId);
        if (driver >= 0) {
            driverPositions[driver] = position;
            out.add(new DriverLocationUpdated(driverId, position, now));
        }
    }

    public long ridesRequested() {
        return ridesRequested;
    }

    /** Riders request no ride after {@code end} (a drained run); patience, shifts and drivers go on. */
    public void noRequestsAfter(Instant end) {
        this.requestsEnd = end;
    }

    private void planShifts(RandomSource random) {
        List<Shift> shifts = scenario.supply().shifts();
        double totalShare = shifts.stream().mapToDouble(Shift::share).sum();
        int drivers = driverPositions.length;
        long startOfDay = start.toLocalTime().toSecondOfDay();
        for (int i = 0; i < drivers; i++) {
            Shift shift = shiftFor((i + 0.5) / drivers * totalShare, shifts);
            driverPositions[i] = geography.randomPoint(random);
            // Shifts start within half an hour either side of the nominal time, so a city does not log on at once.
            long shiftStart = shift.start().toSecondOfDay() + Math.round(random.uniform(-1800, 1800));
            long length = Math.round(shift.hours() * 3600);
            shiftLengths[i] = Duration.ofSeconds(length);
            long intoShift = Math.floorMod(startOfDay - shiftStart, 86_400L);
            Instant t0 = start.toInstant();
            if (intoShift < length) {
                shiftEnds[i] = t0.plusSeconds(length - intoShift);
                shiftChanges.add(new ShiftChange(t0, i, true));
            } else {
                shiftChanges.add(new ShiftChange(t0.plusSeconds(86_400L - intoShift), i, true));
            }
        }
    }

    private static Shift shiftFor(double position, List<Shift> shifts) {
        double cumulative = 0;
        for (Shift s : shifts) {
            cumulative += s.share();
            if (position < cumulative) {
                return s;
            }
        }
        return shifts.get(shifts.size() - 1);
    }

    private void shiftsUntil(Instant until, List<DriverEvent> out) {
        for (int driver : freedToLeave) {
            if (!rideOfDriver.containsKey(driverId(driver))) {
                offlineWhenFree.remove(driver);
                goOffline(driver, until, out);
            }
        }
        freedToLeave.clear();
        while (!shiftChanges.isEmpty() && !shiftChanges.peek().at().isAfter(until)) {
            ShiftChange change = shiftChanges.poll();
            int driver = change.driver();
            String id = driverId(driver);
            if (change.online()) {
                out.add(new DriverWentOnline(id, driverPositions[driver], until));
                online[driver] = true;
                repositioning.idle(driver, until);
                if (shiftEnds[driver] == null || !shiftEnds[driver].isAfter(change.at())) {
                    shiftEnds[driver] = change.at().plus(shiftLengths[driver]);
                }
                shiftChanges.add(new ShiftChange(shiftEnds[driver], driver, false));
            } else if (rideOfDriver.containsKey(id)) {
                offlineWhenFree.add(driver); // finishes the ride first
            } else {
                goOffline(driver, until, out);
            }
        }
    }

    /**
     * The world ends: every driver still online goes offline at {@code at}, whether on a ride or not, so a
     * platform this world shared with others offers them nothing more. Nothing is planned after it.
     */
    public List<DriverEvent> signOff(Instant at) {
        List<DriverEvent> out = new ArrayList<>();
        for (int driver = 0; driver < online.length; driver++) {
            if (online[driver]) {
                online[driver] = false;
                repositioning.busy(driver);
                out.add(new DriverWentOffline(driverId(driver), driverPositions[driver], at));
            }
        }
        offlineWhenFree.clear();
        freedToLeave.clear();
        shiftChanges.clear();
        return out;
    }

    /** Off shift; back on a day after this shift began, whenever the last ride actually ended. */
    private void goOffline(int driver, Instant at, List<DriverEvent> out) {
        repositioning.busy(driver);
        online[driver] = false;
        out.add(new DriverWentOffline(driverId(driver), driverPositions[driver], at));
        Instant nextStart = shiftEnds[driver].plus(Duration.ofDays(1)).minus(shiftLengths[driver]);
        shiftChanges.add(new ShiftChange(nextStart.isAfter(at) ? nextStart : at.plusSeconds(1), driver, true));
    }

    private void ridersGiveUp(Instant until, List<RideCommand> out) {
        while (!deadlines.isEmpty() && !deadlines.peek().at().isAfter(until)) {
            Deadline d = deadlines.poll();
            if (waitingForDriver.remove(d.rideId())) {
                out.add(new CancelRide(d.rideId(), CancelReason.RIDER_TIMEOUT, until));
            }
        }
    }

    private void ridersArrive(Instant until, List<RideCommand> out) {
        int arrivals;
        if (drawnThrough == null) {
            arrivals = drawArrivals(now, until);
        } else if (until.isBefore(drawnThrough)) {
            arrivals = 0; // drawn ahead: no rider in these slots
        } else {
            // the slot drawn last ends here, or a step went past it: the slots after it drawn as they come
            arrivals = drawnAtEnd;
            for (Instant from = drawnThrough; from.isBefore(until); from = from.plus(slot)) {
                Instant to = from.plus(slot).isAfter(until) ? until : from.plus(slot);
                arrivals += drawArrivals(from, to);
            }
            drawnThrough = null;
        }
        double minTripMeters = scenario.demand().minTripKm() * 1000;
        double meanTripMeters = scenario.demand().meanTripKm() * 1000;
        for (int i = 0; i < arrivals; i++) {
            LatLng pickup = geography.randomPoint(demandRandom);
            LatLng dropoff = geography.dropoffFrom(pickup, minTripMeters, meanTripMeters, demandRandom);
            ridesRequested++;
            String number = sevenDigits(ridesRequested);
            String rideId = "ride-" + ridePrefix + number;
            String riderId = "rider-" + ridePrefix + number;
            RequestRide request = new RequestRide(rideId, riderId, pickup, dropoff, until);
            out.add(request);
            waitingForDriver.add(rideId);
            ridesInProgress.put(rideId, request);
            long patience = Math.round(patienceRandom.uniform(scenario.riders().patienceMinSeconds(),
                    scenario.riders().patienceMaxSeconds()));
            deadlines.add(new Deadline(until.plusSeconds(patience), rideId));
        }
    }

    /** How many riders arrive in (from, to]: a Poisson draw at the rate of the slot's middle. */
    private int drawArrivals(Instant from, Instant to) {
        double seconds = Duration.between(from, to).toMillis() / 1000.0;
        double midSecondOfDay = start.toLocalTime().toSecondOfDay()
                + Duration.between(start.toInstant(), from).toMillis() / 1000.0 + seconds / 2;
        return demandRandom.poisson(demand.ratePerSecond(midSecondOfDay % 86_400) * seconds);
    }

    /** {@code %07d} without a formatter. */
    private static String sevenDigits(long n) {
        String digits = Long.toString(n);
        return digits.length() >= 7 ? digits : "0000000".substring(digits.length()) + digits;
    }

    /** The index of one of this world's drivers, or -1 for a driver it does not know. */
    private int driverIndex(String driverId) {
        String prefix = "driver-" + ridePrefix;
        if (!driverId.startsWith(prefix)) {
            return -1;
        }
        try {
            int index = Integer.parseInt(driverId.substring(prefix.length())) - 1;
            return index >= 0 && index < driverPositions.length ? index : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
