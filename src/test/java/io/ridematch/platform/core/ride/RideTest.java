package io.ridematch.platform.core.ride;

import static io.ridematch.contract.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.contract.CancelReason;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideCommand.AssignDriver;
import io.ridematch.contract.RideCommand.CancelRide;
import io.ridematch.contract.RideCommand.CompleteRide;
import io.ridematch.contract.RideCommand.FailPayment;
import io.ridematch.contract.RideCommand.ProcessPayment;
import io.ridematch.contract.RideCommand.RequestRide;
import io.ridematch.contract.RideCommand.StartRide;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideStarted;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RideTest {

    private static final String RIDE = "ride-1";
    private static final String DRIVER = "driver-7";

    /** Which command each status accepts: the brief's lifecycle, and nothing else. */
    private static final Map<RideStatus, Set<Class<? extends RideCommand>>> LEGAL = Map.of(
            RideStatus.NONE, Set.of(RequestRide.class),
            RideStatus.REQUESTED, Set.of(AssignDriver.class, CancelRide.class),
            RideStatus.ASSIGNED, Set.of(StartRide.class, CancelRide.class),
            RideStatus.STARTED, Set.of(CompleteRide.class),
            RideStatus.COMPLETED, Set.of(ProcessPayment.class, FailPayment.class),
            RideStatus.PAID, Set.of(),
            RideStatus.PAYMENT_FAILED, Set.of(),
            RideStatus.CANCELLED, Set.of());

    private static final List<RideCommand> COMMANDS = List.of(
            new RequestRide(RIDE, "rider-1", TIMES_SQUARE, UNION_SQUARE, at(0)),
            new AssignDriver(RIDE, DRIVER, GRAND_CENTRAL, 120, at(1)),
            new StartRide(RIDE, at(121)),
            new CompleteRide(RIDE, 2600, 600, FARE, 1.0, at(721)),
            new ProcessPayment(RIDE, "pay-1", at(721)),
            new FailPayment(RIDE, "pay-1", "declined by the provider", 6, at(730)),
            new CancelRide(RIDE, CancelReason.RIDER_CANCELLED, at(60)));

    static Stream<Arguments> everyStatusAndCommand() {
        return Arrays.stream(RideStatus.values())
                .flatMap(status -> COMMANDS.stream().map(command -> Arguments.of(status, command)));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("everyStatusAndCommand")
    void decideAcceptsExactlyTheLegalTransitions(RideStatus status, RideCommand command) {
        Decision decision = Ride.decide(command, rideIn(status));

        boolean legal = LEGAL.get(status).contains(command.getClass());
        if (legal) {
            assertThat(decision).isInstanceOf(Decision.Accepted.class);
            List<RideEvent> events = ((Decision.Accepted) decision).events();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).rideId()).isEqualTo(RIDE);
            assertThat(Ride.canFollow(status, events.get(0))).isTrue();
        } else {
            assertThat(decision).isInstanceOf(Decision.Rejected.class);
            assertThat(((Decision.Rejected) decision).reason())
                    .contains(RIDE).contains(status.name().toLowerCase());
        }
    }

    @Test
    void happyPathFoldsToPaidAndCarriesDriverAndFare() {
        Ride ride = fold(fullRide(RIDE, DRIVER));

        assertThat(ride.status()).isEqualTo(RideStatus.PAID);
        assertThat(ride.driverId()).isEqualTo(DRIVER);
        assertThat(ride.fare()).isEqualTo(FARE);
        assertThat(ride.pickup()).isEqualTo(TIMES_SQUARE);
        assertThat(ride.requestedAt()).isEqualTo(at(0));
    }

    @Test
    void startAndPaymentTakeDriverAndAmountFromTheRideState() {
        Ride assigned = fold(requested(RIDE), assigned(RIDE, DRIVER));
        Decision start = Ride.decide(new StartRide(RIDE, at(121)), assigned);
        assertThat(((Decision.Accepted) start).events()).containsExactly(new RideStarted(RIDE, DRIVER, at(121)));

        Ride done = fold(requested(RIDE), assigned(RIDE, DRIVER), started(RIDE, DRIVER), completed(RIDE, DRIVER));
        Decision pay = Ride.decide(new ProcessPayment(RIDE, "pay-x", at(800)), done);
        assertThat(((Decision.Accepted) pay).events())
                .containsExactly(new PaymentProcessed(RIDE, "pay-x", FARE, at(800)));
    }

    @Test
    void commandForAnotherRideIsRejected() {
        Decision decision = Ride.decide(new StartRide("ride-2", at(5)), fold(requested(RIDE), assigned(RIDE, DRIVER)));
        assertThat(decision).isInstanceOf(Decision.Rejected.class);
    }

    @Test
    void cancellationIsTerminal() {
        Ride cancelled = fold(requested(RIDE), cancelled(RIDE));
        assertThat(cancelled.status()).isEqualTo(RideStatus.CANCELLED);
        assertThat(cancelled.status().isFinished()).isTrue();
        assertThat(Ride.canFollow(RideStatus.CANCELLED, assigned(RIDE, DRIVER))).isFalse();
    }

    @Test
    void canFollowMatchesTheLifecycleOrder() {
        assertThat(Ride.canFollow(RideStatus.NONE, requested(RIDE))).isTrue();
        assertThat(Ride.canFollow(RideStatus.REQUESTED, requested(RIDE))).isFalse();
        assertThat(Ride.canFollow(RideStatus.REQUESTED, started(RIDE, DRIVER))).isFalse();
        assertThat(Ride.canFollow(RideStatus.STARTED, cancelled(RIDE))).isFalse();
        assertThat(Ride.canFollow(RideStatus.COMPLETED, paid(RIDE))).isTrue();
        assertThat(Ride.canFollow(RideStatus.PAID, paid(RIDE))).isFalse();
        RideEvent failed = new RideEvent.PaymentFailed(RIDE, "pay-" + RIDE, "declined", 6, at(900));
        assertThat(Ride.canFollow(RideStatus.COMPLETED, failed)).isTrue();
        assertThat(Ride.canFollow(RideStatus.PAID, failed)).isFalse();
        assertThat(Ride.canFollow(RideStatus.PAYMENT_FAILED, paid(RIDE))).isFalse();
        assertThat(RideStatus.PAYMENT_FAILED.isFinished()).isTrue();
    }

    /** A ride in {@code status}, built only from events. */
    private static Ride rideIn(RideStatus status) {
        return switch (status) {
            case NONE -> Ride.none(RIDE);
            case REQUESTED -> fold(requested(RIDE));
            case ASSIGNED -> fold(requested(RIDE), assigned(RIDE, DRIVER));
            case STARTED -> fold(requested(RIDE), assigned(RIDE, DRIVER), started(RIDE, DRIVER));
            case COMPLETED -> fold(requested(RIDE), assigned(RIDE, DRIVER), started(RIDE, DRIVER),
                    completed(RIDE, DRIVER));
            case PAID -> fold(fullRide(RIDE, DRIVER));
            case PAYMENT_FAILED -> fold(requested(RIDE), assigned(RIDE, DRIVER), started(RIDE, DRIVER),
                    completed(RIDE, DRIVER), new RideEvent.PaymentFailed(RIDE, "pay-" + RIDE, "declined", 6, at(900)));
            case CANCELLED -> fold(requested(RIDE), cancelled(RIDE));
        };
    }

    private static Ride fold(RideEvent... events) {
        Ride ride = Ride.none(RIDE);
        for (RideEvent e : events) {
            ride = ride.evolve(e);
        }
        return ride;
    }

}
