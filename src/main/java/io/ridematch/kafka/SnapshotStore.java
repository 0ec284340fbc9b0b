package io.ridematch.kafka;

import com.fasterxml.jackson.core.type.TypeReference;
import io.ridematch.contract.DomainEvent;
import io.ridematch.json.Json;
import io.ridematch.kafka.CloudEvents.Undecodable;
import io.ridematch.platform.core.ride.RideStatus;
import io.ridematch.platform.core.snapshot.SnapshotFold.Snapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Platform snapshots on the {@code platform-snapshots} topic: a snapshot is a run of records of one generation,
 * the events in CloudEvents batches, the over rides' ids in JSON maps, and last a manifest naming the log offsets
 * the snapshot stands for. A snapshot counts only once its manifest is written, so a crash in the middle of one
 * leaves the one before it in force.
 */
public final class SnapshotStore {

    /** Events per record: a batch stays well under Kafka's 1 MB record limit. */
    static final int EVENTS_PER_RECORD = 1_000;
    static final int RIDE_IDS_PER_RECORD = 15_000;
    /** How many records back from the topic's end a manifest is looked for (a snapshot cut short is skipped). */
    static final int LOOK_BACK = 5_000;
    private static final String KIND = "ridematch_snapshot";
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);

    /**
     * The last record of a snapshot.
     *
     * @param firstOffset the offset of the snapshot's first record
     * @param offsets     per log partition ("ride-events/3"), the next offset the snapshot has not folded in
     */
    public record Manifest(long generation, long firstOffset, int records, long events, long overRides,
                           Instant latest, Map<String, Long> offsets) {
    }

    /** A snapshot read back, and where in the log its fold stopped. */
    public record Stored(Manifest manifest, Snapshot snapshot) {

        /** Where in the log the snapshot's fold stopped. */
        public LogPosition offsets() {
            Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
            manifest.offsets().forEach((name, next) -> offsets.put(partition(name), next));
            return new LogPosition(offsets);
        }
    }

    private SnapshotStore() {
    }

    /** Writes one snapshot and waits until Kafka has every record of it; returns its manifest. */
    static Manifest write(KafkaProducer<String, byte[]> producer, String key, long generation, Snapshot snapshot,
                          Map<TopicPartition, Long> offsets, String source)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
        List<DomainEvent> events = snapshot.events();
        for (int from = 0; from < events.size(); from += EVENTS_PER_RECORD) {
            sent.add(send(producer, key, generation, "events",
                    CloudEvents.encodeBatch(events.subList(from, Math.min(events.size(), from + EVENTS_PER_RECORD)), source)));
        }
        List<Map.Entry<String, RideStatus>> over = new ArrayList<>(snapshot.overRides().entrySet());
        for (int from = 0; from < over.size(); from += RIDE_IDS_PER_RECORD) {
            Map<String, RideStatus> part = new LinkedHashMap<>();
            over.subList(from, Math.min(over.size(), from + RIDE_IDS_PER_RECORD)).forEach(e -> part.put(e.getKey(), e.getValue()));
            sent.add(send(producer, key, generation, "over-rides", Json.write(part)));
        }
        if (sent.isEmpty()) {
            sent.add(send(producer, key, generation, "events", CloudEvents.encodeBatch(List.of(), source)));
        }
        long firstOffset = sent.getFirst().get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS).offset();
        for (var record : sent) {
            record.get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
        }
        Map<String, Long> named = new TreeMap<>();
        offsets.forEach((tp, next) -> named.put(tp.topic() + "/" + tp.partition(), next));
        Manifest manifest = new Manifest(generation, firstOffset, sent.size(), events.size(), over.size(),
                snapshot.latest(), named);
        send(producer, key, generation, "manifest", Json.write(manifest)).get(ANSWER_WITHIN.toSeconds(), TimeUnit.SECONDS);
        return manifest;
    }

    private static Future<org.apache.kafka.clients.producer.RecordMetadata> send(
            KafkaProducer<String, byte[]> producer, String key, long generation, String kind, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.SNAPSHOTS, 0, key, value);
        record.headers().add(KIND, kind.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ridematch_generation", Long.toString(generation).getBytes(StandardCharsets.UTF_8));
        return producer.send(record);
    }

    /**
     * The latest complete snapshot written under {@code key}, if any.
     *
     * @throws Undecodable when the latest manifest's records are not what it says: the snapshot is not used
     */
    public static Optional<Stored> latest(KafkaConnection connection, String key) {
        try (KafkaConsumer<String, byte[]> consumer = LogReader.consumer(connection)) {
            TopicPartition topic = new TopicPartition(Topics.SNAPSHOTS, 0);
            if (consumer.partitionsFor(Topics.SNAPSHOTS, ANSWER_WITHIN) == null) {
                return Optional.empty();
            }
            consumer.assign(List.of(topic));
            long end = consumer.endOffsets(List.of(topic), ANSWER_WITHIN).get(topic);
            long begin = consumer.beginningOffsets(List.of(topic), ANSWER_WITHIN).get(topic);
            Optional<ConsumerRecord<String, byte[]>> manifestRecord = lastManifest(consumer, topic,
                    Math.max(begin, end - LOOK_BACK), end, key);
            if (manifestRecord.isEmpty()) {
                return Optional.empty();
            }
            Manifest manifest = readJson(manifestRecord.get().value(), new TypeReference<>() { });
            if (manifest.offsets() == null || manifest.latest() == null || manifest.records() < 1) {
                throw new Undecodable("the snapshot manifest at " + manifestRecord.get().offset() + " lacks its offsets");
            }
            if (manifest.firstOffset() < begin) {
                return Optional.empty(); // its first records are gone already
            }
            return Optional.of(new Stored(manifest, records(consumer, topic, manifest, manifestRecord.get().offset(), key)));
        }
    }

    /** Steps back from the end one record at a time: normally the last record is the manifest. */
    private static Optional<ConsumerRecord<String, byte[]>> lastManifest(KafkaConsumer<String, byte[]> consumer,
                                                                          TopicPartition topic, long from, long end,
                                                                          String key) {
        for (long position = end - 1; position >= from; position--) {
            consumer.seek(topic, position);
            long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
            ConsumerRecord<String, byte[]> found = null;
            while (found == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.offset() == position) {
                        found = record;
                        break;
                    }
                }
            }
            if (found == null) {
                throw new Undecodable("record " + position + " of " + Topics.SNAPSHOTS + " could not be read in "
                        + ANSWER_WITHIN.toSeconds() + " s");
            }
            if (key.equals(found.key()) && "manifest".equals(kind(found))) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    private static Snapshot records(KafkaConsumer<String, byte[]> consumer, TopicPartition topic, Manifest manifest,
                                    long manifestOffset, String key) {
        List<DomainEvent> events = new ArrayList<>();
        Map<String, RideStatus> over = new LinkedHashMap<>();
        String generation = Long.toString(manifest.generation());
        int records = 0;
        consumer.seek(topic, manifest.firstOffset());
        long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos() * 4;
        while (consumer.position(topic) < manifestOffset) {
            if (System.nanoTime() > deadline) {
                throw new Undecodable("snapshot " + generation + " could not be read in " + ANSWER_WITHIN.toSeconds() * 4 + " s");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                if (record.offset() >= manifestOffset || !key.equals(record.key())
                        || !generation.equals(header(record, "ridematch_generation"))) {
                    continue;
                }
                records++;
                switch (String.valueOf(kind(record))) {
                    case "events" -> events.addAll(CloudEvents.decodeBatch(record.value()));
                    case "over-rides" -> over.putAll(readJson(record.value(), new TypeReference<Map<String, RideStatus>>() { }));
                    default -> throw new Undecodable("snapshot " + generation + " has a record of kind " + kind(record));
                }
            }
        }
        if (records != manifest.records() || events.size() != manifest.events() || over.size() != manifest.overRides()) {
            throw new Undecodable("snapshot " + generation + " lacks records its manifest names (" + records + " of "
                    + manifest.records() + ")");
        }
        return new Snapshot(events, over, manifest.latest());
    }

    private static <T> T readJson(byte[] value, TypeReference<T> type) {
        try {
            T read = Json.mapper().readValue(value, type);
            if (read == null) {
                throw new Undecodable("a snapshot record is JSON null");
            }
            return read;
        } catch (java.io.IOException e) {
            throw new Undecodable("a snapshot record is not what it says: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String kind(ConsumerRecord<String, byte[]> record) {
        return header(record, KIND);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static TopicPartition partition(String name) {
        int slash = name.lastIndexOf('/');
        if (slash < 1) {
            throw new Undecodable("a snapshot names partition '" + name + "'");
        }
        try {
            return new TopicPartition(name.substring(0, slash), Integer.parseInt(name.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new Undecodable("a snapshot names partition '" + name + "'");
        }
    }
}
