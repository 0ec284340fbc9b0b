package io.ridematch.platform.core.matching;

import io.ridematch.contract.CancelReason;
import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.DriverEvent.DriverWentOffline;
import io.ridematch.contract.DriverEvent.DriverWentOnline;
import io.ridematch.contract.DriverOffer.Answer;
import io.ridematch.contract.DriverOffer.OfferAccepted;
import io.ridematch.contract.DriverOffer.OfferDeclined;
import io.ridematch.contract.DriverOffer.RideOffered;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideCommand.AssignDriver;
import io.ridematch.contract.RideCommand.CancelRide;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentFailed;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.RideEvent.RideStarted;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.geo.TravelModel;
import io.ridematch.contract.geo.Zones;
import io.ridematch.contract.time.Due;
import io.ridematch.platform.core.matching.Matcher.Match;
import io.ridematch.platform.core.matching.Matcher.WaitingRide;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the matching service knows: rides waiting for a driver and drivers free to take one. It learns from
 * events in any order within a round, and {@link #dispatch} turns its state into commands deterministically.
 *
 * <p>A round offers the matcher only the rides that can have a driver in reach: the new ones, and those near a
 * driver who became free since the last round. A ride left waiting had nobody in reach when the last round
 * ended, so without a newly free driver nearby it cannot be matched now; skipping it changes no result, and
 * keeps a round cheap when thousands wait in a city short of drivers.
 *
 * <p>The matcher's picks are offers: the driver and the ride are held until the driver's app answers
 * ({@link #answer}). An accepted offer becomes an assignment; a declined one, or one left unanswered for the
 * offer timeout, puts the ride back in the next round and keeps the driver out of offers for the cooldown.
 */
public final class DispatchBoard {

    private static final Comparator<WaitingRide> OLDEST_FIRST = WaitingRide.OLDEST_FIRST;

    /** Grid cells of half a kilometre keep a few drivers per cell in a dense city. */
    private static final double CELL_METERS = 500;

    private final Matcher matcher;
    private final TravelModel travel;
    private final Duration maxWait;
    private final Duration offerTimeout;
    private final Duration declineCooldown;
    /** Offers waiting for the driver's answer, by ride id, oldest first. */
    private final LinkedHashMap<String, Offer> offered = new LinkedHashMap<>();
    /** Drivers who declined an offer, kept out of matching until the time given. */
    private final TreeMap<String, Instant> coolingDown = new TreeMap<>();
    private final DriverIndex available;
    private final WaitingPlaces waitingPlaces;
    /*
     * Filled and emptied every round: trees, as a hash set's clear and iteration cost its largest size ever (a
     * shift start's thousands of drivers) on every round after.
     */
    private final Set<String> newRides = new TreeSet<>();
    private final Set<String> freshDrivers = new TreeSet<>();
    private final TreeSet<WaitingRide> waiting = new TreeSet<>(OLDEST_FIRST);
    private final Map<String, WaitingRide> waitingById = new HashMap<>();
    /**
     * Drop-off of every ride requested and not yet completed or cancelled: it tells a redelivered request from
     * a new one, and places the driver there when the ride completes.
     */
    private final Map<String, LatLng> dropoffs = new HashMap<>();
    private final Map<String, Driver> drivers = new HashMap<>();
    private final Map<String, String> driverByRide = new HashMap<>();
    private long declined;
    /** The zones this board may offer drivers in, when several platform processes share the city; null for all. */
    private Zones zones;
    private Set<Integer> owned = Set.of();
    /** Driver reports to hand to the owner of the zone the driver went to, oldest first ({@link #takeHandovers}). */
    private final List<DriverEvent> handovers = new ArrayList<>();
    /** While the platform rebuilds from the log: what the log says, gathered in any order, put in place at the end. */
    private Restoring restoring = new Restoring();

    private static final class Restoring {
        final Map<String, RideRequested> open = new HashMap<>();
        final Map<String, String> assigned = new HashMap<>();
        final Map<String, DriverEvent> lastReport = new HashMap<>();
        final Map<String, Dropoff> lastDropoff = new HashMap<>();
    }

    /** Where and when a driver last dropped a rider off. */
    private record Dropoff(Instant at, LatLng position) {
    }

    /** What a round decided: cancellations to ask the ride service for, offers to send to drivers. */
    public record Round(List<RideCommand> commands, List<RideOffered> offers) {
    }

    private record Offer(WaitingRide ride, String driverId, LatLng driverPosition, long pickupEtaSeconds,
                         Instant offeredAt) {
    }

    private static final class Driver {
        LatLng position;
        boolean online;
        String rideId;
        /** With zones: this process may offer the driver (the zone's owner heard it go online or was handed it). */
        boolean custody;
        /** With zones: the latest report taken in, so an older one (a handover repeated) changes nothing. */
        Instant reportedAt;
        /** With zones: a report that took the driver out of the zone it was reported to, to hand on once free. */
        DriverEvent leaving;
        /**
         * Offers in a row this driver let expire without an answer. At {@link #MOST_UNANSWERED} it is offered
         * nothing more until it is heard from again (a report or an answer).
         */
        int unanswered;
        /**
         * Whether the driver may be in {@link #available}: set as this board puts it there; a matcher that takes it
         * out leaves it set, and the next refresh removes it for nothing. Spares a busy driver's every report a
         * lookup in the index for a driver it does not hold.
         */
        boolean mayBeAvailable;
    }

    /**
     * Unanswered offers in a row after which a driver is set aside: its app is gone (the simulator process that
     * drove it was killed, and a killed process takes nobody offline), and each ride offered to it would wait the
     * offer timeout for nothing, ride after ride. Not in the log: a platform restarted offers such a driver twice
     * again before it sets it aside.
     */
    static final int MOST_UNANSWERED = 2;

    /** @param referenceLatitude a latitude in the middle of the city, for the grid's cell width */
    public DispatchBoard(Matcher matcher, TravelModel travel, Duration maxWait, double referenceLatitude) {
        this(matcher, travel, maxWait, new GridIndex(CELL_METERS, referenceLatitude), referenceLatitude,
                Duration.ofSeconds(30), Duration.ZERO);
    }

    /**
     * @param available         an empty index for free drivers
     * @param referenceLatitude a latitude in the middle of the city, for the waiting pickups' grid
     * @param offerTimeout      how long an offer waits for the driver's answer before it counts as declined
     * @param declineCooldown   how long a driver who declined gets no offer
     */
    public DispatchBoard(Matcher matcher, TravelModel travel, Duration maxWait, DriverIndex available,
                         double referenceLatitude, Duration offerTimeout, Duration declineCooldown) {
        this.matcher = matcher;
        this.travel = travel;
        this.maxWait = maxWait;
        this.offerTimeout = offerTimeout;
        this.declineCooldown = declineCooldown;
        this.available = available;
        this.waitingPlaces = new WaitingPlaces(new GridIndex.Squares(CELL_METERS, referenceLatitude), OLDEST_FIRST);
    }

    /**
     * Folds one logged event in while the platform rebuilds its state. The log keeps order per ride and per
     * driver, not across them (a replay reads partition by partition), so nothing is decided until
     * {@link #restored()}: a driver is held by the ride the log shows open for them, whatever order their rides
     * came in, and stands where their latest report or drop-off puts them.
     */
    public void restore(DomainEvent event) {
        switch (event) {
            case RideRequested e -> restoring.open.put(e.rideId(), e);
            case DriverAssigned e -> restoring.assigned.put(e.rideId(), e.driverId());
            case RideCompleted e -> {
                RideRequested ride = restoring.open.remove(e.rideId());
                restoring.assigned.remove(e.rideId());
                if (ride != null) {
                    restoring.lastDropoff.merge(e.driverId(), new Dropoff(e.completedAt(), ride.dropoff()),
                            (a, b) -> b.at().isAfter(a.at()) ? b : a);
                }
            }
            case RideCancelled e -> {
                restoring.open.remove(e.rideId());
                restoring.assigned.remove(e.rideId());
            }
            case RideStarted e -> {
                // still held
            }
            case PaymentProcessed e -> {
                // nothing to dispatch
            }
            case PaymentFailed e -> {
            }
            case DriverEvent e -> restoring.lastReport.merge(e.driverId(), e,
                    (a, b) -> b.at().isBefore(a.at()) ? a : b);
        }
    }

    /** Puts in place what {@link #restore} gathered: waiting rides, held drivers, where each driver is. */
    public void restored() {
        restoring.lastReport.forEach((driverId, report) -> {
            Driver driver = driver(driverId);
            driver.online = !(report instanceof DriverWentOffline);
            driver.position = report.position();
        });
        restoring.lastDropoff.forEach((driverId, dropoff) -> {
            DriverEvent report = restoring.lastReport.get(driverId);
            Instant reported = report != null ? report.at() : driver(driverId).reportedAt;
            if (reported == null || dropoff.at().isAfter(reported)) {
                driver(driverId).position = dropoff.position();
            }
        });
        restoring.open.values().forEach(request -> {
            dropoffs.put(request.rideId(), request.dropoff());
            String driverId = restoring.assigned.get(request.rideId());
            if (driverId == null) {
                addWaiting(new WaitingRide(request.rideId(), request.pickup(), request.requestedAt()));
            } else {
                hold(driverId, request.rideId());
            }
        });
        drivers.values().stream().filter(d -> d.leaving != null && d.rideId == null).forEach(this::handOver);
        drivers.forEach(this::refresh);
        restoring = new Restoring();
    }

    public void apply(DomainEvent event) {
        switch (event) {
            case RideRequested e -> {
                if (!dropoffs.containsKey(e.rideId())) {
                    addWaiting(new WaitingRide(e.rideId(), e.pickup(), e.requestedAt()));
                    dropoffs.put(e.rideId(), e.dropoff());
                }
            }
            case DriverAssigned e -> {
                removeWaiting(e.rideId());
                hold(e.driverId(), e.rideId());
            }
            case RideCompleted e -> freeDriver(e.driverId(), e.rideId(), dropoffs.remove(e.rideId()));
            case RideCancelled e -> {
                removeWaiting(e.rideId());
                offered.remove(e.rideId()); // an answer still on its way finds nothing to act on
                dropoffs.remove(e.rideId());
                String driverId = driverByRide.get(e.rideId());
                if (driverId != null) {
                    freeDriver(driverId, e.rideId(), null);
                }
            }
            case RideStarted ignored -> {
                // the driver stays held from assignment to drop-off
            }
            case PaymentProcessed ignored -> {
                // nothing to dispatch
            }
            case PaymentFailed ignored -> {
            }
            case DriverEvent e -> {
                if (zones == null) { // with zones, drivers come in through report(), which knows their zone
                    Driver driver = driver(e.driverId());
                    driver.position = e.position();
                    driver.online = !(e instanceof DriverWentOffline);
                    driver.unanswered = 0;
                    refresh(e.driverId(), driver);
                }
            }
        }
    }

    /**
     * From now on this board offers only drivers in {@code ownedZones} of {@code cityZones}, and only those in its
     * custody: several platform processes share the city, each owning the zones of the partitions Kafka gave it.
     */
    public void ownZones(Zones cityZones, Set<Integer> ownedZones) {
        this.zones = cityZones;
        this.owned = Set.copyOf(ownedZones);
        drivers.forEach(this::refresh);
    }

    /**
     * A driver's report, read from the log of zone {@code reportedTo} (where the driver's previous report put it,
     * or where it went online), or handed over by the owner of the zone it left. A driver is in one process's
     * custody at a time: the zone's owner takes it when it goes online or is handed to it, and, when a report takes
     * it into another zone, hands it on as soon as it holds no offer or ride of its own ({@link #takeHandovers}).
     * So two processes never offer one driver. Without zones ({@link #ownZones} never called) it is {@link #apply}.
     */
    public void report(DriverEvent event, int reportedTo, boolean handedOver) {
        if (zones == null) {
            apply(event);
        } else {
            take(event, reportedTo, handedOver, true);
        }
    }

    /**
     * A driver's report read from the log while the platform rebuilds (in the log's order within each zone): as
     * {@link #report}, but a handover waits for {@link #restored()}, which knows who holds the driver.
     */
    public void restoreReport(DriverEvent event, int reportedTo, boolean handedOver) {
        if (zones == null) {
            restore(event);
        } else {
            take(event, reportedTo, handedOver, false);
        }
    }

    private void take(DriverEvent event, int reportedTo, boolean handedOver, boolean live) {
        Driver driver = driver(event.driverId());
        if (driver.reportedAt != null && event.at().isBefore(driver.reportedAt)) {
            // older than what this board knows: only a hand it waited for counts, when the newer report that came
            // first kept the driver in this zone
            if (handedOver && zones.of(driver.position) == reportedTo) {
                driver.custody = true;
                if (live) {
                    refresh(event.driverId(), driver);
                }
            }
            return;
        }
        driver.reportedAt = event.at();
        driver.position = event.position();
        driver.online = !(event instanceof DriverWentOffline);
        driver.unanswered = 0;
        if (handedOver || event instanceof DriverWentOnline) {
            driver.custody = true;
        }
        if (zones.of(event.position()) != reportedTo) {
            // it left: the next owner gets it once this board holds nothing of it (a held driver stays in this
            // board's custody, unoffered, until its offer or ride is over)
            driver.leaving = event;
            if (driver.rideId == null && live) {
                handOver(driver);
            }
        } else {
            driver.leaving = null;
        }
        if (live) {
            refresh(event.driverId(), driver);
        }
    }

    private void handOver(Driver driver) {
        handovers.add(driver.leaving);
        driver.leaving = null;
        driver.custody = false;
    }

    /** The reports to write to the log of the zone each driver went to, for that zone's owner; emptied. */
    public List<DriverEvent> takeHandovers() {
        if (handovers.isEmpty()) {
            return List.of();
        }
        List<DriverEvent> taken = List.copyOf(handovers);
        handovers.clear();
        return taken;
    }

    /**
     * One dispatch round at {@code now}: rides that waited longer than the limit are cancelled, offers left
     * unanswered too long count as declined, and the rest go to the matcher, whose picks are offered to their
     * drivers. An offered driver and ride are held until {@link #answer}.
     */
    public Round dispatch(Instant now) {
        List<RideCommand> commands = new ArrayList<>();
        List<RideOffered> offers = new ArrayList<>();
        expireOffers(now);
        while (!waiting.isEmpty() && !waiting.first().requestedAt().plus(maxWait).isAfter(now)) {
            WaitingRide ride = waiting.first();
            removeWaiting(ride.rideId());
            commands.add(new CancelRide(ride.rideId(), CancelReason.NO_DRIVER, now));
        }
        endCooldowns(now);
        if (!matcher.roundDue(now)) {
            return new Round(commands, offers); // the rides and drivers noted since the last round wait for the next
        }
        for (Match m : matchChanges(now)) {
            WaitingRide ride = waitingById.get(m.rideId());
            removeWaiting(m.rideId());
            hold(m.driverId(), m.rideId());
            long eta = travel.secondsFor(m.distanceMeters() * travel.detourFactor(), m.driverPosition(), now);
            offered.put(m.rideId(), new Offer(ride, m.driverId(), m.driverPosition(), eta, now));
            offers.add(new RideOffered(m.rideId(), m.driverId(), ride.pickup(), now));
        }
        return new Round(commands, offers);
    }

    /**
     * The earliest time after {@code now} at which a round has something to do though nothing else happens: an
     * offer expiring, a ride waiting its longest, a driver's cooldown ending, or the matcher's next round when rides
     * or drivers are new since its last one; null for none. A clock may skip the rounds before it.
     */
    public Instant nextDue(Instant now) {
        Instant due = null;
        if (!offered.isEmpty()) {
            due = offered.values().iterator().next().offeredAt().plus(offerTimeout); // offers are kept oldest first
        }
        if (!waiting.isEmpty()) {
            due = Due.earliest(due, waiting.first().requestedAt().plus(maxWait));
        }
        for (Instant rested : coolingDown.values()) {
            due = Due.earliest(due, rested);
        }
        if (!newRides.isEmpty() || !freshDrivers.isEmpty()) {
            due = Due.earliest(due, matcher.firstRoundAfter(now));
        }
        return due;
    }

    /**
     * A driver's answer at {@code now}: an accepted offer becomes the assignment to ask the ride service for; a
     * declined one puts the ride back for the next round and the driver out of offers for the cooldown. An answer
     * to no open offer (late, repeated, or from another driver) assigns nothing, but its driver is heard from.
     */
    public Optional<AssignDriver> answer(Answer answer, Instant now) {
        heardFrom(answer.driverId());
        Offer offer = offered.get(answer.rideId());
        if (offer == null || !offer.driverId().equals(answer.driverId())) {
            return Optional.empty();
        }
        return switch (answer) {
            case OfferAccepted accepted -> {
                offered.remove(answer.rideId());
                yield Optional.of(new AssignDriver(answer.rideId(), offer.driverId(), offer.driverPosition(),
                        offer.pickupEtaSeconds(), now));
            }
            case OfferDeclined declinedOffer -> {
                decline(offer, now);
                yield Optional.empty();
            }
        };
    }

    private void expireOffers(Instant now) {
        Iterator<Offer> oldestFirst = offered.values().iterator();
        List<Offer> expired = new ArrayList<>();
        while (oldestFirst.hasNext()) {
            Offer offer = oldestFirst.next();
            if (offer.offeredAt().plus(offerTimeout).isAfter(now)) {
                break;
            }
            expired.add(offer);
        }
        for (Offer offer : expired) {
            driver(offer.driverId()).unanswered++; // an offered driver is on the board (hold put it there)
            decline(offer, now);
        }
    }

    /** A driver answered or reported: one set aside for unanswered offers ({@link #MOST_UNANSWERED}) is back. */
    private void heardFrom(String driverId) {
        Driver driver = drivers.get(driverId);
        if (driver != null && driver.unanswered > 0) {
            driver.unanswered = 0;
            refresh(driverId, driver);
        }
    }

    private void decline(Offer offer, Instant now) {
        String rideId = offer.ride().rideId();
        offered.remove(rideId);
        declined++;
        coolingDown.put(offer.driverId(), now.plus(declineCooldown));
        freeDriver(offer.driverId(), rideId, null);
        addWaiting(offer.ride()); // back to matching next round
    }

    /** The matcher's picks this round, from what changed since the last one. */
    private List<Match> matchChanges(Instant now) {
        if (freshDrivers.size() > FRESH_DRIVERS_SEARCHED) {
            // a shift starting, or a platform hearing of every driver at once through Kafka: a search around each
            // would cost seconds (found by the bench), and every waiting ride may match anyway
            newRides.clear();
            freshDrivers.clear();
            return matcher.match(new ArrayList<>(waiting), available, now);
        }
        if (matcher instanceof Matcher.FollowsChanges greedy) {
            List<WaitingRide> rides = newRidesOldestFirst();
            Map<String, LatLng> drivers = newDriversAvailable();
            Set<String> skipped = Set.copyOf(newRides);
            newRides.clear();
            freshDrivers.clear();
            return greedy.match(rides, drivers, from -> waitingPlaces.oldestInReach(from, matcher.maxPickupMeters(),
                    ride -> skipped.contains(ride.rideId())), available, now);
        }
        return matcher.match(ridesThatMayMatch(), available, now);
    }

    /** The rides new this round (or put back), oldest first. */
    private List<WaitingRide> newRidesOldestFirst() {
        List<WaitingRide> rides = new ArrayList<>(newRides.size());
        for (String rideId : newRides) {
            WaitingRide ride = waitingById.get(rideId);
            if (ride != null) {
                rides.add(ride);
            }
        }
        rides.sort(OLDEST_FIRST);
        return rides;
    }

    /** The drivers new this round that are free to take a ride, in id order, with their positions. */
    private Map<String, LatLng> newDriversAvailable() {
        Map<String, LatLng> free = new LinkedHashMap<>();
        for (String driverId : freshDrivers) {
            if (available.contains(driverId)) {
                free.put(driverId, drivers.get(driverId).position);
            }
        }
        return free;
    }

    /** Beyond this many drivers new in a round, every waiting ride is a candidate. */
    private static final int FRESH_DRIVERS_SEARCHED = 256;

    /**
     * The rides a round offers the matcher, oldest first, as many as it takes ({@link Matcher#oldestTaken}): the
     * new ones, and those that waited through the last round within reach of a driver newly free, merged into
     * one oldest-first order.
     */
    private List<WaitingRide> ridesThatMayMatch() {
        List<WaitingRide> candidates = new ArrayList<>();
        if (available.size() > 0) {
            List<WaitingRide> fresh = newRidesOldestFirst();
            Iterator<WaitingRide> near = waitingPlaces.oldestInReachOfAny(
                    List.copyOf(newDriversAvailable().values()), matcher.maxPickupMeters(),
                    ride -> newRides.contains(ride.rideId()));
            int wanted = matcher.oldestTaken();
            int nextFresh = 0;
            WaitingRide nextNear = near.hasNext() ? near.next() : null;
            while (candidates.size() < wanted && (nextFresh < fresh.size() || nextNear != null)) {
                if (nextNear == null || nextFresh < fresh.size()
                        && OLDEST_FIRST.compare(fresh.get(nextFresh), nextNear) < 0) {
                    candidates.add(fresh.get(nextFresh++));
                } else {
                    candidates.add(nextNear);
                    nextNear = near.hasNext() ? near.next() : null;
                }
            }
        }
        newRides.clear();
        freshDrivers.clear();
        return candidates;
    }

    private void endCooldowns(Instant now) {
        List<String> rested = coolingDown.entrySet().stream().filter(e -> !e.getValue().isAfter(now))
                .map(Map.Entry::getKey).toList();
        for (String driverId : rested) {
            coolingDown.remove(driverId);
            Driver driver = drivers.get(driverId);
            if (driver != null) {
                refresh(driverId, driver);
            }
        }
    }

    /** Offers drivers declined, or left unanswered for the offer timeout, so far. */
    public long declinedOffers() {
        return declined;
    }

    /** The ride service refused an assignment (the ride was cancelled meanwhile): the driver is free again. */
    public void assignmentRefused(AssignDriver assignment) {
        freeDriver(assignment.driverId(), assignment.rideId(), null);
    }

    public int waitingRides() {
        return waiting.size();
    }

    public int availableDrivers() {
        return available.size();
    }

    private void hold(String driverId, String rideId) {
        Driver driver = driver(driverId);
        driver.rideId = rideId;
        driverByRide.put(rideId, driverId);
        refresh(driverId, driver);
    }

    private void freeDriver(String driverId, String rideId, LatLng newPosition) {
        driverByRide.remove(rideId, driverId);
        Driver driver = drivers.get(driverId);
        if (driver == null || !rideId.equals(driver.rideId)) {
            return;
        }
        driver.rideId = null;
        if (newPosition != null) {
            driver.position = newPosition;
        }
        if (driver.leaving != null) {
            handOver(driver);
        }
        refresh(driverId, driver);
    }

    private void refresh(String driverId, Driver driver) {
        if (driver.online && driver.rideId == null && driver.position != null && !coolingDown.containsKey(driverId)
                && driver.unanswered < MOST_UNANSWERED
                && (zones == null || driver.custody && owned.contains(zones.of(driver.position)))) {
            available.put(driverId, driver.position);
            driver.mayBeAvailable = true;
            freshDrivers.add(driverId);
        } else if (driver.mayBeAvailable) {
            available.remove(driverId);
            driver.mayBeAvailable = false;
        }
    }

    private Driver driver(String driverId) {
        return drivers.computeIfAbsent(driverId, id -> new Driver());
    }

    private void addWaiting(WaitingRide ride) {
        waiting.add(ride);
        waitingById.put(ride.rideId(), ride);
        waitingPlaces.put(ride);
        newRides.add(ride.rideId());
    }

    private void removeWaiting(String rideId) {
        WaitingRide ride = waitingById.remove(rideId);
        if (ride != null) {
            waiting.remove(ride);
            waitingPlaces.remove(rideId);
        }
    }
}
