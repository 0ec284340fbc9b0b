package io.ridematch.kafka;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a reader stands in the log: per partition, the next offset it has not read. Outside this package it is
 * an opaque value (a rebuild hands it to the read model's catch-up and to the snapshot writer), so nothing but the
 * Kafka bridge names a Kafka type.
 */
public final class LogPosition {

    /** The beginning of every partition. */
    public static final LogPosition START = new LogPosition(Map.of());

    private final Map<TopicPartition, Long> next;

    LogPosition(Map<TopicPartition, Long> next) {
        this.next = Collections.unmodifiableMap(new LinkedHashMap<>(next));
    }

    /** The next offset in {@code partition}, 0 where this position names none. */
    long next(TopicPartition partition) {
        return next.getOrDefault(partition, 0L);
    }

    boolean names(TopicPartition partition) {
        return next.containsKey(partition);
    }

    Map<TopicPartition, Long> offsets() {
        return next;
    }

    /** The same position in the partitions numbered {@code zones} alone (every partition for null). */
    public LogPosition only(Set<Integer> zones) {
        if (zones == null) {
            return this;
        }
        Map<TopicPartition, Long> kept = new LinkedHashMap<>();
        next.forEach((partition, offset) -> {
            if (zones.contains(partition.partition())) {
                kept.put(partition, offset);
            }
        });
        return new LogPosition(kept);
    }

    /** How many partitions it names. */
    public int partitions() {
        return next.size();
    }

    /** How many records lie between {@code from} and this position, partition by partition. */
    public long recordsAfter(LogPosition from) {
        return next.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - from.next(e.getKey()))).sum();
    }

    /**
     * Why this position cannot be a place in a log that ends at {@code ends}: other partitions, or an offset past
     * a partition's end; empty when it can.
     */
    public Optional<String> notWithin(LogPosition ends) {
        if (!next.keySet().equals(ends.next.keySet())) {
            return Optional.of("it has " + next.size() + " partitions, the log " + ends.next.size());
        }
        return next.entrySet().stream().filter(e -> e.getValue() > ends.next.get(e.getKey())).findFirst()
                .map(e -> e.getKey() + " ends at " + ends.next.get(e.getKey()) + ", the snapshot is at "
                        + e.getValue());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogPosition position && next.equals(position.next);
    }

    @Override
    public int hashCode() {
        return next.hashCode();
    }

    @Override
    public String toString() {
        return next.toString();
    }
}
