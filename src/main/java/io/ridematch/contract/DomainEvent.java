package io.ridematch.contract;

import java.time.Instant;

/** Every fact the platform records: what happened to a ride or to a driver. */
public sealed interface DomainEvent permits RideEvent, DriverEvent {

    /** The ride id or driver id the event is about (the Kafka key, the CloudEvents subject). */
    String subject();

    /** Simulation time at which it happened. */
    Instant occurredAt();
}
