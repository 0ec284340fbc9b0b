package io.ridematch.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.RideCommand.FailPayment;
import io.ridematch.contract.RideCommand.ProcessPayment;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentFailed;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.RideEvent.RideStarted;
import io.ridematch.contract.time.ClockTick;
import io.ridematch.contract.time.SimClock;
import io.ridematch.platform.core.payment.PaymentGateway;
import io.ridematch.platform.core.payment.PaymentGateway.Answer;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.circuitbreaker.RetryPolicy;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payment service: charges every completed ride. The payment id derives from the ride id and is the charge's
 * idempotency key, so a charge asked twice is the same charge, and the ride service refuses to pay a ride twice.
 * It knows which completed rides are not paid yet; a platform restarted from the log charges those at its first
 * step.
 *
 * <p>Against a payment provider that fails on purpose ({@link PaymentGateway}), each charge goes through a circuit
 * breaker (5 failures open it; after 2 s it lets one call through) and is retried with exponential backoff and
 * jitter. A provider that declines {@link #ATTEMPTS} times fails the ride's payment for good, as a
 * {@code PaymentFailed} event; one that is down, slow or behind an open breaker declined nothing, so the charge
 * waits for it (the ride's completion is in the log, nothing else waits on the payment) for up to
 * {@link #WAITS_FOR_PROVIDER} of simulated time after the ride completed.
 */
public final class PaymentVerticle extends VerticleBase {

    /** Attempts of one charge before it fails for good. */
    public static final int ATTEMPTS = 6;

    /** How long after a ride's completion its charge still waits for a provider that is down. */
    public static final Duration WAITS_FOR_PROVIDER = Duration.ofHours(1);

    private final DomainBus bus;
    private final SimClock clock;
    private final PaymentGateway gateway;
    private final MeterRegistry registry;
    /** Completed rides whose payment is not in the log yet, with their completion time. */
    private final Map<String, Instant> unpaid = new LinkedHashMap<>();
    private boolean restoredCharged;
    private CircuitBreaker breaker;
    private final RetryPolicy backoff = RetryPolicy.exponentialDelayWithJitter(200, 5_000);
    private Counter charged;
    private Counter refused;
    private Counter rejectedOpen;

    /** Charges at once, as a provider that never fails. */
    public PaymentVerticle(DomainBus bus) {
        this(bus, null, null, null);
    }

    /**
     * @param gateway  the provider and its faults, or null for one that never fails (no breaker, no retries)
     * @param registry where the attempt counters and the breaker's state go, or null
     */
    public PaymentVerticle(DomainBus bus, SimClock clock, PaymentGateway gateway, MeterRegistry registry) {
        this.bus = bus;
        this.clock = clock;
        this.gateway = gateway;
        this.registry = registry;
    }

    /** Folds one logged ride event in, before the service starts. */
    public void restore(RideEvent event) {
        track(event);
    }

    @Override
    public Future<?> start() {
        if (gateway != null) {
            breaker = CircuitBreaker.create("payment-provider", vertx, new CircuitBreakerOptions()
                    .setMaxFailures(5).setTimeout(2_000).setResetTimeout(2_000).setMaxRetries(0));
        }
        bindMeters();
        Future<Void> events = bus.subscribe(Addresses.RIDE_EVENTS, this::handleRideEvent);
        return unpaid.isEmpty() ? events : Future.join(events, bus.subscribe(Addresses.CLOCK_TICK, this::chargeRestored));
    }

    private void bindMeters() {
        if (registry == null) {
            return;
        }
        String attempts = "Charge attempts at the payment provider, by outcome";
        charged = Counter.builder("ridematch_payment_attempts_total").tag("outcome", "charged")
                .description(attempts).register(registry);
        refused = Counter.builder("ridematch_payment_attempts_total").tag("outcome", "refused")
                .description(attempts).register(registry);
        rejectedOpen = Counter.builder("ridematch_payment_attempts_total").tag("outcome", "circuit-open")
                .description(attempts).register(registry);
        Gauge breakerState = Gauge.builder("ridematch_payment_breaker_state", this,
                payments -> switch (payments.breakerState()) {
                    case CLOSED -> 0;
                    case HALF_OPEN -> 1;
                    case OPEN -> 2;
                }).description("The payment provider's circuit breaker: 0 closed (or no faults, no breaker), "
                + "1 half-open, 2 open").register(registry);
        // the counters go on counting in the service that replaces this one; the gauge must read that one
        bus.onRetire(() -> registry.remove(breakerState));
    }

    private void handleRideEvent(RideEvent event) {
        track(event);
        if (event instanceof RideCompleted completed) {
            charge(completed.rideId(), completed.completedAt());
        }
    }

    /** The first step after a restart: every completed ride the log shows unpaid is charged now. */
    private void chargeRestored(ClockTick tick) {
        if (!restoredCharged) {
            restoredCharged = true;
            new LinkedHashMap<>(unpaid).forEach(this::charge); // in completion order, as they were logged
        }
    }

    private void track(RideEvent event) {
        switch (event) {
            case RideCompleted e -> unpaid.put(e.rideId(), e.completedAt());
            case PaymentProcessed e -> unpaid.remove(e.rideId());
            case PaymentFailed e -> unpaid.remove(e.rideId());
            case RideRequested e -> {
                // nothing to pay yet
            }
            case DriverAssigned e -> {
            }
            case RideStarted e -> {
            }
            case RideCancelled e -> {
                // a cancelled ride is never charged
            }
        }
    }

    private void charge(String rideId, Instant completedAt) {
        if (gateway == null) {
            count(charged);
            bus.send(new ProcessPayment(rideId, paymentId(rideId), completedAt));
        } else {
            attempt(rideId, completedAt, 1, 0);
        }
    }

    /** @param declines how many of the attempts before this one the provider declined */
    private void attempt(String rideId, Instant completedAt, int attempt, int declines) {
        String key = paymentId(rideId);
        breaker.<String>execute(call -> callProvider(key, attempt, call)).onComplete(answered -> {
            if (answered.succeeded()) {
                count(charged);
                bus.send(new ProcessPayment(rideId, key, clock.now()));
                return;
            }
            Throwable cause = answered.cause();
            count(cause instanceof OpenCircuitException ? rejectedOpen : refused);
            // down, slow or behind an open breaker, the provider declined nothing
            int declined = declines + (cause instanceof Refused r && !r.answer.unavailable() ? 1 : 0);
            if (declined >= ATTEMPTS || clock.now().isAfter(completedAt.plus(WAITS_FOR_PROVIDER))) {
                bus.send(new FailPayment(rideId, key, reason(cause), attempt, clock.now()));
            } else {
                // the policy may draw no wait at all, and a Vert.x timer needs one millisecond
                long wait = Math.max(1, backoff.delay(cause, attempt));
                vertx.setTimer(wait, id -> attempt(rideId, completedAt, attempt + 1, declined));
            }
        });
    }

    /** The provider's no, as a failure of its call. */
    private static final class Refused extends RuntimeException {
        final Answer.Refused answer;

        Refused(Answer.Refused answer) {
            super(answer.reason(), null, false, false);
            this.answer = answer;
        }
    }

    /** One call to the provider, taking the latency its faults give it. */
    private void callProvider(String key, int attempt, Promise<String> call) {
        Answer answer = gateway.charge(key, attempt, clock.now());
        long latency = gateway.latency(key, attempt).toMillis();
        Runnable reply = () -> {
            switch (answer) {
                case Answer.Charged c -> call.tryComplete(c.chargeId());
                case Answer.Refused r -> call.tryFail(new Refused(r));
            }
        };
        if (latency > 0) {
            vertx.setTimer(latency, id -> reply.run());
        } else {
            reply.run();
        }
    }

    private static String reason(Throwable failure) {
        if (failure instanceof OpenCircuitException) {
            return "circuit open: the provider kept failing";
        }
        if (failure instanceof io.vertx.circuitbreaker.TimeoutException) {
            return "the provider did not answer in 2 s";
        }
        return String.valueOf(failure.getMessage());
    }

    private static void count(Counter counter) {
        if (counter != null) {
            counter.increment();
        }
    }

    /** The breaker's state, or closed when there is none. */
    public CircuitBreakerState breakerState() {
        return breaker == null ? CircuitBreakerState.CLOSED : breaker.state();
    }

    private static String paymentId(String rideId) {
        return "pay-" + rideId;
    }
}
