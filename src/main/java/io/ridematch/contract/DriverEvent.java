package io.ridematch.contract;

import io.ridematch.contract.geo.LatLng;
import java.time.Instant;

/** What a driver's app reports: going online, moving, going offline. */
public sealed interface DriverEvent extends DomainEvent {

    String driverId();

    LatLng position();

    Instant at();

    @Override
    default String subject() {
        return driverId();
    }

    @Override
    default Instant occurredAt() {
        return at();
    }

    record DriverWentOnline(String driverId, LatLng position, Instant at) implements DriverEvent {
    }

    record DriverLocationUpdated(String driverId, LatLng position, Instant at) implements DriverEvent {
    }

    record DriverWentOffline(String driverId, LatLng position, Instant at) implements DriverEvent {
    }
}
