package io.ridematch.platform.core.ride;

public enum RideStatus {
    /** No event yet: the ride does not exist. */
    NONE,
    REQUESTED,
    ASSIGNED,
    STARTED,
    COMPLETED,
    PAID,
    /** Completed, and the payment provider never took the charge. */
    PAYMENT_FAILED,
    CANCELLED;

    /** Paid, unpaid for good and cancelled rides take no further command. */
    public boolean isFinished() {
        return this == PAID || this == PAYMENT_FAILED || this == CANCELLED;
    }
}
