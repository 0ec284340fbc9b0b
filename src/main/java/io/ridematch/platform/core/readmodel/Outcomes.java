package io.ridematch.platform.core.readmodel;

/**
 * What became of the rides: requested, matched to a driver, completed, cancelled; of the completed ones, paid or
 * failed for good at the payment provider; and those not completed or cancelled yet.
 */
public record Outcomes(long requested, long matched, long completed, long cancelled, long paid, long paymentFailed,
                       long inFlight) {

    /** Every ride ended: completed and then paid or failed at payment, or cancelled. */
    public boolean allEnded() {
        return inFlight == 0 && paid + paymentFailed == completed;
    }
}
