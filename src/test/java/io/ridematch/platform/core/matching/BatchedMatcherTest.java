package io.ridematch.platform.core.matching;

import static io.ridematch.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.contract.DriverEvent.DriverWentOnline;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.geo.TravelModel;
import io.ridematch.platform.core.matching.Matcher.Match;
import io.ridematch.platform.core.matching.Matcher.WaitingRide;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class BatchedMatcherTest {

    @RepeatedTest(20)
    void hungarianFindsTheCheapestAssignment(RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(repetition.getCurrentRepetition());
        int rows = 1 + random.nextInt(6);
        int columns = rows + random.nextInt(3);
        double[][] cost = new double[rows][columns];
        for (double[] row : cost) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextInt(100);
            }
        }
        int[] assignment = Assignment.solve(cost);
        assertThat(java.util.Arrays.stream(assignment).distinct().count()).isEqualTo(rows);
        assertThat(total(cost, assignment)).isEqualTo(bruteForceMinimum(cost, 0, new boolean[columns]));
    }

    @RepeatedTest(10)
    void batchedNeverNeedsMorePickupDistanceThanGreedyForTheSameBatch(RepetitionInfo repetition) {
        SplittableRandom random = new SplittableRandom(100 + repetition.getCurrentRepetition());
        List<WaitingRide> riders = new ArrayList<>();
        GridIndex forGreedy = new GridIndex(500, 40.75);
        GridIndex forBatched = new GridIndex(500, 40.75);
        for (int i = 0; i < 40; i++) {
            riders.add(new WaitingRide(String.format("r%02d", i), point(random), at(i)));
        }
        for (int i = 0; i < 60; i++) {
            LatLng p = point(random);
            forGreedy.put("d" + i, p);
            forBatched.put("d" + i, p);
        }
        List<Match> greedy = new NearestDriverMatcher(20_000).match(riders, forGreedy, at(60));
        List<Match> batched = new BatchedMatcher(20_000, 2, 60, 500).match(riders, forBatched, at(60));

        assertThat(greedy).hasSize(40);
        assertThat(batched).hasSize(40);
        assertThat(batched.stream().map(Match::driverId).distinct().count()).isEqualTo(40);
        assertThat(pickup(batched)).isLessThanOrEqualTo(pickup(greedy) + 1e-6);
    }

    @Test
    void itsFirstRoundAfterATimeIsTheNextWholeWindow() {
        BatchedMatcher matcher = new BatchedMatcher(1_500, 10, 5, 500);
        assertThat(matcher.firstRoundAfter(Instant.ofEpochSecond(1_001))).isEqualTo(Instant.ofEpochSecond(1_010));
        assertThat(matcher.firstRoundAfter(Instant.ofEpochSecond(1_010))).isEqualTo(Instant.ofEpochSecond(1_020));
        assertThat(matcher.roundDue(matcher.firstRoundAfter(Instant.ofEpochSecond(1_013, 5)))).isTrue();
    }

    @Test
    void batchedServesAsManyRidersAsItCanBeforeShorteningPickups() {
        // Two riders, two drivers in a row: A---d1--B-----d2. Greedy gives d1 to A (oldest), leaving B with
        // the far d2; batched may do the same or better, but must serve both.
        LatLng a = new LatLng(40.7500, -73.9900);
        LatLng d1 = new LatLng(40.7510, -73.9900);
        LatLng b = new LatLng(40.7520, -73.9900);
        LatLng d2 = new LatLng(40.7600, -73.9900);
        GridIndex drivers = new GridIndex(500, 40.75);
        drivers.put("d1", d1);
        drivers.put("d2", d2);
        List<Match> matches = new BatchedMatcher(1_500, 2, 5, 500).match(
                List.of(new WaitingRide("a", a, at(0)), new WaitingRide("b", b, at(1))), drivers, at(2));
        assertThat(matches).hasSize(2);
        assertThat(drivers.size()).isZero();
    }

    @Test
    void ridesWaitForTheWindowAndAreNotForgottenMeanwhile() {
        DispatchBoard board = new DispatchBoard(new BatchedMatcher(5_000, 2, 5, 500), new TravelModel(36, 1.0),
                Duration.ofMinutes(15), 40.75);
        board.apply(new DriverWentOnline("d1", new LatLng(40.751, -73.99), at(0)));
        board.apply(new RideRequested("r1", "x", new LatLng(40.75, -73.99), new LatLng(40.73, -73.99), at(0)));
        var first = board.dispatch(at(1)); // odd second: inside the window
        var second = board.dispatch(at(2));
        assertThat(first.offers()).isEmpty();
        assertThat(second.offers()).hasSize(1);
    }

    private static double pickup(List<Match> matches) {
        return matches.stream().mapToDouble(Match::distanceMeters).sum();
    }

    private static double total(double[][] cost, int[] assignment) {
        double sum = 0;
        for (int i = 0; i < assignment.length; i++) {
            sum += cost[i][assignment[i]];
        }
        return sum;
    }

    private static double bruteForceMinimum(double[][] cost, int row, boolean[] taken) {
        if (row == cost.length) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < taken.length; j++) {
            if (!taken[j]) {
                taken[j] = true;
                best = Math.min(best, cost[row][j] + bruteForceMinimum(cost, row + 1, taken));
                taken[j] = false;
            }
        }
        return best;
    }

    /** Searching from the drivers' side (fewer drivers than riders) finds what each rider's own search finds. */
    @Test
    void eachRidersNearestDriversAreTheSameFoundFromTheDriversSide() {
        SplittableRandom random = new SplittableRandom(23);
        BatchedMatcher matcher = new BatchedMatcher(3_000, 2, 10, 500);
        for (int city = 0; city < 100; city++) {
            GridIndex available = new GridIndex(500, 40.75);
            for (int d = 0; d < random.nextInt(1, 80); d++) {
                available.put(String.format("d-%03d", d), point(random));
            }
            List<WaitingRide> batch = new ArrayList<>();
            for (int r = 0; r < random.nextInt(1, 200); r++) {
                batch.add(new WaitingRide(String.format("r-%03d", r), point(random), at(r)));
            }

            List<List<DriverIndex.Candidate>> fromDrivers = matcher.fromTheDrivers(batch, available);

            for (int r = 0; r < batch.size(); r++) {
                assertThat(fromDrivers.get(r)).as("city %d rider %d", city, r)
                        .isEqualTo(available.nearest(batch.get(r).pickup(), 3_000, 10));
            }
        }
    }

    private static LatLng point(SplittableRandom random) {
        return new LatLng(40.70 + random.nextDouble() * 0.1, -74.02 + random.nextDouble() * 0.1);
    }
}
