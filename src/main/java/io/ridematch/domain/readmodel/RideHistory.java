package io.ridematch.domain.readmodel;

import io.ridematch.domain.event.RideEvent;
import java.util.List;

/** Every event of one ride, in order: the ride as its event stream. */
public record RideHistory(String rideId, List<RideEvent> events) {
}
