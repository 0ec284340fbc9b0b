package io.ridematch.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientConfig;
import io.vertx.core.http.HttpServerConfig;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.QuicEndpointConfig;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TcpClientConfig;
import io.vertx.core.net.TcpServerConfig;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TransportMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * vertx-micrometer-metrics for everything but the event bus, whose meters {@link EventBusMeters} keeps: the same
 * names, each bound once. Every other kind of metrics (HTTP server and client, TCP, pools, datagrams) is the
 * library's own.
 */
final class WithEventBusMeters implements VertxMetricsFactory {

    private final MicrometerMetricsFactory library;
    private final MeterRegistry registry;

    WithEventBusMeters(MeterRegistry registry) {
        this.library = new MicrometerMetricsFactory(registry);
        this.registry = registry;
    }

    @Override
    public VertxMetrics metrics(VertxOptions options) {
        VertxMetrics theLibrarys = library.metrics(options);
        MetricsOptions metricsOptions = options.getMetricsOptions();
        EventBusMeters eventBus = new EventBusMeters(registry, metricsOptions instanceof MicrometerMetricsOptions m
                ? m.getMetricsNaming() : MicrometerMetricsOptions.DEFAULT_METRICS_NAMING);
        return new VertxMetrics() {
            @Override
            public EventBusMetrics<?> createEventBusMetrics() {
                return eventBus;
            }

            @Override
            public HttpServerMetrics<?, ?> createHttpServerMetrics(HttpServerConfig config, SocketAddress tcpLocal,
                                                                   SocketAddress udpLocal) {
                return theLibrarys.createHttpServerMetrics(config, tcpLocal, udpLocal);
            }

            @Override
            public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remote, String type, String namespace) {
                return theLibrarys.createClientMetrics(remote, type, namespace);
            }

            @Override
            public HttpClientMetrics<?, ?> createHttpClientMetrics(HttpClientConfig config) {
                return theLibrarys.createHttpClientMetrics(config);
            }

            @Override
            public TransportMetrics<?> createTcpServerMetrics(TcpServerConfig config, String protocol,
                                                              SocketAddress local) {
                return theLibrarys.createTcpServerMetrics(config, protocol, local);
            }

            @Override
            public TransportMetrics<?> createTcpClientMetrics(TcpClientConfig config, String protocol) {
                return theLibrarys.createTcpClientMetrics(config, protocol);
            }

            @Override
            public TransportMetrics<?> createQuicEndpointMetrics(QuicEndpointConfig config, String protocol,
                                                                 SocketAddress local) {
                return theLibrarys.createQuicEndpointMetrics(config, protocol, local);
            }

            @Override
            public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
                return theLibrarys.createDatagramSocketMetrics(options);
            }

            @Override
            public PoolMetrics<?, ?> createPoolMetrics(String poolType, String poolName, int maxPoolSize) {
                return theLibrarys.createPoolMetrics(poolType, poolName, maxPoolSize);
            }

            @Override
            public void vertxCreated(Vertx vertx) {
                theLibrarys.vertxCreated(vertx);
            }

            @Override
            public boolean isMetricsEnabled() {
                return theLibrarys.isMetricsEnabled();
            }

            @Override
            public void close() {
                theLibrarys.close();
            }
        };
    }

    @Override
    public MetricsOptions newOptions(MetricsOptions options) {
        return library.newOptions(options);
    }

    @Override
    public MetricsOptions newOptions() {
        return library.newOptions();
    }

    @Override
    public MetricsOptions newOptions(io.vertx.core.json.JsonObject json) {
        return library.newOptions(json);
    }
}
