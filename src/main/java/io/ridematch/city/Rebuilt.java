package io.ridematch.city;

import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.time.SteppedClock;
import io.ridematch.kafka.CloudEvents.Undecodable;
import io.ridematch.kafka.KafkaBridgeVerticle;
import io.ridematch.kafka.KafkaConnection;
import io.ridematch.kafka.LogPosition;
import io.ridematch.kafka.LogReader;
import io.ridematch.kafka.SnapshotStore;
import io.ridematch.kafka.Topics;
import io.ridematch.platform.core.ride.RideStatus;
import io.ridematch.platform.core.snapshot.SnapshotFold;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * What a platform process rebuilt before it took a command: the latest snapshot, if there is a usable one, and
 * the log after it (else the whole log), folded into each service's state; and the clock moved to the latest
 * world time the log shows (a simulator's last tick, or the latest event).
 *
 * @param events             the events folded in, the snapshot's included
 * @param rides              the rides the ride service knows after it
 * @param worldTime          where the platform's clock stands now
 * @param seconds            how long the read took
 * @param snapshotGeneration the snapshot it started from, 0 for none
 * @param snapshotEvents     the events that snapshot held
 * @param ends               per partition of the log, the next offset the rebuild did not read
 * @param snapshotProblem    why a snapshot there was not used, or null
 */
public record Rebuilt(long events, long undecodable, int rides, Instant worldTime, double seconds,
                      long snapshotGeneration, long snapshotEvents, LogPosition ends,
                      String snapshotProblem) {

    /**
     * How far a rebuild has come, read from another thread: a New York day's log takes about a minute, so whoever
     * waits for a platform to start bounds the wait on this moving, not on the whole read.
     */
    public static final class Progress {
        private final LongAdder records = new LongAdder();
        private volatile long total = -1;
        private volatile boolean started;
        private volatile boolean done;

        /** Log records read so far (reading the snapshot counts as one). */
        public long records() {
            return records.sum();
        }

        /** The log records the rebuild reads, -1 until it knows. */
        public long total() {
            return total;
        }

        /** Whether a rebuild is under way: begun and not done. */
        public boolean reading() {
            return started && !done;
        }
    }

    /** What the rebuild feeds: the deciding services, and the rides a snapshot knows only as over. */
    record Services(Consumer<LogReader.LoggedEvent> deciding, BiConsumer<String, RideStatus> over) {
    }

    /**
     * Reads the snapshot and the log into {@code services} and {@code fold}, and moves {@code clock}; blocking, so
     * run it off the event loop. The read model is not among them: it folds the whole log apart
     * ({@code CityLogTail}).
     */
    static Rebuilt fromLog(KafkaConnection connection, String snapshotKey, boolean useSnapshots, SteppedClock clock,
                           SnapshotFold fold, Services services, IntSupplier rides, Progress progress) {
        return fromLog(connection, snapshotKey, useSnapshots, clock, fold, services, rides, progress, null);
    }

    /** @param zones the partitions (zones) of the log to read, every one for null */
    static Rebuilt fromLog(KafkaConnection connection, String snapshotKey, boolean useSnapshots, SteppedClock clock,
                           SnapshotFold fold, Services services, IntSupplier rides, Progress progress,
                           Set<Integer> zones) {
        long started = System.nanoTime();
        progress.started = true;
        Instant[] latest = {clock.now()};
        Consumer<DomainEvent> later = event -> {
            if (event.occurredAt().isAfter(latest[0])) {
                latest[0] = event.occurredAt();
            }
        };
        String problem = null;
        // where the log ends now: what a snapshot must lie within, and how far the rebuild reads
        LogPosition until = LogReader.endOffsets(connection, Topics.EVENT_LOG).only(zones);
        Optional<SnapshotStore.Stored> stored = Optional.empty();
        if (useSnapshots) {
            try {
                stored = SnapshotStore.latest(connection, snapshotKey);
                progress.records.increment();
                String mismatch = stored.flatMap(s -> s.offsets().notWithin(until)).orElse(null);
                if (mismatch != null) {
                    stored = Optional.empty();
                    problem = "the latest snapshot is not of this log (" + mismatch + "); the whole log is read";
                }
            } catch (Undecodable e) {
                problem = "the latest snapshot is not usable (" + e.getMessage() + "); the whole log is read";
            }
        }
        LogPosition from = LogPosition.START;
        Consumer<DomainEvent> everything = ((Consumer<DomainEvent>) fold::apply).andThen(later);
        if (stored.isPresent()) {
            Consumer<DomainEvent> fromSnapshot = everything;
            stored.get().snapshot().events().forEach(event -> {
                services.deciding().accept(LogReader.LoggedEvent.unplaced(event));
                fromSnapshot.accept(event);
            });
            stored.get().snapshot().overRides().forEach((rideId, status) -> {
                services.over().accept(rideId, status);
                fold.restoreOver(rideId, status);
            });
            from = stored.get().offsets();
        }
        Consumer<DomainEvent> sink = everything;
        progress.total = until.recordsAfter(from);
        LogReader.Summary read = LogReader.readRange(connection, Topics.EVENT_LOG, from, until, logged -> {
            progress.records.increment();
            services.deciding().accept(logged);
            sink.accept(logged.event());
        }, () -> false);
        // a tick far after everything else the log holds is a forgery, refused as the bridge refuses it live
        LogReader.lastWorldTime(connection, latest[0].plus(KafkaBridgeVerticle.FUTURE_LIMIT))
                .filter(tick -> tick.isAfter(latest[0])).ifPresent(tick -> latest[0] = tick);
        clock.advanceTo(latest[0]);
        progress.done = true;
        progress.records.increment();
        long snapshotEvents = stored.map(s -> (long) s.snapshot().events().size()).orElse(0L);
        return new Rebuilt(snapshotEvents + read.events(), read.undecodable(), rides.getAsInt(), latest[0],
                (System.nanoTime() - started) / 1e9, stored.map(s -> s.manifest().generation()).orElse(0L),
                snapshotEvents, read.ends(), problem);
    }

    /** The events read after the snapshot. */
    public long logEvents() {
        return events - snapshotEvents;
    }
}
