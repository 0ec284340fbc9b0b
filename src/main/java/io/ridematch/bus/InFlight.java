package io.ridematch.bus;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts bus deliveries not handled yet. A delivery is counted before it is sent and released after its handler
 * returned, and a handler counts what it sends before it returns, so zero means the whole process is idle. The
 * simulation clock waits for that before moving time on, which keeps a run at full speed deterministic.
 */
public final class InFlight {

    private final AtomicLong pending = new AtomicLong();
    private final Queue<Runnable> waiters = new ConcurrentLinkedQueue<>();

    void begin(int deliveries) {
        // zero after a begin: a wall-time wait gave back a count it had let go of (DomainBus.outsideTheStep)
        if (pending.addAndGet(deliveries) == 0) {
            wakeWaiters();
        }
    }

    void end() {
        if (pending.decrementAndGet() == 0) {
            wakeWaiters();
        }
    }

    public long pending() {
        return pending.get();
    }

    /** Completes on {@code context} once nothing is in flight. */
    public Future<Void> settled(Context context) {
        Promise<Void> promise = Promise.promise();
        awaitZero(context, promise);
        return promise.future();
    }

    /**
     * A wake-up can be stale: a thread that saw zero may run its wake-up after new work began. So the waiter
     * checks again on its own context, and waits anew if work is still in flight.
     */
    private void awaitZero(Context context, Promise<Void> promise) {
        waiters.add(() -> context.runOnContext(v -> {
            if (pending.get() == 0) {
                promise.tryComplete();
            } else {
                awaitZero(context, promise);
            }
        }));
        if (pending.get() == 0) {
            wakeWaiters();
        }
    }

    private void wakeWaiters() {
        Runnable waiter;
        while ((waiter = waiters.poll()) != null) {
            waiter.run();
        }
    }
}
