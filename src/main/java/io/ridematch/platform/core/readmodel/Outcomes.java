package io.ridematch.platform.core.readmodel;

/**
 * What became of the rides: requested, matched to a driver, completed, cancelled; of the completed ones, paid or
 * failed for good at the payment provider; and those not completed or cancelled yet.
 */
public record Outcomes(long requested, long matched, long completed, long cancelled, long paid, long paymentFailed,
                       long inFlight) {

    /** Rides not ended yet: in flight, or completed and neither paid nor failed at payment. */
    public long notEnded() {
        return inFlight + completed - paid - paymentFailed;
    }

    /** Every ride ended: completed and then paid or failed at payment, or cancelled. */
    public boolean allEnded() {
        return notEnded() == 0;
    }
}
