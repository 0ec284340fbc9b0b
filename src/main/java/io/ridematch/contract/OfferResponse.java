package io.ridematch.contract;

import java.util.SplittableRandom;

/** How a driver answers a ride offer. The simulation decides it here; a real platform would ask the app. */
@FunctionalInterface
public interface OfferResponse {

    boolean accepts(String driverId, String rideId);

    static OfferResponse acceptAll() {
        return (driver, ride) -> true;
    }

    /**
     * Each offer declined with probability {@code p}, drawn from the seed and the pair alone: the same driver
     * answers the same ride the same way in every run, whatever order the offers come in.
     */
    static OfferResponse declineWithProbability(double p, long seed) {
        if (p <= 0) {
            return acceptAll();
        }
        return (driver, ride) -> new SplittableRandom(seed ^ (31L * driver.hashCode() + ride.hashCode()))
                .nextDouble() >= p;
    }
}
