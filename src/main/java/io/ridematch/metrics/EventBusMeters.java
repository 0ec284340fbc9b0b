package io.ridematch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MetricsNaming;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Vert.x's event-bus meters, the names and tags vertx-micrometer-metrics gives them ({@code vertx_eventbus_published},
 * {@code sent}, {@code received}, {@code delivered}, {@code processed}, {@code discarded}, {@code replyFailures},
 * and the {@code handlers} and {@code pending} gauges, by {@code address} and {@code side}), each bound once per
 * address. vertx-micrometer-metrics 5.1.6 builds each message's tags and looks its meters up in the registry again,
 * and registers the {@code pending} gauge anew for every message (vertx-micrometer-metrics#259): about 7 % of the
 * event loop's time on a New York day, where here a message costs one lookup of its address. Vert.x's internal
 * addresses ({@code __vertx.}, replies among them) are not measured, as there.
 */
final class EventBusMeters implements EventBusMetrics<EventBusMeters.Address> {

    private final MeterRegistry registry;
    private final MetricsNaming names;
    private final Map<String, Address> addresses = new ConcurrentHashMap<>();
    private final Map<Tags, Counter> replyFailures = new ConcurrentHashMap<>();

    EventBusMeters(MeterRegistry registry, MetricsNaming naming) {
        this.registry = registry;
        this.names = naming.withBaseName(MetricsDomain.EVENT_BUS.getPrefix());
    }

    /**
     * One address's meters, made when a handler registers on it or a message first goes there (the handlers gauge,
     * and each side's pending gauge, at once, as Vert.x binds them for each handler); the metric object Vert.x
     * hands back with each delivery to the address's handlers.
     */
    final class Address {
        private final LongAdder handlers = new LongAdder();
        private final Side local;
        private final Side remote;

        Address(String address) {
            Gauge.builder(names.getEbHandlers(), handlers, LongAdder::doubleValue)
                    .description("Number of event bus handlers in use").tags("address", address).register(registry);
            local = new Side(address, "local");
            remote = new Side(address, "remote");
        }

        Side side(boolean isLocal) {
            return isLocal ? local : remote;
        }
    }

    /** An address's meters for messages from this process ({@code local}) or from cluster peers ({@code remote}). */
    final class Side {
        private final LongAdder pending = new LongAdder();
        private final LazyCounter published;
        private final LazyCounter sent;
        private final LazyCounter received;
        private final LazyCounter delivered;
        private final LazyCounter processed;
        private final LazyCounter discarded;

        Side(String address, String side) {
            Tags tags = Tags.of("address", address, "side", side);
            Gauge.builder(names.getEbPending(), pending, LongAdder::doubleValue)
                    .description("Number of messages not processed yet").tags(tags).register(registry);
            published = new LazyCounter(names.getEbPublished(), "Number of messages published (publish / subscribe)",
                    tags);
            sent = new LazyCounter(names.getEbSent(), "Number of messages sent (point-to-point)", tags);
            received = new LazyCounter(names.getEbReceived(), "Number of messages received", tags);
            delivered = new LazyCounter(names.getEbDelivered(), "Number of messages delivered to handlers", tags);
            processed = new LazyCounter(names.getEbProcessed(), "Number of processed messages", tags);
            discarded = new LazyCounter(names.getEbDiscarded(), "Number of discarded messages", tags);
        }
    }

    /** A counter made on first use, as Vert.x's are; two threads making it get the same one from the registry. */
    final class LazyCounter {
        private final String name;
        private final String description;
        private final Tags tags;
        private volatile Counter counter;

        LazyCounter(String name, String description, Tags tags) {
            this.name = name;
            this.description = description;
            this.tags = tags;
        }

        void increment() {
            Counter known = counter;
            if (known == null) {
                counter = known = Counter.builder(name).description(description).tags(tags).register(registry);
            }
            known.increment();
        }
    }

    private static boolean measured(String address) {
        return !address.startsWith("__vertx.");
    }

    private Address address(String address) {
        Address known = addresses.get(address);
        return known != null ? known : addresses.computeIfAbsent(address, Address::new);
    }

    @Override
    public Address handlerRegistered(String address) {
        if (!measured(address)) {
            return null;
        }
        Address meters = address(address);
        meters.handlers.increment();
        return meters;
    }

    @Override
    public void handlerUnregistered(Address handler) {
        if (handler != null) {
            handler.handlers.decrement();
        }
    }

    @Override
    public void messageDelivered(Address handler, boolean local) {
        if (handler != null) {
            Side side = handler.side(local);
            side.pending.decrement();
            side.processed.increment();
        }
    }

    @Override
    public void discardMessage(Address handler, boolean local, Message<?> msg) {
        if (handler != null) {
            Side side = handler.side(local);
            side.pending.decrement();
            side.discarded.increment();
        }
    }

    @Override
    public void messageSent(String address, boolean publish, boolean local, boolean remote) {
        if (measured(address)) {
            Side side = address(address).side(local);
            (publish ? side.published : side.sent).increment();
        }
    }

    @Override
    public void messageReceived(String address, boolean publish, boolean local, int handlers) {
        if (measured(address)) {
            Side side = address(address).side(local);
            side.received.increment();
            if (handlers > 0) {
                side.pending.add(handlers);
                side.delivered.increment();
            }
        }
    }

    @Override
    public void replyFailure(String address, ReplyFailure failure) {
        if (measured(address)) {
            replyFailures.computeIfAbsent(Tags.of("address", address, "failure", failure.name()),
                    tags -> Counter.builder(names.getEbReplyFailures()).description("Number of message reply failures")
                            .tags(tags).register(registry)).increment();
        }
    }
}
