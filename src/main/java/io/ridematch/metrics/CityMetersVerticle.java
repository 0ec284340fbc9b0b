package io.ridematch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentFailed;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.RideEvent.RideStarted;
import io.ridematch.json.EventTypes;
import io.ridematch.json.Json;
import io.ridematch.platform.core.readmodel.CityStats;
import io.ridematch.platform.core.readmodel.DriverView.DriverStatus;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The domain meters. Counted as events are published: events by type, rides by how they ended, rider wait and
 * pickup ETA distributions (in simulated seconds). Read from the projection once a second: drivers by state,
 * served % and utilisation. Where several platform processes share a city, the counters count what this one
 * decides (Prometheus sums them over processes) and the gauges show the whole city in each (a dashboard takes
 * their max). Names follow Prometheus conventions; tags stay low-cardinality.
 */
public final class CityMetersVerticle extends VerticleBase {

    private static final long GAUGE_REFRESH_MILLIS = 1_000;

    private final DomainBus bus;
    private final MeterRegistry registry;
    private final Map<String, Counter> eventsByType = new HashMap<>();
    private final Map<String, Instant> requestedAt = new HashMap<>();
    private final DistributionSummary waits;
    private final DistributionSummary pickupEtas;
    private final AtomicReference<CityStats> latest = new AtomicReference<>();

    public CityMetersVerticle(DomainBus bus, MeterRegistry registry) {
        this.bus = bus;
        this.registry = registry;
        this.waits = DistributionSummary.builder("ridematch_rider_wait_seconds")
                .description("Request to pickup, simulated seconds").baseUnit("seconds")
                .serviceLevelObjectives(60, 120, 180, 300, 420, 600, 900, 1200).register(registry);
        this.pickupEtas = DistributionSummary.builder("ridematch_pickup_eta_seconds")
                .description("Pickup ETA promised at assignment, simulated seconds").baseUnit("seconds")
                .serviceLevelObjectives(60, 120, 180, 300, 420, 600, 900).register(registry);
        for (DriverStatus status : DriverStatus.values()) {
            Gauge.builder("ridematch_drivers", () -> driversIn(status)).description("Drivers by state")
                    .tag("state", Json.kebab(status)).register(registry);
        }
        Gauge.builder("ridematch_served_ratio", () -> kpi(s -> s.kpis().servedPercent() / 100))
                .description("Completed over requested rides").register(registry);
        Gauge.builder("ridematch_driver_utilisation_ratio", () -> kpi(s -> s.kpis().utilisation()))
                .description("Time on trip over time online").register(registry);
    }

    @Override
    public Future<?> start() {
        vertx.setPeriodic(GAUGE_REFRESH_MILLIS, id -> bus.<CityStats>query(Addresses.QUERY_STATS, "metrics")
                .onSuccess(latest::set));
        return Future.join(
                bus.<DomainEvent>subscribe(Addresses.RIDE_EVENTS, this::count),
                bus.<DomainEvent>subscribe(Addresses.DRIVER_EVENTS, this::count));
    }

    private void count(DomainEvent event) {
        String type = EventTypes.nameOf(event);
        eventsByType.computeIfAbsent(type, t -> Counter.builder("ridematch_events")
                .description("Events published, by CloudEvents type").tag("type", t).register(registry)).increment();
        switch (event) {
            case RideRequested e -> requestedAt.put(e.rideId(), e.requestedAt());
            case DriverAssigned e -> pickupEtas.record(e.pickupEtaSeconds());
            case RideStarted e -> {
                Instant requested = requestedAt.remove(e.rideId());
                if (requested != null) {
                    waits.record(Duration.between(requested, e.startedAt()).toSeconds());
                }
            }
            case RideCompleted ignored -> {
                registry.counter("ridematch_rides_finished", "outcome", "completed", "reason", "none").increment();
            }
            case RideCancelled c -> {
                requestedAt.remove(c.rideId());
                registry.counter("ridematch_rides_finished", "outcome", "cancelled", "reason", Json.kebab(c.reason()))
                        .increment();
            }
            case PaymentProcessed ignored -> {
                // counted by type above; a paid ride finished when it completed
            }
            case PaymentFailed ignored -> {
                // counted by type above
            }
            case DriverEvent ignored -> {
                // counted by type above; the driver gauges come from the read model
            }
        }
    }

    private double driversIn(DriverStatus status) {
        CityStats stats = latest.get();
        return stats == null ? 0 : stats.drivers().getOrDefault(status, 0L);
    }

    private double kpi(java.util.function.ToDoubleFunction<CityStats> value) {
        CityStats stats = latest.get();
        return stats == null ? 0 : value.applyAsDouble(stats);
    }
}
