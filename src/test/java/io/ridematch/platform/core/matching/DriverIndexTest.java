package io.ridematch.platform.core.matching;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.contract.geo.LatLng;
import io.ridematch.platform.core.matching.DriverIndex.Candidate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Both indexes, the hand-written grid and H3, against brute force. */
class DriverIndexTest {

    static Stream<Arguments> indexesAndSizes() {
        return Stream.of("grid", "h3").flatMap(kind -> IntStream.of(3, 40, 2_000, 20_000)
                .mapToObj(n -> Arguments.of(kind, n)));
    }

    private static DriverIndex index(String kind) {
        return kind.equals("h3") ? new H3DriverIndex(9) : new GridIndex(500, 40.72);
    }

    @ParameterizedTest(name = "{0}, {1} drivers")
    @MethodSource("indexesAndSizes")
    void nearestAndWithinEqualBruteForceOnRandomCity(String kind, int drivers) {
        SplittableRandom random = new SplittableRandom(drivers);
        DriverIndex index = index(kind);
        Map<String, LatLng> positions = new HashMap<>();
        for (int i = 0; i < drivers; i++) {
            LatLng p = randomPoint(random);
            positions.put("d" + i, p);
            index.put("d" + i, p);
        }
        for (int i = 0; i < drivers / 10; i++) { // some drivers move, some leave
            String id = "d" + random.nextInt(drivers);
            if (random.nextBoolean()) {
                index.remove(id);
                positions.remove(id);
            } else {
                LatLng p = randomPoint(random);
                index.put(id, p);
                positions.put(id, p);
            }
        }
        for (int q = 0; q < 300; q++) {
            LatLng from = randomPoint(random);
            double maxMeters = q % 3 == 0 ? 1_000 : 8_000;
            assertThat(index.nearest(from, maxMeters)).isEqualTo(bruteForce(positions, from, maxMeters));
            assertThat(index.nearest(from, maxMeters, 5)).isEqualTo(bruteForceK(positions, from, maxMeters, 5));
            assertThat(index.within(from, maxMeters)).extracting(Candidate::driverId)
                    .containsExactlyInAnyOrderElementsOf(positions.entrySet().stream()
                            .filter(e -> from.distanceMeters(e.getValue()) <= maxMeters).map(Map.Entry::getKey)
                            .toList());
        }
        assertThat(index.size()).isEqualTo(positions.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"grid", "h3"})
    void tiesGoToTheSmallerId(String kind) {
        DriverIndex index = index(kind);
        LatLng spot = new LatLng(40.72, -73.99);
        index.put("driver-b", spot);
        index.put("driver-a", spot);
        assertThat(index.nearest(spot, 100)).map(Candidate::driverId).contains("driver-a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"grid", "h3"})
    void nobodyBeyondReachAndNobodyRemoved(String kind) {
        DriverIndex index = index(kind);
        index.put("far", new LatLng(40.80, -73.99));
        index.put("gone", new LatLng(40.7201, -73.99));
        index.remove("gone");
        assertThat(index.contains("gone")).isFalse();
        assertThat(index.nearest(new LatLng(40.72, -73.99), 5_000)).isEmpty();
        assertThat(index.nearest(new LatLng(40.72, -73.99), 10_000)).map(Candidate::driverId).contains("far");
    }

    private static Optional<Candidate> bruteForce(Map<String, LatLng> positions, LatLng from, double maxMeters) {
        return positions.entrySet().stream()
                .map(e -> new Candidate(e.getKey(), e.getValue(), from.distanceMeters(e.getValue())))
                .filter(c -> c.distanceMeters() <= maxMeters)
                .min(Comparator.comparingDouble(Candidate::distanceMeters).thenComparing(Candidate::driverId));
    }

    private static java.util.List<Candidate> bruteForceK(Map<String, LatLng> positions, LatLng from,
                                                         double maxMeters, int k) {
        return positions.entrySet().stream()
                .map(e -> new Candidate(e.getKey(), e.getValue(), from.distanceMeters(e.getValue())))
                .filter(c -> c.distanceMeters() <= maxMeters)
                .sorted(Comparator.comparingDouble(Candidate::distanceMeters).thenComparing(Candidate::driverId))
                .limit(k).toList();
    }

    private static LatLng randomPoint(SplittableRandom random) {
        return new LatLng(40.55 + random.nextDouble() * 0.35, -74.10 + random.nextDouble() * 0.40);
    }
}
