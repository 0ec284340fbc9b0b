package io.ridematch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ridematch.bus.DomainBus;
import io.ridematch.city.City;
import io.ridematch.city.ScenarioFile;
import io.ridematch.city.SimulateConfig;
import io.ridematch.contract.Role;
import io.ridematch.platform.core.readmodel.CityStats;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} after a short run: Prometheus text with the domain meters and Vert.x's own. */
class MetricsEndpointTest {

    @Test
    void metricsShowDomainCountersAndVertxMeters() throws Exception {
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        Vertx vertx = Metrics.vertxWith(registry, new VertxOptions());
        try {
            SimulateConfig config = new SimulateConfig("small-town", Duration.ofMinutes(30), null, 0, 42, 0, null);
            City city = City.start(vertx, DomainBus.install(vertx), Role.SIMULATE,
                    ScenarioFile.load("small-town"), config, null, "", registry).await(60, TimeUnit.SECONDS);
            city.finished().await(60, TimeUnit.SECONDS);
            CityStats stats = city.stats().await(60, TimeUnit.SECONDS);
            String text = WebClient.create(vertx).get(city.httpPort(), "127.0.0.1", "/metrics").send()
                    .await(60, TimeUnit.SECONDS)
                    .bodyAsString();

            assertThat(text).contains("ridematch_events_total{type=\"ridematch.ride.requested\"} "
                    + (double) stats.outcomes().requested());
            assertThat(text).contains("ridematch_rides_finished_total{outcome=\"completed\",reason=\"none\"} "
                    + (double) stats.outcomes().completed());
            assertThat(text).contains("vertx_eventbus_published_total").contains("jvm_memory_used_bytes");
            assertThat(text).contains("ridematch_match_latency_seconds_bucket")
                    .contains("ridematch_rider_wait_seconds_count").contains("ridematch_pickup_eta_seconds_bucket")
                    .contains("ridematch_drivers{state=\"idle\"}").contains("ridematch_served_ratio")
                    .contains("ridematch_driver_utilisation_ratio");
        } finally {
            vertx.close().await(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void vertxGaugesRegisteredOncePerRequestOrConnectionAreNotBoundAtAll() throws Exception {
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        Vertx vertx = Metrics.vertxWith(registry, new VertxOptions());
        try {
            var server = vertx.createHttpServer().requestHandler(r -> r.response().end("ok")).listen(0)
                    .await(60, TimeUnit.SECONDS);
            WebClient client = WebClient.create(vertx);
            for (int i = 0; i < 3; i++) {
                client.get(server.actualPort(), "127.0.0.1", "/").send().await(60, TimeUnit.SECONDS);
            }

            // vertx-micrometer-metrics registers these again per request or connection: Micrometer warns
            assertThat(registry.getMeters()).extracting(m -> m.getId().getName())
                    .doesNotContain("vertx.http.server.active.requests", "vertx.http.server.active.connections",
                            "vertx.net.server.active.connections")
                    .contains("vertx.http.server.requests");
        } finally {
            vertx.close().await(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void theEventBusMetersCountEachAddressesMessagesAndHandlersUnderVertxsNames() throws Exception {
        PrometheusMeterRegistry registry = Metrics.newRegistry();
        Vertx vertx = Metrics.vertxWith(registry, new VertxOptions());
        try {
            var first = vertx.eventBus().consumer("twice", m -> m.reply("one"));
            vertx.eventBus().consumer("twice", m -> m.reply("two"));
            first.completion().await(60, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                vertx.eventBus().request("twice", "ping").await(60, TimeUnit.SECONDS);
            }
            java.util.concurrent.CountDownLatch heard = new java.util.concurrent.CountDownLatch(2);
            vertx.eventBus().consumer("news", m -> heard.countDown());
            vertx.eventBus().consumer("news", m -> heard.countDown()).completion().await(60, TimeUnit.SECONDS);
            vertx.eventBus().publish("news", "one message, two handlers");
            assertThat(heard.await(10, TimeUnit.SECONDS)).as("both handlers heard the news").isTrue();

            assertThat(value(registry, "vertx.eventbus.handlers", "address", "twice")).isEqualTo(2);
            assertThat(value(registry, "vertx.eventbus.sent", "address", "twice", "side", "local")).isEqualTo(3);
            assertThat(value(registry, "vertx.eventbus.received", "address", "twice", "side", "local")).isEqualTo(3);
            assertThat(value(registry, "vertx.eventbus.delivered", "address", "twice", "side", "local")).isEqualTo(3);
            assertThat(value(registry, "vertx.eventbus.processed", "address", "twice", "side", "local")).isEqualTo(3);
            assertThat(value(registry, "vertx.eventbus.published", "address", "news", "side", "local")).isEqualTo(1);
            assertThat(value(registry, "vertx.eventbus.processed", "address", "news", "side", "local")).isEqualTo(2);
            assertThat(value(registry, "vertx.eventbus.pending", "address", "news", "side", "local")).isZero();
            // replies go to Vert.x's internal addresses, which are not measured
            assertThat(registry.getMeters()).noneMatch(m -> String.valueOf(m.getId().getTag("address"))
                    .startsWith("__vertx."));

            first.unregister().await(60, TimeUnit.SECONDS);
            assertThat(value(registry, "vertx.eventbus.handlers", "address", "twice")).isEqualTo(1);
        } finally {
            vertx.close().await(60, TimeUnit.SECONDS);
        }
    }

    private static double value(PrometheusMeterRegistry registry, String name, String... tags) {
        var search = registry.find(name).tags(tags);
        var gauge = search.gauge();
        if (gauge != null) {
            return gauge.value();
        }
        var counter = search.counter();
        if (counter == null) {
            throw new AssertionError("no meter " + name + " " + java.util.Arrays.toString(tags));
        }
        return counter.count();
    }
}
