package io.ridematch.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.vertx.micrometer.MetricsNaming;
import java.util.List;

/**
 * Keeps out of the registry the Vert.x gauges that vertx-micrometer-metrics registers again for every HTTP request,
 * connection or pool under the same id (its {@code LongGaugeBuilder}; vertx-micrometer-metrics #259, micrometer
 * #6931). Micrometer warns on such a second registration, so a clean start printed a WARN the user did not ask for.
 * Denied before registration, these meters are never bound at all, once or twice; the HTTP counters and timers
 * stay. The event bus's gauges are bound once, by {@link EventBusMeters}.
 */
public final class GaugesBoundOnce {

    private GaugesBoundOnce() {
    }

    /** The last part of each such gauge's name ({@code vertx.http.server.active.requests} ends in its leaf). */
    static List<String> reRegisteredLeaves(MetricsNaming names) {
        return List.of(names.getHttpActiveRequests(), names.getHttpActiveWsConnections(),
                names.getNetActiveConnections(), names.getClientProcessingPending(), names.getPoolInUse(),
                names.getPoolQueuePending(), names.getPoolUsageRatio());
    }

    /** A filter that denies every Vert.x gauge registered once per request, connection or pool. */
    public static MeterFilter filter(MetricsNaming names) {
        List<String> leaves = reRegisteredLeaves(names);
        return MeterFilter.deny(id -> isReRegistered(id, leaves));
    }

    static boolean isReRegistered(Meter.Id id, List<String> leaves) {
        if (id.getType() != Meter.Type.GAUGE || !id.getName().startsWith("vertx.")) {
            return false;
        }
        String name = id.getName();
        return leaves.stream().anyMatch(leaf -> name.endsWith("." + leaf));
    }
}
