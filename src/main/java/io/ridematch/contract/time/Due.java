package io.ridematch.contract.time;

import java.time.Instant;

/** Times something is due at, where null means nothing is. */
public final class Due {

    private Due() {
    }

    /** The earlier of two due times; null only when neither is due. */
    public static Instant earliest(Instant a, Instant b) {
        return a == null || b != null && b.isBefore(a) ? b : a;
    }
}
