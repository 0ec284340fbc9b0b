package io.ridematch.platform.core.readmodel;

import io.ridematch.platform.core.readmodel.DriverView.DriverStatus;
import java.time.Instant;
import java.util.Map;

/** The city at a moment: outcomes, KPIs, drivers by state. What {@code GET /api/stats} shows. */
public record CityStats(Instant simTime, Outcomes outcomes, Kpis kpis, Map<DriverStatus, Long> drivers,
                        long events) {
}
