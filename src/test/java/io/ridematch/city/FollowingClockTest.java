package io.ridematch.city;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DispatchRound;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.time.ClockTick;
import io.ridematch.contract.time.SteppedClock;
import io.ridematch.contract.time.WorldSettled;
import io.ridematch.contract.time.WorldTime;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A platform's clock ticks at the world's time as soon as it hears it, and matches at that time once the world
 * settled there (its requests of that step read) or moved past it.
 */
class FollowingClockTest {

    private static final Instant START = Instant.parse("2026-03-03T08:00:00Z");
    private final Vertx vertx = Vertx.vertx();
    private final List<Instant> ticks = new CopyOnWriteArrayList<>();
    private final List<Instant> rounds = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void theRoundAtAWorldTimeWaitsForTheWorldToSettleThere() throws Exception {
        DomainBus bus = aWorldThatSaysWhenItSettled();

        tickAt(bus, START.plusSeconds(1));
        Thread.sleep(200);
        assertThat(rounds).as("no round before the world settled at its time").isEmpty();

        bus.publish(Addresses.WORLD_SETTLED, new WorldSettled(START.plusSeconds(1)));
        waitFor(() -> rounds.size() == 1, "the round once the world settled");
        assertThat(rounds).containsExactly(START.plusSeconds(1));
    }

    @Test
    void aWorldThatMovedOnSettledTheStepBefore() throws Exception {
        DomainBus bus = aWorldThatSaysWhenItSettled();

        tickAt(bus, START.plusSeconds(1));
        tickAt(bus, START.plusSeconds(2));

        assertThat(rounds).as("the round at the first time, without its settled").contains(START.plusSeconds(1))
                .doesNotContain(START.plusSeconds(2));
    }

    @Test
    void aSettledForAnEarlierTimeDoesNotReleaseALaterRound() throws Exception {
        DomainBus bus = aWorldThatSaysWhenItSettled();

        tickAt(bus, START.plusSeconds(3));
        bus.publish(Addresses.WORLD_SETTLED, new WorldSettled(START.plusSeconds(2)));
        Thread.sleep(200);
        assertThat(rounds).isEmpty();

        bus.publish(Addresses.WORLD_SETTLED, new WorldSettled(START.plusSeconds(3)));
        waitFor(() -> rounds.size() == 1, "the round once the world settled at its time");
    }

    @Test
    void aWorldThatNeverSaysItSettledIsMatchedAtEachOfItsTimes() throws Exception {
        DomainBus bus = DomainBus.install(vertx);
        deployFollowingClock(bus);

        bus.publish(Addresses.WORLD_TIME, new WorldTime(START.plusSeconds(1)));

        waitFor(() -> rounds.size() == 1, "the round at the world's time");
        assertThat(rounds).containsExactly(START.plusSeconds(1));
    }

    private DomainBus aWorldThatSaysWhenItSettled() throws Exception {
        DomainBus bus = DomainBus.install(vertx);
        deployFollowingClock(bus);
        bus.publish(Addresses.WORLD_SETTLED, new WorldSettled(START));
        return bus;
    }

    /** The world's clock at {@code time}, and the following clock's tick there. */
    private void tickAt(DomainBus bus, Instant time) throws InterruptedException {
        int before = ticks.size();
        bus.publish(Addresses.WORLD_TIME, new WorldTime(time));
        waitFor(() -> ticks.size() == before + 1 && ticks.getLast().equals(time), "the tick at " + time);
    }

    private void deployFollowingClock(DomainBus bus) throws Exception {
        bus.<ClockTick>subscribe(Addresses.CLOCK_TICK, tick -> ticks.add(tick.now())).await(5, TimeUnit.SECONDS);
        bus.<DispatchRound>subscribe(Addresses.CLOCK_DISPATCH, round -> rounds.add(round.now()))
                .await(5, TimeUnit.SECONDS);
        vertx.deployVerticle(ClockVerticle.following(bus, new SteppedClock(START), START.plusSeconds(60)))
                .await(5, TimeUnit.SECONDS);
    }

    private static void waitFor(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.get()).as("within 5 s: " + what).isTrue();
    }
}
