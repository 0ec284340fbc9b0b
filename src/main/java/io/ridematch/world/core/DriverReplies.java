package io.ridematch.world.core;

import java.util.SplittableRandom;

/** How the simulated drivers answer ride offers: the world's behaviour, not the platform's. */
final class DriverReplies {

    private final double declineProbability;
    private final long seed;

    /**
     * Each offer declined with probability {@code declineProbability}, drawn from the seed and the pair alone: the
     * same driver answers the same ride the same way in every run, whatever order the offers come in.
     */
    DriverReplies(double declineProbability, long seed) {
        this.declineProbability = declineProbability;
        this.seed = seed;
    }

    boolean accepts(String driverId, String rideId) {
        return declineProbability <= 0 || new SplittableRandom(seed ^ (31L * driverId.hashCode() + rideId.hashCode()))
                .nextDouble() >= declineProbability;
    }
}
