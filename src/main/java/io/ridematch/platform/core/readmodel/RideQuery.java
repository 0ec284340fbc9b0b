package io.ridematch.platform.core.readmodel;

import io.ridematch.platform.core.ride.RideStatus;
import java.util.List;

/**
 * Which rides {@code GET /api/rides} lists: of a status and a pickup zone, or any (null), the most recently
 * requested first, at most {@code limit}.
 */
public record RideQuery(RideStatus status, String zone, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public RideQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", was " + limit);
        }
        if (zone != null && !Zones.isAddress(zone)) {
            throw new IllegalArgumentException("zone must be an H3 cell of resolution " + Zones.RESOLUTION
                    + " (15 hex digits, as rides.csv's from_zone: 882681a327fffff), was '" + zone + "'");
        }
        if (status == RideStatus.NONE) {
            throw new IllegalArgumentException("no ride has the status none");
        }
    }

    /** The answer: the rides, and how many the read model holds that the query matched. */
    public record Answer(List<RideView> rides, long matched) {
    }
}
