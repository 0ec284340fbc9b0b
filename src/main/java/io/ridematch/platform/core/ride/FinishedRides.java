package io.ridematch.platform.core.ride;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The rides that are over and how each ended, in about one bit per ride: what the ride service, the read model
 * and the snapshot keep of a finished ride so that a redelivered command or event for it is still refused, while
 * its state is let go. Ride ids end in a number ({@code ride-0001234}, {@code sim-a-ride-0001234}): each pattern
 * (the text before the number, and how many digits the number has) keeps one bit set per way a ride can end.
 * An id not of that shape is kept whole.
 */
public final class FinishedRides {

    private static final RideStatus[] ENDS = {RideStatus.PAID, RideStatus.PAYMENT_FAILED, RideStatus.CANCELLED};
    /** Numbers up to nine digits fit an int, a bit set's index. */
    private static final int MAX_DIGITS = 9;

    private final Map<String, BitSet[]> byPattern = new HashMap<>();
    private final Map<String, RideStatus> others = new HashMap<>();
    private long size;

    /** Records that {@code rideId} ended as {@code status}; a ride already recorded keeps its first end. */
    public void add(String rideId, RideStatus status) {
        int end = indexOf(status);
        if (statusOf(rideId) != null) {
            return;
        }
        size++;
        int digits = trailingDigits(rideId);
        if (digits == 0) {
            others.put(rideId, status);
            return;
        }
        BitSet[] sets = byPattern.computeIfAbsent(pattern(rideId, digits), p -> new BitSet[ENDS.length]);
        if (sets[end] == null) {
            sets[end] = new BitSet();
        }
        sets[end].set(number(rideId, digits));
    }

    /** How {@code rideId} ended, or null when it is not recorded here. */
    public RideStatus statusOf(String rideId) {
        int digits = trailingDigits(rideId);
        if (digits == 0) {
            return others.get(rideId);
        }
        BitSet[] sets = byPattern.get(pattern(rideId, digits));
        if (sets == null) {
            return null;
        }
        int number = number(rideId, digits);
        for (int i = 0; i < ENDS.length; i++) {
            if (sets[i] != null && sets[i].get(number)) {
                return ENDS[i];
            }
        }
        return null;
    }

    /** Rides recorded. */
    public long size() {
        return size;
    }

    private static int indexOf(RideStatus status) {
        for (int i = 0; i < ENDS.length; i++) {
            if (ENDS[i] == status) {
                return i;
            }
        }
        throw new IllegalArgumentException("a ride that is " + status + " is not over");
    }

    /** Digits the id ends in, or 0 when it ends in none or in more than a bit set can index. */
    private static int trailingDigits(String rideId) {
        int digits = 0;
        for (int i = rideId.length() - 1; i >= 0 && rideId.charAt(i) >= '0' && rideId.charAt(i) <= '9'; i--) {
            digits++;
        }
        return digits > MAX_DIGITS ? 0 : digits;
    }

    private static String pattern(String rideId, int digits) {
        return rideId.substring(0, rideId.length() - digits) + '#' + digits;
    }

    private static int number(String rideId, int digits) {
        return Integer.parseInt(rideId, rideId.length() - digits, rideId.length(), 10);
    }
}
