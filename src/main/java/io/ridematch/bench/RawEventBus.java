package io.ridematch.bench;

import io.ridematch.contract.DomainEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import java.util.List;

/**
 * The ceiling: how many of the same event records the Vert.x event bus moves per second in this JVM, with the
 * same local codec and nothing else to do. One verticle publishes, another (on its own event loop) counts.
 */
public final class RawEventBus {

    private static final String ADDRESS = "bench.raw";
    /** Published before yielding the event loop, and the most the consumer may fall behind. */
    private static final int BATCH = 10_000;

    private RawEventBus() {
    }

    /**
     * Messages per second over {@code messages} publications of {@code events}, cycled, on {@code vertx}: a
     * Vert.x of its own, with the bus installed ({@link DomainBus#install}: the local codec the platform uses).
     */
    public static Future<Double> messagesPerSecond(Vertx vertx, List<DomainEvent> events, long messages) {
        Counter counter = new Counter();
        long[] started = new long[1];
        return vertx.deployVerticle(counter)
                .compose(id -> {
                    started[0] = System.nanoTime();
                    return vertx.deployVerticle(new Publisher(events, messages, counter));
                })
                .compose(id -> counter.received(messages))
                .map(v -> messages / ((System.nanoTime() - started[0]) / 1e9));
    }

    private static final class Counter extends VerticleBase {
        private volatile long count;
        private long target = Long.MAX_VALUE;
        private final Promise<Void> done = Promise.promise();

        @Override
        public Future<?> start() {
            return vertx.eventBus().consumer(ADDRESS, message -> {
                if (++count >= target) {
                    done.tryComplete();
                }
            }).completion();
        }

        Future<Void> received(long messages) {
            Promise<Void> reached = Promise.promise();
            context.runOnContext(v -> {
                target = messages;
                if (count >= target) {
                    done.tryComplete();
                }
                done.future().onComplete(reached);
            });
            return reached.future();
        }
    }

    private static final class Publisher extends VerticleBase {
        private final List<DomainEvent> events;
        private final long messages;
        private final Counter counter;
        private long sent;

        Publisher(List<DomainEvent> events, long messages, Counter counter) {
            this.events = events;
            this.messages = messages;
            this.counter = counter;
        }

        @Override
        public Future<?> start() {
            context.runOnContext(v -> publishBatch());
            return Future.succeededFuture();
        }

        private void publishBatch() {
            EventBus bus = vertx.eventBus();
            if (sent - counter.count < 10L * BATCH) {
                long end = Math.min(messages, sent + BATCH);
                for (; sent < end; sent++) {
                    bus.publish(ADDRESS, events.get((int) (sent % events.size())));
                }
            }
            if (sent < messages) {
                context.runOnContext(v -> publishBatch());
            }
        }
    }
}
