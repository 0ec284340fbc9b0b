package io.ridematch.platform.core.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.contract.geo.LatLng;
import io.ridematch.platform.core.matching.Matcher.WaitingRide;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class WaitingPlacesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    private static final double REACH = 3000;

    @Test
    void theRidesInReachOfAnyPointAreEachPointsRidesMergedOldestFirstAndEachOnce() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            WaitingPlaces places = new WaitingPlaces(new GridIndex.Squares(500, 40.75), WaitingRide.OLDEST_FIRST);
            int rides = random.nextInt(400);
            for (int i = 0; i < rides; i++) {
                // few distinct request times, so the ride id breaks many ties
                places.put(new WaitingRide("ride-" + i, somewhere(random), T0.plusSeconds(random.nextInt(30))));
            }
            List<LatLng> froms = new ArrayList<>();
            for (int i = random.nextInt(12); i > 0; i--) {
                froms.add(somewhere(random));
            }
            Predicate<WaitingRide> skip = ride -> ride.rideId().hashCode() % 5 == 0;

            TreeSet<WaitingRide> expected = new TreeSet<>(WaitingRide.OLDEST_FIRST);
            froms.forEach(from -> places.oldestInReach(from, REACH, skip).forEachRemaining(expected::add));

            assertThat(all(places.oldestInReachOfAny(froms, REACH, skip))).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aRideOutOfEveryonesReachOrSkippedIsLeftOut() {
        WaitingPlaces places = new WaitingPlaces(new GridIndex.Squares(500, 40.75), WaitingRide.OLDEST_FIRST);
        LatLng here = new LatLng(40.7500, -73.9800);
        places.put(new WaitingRide("near", new LatLng(40.7600, -73.9800), T0.plusSeconds(5)));
        places.put(new WaitingRide("skipped", new LatLng(40.7510, -73.9800), T0));
        places.put(new WaitingRide("far", new LatLng(40.8500, -73.9800), T0));

        assertThat(all(places.oldestInReachOfAny(List.of(here, here), REACH, ride -> ride.rideId().equals("skipped"))))
                .extracting(WaitingRide::rideId).containsExactly("near");
        assertThat(places.oldestInReachOfAny(List.of(), REACH, ride -> false).hasNext()).isFalse();
    }

    /** A point in a 20 km square around midtown Manhattan. */
    private static LatLng somewhere(Random random) {
        return new LatLng(40.66 + random.nextDouble() * 0.18, -74.10 + random.nextDouble() * 0.24);
    }

    private static List<WaitingRide> all(Iterator<WaitingRide> rides) {
        List<WaitingRide> list = new ArrayList<>();
        rides.forEachRemaining(list::add);
        assertThat(Set.copyOf(list)).hasSize(list.size());
        return list;
    }
}
