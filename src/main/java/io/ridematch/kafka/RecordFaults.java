package io.ridematch.kafka;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Faults on purpose between Kafka and the services, off by default: a record read is handed over twice with
 * probability {@code duplicate} (again right after the first time, as a redelivery), and each is held a random
 * time up to {@code maxDelay} first, so records of different partitions overtake each other (those of one
 * partition keep their order, as Kafka keeps it). What the platform must survive from a slow network and from
 * redeliveries, injected where it can be counted.
 */
public record RecordFaults(double duplicate, Duration maxDelay) {

    public static final RecordFaults NONE = new RecordFaults(0, Duration.ZERO);

    public RecordFaults {
        if (!(duplicate >= 0 && duplicate <= 1)) {
            throw new IllegalArgumentException("--kafka-fault-duplicate must be in [0, 1], was " + duplicate);
        }
        if (maxDelay.isNegative() || maxDelay.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("--kafka-fault-delay must be between 0s and 1m");
        }
    }

    public boolean any() {
        return duplicate > 0 || !maxDelay.isZero();
    }

    boolean duplicates(SplittableRandom random) {
        return duplicate > 0 && random.nextDouble() < duplicate;
    }

    /** A wait in milliseconds, at least 1 (a Vert.x timer's least). */
    long delayMillis(SplittableRandom random) {
        long max = maxDelay.toMillis();
        return max == 0 ? 1 : 1 + random.nextLong(max);
    }
}
