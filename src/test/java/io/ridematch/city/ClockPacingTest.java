package io.ridematch.city;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DispatchRound;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.time.ClockTick;
import io.ridematch.contract.time.SteppedClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A clock paced by the log's room takes no step while there is none, and goes on once there is. */
class ClockPacingTest {

    private static final Instant START = Instant.parse("2026-03-03T08:00:00Z");
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void noStepWhileTheLogHasNoRoomThenTheRestOfTheRun() throws Exception {
        DomainBus bus = DomainBus.install(vertx);
        List<Instant> ticks = new CopyOnWriteArrayList<>();
        bus.<ClockTick>subscribe(Addresses.CLOCK_TICK, tick -> ticks.add(tick.now())).await(5, TimeUnit.SECONDS);
        AtomicReference<Promise<Void>> room = new AtomicReference<>();
        AtomicInteger asked = new AtomicInteger();
        ClockVerticle clock = new ClockVerticle(bus, new SteppedClock(START), Duration.ofSeconds(1),
                START.plusSeconds(10), 0).pacedBy(() -> {
                    // room for the first three steps, then none until the test gives it
                    if (asked.incrementAndGet() <= 3) {
                        return Future.succeededFuture();
                    }
                    room.compareAndSet(null, Promise.promise());
                    return room.get().future();
                });
        vertx.deployVerticle(clock).await(5, TimeUnit.SECONDS);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (room.get() == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(room.get()).as("the clock asked for room after three steps").isNotNull();
        Thread.sleep(300);
        assertThat(ticks).as("no step while the log has no room").hasSize(3);
        assertThat(clock.finished().isComplete()).isFalse();

        room.get().complete();
        clock.finished().await(10, TimeUnit.SECONDS);
        assertThat(ticks).as("every step of the run once there was room").hasSize(10)
                .last().isEqualTo(START.plusSeconds(10));
    }

    @Test
    void aStopWhileWaitingForRoomEndsTheRunThere() throws Exception {
        DomainBus bus = DomainBus.install(vertx);
        Promise<Void> never = Promise.promise();
        ClockVerticle clock = new ClockVerticle(bus, new SteppedClock(START), Duration.ofSeconds(1),
                START.plusSeconds(10), 0).pacedBy(never::future);
        vertx.deployVerticle(clock).await(5, TimeUnit.SECONDS);
        clock.stopNow();
        clock.finished().await(5, TimeUnit.SECONDS);
        assertThat(clock.finished().succeeded()).isTrue();
    }

    @Test
    void aWorldThatEndsSaysSoAtItsLastRoundsTimeBeforeItsRunEnds() throws Exception {
        DomainBus bus = DomainBus.install(vertx);
        List<Instant> rounds = new CopyOnWriteArrayList<>();
        List<Instant> ended = new CopyOnWriteArrayList<>();
        bus.<DispatchRound>subscribe(Addresses.CLOCK_DISPATCH, round -> rounds.add(round.now()))
                .await(5, TimeUnit.SECONDS);
        bus.<DispatchRound>subscribe(Addresses.WORLD_ENDED, round -> ended.add(round.now())).await(5, TimeUnit.SECONDS);
        ClockVerticle clock = new ClockVerticle(bus, new SteppedClock(START), Duration.ofSeconds(1),
                START.plusSeconds(5), 0);
        vertx.deployVerticle(clock).await(5, TimeUnit.SECONDS);
        clock.finished().await(10, TimeUnit.SECONDS);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ended.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(rounds).as("the world's rounds").last().isEqualTo(START.plusSeconds(5));
        assertThat(ended).as("said once, at the last round's time (a platform apart waits for that round's end)")
                .containsExactly(START.plusSeconds(5));
    }

    @Test
    void aSkippingClockStepsOnTheTickOnOrAfterEachDueTimeAndAtTheEnd() throws Exception {
        DomainBus bus = DomainBus.install(vertx);
        List<Instant> ticks = new CopyOnWriteArrayList<>();
        bus.<ClockTick>subscribe(Addresses.CLOCK_TICK, tick -> ticks.add(tick.now())).await(5, TimeUnit.SECONDS);
        List<Instant> due = List.of(START.plusMillis(10_500), START.plusSeconds(12), START.plusSeconds(180));
        ClockVerticle clock = new ClockVerticle(bus, new SteppedClock(START), Duration.ofSeconds(1),
                START.plusSeconds(300), 0).skippingTo(now -> due.stream().filter(now::isBefore).findFirst()
                .orElse(null));
        vertx.deployVerticle(clock).await(5, TimeUnit.SECONDS);
        clock.finished().await(10, TimeUnit.SECONDS);

        assertThat(ticks).containsExactly(START.plusSeconds(11), START.plusSeconds(12), START.plusSeconds(180),
                START.plusSeconds(300));
        assertThat(clock.steps()).isEqualTo(4);
    }

    @Test
    void aSkippingClockDrainingAsksAtEverySimulatedMinutePastTheEnd() throws Exception {
        DomainBus bus = DomainBus.install(vertx);
        List<Instant> ticks = new CopyOnWriteArrayList<>();
        bus.<ClockTick>subscribe(Addresses.CLOCK_TICK, tick -> ticks.add(tick.now())).await(5, TimeUnit.SECONDS);
        List<Instant> asked = new CopyOnWriteArrayList<>();
        SteppedClock time = new SteppedClock(START);
        Instant end = START.plusSeconds(30);
        ClockVerticle clock = new ClockVerticle(bus, time, Duration.ofSeconds(1), end, 0)
                .skippingTo(now -> now.isBefore(START.plusSeconds(95)) ? START.plusSeconds(95) : null)
                .draining(end.plus(Duration.ofHours(2)), () -> {
                    asked.add(time.now());
                    return Future.succeededFuture(asked.size() == 3);
                });
        vertx.deployVerticle(clock).await(5, TimeUnit.SECONDS);
        clock.finished().await(10, TimeUnit.SECONDS);

        assertThat(asked).containsExactly(end, end.plusSeconds(60), end.plusSeconds(120));
        assertThat(ticks).containsExactly(end, end.plusSeconds(60), START.plusSeconds(95), end.plusSeconds(120));
    }
}
