package io.ridematch.bus;

import io.ridematch.contract.DomainEvent;
import java.util.List;

/** A batch of the city's events as the event log holds them, each partition's in its order. */
public record LoggedEvents(List<DomainEvent> events) {
}
