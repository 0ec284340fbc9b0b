package io.ridematch.kafka;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What this process handed Kafka and Kafka has not answered yet, and what it read from Kafka and its services have
 * not handled yet. Past either limit the backlog is full: the process takes on no new work (its clock waits on
 * {@link #room()}, its consumer pauses) until both are down to half. Without it a run at full speed hands the
 * producer records faster than the broker takes them, and they pile up in the heap until it is full.
 */
final class Backlog {

    private final long mostUnanswered;
    private final long mostUnhandled;
    private final LongSupplier unanswered;
    private final AtomicLong unhandled = new AtomicLong();
    private final AtomicLong fills = new AtomicLong();
    private final List<Promise<Void>> waiting = new ArrayList<>();
    private final Runnable whenFull;
    private final Runnable whenRoom;
    private volatile boolean full;

    /**
     * @param unanswered records handed to Kafka and not answered yet, as the producer's side counts them
     * @param whenFull   run once each time the backlog fills (the consumer pauses)
     * @param whenRoom   run once each time it is down to half again (the consumer resumes)
     */
    Backlog(long mostUnanswered, long mostUnhandled, LongSupplier unanswered, Runnable whenFull, Runnable whenRoom) {
        if (mostUnanswered < 2 || mostUnhandled < 2) {
            throw new IllegalArgumentException("a backlog needs room for at least two records each way");
        }
        this.mostUnanswered = mostUnanswered;
        this.mostUnhandled = mostUnhandled;
        this.unanswered = unanswered;
        this.whenFull = whenFull;
        this.whenRoom = whenRoom;
    }

    /** A record read from Kafka was handed to the services. */
    void started() {
        unhandled.incrementAndGet();
        check();
    }

    /** The services handled a record read from Kafka. */
    void finished() {
        unhandled.decrementAndGet();
        check();
    }

    /** Completes at once while the backlog has room, otherwise once it is down to half. */
    Future<Void> room() {
        if (!full) {
            return Future.succeededFuture();
        }
        Promise<Void> room = Promise.promise();
        synchronized (this) {
            waiting.add(room);
        }
        check(); // it may have emptied between the look and the queueing
        return room.future();
    }

    /** Times the backlog filled: each time the process waited for Kafka or its own services. */
    long fills() {
        return fills.get();
    }

    boolean full() {
        return full;
    }

    /** Records read from Kafka and not handled yet. */
    long unhandled() {
        return unhandled.get();
    }

    /** Looks at both counts; call after anything that changed one (a record sent, answered, read or handled). */
    void check() {
        if (!full && unanswered.getAsLong() < mostUnanswered && unhandled.get() < mostUnhandled) {
            return; // the common case, without the lock
        }
        List<Promise<Void>> woken = List.of();
        boolean filled = false;
        boolean emptied = false;
        synchronized (this) {
            // counted again under the lock: a count read before it may be stale by now, and a backlog filled on a
            // stale count with nothing left in flight would never be checked again
            long answers = unanswered.getAsLong();
            long reads = unhandled.get();
            if (!full && (answers >= mostUnanswered || reads >= mostUnhandled)) {
                full = true;
                filled = true;
                fills.incrementAndGet();
            } else if (full && answers <= mostUnanswered / 2 && reads <= mostUnhandled / 2) {
                full = false;
                emptied = true;
                woken = List.copyOf(waiting);
                waiting.clear();
            }
        }
        if (filled) {
            whenFull.run();
            check(); // what was answered while this thread filled it saw it not full yet, and looked no further
        }
        if (emptied) {
            whenRoom.run();
            woken.forEach(Promise::tryComplete);
        }
    }
}
