package io.ridematch.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BacklogTest {

    private final AtomicLong unanswered = new AtomicLong();
    private final List<String> calls = new ArrayList<>();
    private final Backlog backlog = new Backlog(10, 4, unanswered::get, () -> calls.add("full"),
            () -> calls.add("room"));

    @Test
    void hasRoomUntilKafkaIsTheLimitBehindThenUntilItIsDownToHalf() {
        assertThat(backlog.room().succeeded()).isTrue();
        send(9);
        assertThat(backlog.room().succeeded()).isTrue();
        send(1);
        Future<Void> room = backlog.room();
        assertThat(room.isComplete()).isFalse();
        assertThat(calls).containsExactly("full");

        answer(4); // 6 left: above half
        assertThat(room.isComplete()).isFalse();
        answer(1); // 5: half
        assertThat(room.succeeded()).isTrue();
        assertThat(calls).containsExactly("full", "room");
        assertThat(backlog.fills()).isEqualTo(1);
    }

    @Test
    void recordsReadAndNotHandledFillItToo() {
        for (int i = 0; i < 4; i++) {
            backlog.started();
        }
        assertThat(backlog.full()).isTrue();
        assertThat(backlog.unhandled()).isEqualTo(4);
        backlog.finished();
        assertThat(backlog.full()).isTrue();
        backlog.finished();
        assertThat(backlog.full()).isFalse();
        assertThat(backlog.unhandled()).isEqualTo(2);
        assertThat(calls).containsExactly("full", "room");
    }

    @Test
    void bothCountsMustBeDownToHalfBeforeItEmpties() {
        send(10);
        for (int i = 0; i < 4; i++) {
            backlog.started();
        }
        answer(10);
        assertThat(backlog.full()).isTrue();
        backlog.finished();
        backlog.finished();
        assertThat(backlog.full()).isFalse();
    }

    @Test
    void fillsOnceAndEmptiesOnceHoweverManyLookInBetween() {
        send(12);
        send(0);
        send(0);
        answer(12);
        backlog.check();
        assertThat(calls).containsExactly("full", "room");
    }

    @Test
    void nothingWaitsForeverWhenAnswersRaceTheFilling() throws InterruptedException {
        Backlog shared = new Backlog(100, 100, unanswered::get, () -> { }, () -> { });
        for (int round = 0; round < 200; round++) {
            unanswered.set(0);
            Thread sender = new Thread(() -> {
                for (int i = 0; i < 150; i++) {
                    unanswered.incrementAndGet();
                    shared.check();
                }
            });
            Thread answerer = new Thread(() -> {
                for (int answered = 0; answered < 150; ) {
                    if (unanswered.get() > 0) {
                        unanswered.decrementAndGet();
                        answered++;
                        shared.check();
                    }
                }
            });
            sender.start();
            answerer.start();
            sender.join(5_000);
            answerer.join(5_000);
            assertThat(unanswered.get()).isZero();
            CountDownLatch roomCame = new CountDownLatch(1);
            shared.room().onComplete(done -> roomCame.countDown());
            assertThat(roomCame.await(1, TimeUnit.SECONDS)).as("room once all is answered, round " + round).isTrue();
        }
    }

    @Test
    void refusesALimitWithNoHalf() {
        assertThatThrownBy(() -> new Backlog(1, 4, () -> 0, () -> { }, () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void send(int records) {
        for (int i = 0; i < records; i++) {
            unanswered.incrementAndGet();
            backlog.check();
        }
        backlog.check();
    }

    private void answer(int records) {
        for (int i = 0; i < records; i++) {
            unanswered.decrementAndGet();
            backlog.check();
        }
    }
}
