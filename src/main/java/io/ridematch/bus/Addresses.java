package io.ridematch.bus;

/** Every event-bus address the services use. Events are published; commands and queries are requests. */
public final class Addresses {

    /** Every {@code RideEvent}, published. */
    public static final String RIDE_EVENTS = "ride.events";
    /** Every {@code DriverEvent}, published. */
    public static final String DRIVER_EVENTS = "driver.events";
    /**
     * {@link DriverReport}: a driver event from the log with the zone it was read from (a platform process that
     * shares the city: its matching service takes drivers in through these, not {@link #DRIVER_EVENTS}).
     */
    public static final String DRIVER_REPORTS = "driver.reports";
    /** {@link DriverReport}: a driver the matching service hands to the owner of the zone it went to. */
    public static final String DRIVER_HANDOVERS = "driver.handovers";
    /** {@code RideCommand} requests to the ride service; the reply is a {@link CommandAccepted}. */
    public static final String RIDE_COMMANDS = "ride.commands";
    /** {@code RideOffered}, published by the matching service to the drivers' apps. */
    public static final String RIDE_OFFERS = "driver.offers";
    /** {@code OfferAccepted} or {@code OfferDeclined}, published by a driver's app to the matching service. */
    public static final String OFFER_ANSWERS = "driver.answers";
    /** {@link ClockTick}: simulation time moved; do what is due. */
    public static final String CLOCK_TICK = "clock.tick";
    /** {@link DispatchRound}: everything due at this time happened; match waiting rides now. */
    public static final String CLOCK_DISPATCH = "clock.dispatch";
    /** {@link DispatchRound}: this process's world stopped (its end, or Ctrl-C); the round at that time was its last. */
    public static final String WORLD_ENDED = "clock.world-ended";
    /** {@link WorldTime}: a simulator elsewhere moved the world's clock; a following clock catches up. */
    public static final String WORLD_TIME = "clock.world";
    /** {@code WorldSettled}: a simulator elsewhere did all that was due at its time; a following clock matches. */
    public static final String WORLD_SETTLED = "clock.world-settled";
    /**
     * {@link LoggedEvents}: every event of the city as a platform process reads it back from the log, for its
     * city-wide views ({@link EventFeed#CITY_LOG}).
     */
    public static final String CITY_LOG = "log.city";
    /** Read-model queries answered by the projection. */
    public static final String QUERY_RIDE = "query.ride";
    public static final String QUERY_RIDES = "query.rides";
    public static final String QUERY_RIDE_HISTORY = "query.ride-history";
    public static final String QUERY_DRIVER = "query.driver";
    public static final String QUERY_STATS = "query.stats";
    /** The Kafka bridge's view of this process in its consumer group, for {@code GET /api/cluster}. */
    public static final String QUERY_CLUSTER = "query.cluster";
    /** The trip service's surge per zone, for the live map. */
    public static final String QUERY_SURGE = "query.surge";

    private Addresses() {
    }
}
