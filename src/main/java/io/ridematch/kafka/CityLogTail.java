package io.ridematch.kafka;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.bus.LoggedEvents;
import io.ridematch.contract.DomainEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads every partition of the event log, from its start and then as it grows, and publishes it in batches on
 * {@link Addresses#CITY_LOG}: what a platform process's city-wide views (read model, live map) fold when it
 * decides only some zones. The partitions are assigned, not subscribed: no consumer group, nothing committed,
 * since each process rebuilds its views from the log when it starts. Reading runs at most
 * {@link #BATCHES_IN_FLIGHT} batches ahead of the views' fold, so a long log never piles up on the bus. Records
 * that are not events of the contract are passed over (the bridge dead-letters them). Deploy it as a worker: it
 * blocks on Kafka.
 */
public final class CityLogTail extends VerticleBase {

    private static final Duration POLL = Duration.ofMillis(100);
    /** Batches handed to the views and not folded yet, at most: reading runs ahead of folding by this much. */
    static final int BATCHES_IN_FLIGHT = 4;

    private final DomainBus bus;
    private final KafkaConnection connection;
    private final Promise<Long> caughtUp = Promise.promise();
    private KafkaConsumer<String, byte[]> consumer;
    private List<TopicPartition> partitions;
    /** Where the log ended when this tail started: once it read that far, the views hold what came before it. */
    private LogPosition endsAtStart;
    /** Per partition, the next offset not folded yet; read from other threads. */
    private volatile LogPosition folded = LogPosition.START;
    private long events;
    private long startedNanos;
    private volatile double catchUpSeconds;
    private boolean stopped;
    private int inFlight;
    private boolean waitingForRoom;

    public CityLogTail(DomainBus bus, KafkaConnection connection) {
        this.bus = bus;
        this.connection = connection;
    }

    @Override
    public Future<?> start() {
        startedNanos = System.nanoTime();
        consumer = LogReader.consumer(connection);
        partitions = LogReader.partitions(consumer, Topics.EVENT_LOG);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        endsAtStart = new LogPosition(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
        context.runOnContext(v -> poll());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        consumer.close(Duration.ofSeconds(5));
        return Future.succeededFuture();
    }

    /**
     * Completes, with the number of events folded, once the views hold the log as it was when this tail started:
     * until then they are being rebuilt.
     */
    public Future<Long> caughtUp() {
        return caughtUp.future();
    }

    /**
     * Completes once the views hold the log as it ends now, or fails after {@code bound} saying how far behind
     * they are: a summary at the end of a run waits on it, so it shows the events the last moment wrote.
     */
    public Future<Void> current(Duration bound) {
        return vertx.executeBlocking(() -> LogReader.endOffsets(connection, Topics.EVENT_LOG)).compose(ends -> {
            Promise<Void> reached = Promise.promise();
            long deadline = System.nanoTime() + bound.toNanos();
            long[] timer = new long[1];
            timer[0] = vertx.setPeriodic(20, id -> {
                long behind = ends.recordsAfter(folded);
                if (behind == 0) {
                    vertx.cancelTimer(timer[0]);
                    reached.tryComplete();
                } else if (System.nanoTime() > deadline) {
                    vertx.cancelTimer(timer[0]);
                    reached.tryFail(String.format(Locale.ROOT, "the city view was still %,d records behind the "
                            + "event log after %d s", behind, bound.toSeconds()));
                }
            });
            return reached.future();
        });
    }

    /** How long it took to read the log as it was at the start, once it did. */
    public double catchUpSeconds() {
        return catchUpSeconds;
    }

    /**
     * Reads the next batch and hands it to the views; while they fold it, the batches after it are read, up to
     * {@link #BATCHES_IN_FLIGHT}.
     */
    private void poll() {
        if (stopped) {
            return;
        }
        if (inFlight >= BATCHES_IN_FLIGHT) {
            waitingForRoom = true;
            return;
        }
        List<DomainEvent> batch = new ArrayList<>();
        try {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                // a driver's report handed to another zone's owner is in the log twice: the city saw it once
                LogReader.decode(record).filter(logged -> !logged.handedOver())
                        .ifPresent(logged -> batch.add(logged.event()));
            }
        } catch (RuntimeException e) {
            if (caughtUp.tryFail("the city view could not read the event log: " + e.getMessage())) {
                return;
            }
            // the views stand where they were: tried again in a second, and said once per failure
            System.out.println("ridematch: the city view could not read the event log (" + e.getMessage()
                    + "); trying again in 1 s");
            vertx.setTimer(1_000, id -> poll());
            return;
        }
        Map<TopicPartition, Long> positions = new HashMap<>();
        partitions.forEach(partition -> positions.put(partition, consumer.position(partition)));
        LogPosition read = new LogPosition(positions);
        if (!batch.isEmpty()) {
            inFlight++;
            bus.publishAndTrack(Addresses.CITY_LOG, new LoggedEvents(batch)).onComplete(handled -> {
                inFlight--;
                folded(batch.size(), read);
                if (waitingForRoom) {
                    waitingForRoom = false;
                    poll();
                }
            });
        } else if (inFlight == 0) {
            folded(0, read);
        }
        context.runOnContext(v -> poll());
    }

    /** A batch is folded: the views stand where the consumer stood after reading it. */
    private void folded(int batchEvents, LogPosition read) {
        if (stopped) {
            return;
        }
        events += batchEvents;
        folded = read;
        if (!caughtUp.future().isComplete() && endsAtStart.recordsAfter(folded) == 0) {
            catchUpSeconds = (System.nanoTime() - startedNanos) / 1e9;
            caughtUp.complete(events);
        }
    }
}
