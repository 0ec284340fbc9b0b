package io.ridematch.bus;

/**
 * The longest time one handler of the bus kept its event loop busy, and on which address: what tells whether
 * a run stayed within Vert.x's golden rule (a handler does not block its loop; the brief allows 100 ms).
 */
public final class LongestHandler {

    /** The longest handling seen, on {@code address}. */
    public record Seen(String address, long nanos) {

        public double millis() {
            return nanos / 1e6;
        }
    }

    private volatile Seen longest = new Seen("", 0);

    void handled(String address, long nanos) {
        if (nanos > longest.nanos()) {
            record(address, nanos);
        }
    }

    private synchronized void record(String address, long nanos) {
        if (nanos > longest.nanos()) {
            longest = new Seen(address, nanos);
        }
    }

    public Seen longest() {
        return longest;
    }
}
