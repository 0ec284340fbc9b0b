package io.ridematch.kafka;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A platform's drivers' answers to offers, read by a consumer of their own. The platform's group consumer still owns
 * each of its zones' {@code offer-answers} partitions (beside the zone's commands and driver events, so one member
 * decides a zone) and commits their offsets, but keeps them paused; this lane reads them from where that consumer
 * stood. So an answer no longer waits behind the location reports the group consumer fetched before it (its hop's
 * p99 in the bench's part 5: BENCHMARKS.md, "A lane for the drivers' answers").
 *
 * <p>Each {@link #follow} makes a new consumer, without a group; what an earlier one read and had not handed on yet
 * is dropped, and the group consumer, which commits only what was handled, has the new one read it again.
 * Everything here runs on the bridge's event loop.
 */
final class AnswerLane {

    private final Vertx vertx;
    private final Map<String, String> config;
    private final Handler<KafkaConsumerRecord<String, byte[]>> handler;
    private final Handler<Throwable> failures;
    private KafkaConsumer<String, byte[]> current;
    private Map<TopicPartition, Long> reading = Map.of();
    private boolean paused;

    /** @param config a consumer's settings; the lane takes out the group (it is assigned, and commits nothing) */
    AnswerLane(Vertx vertx, Map<String, String> config, Handler<KafkaConsumerRecord<String, byte[]>> handler,
               Handler<Throwable> failures) {
        this.vertx = vertx;
        this.config = new HashMap<>(config);
        this.config.remove("group.id");
        this.config.remove("group.instance.id");
        this.config.put("client.id", config.get("client.id") + "-answers");
        this.handler = handler;
        this.failures = failures;
    }

    /**
     * Reads these partitions, each from its offset (the next record to hand on), instead of what it read before;
     * with none, reads nothing. Completes once the new consumer is placed.
     */
    Future<Void> follow(Map<TopicPartition, Long> from) {
        Future<Void> before = close();
        reading = Map.copyOf(from);
        if (from.isEmpty()) {
            return before;
        }
        KafkaConsumer<String, byte[]> next = KafkaConsumer.create(vertx, config, String.class, byte[].class);
        current = next;
        next.exceptionHandler(failures);
        next.batchHandler(records -> {
            if (current != next) {
                return; // read for zones this platform has since lost or been given again: read anew
            }
            for (int i = 0; i < records.size(); i++) {
                handler.handle(records.recordAt(i));
            }
        });
        next.pause(); // no poll until every partition is placed: an unplaced one would start where Kafka resets
        List<Future<Void>> placed = new ArrayList<>();
        Future<Void> assigned = next.assign(from.keySet());
        from.forEach((partition, offset) -> placed.add(assigned.compose(v -> next.seek(partition, offset))));
        return Future.all(placed).onSuccess(v -> {
            if (current == next && !paused) {
                next.resume();
            }
        }).mapEmpty();
    }

    /** Where the lane is in {@code partition}, if it reads it. */
    Optional<Future<Long>> position(TopicPartition partition) {
        return current != null && reading.containsKey(partition) ? Optional.of(current.position(partition))
                : Optional.empty();
    }

    /** No record reaches the handler until {@link #resume}. */
    void pause() {
        paused = true;
        if (current != null) {
            current.pause();
        }
    }

    void resume() {
        paused = false;
        if (current != null) {
            current.resume();
        }
    }

    /** Stops reading; what was read and not handed on is dropped. */
    Future<Void> close() {
        KafkaConsumer<String, byte[]> closing = current;
        current = null;
        reading = Map.of();
        return closing == null ? Future.succeededFuture() : closing.close();
    }
}
