package io.ridematch.bench;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverOffer;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.platform.core.readmodel.Samples;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where part 5's match latency goes, for the rides that got the first driver they were offered: from
 * {@code RideRequested} to the round's {@code RideOffered} (the wait for the round, and the round), the offer's way
 * to the simulator through Kafka, the driver's answer there, the answer's way back, and the platform's
 * {@code DriverAssigned}. Platform and simulator run in the bench's JVM, so their {@link System#nanoTime()} compare.
 * Watches both buses; changes nothing.
 */
final class LatencySplit {

    private final long fromNanos;
    /** Per ride: requested, offered (platform), offer read (simulator), answered (simulator), answer read (platform). */
    private final Map<String, long[]> rides = new HashMap<>();
    private final Samples[] legs = {new Samples(), new Samples(), new Samples(), new Samples(), new Samples()};
    private static final String[] NAMES = {"request to offer (the round)", "offer to the simulator",
            "the driver's answer", "answer to the platform", "answer to assignment"};

    LatencySplit(long fromNanos) {
        this.fromNanos = fromNanos;
    }

    Future<?> watch(DomainBus platform, DomainBus simulator) {
        return Future.all(
                platform.<DomainEvent>subscribe(Addresses.RIDE_EVENTS, event -> {
                    if (event instanceof RideRequested e && System.nanoTime() >= fromNanos) {
                        mark(e.rideId(), 0, true);
                    } else if (event instanceof DriverAssigned e) {
                        done(e.rideId());
                    }
                }),
                platform.<DriverOffer>subscribe(Addresses.RIDE_OFFERS, offer -> mark(rideOf(offer), 1, false)),
                simulator.<DriverOffer>subscribe(Addresses.RIDE_OFFERS, offer -> mark(rideOf(offer), 2, false)),
                simulator.<DriverOffer>subscribe(Addresses.OFFER_ANSWERS, answer -> {
                    if (answer instanceof DriverOffer.OfferDeclined declined) {
                        forget(declined.rideId()); // its assignment comes from a later offer: not split
                    } else {
                        mark(rideOf(answer), 3, false);
                    }
                }),
                platform.<DriverOffer>subscribe(Addresses.OFFER_ANSWERS, answer -> mark(rideOf(answer), 4, false)));
    }

    /** Rides measured: requested after the warm-up, assigned the first driver offered, every step seen. */
    synchronized long count() {
        return legs[0].count();
    }

    /** A leg's percentile in milliseconds; legs in the order {@link #text()} names them, from 0. */
    synchronized double percentileMillis(int leg, double percentile) {
        return legs[leg].percentile(percentile) / 1000.0;
    }

    private static String rideOf(DriverOffer message) {
        return switch (message) {
            case DriverOffer.RideOffered o -> o.rideId();
            case DriverOffer.OfferAccepted a -> a.rideId();
            case DriverOffer.OfferDeclined d -> d.rideId();
        };
    }

    private synchronized void mark(String rideId, int step, boolean first) {
        long now = System.nanoTime();
        long[] times = first ? rides.computeIfAbsent(rideId, id -> new long[5]) : rides.get(rideId);
        if (times != null && times[step] == 0) {
            times[step] = now;
        }
    }

    private synchronized void forget(String rideId) {
        rides.remove(rideId);
    }

    private synchronized void done(String rideId) {
        long now = System.nanoTime();
        long[] times = rides.remove(rideId);
        if (times == null) {
            return;
        }
        for (long t : times) {
            if (t == 0) {
                return; // a step not seen (requested before the warm-up ended, an offer missed): left out
            }
        }
        for (int leg = 0; leg < 5; leg++) {
            long end = leg < 4 ? times[leg + 1] : now;
            legs[leg].add(Math.max(0, end - times[leg]) / 1000);
        }
    }

    synchronized String text() {
        StringBuilder out = new StringBuilder();
        for (int leg = 0; leg < 5; leg++) {
            out.append(String.format(Locale.ROOT, "    %-32s p50 %7.2f ms, p90 %7.2f ms, p99 %7.2f ms (%,d rides)%n",
                    NAMES[leg], percentileMillis(leg, 50), percentileMillis(leg, 90), percentileMillis(leg, 99),
                    legs[leg].count()));
        }
        return out.toString();
    }
}
