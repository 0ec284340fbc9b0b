package io.ridematch.contract.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ridematch.contract.geo.TravelModel.SpeedZone;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TravelModelTest {

    private static final LatLng MIDTOWN = new LatLng(40.7549, -73.9840);
    private static final LatLng QUEENS = new LatLng(40.7282, -73.7949);
    // 08:30 and 03:00 in New York on 2026-03-03 (EST, UTC-5)
    private static final Instant RUSH = Instant.parse("2026-03-03T13:30:00Z");
    private static final Instant NIGHT = Instant.parse("2026-03-03T08:00:00Z");

    private final TravelModel travel = new TravelModel(36, 1.3, rushAtEight(), List.of(
            new SpeedZone("Midtown", 40.7549, -73.9840, 1.5, 0.5)), null).inTimeZone(ZoneId.of("America/New_York"));

    @Test
    void speedDependsOnHourAndZone() {
        // 36 km/h is 10 m/s; 1,000 m takes 100 s at the plain speed
        assertThat(travel.secondsFor(1_000)).isEqualTo(100);
        assertThat(travel.secondsFor(1_000, QUEENS, NIGHT)).isEqualTo(100);   // factor 1
        assertThat(travel.secondsFor(1_000, QUEENS, RUSH)).isEqualTo(125);    // 0.8: 8 m/s
        assertThat(travel.secondsFor(1_000, MIDTOWN, NIGHT)).isEqualTo(200);  // zone 0.5: 5 m/s
        assertThat(travel.secondsFor(1_000, MIDTOWN, RUSH)).isEqualTo(250);   // 0.8 × 0.5 = 0.4: 4 m/s
    }

    @Test
    void routesAreLongerThanTheStraightLine() {
        assertThat(travel.routeMeters(MIDTOWN, QUEENS)).isEqualTo(MIDTOWN.distanceMeters(QUEENS) * 1.3);
    }

    @Test
    void badFactorsAreRefused() {
        assertThatThrownBy(() -> new TravelModel(30, 1.3, List.of(1.0, 2.0), null, null))
                .hasMessageContaining("hourlyFactors");
        assertThatThrownBy(() -> new SpeedZone("Nowhere", 40, -74, 1, 0)).hasMessageContaining("Nowhere");
    }

    private static List<Double> rushAtEight() {
        List<Double> factors = new ArrayList<>(Collections.nCopies(24, 1.0));
        factors.set(8, 0.8);
        return factors;
    }
}
