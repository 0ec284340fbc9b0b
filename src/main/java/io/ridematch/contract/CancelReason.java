package io.ridematch.contract;

import java.util.Arrays;

/** Why a ride ended without a trip; {@link #wire()} is the value on the event contract. */
public enum CancelReason {
    RIDER_TIMEOUT("rider-timeout"),
    NO_DRIVER("no-driver"),
    RIDER_CANCELLED("rider-cancelled");

    private final String wire;

    CancelReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static CancelReason fromWire(String value) {
        return Arrays.stream(values())
                .filter(r -> r.wire.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown cancel reason: " + value));
    }
}
