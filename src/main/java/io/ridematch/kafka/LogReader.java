package io.ridematch.kafka;

import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.time.ClockTick;
import io.ridematch.json.EventTypes;
import io.ridematch.json.InstantText;
import io.ridematch.kafka.CloudEvents.Undecodable;
import io.ridematch.platform.core.snapshot.SnapshotFold;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the event log from offset 0 to its current end, topic by topic, partition by partition (each ride's
 * events are in one partition, in order), without a consumer group: replay commits nothing.
 */
public final class LogReader {

    /**
     * What a read found: decoded events, the records that were not events of the contract, and where it stopped in
     * each partition (the next offset).
     */
    public record Summary(long events, long undecodable, LogPosition ends) {
    }

    /** One event as the log holds it. */
    public record LoggedEvent(DomainEvent event, String ceId, String topic, int partition, long offset,
                              boolean handedOver) {

        /** An event a snapshot held: its partition and offset are not known (-1), nor whether it was handed over. */
        public static LoggedEvent unplaced(DomainEvent event) {
            return new LoggedEvent(event, null, null, -1, -1, false);
        }

    }

    /** A read that gets no record for this long, short of the partition's end, ends with a line saying where. */
    static final Duration READ_STALL = Duration.ofSeconds(60);

    private LogReader() {
    }

    public static Summary readAll(KafkaConnection connection, List<String> topics, Consumer<DomainEvent> sink) {
        return readRecords(connection, topics, logged -> sink.accept(logged.event()), () -> false);
    }

    /** @param stop asked between polls: true ends the read where it is (Ctrl-C), with what was read so far */
    public static Summary readAll(KafkaConnection connection, List<String> topics, Consumer<DomainEvent> sink,
                                  BooleanSupplier stop) {
        return readRecords(connection, topics, logged -> sink.accept(logged.event()), stop);
    }

    public static Summary readRecords(KafkaConnection connection, List<String> topics, Consumer<LoggedEvent> sink,
                                      BooleanSupplier stop) {
        return readRange(connection, topics, LogPosition.START, LogPosition.START, sink, stop);
    }

    /**
     * Reads each partition of {@code topics} from {@code from} (offset 0 where it names none) to {@code until}
     * (the partition's end at that moment where it names none); when {@code until} names some partitions, only
     * those.
     */
    public static Summary readRange(KafkaConnection connection, List<String> topics, LogPosition from,
                                    LogPosition until, Consumer<LoggedEvent> sink,
                                    BooleanSupplier stop) {
        long events = 0;
        long undecodable = 0;
        Map<TopicPartition, Long> ends = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(connection)) {
            for (TopicPartition partition : partitions(consumer, topics)) {
                if (until.partitions() > 0 && !until.names(partition)) {
                    continue; // a zone another platform process owns
                }
                consumer.assign(List.of(partition));
                consumer.seek(partition, from.next(partition));
                long end = until.names(partition) ? until.next(partition)
                        : consumer.endOffsets(List.of(partition)).get(partition);
                long lastPosition = -1;
                long movedAt = System.nanoTime();
                for (long position; (position = consumer.position(partition)) < end && !stop.getAsBoolean(); ) {
                    if (position != lastPosition) {
                        lastPosition = position;
                        movedAt = System.nanoTime();
                    } else if (System.nanoTime() - movedAt > READ_STALL.toNanos()) {
                        throw new IllegalStateException(String.format(Locale.ROOT, "Kafka gave no record of %s for "
                                + "%d s at offset %,d of %,d; is the broker up?", partition, READ_STALL.toSeconds(),
                                position, end));
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                        if (record.offset() >= end) {
                            break;
                        }
                        Optional<LoggedEvent> logged = decode(record);
                        if (logged.isPresent()) {
                            sink.accept(logged.get());
                            events++;
                        } else {
                            undecodable++;
                        }
                    }
                }
                ends.put(partition, Math.min(end, consumer.position(partition)));
            }
        }
        return new Summary(events, undecodable, new LogPosition(ends));
    }

    /** The end offset of each partition of {@code topics} now. */
    public static LogPosition endOffsets(KafkaConnection connection, List<String> topics) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(connection)) {
            return new LogPosition(consumer.endOffsets(partitions(consumer, topics), Duration.ofSeconds(30)));
        }
    }

    /** Every partition of {@code topics}, topic by topic, in partition order. */
    static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos != null) {
                infos.stream().map(info -> new TopicPartition(topic, info.partition()))
                        .sorted(Comparator.comparingInt(TopicPartition::partition)).forEach(partitions::add);
            }
        }
        return partitions;
    }

    /** The event a logged record holds, or empty for one that is not an event of the contract. */
    public static Optional<LoggedEvent> decode(ConsumerRecord<String, byte[]> record) {
        try {
            Map<String, byte[]> headers = headers(record);
            DomainEvent event = (DomainEvent) CloudEvents.decode(headers, record.value());
            return Optional.of(new LoggedEvent(event, CloudEvents.header(headers, "ce_id"), record.topic(),
                    record.partition(), record.offset(), headers.containsKey(KafkaBridgeVerticle.HANDOVER_HEADER)));
        } catch (Undecodable | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** How many of the last {@code sim-clock} records {@link #lastWorldTime} looks at. */
    static final int TICKS_LOOKED_AT = 200;

    /**
     * The latest world time any simulator announced: the latest tick among the last {@link #TICKS_LOOKED_AT} on
     * {@code sim-clock} that is not after {@code notAfter}. A record there that is not a tick, or a tick dated
     * past the bound (a forged one in 2100, say), is passed over rather than taken up.
     */
    public static Optional<Instant> lastWorldTime(KafkaConnection connection, Instant notAfter) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(connection)) {
            TopicPartition clock = new TopicPartition(Topics.SIM_CLOCK, 0);
            consumer.assign(List.of(clock));
            long end = consumer.endOffsets(List.of(clock), Duration.ofSeconds(30)).get(clock);
            consumer.seek(clock, Math.max(0, end - TICKS_LOOKED_AT));
            Instant latest = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(clock) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    try {
                        if (CloudEvents.decode(headers(record), record.value()) instanceof ClockTick tick
                                && !tick.now().isAfter(notAfter) && (latest == null || tick.now().isAfter(latest))) {
                            latest = tick.now();
                        }
                    } catch (Undecodable e) {
                        // not a tick of the contract: passed over
                    }
                }
            }
            return Optional.ofNullable(latest);
        }
    }

    private static final byte[] SPEC_VERSION = CloudEvents.SPEC_VERSION.getBytes(StandardCharsets.UTF_8);
    private static final byte[] LOCATION_TYPE = EventTypes.nameOfType(DriverLocationUpdated.class)
            .getBytes(StandardCharsets.UTF_8);

    /**
     * A driver's location report as the log holds it, its JSON left unread: the driver from the record's key, the
     * time from {@code ce_time}. Empty for any other record (read those with {@link #decode}), and where those
     * headers do not read. A reader that keeps only each driver's latest report (the snapshot's) reads few of them.
     */
    public static Optional<SnapshotFold.PendingReport> locationReport(ConsumerRecord<String, byte[]> record) {
        Header spec = record.headers().lastHeader("ce_specversion");
        Header type = record.headers().lastHeader("ce_type");
        Header time = record.headers().lastHeader("ce_time");
        if (record.key() == null || record.value() == null || spec == null || type == null || time == null
                || !Arrays.equals(spec.value(), SPEC_VERSION) || !Arrays.equals(type.value(), LOCATION_TYPE)) {
            return Optional.empty();
        }
        Instant at = InstantText.parse(new String(time.value(), StandardCharsets.UTF_8));
        return at == null ? Optional.empty() : Optional.of(new UnreadReport(record.key(), at, record.value()));
    }

    /** A location report read when asked; it reads only as the report of the record's driver and time. */
    private record UnreadReport(String driverId, Instant at, byte[] value) implements SnapshotFold.PendingReport {

        @Override
        public Optional<DriverEvent> read() {
            try {
                Object event = CloudEvents.decode(Map.of("ce_specversion", SPEC_VERSION, "ce_type", LOCATION_TYPE),
                        value);
                return event instanceof DriverLocationUpdated report && report.driverId().equals(driverId)
                        && report.at().equals(at) ? Optional.of(report) : Optional.empty();
            } catch (Undecodable e) {
                return Optional.empty();
            }
        }
    }

    static KafkaConsumer<String, byte[]> consumer(KafkaConnection connection) {
        Map<String, String> config = new HashMap<>();
        config.put("enable.auto.commit", "false");
        config.put("max.poll.records", "5000");
        // each partition is read on its own: waiting Kafka's default 500 ms for more data at each one's end would
        // cost a restart half a second a partition
        config.put("fetch.max.wait.ms", "20");
        return new KafkaConsumer<>(new HashMap<String, Object>(connection.consumer(config)), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    static Map<String, byte[]> headers(ConsumerRecord<?, ?> record) {
        Map<String, byte[]> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), h.value());
        }
        return headers;
    }

}
