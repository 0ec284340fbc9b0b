package io.ridematch.platform.core.notify;

import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.money.Money;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The receipts riders are sent when their ride completes: one per ride. A receipt asked for again (a retried call,
 * an event seen twice) is not sent again but counted as a repeat; the rides remembered for that are the last
 * {@value #REMEMBERED}, so the memory does not grow with the day.
 */
public final class Receipts {

    /** What a rider is told of a completed ride. */
    public record Receipt(String rideId, String driverId, double distanceMeters, long durationSeconds, Money fare) {

        public static Receipt of(RideCompleted completed) {
            return new Receipt(completed.rideId(), completed.driverId(), completed.distanceMeters(),
                    completed.durationSeconds(), completed.fare());
        }
    }

    /** Receipts sent, and receipts asked for again and not sent. */
    public record Sent(long sent, long repeats) {
    }

    static final int REMEMBERED = 100_000;

    private final Map<String, Boolean> recent = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };
    private long sent;
    private long repeats;

    /** True if the receipt went out now, false if this ride's had already. */
    public synchronized boolean send(Receipt receipt) {
        if (recent.putIfAbsent(receipt.rideId(), Boolean.TRUE) != null) {
            repeats++;
            return false;
        }
        sent++;
        return true;
    }

    public synchronized Sent sent() {
        return new Sent(sent, repeats);
    }
}
