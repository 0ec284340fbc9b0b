package io.ridematch.world.core;

import java.util.SplittableRandom;

/** Seeded randomness: the same seed draws the same numbers in the same order. */
public final class RandomSource {

    private final SplittableRandom random;

    public RandomSource(long seed) {
        this(new SplittableRandom(seed));
    }

    private RandomSource(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream, so that one part of the model drawing more does not shift another's numbers. */
    public RandomSource split() {
        return new RandomSource(random.split());
    }

    public double uniform() {
        return random.nextDouble();
    }

    public double uniform(double min, double max) {
        return min + (max - min) * random.nextDouble();
    }

    public double gaussian() {
        return random.nextGaussian();
    }

    /** Poisson-distributed count: Knuth's product method below 30, a rounded normal approximation above. */
    public int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean >= 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }
}
