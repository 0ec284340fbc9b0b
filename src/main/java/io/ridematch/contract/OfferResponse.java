package io.ridematch.contract;

/**
 * How a driver answers a ride offer: the platform offers, the driver's app (here, the simulated driver of
 * world.core.DriverReplies) accepts or declines. Within one process the answer comes back at once.
 */
@FunctionalInterface
public interface OfferResponse {

    boolean accepts(String driverId, String rideId);

    static OfferResponse acceptAll() {
        return (driver, ride) -> true;
    }
}
