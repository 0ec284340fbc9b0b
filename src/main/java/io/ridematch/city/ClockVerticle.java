package io.ridematch.city;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DispatchRound;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.time.ClockTick;
import io.ridematch.contract.time.Due;
import io.ridematch.contract.time.SteppedClock;
import io.ridematch.contract.time.WorldSettled;
import io.ridematch.contract.time.WorldTime;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Moves simulation time in steps. Its own pace: fixed steps, as fast as possible or at a speed. Following: in a
 * platform process, straight to each {@link WorldTime} a simulator announced, never past it; its dispatch round for
 * that time waits until a simulator says its world settled there ({@link WorldSettled}, read behind the step's
 * requests on every zone this platform owns), or moved past it.
 *
 * <p>Each step has two phases: a tick (riders, drivers and trips do what is
 * due), then, once everything that caused has settled, a dispatch round. At {@code --speed max} the next step
 * starts as soon as the dispatch round settled; at speed N it also waits for the wall clock.
 */
public final class ClockVerticle extends VerticleBase {

    private final DomainBus bus;
    private final SteppedClock clock;
    private final Duration step;
    private final Instant end;
    private final double speed;
    private final boolean follow;
    private final Promise<Void> finished = Promise.promise();
    private Instant worldTime;
    /** The latest time a simulator's world said it had settled at (following only). */
    private Instant worldSettled;
    /** A following clock's dispatch round for its current time, waiting to hear the world settled there. */
    private Promise<Void> worldSettledThere;
    private boolean stepping;
    private Instant simStart;
    private long wallStartNanos;
    private volatile boolean stopped;
    /** A world this far behind a following clock belongs to another run than the log's. */
    private static final Duration WORLD_BEHIND_WARNING = Duration.ofMinutes(10);
    private boolean warnedBehind;
    private Instant drainUntil;
    private Supplier<Future<Boolean>> allEnded;
    private Supplier<Future<Void>> room = Future::succeededFuture;
    private boolean waitingForRoom;
    /** What the city has due next after a time, or null for nothing; null for a clock that steps every tick. */
    private UnaryOperator<Instant> nextDue;
    private volatile long steps;

    /**
     * @param end   simulation time to stop at, or null to run until undeployed
     * @param speed simulated seconds per wall second; 0 means as fast as possible
     */
    public ClockVerticle(DomainBus bus, SteppedClock clock, Duration step, Instant end, double speed) {
        this(bus, clock, step, end, speed, false);
    }

    private ClockVerticle(DomainBus bus, SteppedClock clock, Duration step, Instant end, double speed,
                          boolean follow) {
        this.bus = bus;
        this.clock = clock;
        this.step = step;
        this.end = end;
        this.speed = speed;
        this.follow = follow;
    }

    /** A clock that follows the world time announced on {@link Addresses#WORLD_TIME}. */
    public static ClockVerticle following(DomainBus bus, SteppedClock clock, Instant end) {
        return new ClockVerticle(bus, clock, Duration.ZERO, end, 0, true);
    }

    /**
     * Past the end, keeps stepping until {@code allEnded} answers true (asked once a simulated minute) or time
     * reaches {@code until}: a drained run. Call before deploying.
     */
    public ClockVerticle draining(Instant until, Supplier<Future<Boolean>> allEnded) {
        this.drainUntil = until;
        this.allEnded = allEnded;
        return this;
    }

    /**
     * Before each step, waits until {@code room} completes: the Kafka bridge's room for more records, so a run at
     * full speed goes no faster than its log takes what it does. Call before deploying.
     */
    public ClockVerticle pacedBy(Supplier<Future<Void>> room) {
        this.room = room;
        return this;
    }

    /**
     * Skips the steps at which nothing is due: each step goes to the tick on or after the earliest time
     * {@code nextDue} gives after the current one, and never past the end, nor, in a drained run, past the next
     * simulated minute it asks at. For a city whose every part tells what it has due (the whole city in one
     * process at full speed, its parts idle between steps); a skipped step would have changed nothing, so the run is
     * the one stepping every tick gives. Call before deploying.
     */
    public ClockVerticle skippingTo(UnaryOperator<Instant> nextDue) {
        this.nextDue = nextDue;
        return this;
    }

    /** The steps taken so far: ticks, and dispatch rounds after them. */
    public long steps() {
        return steps;
    }

    /** Completes when simulation time reached the end and the city settled. */
    public Future<Void> finished() {
        return finished.future();
    }

    /** Ends the run where it is (Ctrl-C): no further step starts, and {@link #finished()} completes. */
    public void stopNow() {
        stopped = true;
        context.runOnContext(v -> {
            if (!stepping || follow || waitingForRoom) {
                finish();
            }
        });
    }

    @Override
    public Future<?> start() {
        simStart = clock.now();
        wallStartNanos = System.nanoTime();
        if (follow) {
            return Future.join(bus.subscribe(Addresses.WORLD_TIME, this::handleWorldTime),
                    bus.subscribe(Addresses.WORLD_SETTLED, this::handleWorldSettled));
        }
        stepping = true;
        context.runOnContext(v -> nextStep());
        return Future.succeededFuture();
    }

    private void handleWorldTime(WorldTime time) {
        if (!warnedBehind && time.now().isBefore(clock.now().minus(WORLD_BEHIND_WARNING))) {
            warnedBehind = true;
            System.err.println("ridematch: warning: the world's time " + time.now() + " is behind this platform's "
                    + clock.now() + ", which it took up from the log: the log holds a later run, so this world's rides "
                    + "will not meet its drivers in time. Start the platform (or the broker) on a new --data-dir");
        }
        if (worldTime == null || time.now().isAfter(worldTime)) {
            worldTime = time.now();
        }
        dispatchIfWorldSettled();
        if (!stepping) {
            stepping = true;
            nextStep();
        }
    }

    private void handleWorldSettled(WorldSettled settled) {
        if (worldSettled == null || settled.now().isAfter(worldSettled)) {
            worldSettled = settled.now();
        }
        dispatchIfWorldSettled();
    }

    /** Completes once a simulator's world settled at {@code now}, or moved past it. */
    private Future<Void> worldSettledAt(Instant now) {
        if (worldHasSettled(now)) {
            return Future.succeededFuture();
        }
        worldSettledThere = Promise.promise();
        return worldSettledThere.future();
    }

    private void dispatchIfWorldSettled() {
        if (worldSettledThere != null && worldHasSettled(clock.now())) {
            Promise<Void> waiting = worldSettledThere;
            worldSettledThere = null;
            waiting.complete();
        }
    }

    /**
     * The world settled at {@code now} on every zone this platform owns, or its clock moved past it; at once for a
     * world that has not said it settled anywhere yet (a simulator that only ticks, a platform with no zones). Not
     * waiting longer is on purpose: a ride read late (its zone's records behind the clock's, which come on a light
     * consumer of their own) goes to the next round, and the rides already read are not held for it; tried, holding
     * every round for the slowest zone raised match latency's p99 at 11x from 318 to 470 ms.
     */
    private boolean worldHasSettled(Instant now) {
        return worldSettled == null || !worldSettled.isBefore(now) || worldTime != null && worldTime.isAfter(now);
    }

    /**
     * Completes {@link #finished()}; a world's clock (not a following one) first says so on
     * {@link Addresses#WORLD_ENDED}, at its last round's time, for whoever tells other processes.
     */
    private void finish() {
        if (!follow && !finished.future().isComplete()) {
            bus.publish(Addresses.WORLD_ENDED, new DispatchRound(clock.now()));
        }
        finished.tryComplete();
    }

    @Override
    public Future<?> stop() {
        stopped = true;
        return Future.succeededFuture();
    }

    private void nextStep() {
        if (stopped) {
            finish();
            return;
        }
        if (end != null && !clock.now().isBefore(end) && drainUntil == null) {
            finish();
            return;
        }
        Instant next;
        if (follow) {
            if (worldTime == null || !worldTime.isAfter(clock.now())) {
                stepping = false; // caught up with the world
                return;
            }
            next = end != null && worldTime.isAfter(end) ? end : worldTime;
        } else {
            next = clock.now().plus(step);
            if (nextDue != null) {
                next = skipTo(next);
            }
            if (end != null && next.isAfter(end)) {
                drainOrFinish(next);
                return;
            }
        }
        pace(next);
    }

    /** The tick on or after what is due next, if that is after {@code next}: the steps between have nothing due. */
    private Instant skipTo(Instant next) {
        Instant now = clock.now();
        Instant due = nextDue.apply(now);
        if (end != null && now.isBefore(end)) {
            due = Due.earliest(due, end);
        } else if (end != null && drainUntil != null) {
            due = Due.earliest(due, end.plusSeconds((Duration.between(end, now).toSeconds() / 60 + 1) * 60));
        }
        if (due == null) {
            return next;
        }
        long stepNanos = step.toNanos();
        long ticks = Math.ceilDiv(Duration.between(simStart, due).toNanos(), stepNanos);
        Instant onTick = simStart.plusNanos(ticks * stepNanos);
        return onTick.isAfter(next) ? onTick : next;
    }

    private void drainOrFinish(Instant next) {
        if (drainUntil == null || next.isAfter(drainUntil)) {
            finish();
        } else if (Duration.between(end, clock.now()).toSeconds() % 60 != 0) {
            pace(next);
        } else {
            allEnded.get().onComplete(ended -> {
                if (ended.succeeded() && ended.result()) {
                    finish();
                } else {
                    pace(next);
                }
            });
        }
    }

    private void pace(Instant next) {
        Future<Void> roomForMore = room.get();
        if (!roomForMore.isComplete()) {
            waitingForRoom = true;
            roomForMore.onComplete(done -> context.runOnContext(v -> {
                waitingForRoom = false;
                if (stopped) {
                    finish();
                } else {
                    pace(next);
                }
            }));
            return;
        }
        long delayMillis = speed > 0 ? wallDelayMillis(next) : 0;
        if (delayMillis > 0) {
            vertx.setTimer(delayMillis, id -> runStep(next));
        } else {
            runStep(next);
        }
    }

    private long wallDelayMillis(Instant next) {
        double simSeconds = Duration.between(simStart, next).toMillis() / 1000.0;
        long dueNanos = wallStartNanos + (long) (simSeconds / speed * 1e9);
        return (dueNanos - System.nanoTime()) / 1_000_000;
    }

    private void runStep(Instant now) {
        steps++;
        clock.advanceTo(now);
        bus.publish(Addresses.CLOCK_TICK, new ClockTick(now));
        bus.inFlight().settled(context)
                // a following clock: what the world settled with may still be on its way through the services
                .compose(v -> follow ? worldSettledAt(now).compose(w -> bus.inFlight().settled(context))
                        : Future.succeededFuture())
                .compose(v -> {
                    bus.publish(Addresses.CLOCK_DISPATCH, new DispatchRound(now));
                    return bus.inFlight().settled(context);
                })
                .onSuccess(v -> nextStep());
    }
}
