package io.ridematch.world.core;

import io.ridematch.contract.OfferResponse;
import java.util.SplittableRandom;

/** How the simulated drivers answer ride offers: the world's behaviour, asked by the platform through the contract. */
public final class DriverReplies {

    private DriverReplies() {
    }

    /**
     * Each offer declined with probability {@code p}, drawn from the seed and the pair alone: the same driver
     * answers the same ride the same way in every run, whatever order the offers come in.
     */
    public static OfferResponse declining(double p, long seed) {
        if (p <= 0) {
            return OfferResponse.acceptAll();
        }
        return (driver, ride) -> new SplittableRandom(seed ^ (31L * driver.hashCode() + ride.hashCode()))
                .nextDouble() >= p;
    }
}
