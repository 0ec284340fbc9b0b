package io.ridematch.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * The process's one Prometheus registry, wired into Vert.x once: the event bus's meters ({@link EventBusMeters}),
 * vertx-micrometer-metrics' for the HTTP server and clients, the JVM's.
 */
public final class Metrics {

    private Metrics() {
    }

    public static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /** A Vert.x instance whose own metrics go to {@code registry}. */
    public static Vertx vertxWith(PrometheusMeterRegistry registry, VertxOptions options) {
        MicrometerMetricsOptions metrics = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true);
        registry.config().meterFilter(GaugesBoundOnce.filter(metrics.getMetricsNaming()));
        options.setMetricsOptions(metrics);
        return Vertx.builder().with(options).withMetrics(new WithEventBusMeters(registry)).build();
    }
}
