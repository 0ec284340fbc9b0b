package io.ridematch.platform.core.readmodel;

import io.ridematch.contract.RideEvent;
import java.util.List;

/** Every event of one ride, in order: the ride as its event stream. */
public record RideHistory(String rideId, List<RideEvent> events) {
}
