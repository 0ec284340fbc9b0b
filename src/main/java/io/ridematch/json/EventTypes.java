package io.ridematch.json;

import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.DriverEvent.DriverWentOffline;
import io.ridematch.contract.DriverEvent.DriverWentOnline;
import io.ridematch.contract.DriverOffer.OfferAccepted;
import io.ridematch.contract.DriverOffer.OfferDeclined;
import io.ridematch.contract.DriverOffer.RideOffered;
import io.ridematch.contract.RideCommand.CancelRide;
import io.ridematch.contract.RideCommand.RequestRide;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.PaymentFailed;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.RideEvent.RideStarted;
import io.ridematch.contract.time.ClockTick;
import io.ridematch.contract.time.WorldSettled;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The contract's type names ({@code ce_type} on Kafka, {@code type} in the API's ride history) for every event,
 * and for what else crosses processes: the two rider commands, the simulation clock's ticks, and the offers and
 * answers between the platform and the drivers' apps.
 */
public final class EventTypes {

    private static final Map<Class<?>, String> NAMES = new LinkedHashMap<>();
    private static final Map<String, Class<?>> TYPES = new LinkedHashMap<>();

    static {
        register(RideRequested.class, "ridematch.ride.requested");
        register(DriverAssigned.class, "ridematch.ride.driver-assigned");
        register(RideStarted.class, "ridematch.ride.started");
        register(RideCompleted.class, "ridematch.ride.completed");
        register(RideCancelled.class, "ridematch.ride.cancelled");
        register(PaymentProcessed.class, "ridematch.payment.processed");
        register(PaymentFailed.class, "ridematch.payment.failed");
        register(DriverWentOnline.class, "ridematch.driver.online");
        register(DriverLocationUpdated.class, "ridematch.driver.location-updated");
        register(DriverWentOffline.class, "ridematch.driver.offline");
        register(RequestRide.class, "ridematch.command.request-ride");
        register(CancelRide.class, "ridematch.command.cancel-ride");
        register(ClockTick.class, "ridematch.simulation.tick");
        register(WorldSettled.class, "ridematch.simulation.settled");
        register(RideOffered.class, "ridematch.offer.made");
        register(OfferAccepted.class, "ridematch.offer.accepted");
        register(OfferDeclined.class, "ridematch.offer.declined");
    }

    private EventTypes() {
    }

    private static void register(Class<?> type, String name) {
        NAMES.put(type, name);
        TYPES.put(name, type);
    }

    public static String nameOf(Object eventOrCommand) {
        return nameOfType(eventOrCommand.getClass());
    }

    /** The {@code ce_type} of records of {@code type}. */
    public static String nameOfType(Class<?> type) {
        String name = NAMES.get(type);
        if (name == null) {
            throw new IllegalArgumentException("no contract type for " + type.getSimpleName());
        }
        return name;
    }

    public static Optional<Class<?>> typeNamed(String name) {
        return Optional.ofNullable(TYPES.get(name));
    }
}
