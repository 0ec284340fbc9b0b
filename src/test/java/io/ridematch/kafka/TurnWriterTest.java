package io.ridematch.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link TurnWriter} on Kafka's MockProducer: order, answers on the event loop, failures, flush. */
class TurnWriterTest {

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final Owner owner = new Owner();

    /** Hears the writer's answers as its owner does, each as a future by sequence number. */
    private final class Owner implements TurnWriter.Answers {
        private final Map<Long, Promise<Void>> answers = new ConcurrentHashMap<>();
        private final AtomicInteger answeredOnTheLoop = new AtomicInteger();
        private final AtomicInteger rounds = new AtomicInteger();
        private final List<String> topics = java.util.Collections.synchronizedList(new ArrayList<>());

        Future<Void> send(TurnWriter writer, ProducerRecord<String, byte[]> record, long sequence) {
            Promise<Void> answer = Promise.promise();
            answers.put(sequence, answer);
            writer.send(record, sequence);
            return answer.future();
        }

        @Override
        public void answered(long sequence, String topic, Exception failure) {
            if (Context.isOnEventLoopThread() && Vertx.currentContext() == context) {
                answeredOnTheLoop.incrementAndGet();
            }
            topics.add(topic);
            Promise<Void> answer = answers.remove(sequence);
            if (failure == null) {
                answer.complete();
            } else {
                answer.fail(failure);
            }
        }

        @Override
        public void afterAnswers() {
            rounds.incrementAndGet();
        }
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void recordsReachTheProducerInTheOrderTheyWereSentAndEveryAnswerCompletesOnTheEventLoop() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        TurnWriter writer = new TurnWriter(context, producer, owner);
        int records = 25_000; // more than one worker round
        List<Future<Void>> answers = onTheLoop(() -> {
            List<Future<Void>> sent = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                sent.add(owner.send(writer, record(i), i + 1));
            }
            return sent;
        });
        Future.all(answers).await(20, TimeUnit.SECONDS);

        assertThat(producer.history()).extracting(ProducerRecord::key)
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, records).mapToObj(i -> "k" + i).toList());
        assertThat(owner.answeredOnTheLoop.get()).isEqualTo(records);
        assertThat(owner.topics).hasSize(records).containsOnly("t");
        // the answers reached the event loop in batches, the owner told once after each
        assertThat(owner.rounds.get()).isBetween(1, records);
    }

    @Test
    void aRecordKafkaRefusesFailsItsOwnAnswerOnly() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        TurnWriter writer = new TurnWriter(context, producer, owner);
        List<Future<Void>> answers = onTheLoop(() -> List.of(owner.send(writer, record(0), 1),
                owner.send(writer, record(1), 2), owner.send(writer, record(2), 3)));
        waitFor(() -> producer.history().size() == 3);
        assertThat(answers).noneMatch(Future::isComplete);

        producer.completeNext();
        producer.errorNext(new RecordTooLargeException("too large"));
        producer.completeNext();
        Future.join(answers).otherwiseEmpty().await(10, TimeUnit.SECONDS);

        assertThat(answers.get(0).succeeded()).isTrue();
        assertThat(answers.get(1).cause()).isInstanceOf(RecordTooLargeException.class);
        assertThat(answers.get(2).succeeded()).isTrue();
    }

    @Test
    void aProducerThatThrowsOnSendFailsTheAnswerInsteadOfLosingIt() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
                new ByteArraySerializer());
        producer.close();
        TurnWriter writer = new TurnWriter(context, producer, owner);
        Future<Void> answer = onTheLoop(() -> owner.send(writer, record(0), 1));
        Future.join(List.of(answer)).otherwiseEmpty().await(10, TimeUnit.SECONDS);
        assertThat(answer.failed()).isTrue();
        assertThat(answer.cause()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void flushCompletesOnceEveryRecordSentBeforeItReachedTheProducerAndWasFlushed() throws Exception {
        MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
                new ByteArraySerializer());
        TurnWriter writer = new TurnWriter(context, producer, owner);
        Future<Void> flushed = onTheLoop(() -> {
            for (int i = 0; i < 100; i++) {
                owner.send(writer, record(i), i + 1);
            }
            return writer.flush();
        });
        flushed.await(10, TimeUnit.SECONDS);
        assertThat(producer.history()).hasSize(100);
        assertThat(producer.flushed()).isTrue();
    }

    private static ProducerRecord<String, byte[]> record(int i) {
        return new ProducerRecord<>("t", "k" + i, new byte[] {(byte) i});
    }

    private <T> T onTheLoop(java.util.function.Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> result.complete(work.get()));
        return result.get(10, TimeUnit.SECONDS);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the producer did not get the records within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
