package io.ridematch.chain;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the chain's calls did in a run: attempts and calls given up by the service called, rides it failed. */
public final class ChainStats {

    private final Map<String, AtomicLong> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failedAttempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> givenUp = new ConcurrentHashMap<>();
    private final AtomicLong requestsFailed = new AtomicLong();
    private final AtomicLong assignmentsFailed = new AtomicLong();
    private final AtomicLong givenUpButServed = new AtomicLong();

    /** One figure per service called. */
    public record Calls(long attempts, long failedAttempts, long givenUp) {
    }

    void attempted(String service, boolean ok) {
        attempts.computeIfAbsent(service, s -> new AtomicLong()).incrementAndGet();
        if (!ok) {
            failedAttempts.computeIfAbsent(service, s -> new AtomicLong()).incrementAndGet();
        }
    }

    void gaveUp(String service) {
        givenUp.computeIfAbsent(service, s -> new AtomicLong()).incrementAndGet();
    }

    /** A rider's request the ride service took and had to cancel: matching could not take it in. */
    void requestFailed() {
        requestsFailed.incrementAndGet();
    }

    /**
     * A request the ride service gave up on that matching had taken in anyway (it answered after the caller's
     * timeout): the ride went on, though its cancel was meant to end it.
     */
    void gaveUpButServed() {
        givenUpButServed.incrementAndGet();
    }

    public long givenUpButServed() {
        return givenUpButServed.get();
    }

    /** A driver who accepted an offer and could not be assigned: the trip service did not answer. */
    void assignmentFailed() {
        assignmentsFailed.incrementAndGet();
    }

    public long requestsFailed() {
        return requestsFailed.get();
    }

    public long assignmentsFailed() {
        return assignmentsFailed.get();
    }

    /** By the service called, in name order. */
    public Map<String, Calls> calls() {
        Map<String, Calls> all = new TreeMap<>();
        attempts.forEach((service, n) -> all.put(service, new Calls(n.get(), count(failedAttempts, service),
                count(givenUp, service))));
        return all;
    }

    private static long count(Map<String, AtomicLong> counts, String service) {
        AtomicLong n = counts.get(service);
        return n == null ? 0 : n.get();
    }
}
