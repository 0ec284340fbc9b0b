package io.ridematch.chain;

import java.time.Duration;

/**
 * How one service of the chain calls another, as a careful engineer sets a client up.
 *
 * @param timeout     wall time one attempt may take before it counts as failed
 * @param attempts    attempts of one call before the caller gives up (an answer that says no is never retried)
 * @param backoff     wait before the second attempt, doubled before each later one
 * @param connections connections kept open to the service at most
 * @param waitQueue   calls waiting for a connection at most; one more fails at once
 */
public record CallPolicy(Duration timeout, int attempts, Duration backoff, int connections, int waitQueue) {

    /** A second per attempt, three attempts 100 and 200 ms apart, 16 connections, 256 calls waiting. */
    public static final CallPolicy DEFAULT = new CallPolicy(Duration.ofSeconds(1), 3, Duration.ofMillis(100), 16, 256);

    public CallPolicy {
        if (timeout.isNegative() || timeout.isZero() || attempts < 1 || backoff.isNegative() || connections < 1
                || waitQueue < 0) {
            throw new IllegalArgumentException("a call policy needs a positive timeout, an attempt, a backoff of zero "
                    + "or more, a connection and a wait queue of zero or more");
        }
    }

    /** The wait before attempt {@code next} (from 2). */
    Duration backoffBefore(int next) {
        return backoff.multipliedBy(1L << Math.min(20, next - 2));
    }
}
