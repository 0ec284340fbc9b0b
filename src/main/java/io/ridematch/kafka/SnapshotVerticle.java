package io.ridematch.kafka;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ridematch.platform.core.snapshot.SnapshotFold;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Keeps a platform's snapshot: tails {@code ride-events} and {@code driver-events} from where the platform's
 * rebuild stopped, folds each event into a {@link SnapshotFold} (location reports unread until a snapshot holds
 * them), and every period writes the fold with the
 * offsets it reached ({@link SnapshotStore}). It reads the log, not the bus, so a snapshot is exactly the log up
 * to its offsets, whatever the services have in flight. A worker verticle: its Kafka clients block.
 */
public final class SnapshotVerticle extends VerticleBase {

    private static final long POLL_EVERY_MILLIS = 200;

    private final KafkaSettings settings;
    private final SnapshotFold fold;
    private final LogPosition from;
    private final Duration every;
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong lastEvents = new AtomicLong();
    private long generation;
    private boolean writeNow;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> producer;
    private long timer;
    private long nextDue;
    private long appliedAtLast = -1;
    private boolean failedOnce;
    private volatile boolean stopping;

    /**
     * @param fold       what the rebuild folded, up to {@code from}
     * @param generation the generation of the snapshot the rebuild started from (0 for none)
     * @param writeNow   the rebuild read much of the log: the next restart should not have to
     */
    public SnapshotVerticle(KafkaSettings settings, SnapshotFold fold, LogPosition from, long generation,
                            Duration every, boolean writeNow, MeterRegistry registry) {
        this.settings = settings;
        this.fold = fold;
        this.from = from;
        this.generation = generation;
        this.every = every;
        this.writeNow = writeNow;
        this.registry = registry;
    }

    @Override
    public Future<?> start() {
        consumer = LogReader.consumer(settings.connection());
        List<TopicPartition> partitions = new java.util.ArrayList<>(
                LogReader.partitions(consumer, List.of(Topics.RIDE_EVENTS, Topics.DRIVER_EVENTS)));
        // the zones this platform owns, where it shares the city: its snapshot holds only theirs
        partitions.removeIf(tp -> from.partitions() > 0 && !from.names(tp));
        consumer.assign(partitions);
        partitions.forEach(tp -> consumer.seek(tp, from.next(tp)));
        Map<String, Object> config = new HashMap<>(settings.producerConfig());
        config.put("client.id", config.get("client.id") + "-snapshots");
        config.put("linger.ms", "20");
        config.put("delivery.timeout.ms", "30000");
        config.put("request.timeout.ms", "10000");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        nextDue = writeNow ? System.nanoTime() : System.nanoTime() + every.toNanos();
        timer = vertx.setTimer(POLL_EVERY_MILLIS, id -> tailAndMaybeWrite());
        if (registry != null) {
            meters.add(FunctionCounter.builder("ridematch_snapshots_written", written, AtomicLong::get)
                    .description("Snapshots this platform wrote to " + Topics.SNAPSHOTS).register(registry));
            meters.add(Gauge.builder("ridematch_snapshot_events", lastEvents, AtomicLong::get)
                    .description("Events in the last snapshot written").register(registry));
        }
        return Future.succeededFuture();
    }

    private void tailAndMaybeWrite() {
        try {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                // a fleet's location reports are most of the log, and the fold keeps each driver's latest: their
                // JSON is read only for a snapshot, and only the latest of each driver's
                Optional<SnapshotFold.PendingReport> report = LogReader.locationReport(record);
                if (report.isPresent()) {
                    fold.applyReport(report.get());
                } else {
                    LogReader.decode(record).ifPresent(logged -> fold.apply(logged.event()));
                }
            }
            if (System.nanoTime() >= nextDue && fold.applied() != appliedAtLast) {
                write();
            }
        } catch (RuntimeException e) {
            sayOnce("could not keep the snapshot (" + e.getMessage() + ")");
        }
        if (!stopping) {
            // the next round is armed when this one is done: a long write does not pile rounds up behind it
            timer = vertx.setTimer(POLL_EVERY_MILLIS, id -> tailAndMaybeWrite());
        }
    }

    private void write() {
        nextDue = System.nanoTime() + every.toNanos();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        consumer.assignment().forEach(tp -> offsets.put(tp, consumer.position(tp)));
        try {
            var snapshot = fold.snapshot();
            SnapshotStore.write(producer, settings.snapshotKey(), generation + 1, snapshot, offsets, settings.source());
            generation++;
            appliedAtLast = fold.applied();
            written.incrementAndGet();
            lastEvents.set(snapshot.events().size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            sayOnce("could not write a snapshot to " + Topics.SNAPSHOTS + " (" + e.getMessage()
                    + "); a restart reads more of the log");
        }
    }

    private void sayOnce(String line) {
        if (!failedOnce) {
            failedOnce = true;
            System.err.println("ridematch: " + line);
        }
    }

    /** Snapshots written since this process started. */
    public long written() {
        return written.get();
    }

    @Override
    public Future<?> stop() {
        // the snapshot writer of the zones this process owns next registers its own
        meters.forEach(meter -> registry.remove(meter));
        stopping = true;
        vertx.cancelTimer(timer);
        consumer.close(Duration.ofSeconds(5));
        producer.close(Duration.ofSeconds(5));
        return Future.succeededFuture();
    }
}
