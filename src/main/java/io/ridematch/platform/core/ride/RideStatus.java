package io.ridematch.platform.core.ride;

public enum RideStatus {
    /** No event yet: the ride does not exist. */
    NONE,
    REQUESTED,
    ASSIGNED,
    STARTED,
    COMPLETED,
    PAID,
    CANCELLED;

    /** Paid and cancelled rides take no further command. */
    public boolean isFinished() {
        return this == PAID || this == CANCELLED;
    }
}
