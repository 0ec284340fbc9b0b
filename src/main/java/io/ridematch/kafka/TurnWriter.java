package io.ridematch.kafka;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Hands records to Kafka's producer in batches, on a worker, and brings Kafka's answers back to the event loop in
 * batches. Vert.x's producer stream makes one worker task and one event-loop task per record, which at a fleet's
 * location reports cost about as much as the producer itself: here the records an event loop writes while a worker
 * is still handing over the previous ones go in the worker's next round, and the answers Kafka gives while the
 * event loop is busy reach it in one task. One worker round at a time, so records reach the producer in the order
 * they were written. {@code send} may block (metadata not known yet, the producer's buffer full): that happens on
 * the worker, never on the event loop.
 *
 * <p>A record is answered by its owner's sequence number, not by a future of its own: at a fleet's location
 * reports a promise, its future and a listener for every record were a twentieth of the event loop's time.
 */
final class TurnWriter {

    /** Records one worker round hands over at most, so no round keeps a worker thread for long. */
    private static final int MOST_PER_ROUND = 10_000;

    /** What a writer tells its owner, on the event loop. */
    interface Answers {

        /** Kafka acknowledged record {@code sequence} ({@code failure} null) or failed it; {@code topic} is its. */
        void answered(long sequence, String topic, Exception failure);

        /** After the answers Kafka gave while the event loop was busy: once for all of them. */
        void afterAnswers();
    }

    private record Outgoing(ProducerRecord<String, byte[]> record, long sequence) {
    }

    private record Answer(long sequence, String topic, Exception failure) {
    }

    private final Context context;
    private final Producer<String, byte[]> producer;
    private final Answers owner;
    private final Queue<Outgoing> outgoing = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean handingOver = new AtomicBoolean();
    private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean answering = new AtomicBoolean();

    /** @param context the event loop whose records these are; {@code owner} hears the answers on it */
    TurnWriter(Context context, Producer<String, byte[]> producer, Answers owner) {
        this.context = context;
        this.producer = producer;
        this.owner = owner;
    }

    /** Queues a record for Kafka; {@code sequence} is what the owner hears once Kafka acknowledged it, or failed it. */
    void send(ProducerRecord<String, byte[]> record, long sequence) {
        outgoing.add(new Outgoing(record, sequence));
        if (handingOver.compareAndSet(false, true)) {
            context.executeBlocking(this::handOver, true);
        }
    }

    /** Completes once every record sent before it is in the broker (or failed), as the producer's flush. */
    Future<Void> flush() {
        return context.executeBlocking(() -> {
            while (handOverRound() > 0) {
                // what the event loop queued before this flush goes first
            }
            producer.flush();
            return null;
        }, true);
    }

    /** A worker round: at most {@link #MOST_PER_ROUND} records; another round follows if more are queued. */
    private Void handOver() {
        handOverRound();
        handingOver.set(false);
        // a record queued between the last poll and the flag going down would otherwise wait for the next send
        if (!outgoing.isEmpty() && handingOver.compareAndSet(false, true)) {
            context.executeBlocking(this::handOver, true);
        }
        return null;
    }

    private int handOverRound() {
        int handed = 0;
        Outgoing next;
        while (handed < MOST_PER_ROUND && (next = outgoing.poll()) != null) {
            long sequence = next.sequence();
            String topic = next.record().topic();
            try {
                producer.send(next.record(), (metadata, failure) -> answered(sequence, topic, failure));
            } catch (RuntimeException e) {
                answered(sequence, topic, e); // the producer closed, or a record it refuses outright
            }
            handed++;
        }
        return handed;
    }

    /** On Kafka's network thread (or the worker, for a record refused at once). */
    private void answered(long sequence, String topic, Exception failure) {
        answers.add(new Answer(sequence, topic, failure));
        if (answering.compareAndSet(false, true)) {
            context.runOnContext(v -> deliverAnswers());
        }
    }

    private void deliverAnswers() {
        answering.set(false);
        Answer next;
        while ((next = answers.poll()) != null) {
            owner.answered(next.sequence(), next.topic(), next.failure());
        }
        owner.afterAnswers();
    }
}
