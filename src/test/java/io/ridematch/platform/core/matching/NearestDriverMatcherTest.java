package io.ridematch.platform.core.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.contract.geo.LatLng;
import io.ridematch.platform.core.matching.Matcher.Match;
import io.ridematch.platform.core.matching.Matcher.WaitingRide;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Greedy dispatch, and its shortcut for rides that waited through the last round. */
class NearestDriverMatcherTest {

    private static final Instant T0 = Instant.parse("2026-03-02T13:00:00Z");
    private final NearestDriverMatcher matcher = new NearestDriverMatcher(2_000);

    @Test
    void oldestRideGetsTheNearestDriverAndEachDriverOneRide() {
        GridIndex drivers = new GridIndex(500, 40.75);
        drivers.put("d-near", new LatLng(40.7500, -73.9800));
        drivers.put("d-far", new LatLng(40.7600, -73.9800));
        List<WaitingRide> waiting = List.of(new WaitingRide("r-old", new LatLng(40.7501, -73.9800), T0),
                new WaitingRide("r-new", new LatLng(40.7501, -73.9801), T0.plusSeconds(5)));

        List<Match> matches = matcher.match(waiting, drivers, T0);

        assertThat(matches).extracting(Match::rideId, Match::driverId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("r-old", "d-near"),
                org.assertj.core.groups.Tuple.tuple("r-new", "d-far"));
        assertThat(drivers.size()).isZero();
    }

    /** When every free driver is new, searching only new drivers for the old rides is the full search. */
    @Test
    void searchingOnlyNewDriversForOldRidesGivesTheFullSearchesAnswer() {
        SplittableRandom random = new SplittableRandom(7);
        for (int city = 0; city < 200; city++) {
            Map<String, LatLng> free = new HashMap<>();
            for (int d = 0; d < 1 + random.nextInt(60); d++) {
                free.put("d-" + d, around(random));
            }
            List<WaitingRide> waiting = new ArrayList<>();
            Set<String> old = new HashSet<>();
            for (int r = 0; r < 1 + random.nextInt(80); r++) {
                waiting.add(new WaitingRide(String.format("r-%03d", r), around(random), T0.plusSeconds(r)));
                if (random.nextBoolean()) {
                    old.add(String.format("r-%03d", r));
                }
            }

            List<Match> full = matcher.match(waiting, index(free), T0);
            WaitingPlaces places = places(waiting.stream().filter(r -> old.contains(r.rideId())).toList());
            List<Match> shortcut = matcher.match(waiting.stream().filter(r -> !old.contains(r.rideId())).toList(),
                    new java.util.TreeMap<>(free), waitedNear(places), index(free), T0);

            assertThat(shortcut).as("city %d", city).isEqualTo(full);
        }
    }

    /**
     * A round taken as what changed (new rides; new drivers; the rides that waited through the last round, found
     * near each new driver as needed) gives what greedy over every waiting ride and every free driver gives.
     */
    @Test
    void aRoundTakenAsWhatChangedGivesWhatGreedyOverEveryRideGives() {
        SplittableRandom random = new SplittableRandom(11);
        for (int city = 0; city < 300; city++) {
            // last round: greedy over everything, so no ride left waiting has a free driver in reach
            GridIndex lastRound = new GridIndex(500, 40.75);
            Map<String, LatLng> free = new HashMap<>();
            for (int d = 0; d < random.nextInt(30); d++) {
                free.put("d-old-" + d, around(random));
            }
            free.forEach(lastRound::put);
            List<WaitingRide> before = new ArrayList<>();
            for (int r = 0; r < random.nextInt(120); r++) {
                before.add(new WaitingRide(String.format("r-%03d", r), around(random),
                        T0.plusSeconds(random.nextInt(600))));
            }
            before.sort(WaitingRide.OLDEST_FIRST);
            Set<String> matchedBefore = new HashSet<>();
            for (Match m : matcher.match(before, lastRound, T0)) {
                matchedBefore.add(m.rideId());
                free.remove(m.driverId());
            }
            List<WaitingRide> waited = before.stream().filter(r -> !matchedBefore.contains(r.rideId())).toList();
            // this round: new drivers, and new rides (some put back, so older than waited ones)
            Map<String, LatLng> newDrivers = new java.util.TreeMap<>();
            for (int d = 0; d < random.nextInt(40); d++) {
                newDrivers.put("d-new-" + d, around(random));
            }
            List<WaitingRide> newRides = new ArrayList<>();
            for (int r = 0; r < random.nextInt(30); r++) {
                newRides.add(new WaitingRide(String.format("r-new-%03d", r), around(random),
                        T0.plusSeconds(random.nextInt(700))));
            }
            newRides.sort(WaitingRide.OLDEST_FIRST);
            Map<String, LatLng> allFree = new HashMap<>(free);
            allFree.putAll(newDrivers);
            List<WaitingRide> everyRide = new ArrayList<>(waited);
            everyRide.addAll(newRides);
            everyRide.sort(WaitingRide.OLDEST_FIRST);
            List<Match> full = matcher.match(everyRide, index(allFree), T0);
            List<Match> changes = matcher.match(newRides, newDrivers, waitedNear(places(waited)), index(allFree), T0);

            assertThat(changes).as("city %d", city).isEqualTo(full);
        }
    }

    @Test
    void anOldRideIsNotOfferedADriverThatWasFreeBefore() {
        GridIndex drivers = new GridIndex(500, 40.75);
        LatLng pickup = new LatLng(40.7500, -73.9800);
        drivers.put("d-before", new LatLng(40.7505, -73.9800)); // free last round too: the board saw it then
        drivers.put("d-new", new LatLng(40.7550, -73.9800));

        List<Match> matches = matcher.match(List.of(), Map.of("d-new", new LatLng(40.7550, -73.9800)),
                waitedNear(places(List.of(new WaitingRide("r-1", pickup, T0)))), drivers, T0);

        assertThat(matches).extracting(Match::driverId).containsExactly("d-new");
    }

    private static WaitingPlaces places(List<WaitingRide> rides) {
        WaitingPlaces places = new WaitingPlaces(new GridIndex.Squares(500, 40.75), WaitingRide.OLDEST_FIRST);
        rides.forEach(places::put);
        return places;
    }

    private Matcher.FollowsChanges.WaitedRides waitedNear(WaitingPlaces places) {
        return from -> places.oldestInReach(from, matcher.maxPickupMeters(), ride -> false);
    }

    private static GridIndex index(Map<String, LatLng> drivers) {
        GridIndex index = new GridIndex(500, 40.75);
        drivers.forEach(index::put);
        return index;
    }

    private static LatLng around(SplittableRandom random) {
        return new LatLng(40.74 + random.nextDouble() * 0.03, -73.99 + random.nextDouble() * 0.03);
    }
}
