package io.ridematch.platform.core.pricing;

import static io.ridematch.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.contract.DriverEvent.DriverWentOnline;
import io.ridematch.contract.RideEvent.DriverAssigned;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.geo.LatLng;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SurgePricingTest {

    private static final LatLng MIDTOWN = new LatLng(40.7549, -73.9840);
    private static final LatLng MIDTOWN_TOO = new LatLng(40.7551, -73.9842);
    private static final LatLng BRONX = new LatLng(40.8448, -73.8648);

    private final SurgePricing surge = new SurgePricing(
            new SurgePricing.Settings(7, Duration.ofMinutes(10), 0.25, 2.5));

    @Test
    void calmZoneHasNoSurge() {
        surge.apply(new DriverWentOnline("d1", MIDTOWN, at(0)));
        surge.apply(new RideRequested("r1", "x", MIDTOWN, BRONX, at(1)));
        // 1 request, 1 free driver: 1 + 0.25 × (1/2 − 1) < 1, so 1
        assertThat(surge.multiplier(surge.zoneOf(MIDTOWN), at(1))).isEqualTo(1.0);
    }

    @Test
    void demandAboveSupplyRaisesTheMultiplier() {
        surge.apply(new DriverWentOnline("d1", MIDTOWN, at(0)));
        for (int i = 0; i < 10; i++) {
            surge.apply(new RideRequested("r" + i, "x", MIDTOWN_TOO, BRONX, at(i)));
        }
        // 10 requests, 1 free driver: 1 + 0.25 × (10/2 − 1) = 2.0
        assertThat(surge.multiplier(surge.zoneOf(MIDTOWN), at(10))).isEqualTo(2.0);
        // the Bronx zone saw none of it
        assertThat(surge.multiplier(surge.zoneOf(BRONX), at(10))).isEqualTo(1.0);
    }

    @Test
    void multiplierIsBoundedAndDemandLeavesTheWindow() {
        for (int i = 0; i < 40; i++) {
            surge.apply(new RideRequested("r" + i, "x", MIDTOWN, BRONX, at(i)));
        }
        // 40 requests, no driver: 1 + 0.25 × 39 = 10.75, bounded to 2.5
        assertThat(surge.multiplier(surge.zoneOf(MIDTOWN), at(40))).isEqualTo(2.5);
        // ten minutes after the last request the window is empty again
        assertThat(surge.multiplier(surge.zoneOf(MIDTOWN), at(40 + 600))).isEqualTo(1.0);
    }

    @Test
    void rideIsQuotedWhenItsDriverIsAssigned() {
        surge.apply(new DriverWentOnline("d1", MIDTOWN, at(0)));
        for (int i = 0; i < 6; i++) {
            surge.apply(new RideRequested("r" + i, "x", MIDTOWN, BRONX, at(i)));
        }
        assertThat(surge.quoteFor("r0")).isEqualTo(1.0);
        // 6 requests, 1 free driver at assignment: 1 + 0.25 × (6/2 − 1) = 1.5
        surge.apply(new DriverAssigned("r0", "d1", MIDTOWN, 10, at(6)));
        assertThat(surge.quoteFor("r0")).isEqualTo(1.5);
        // d1 is busy now: the next quote sees no free driver, 1 + 0.25 × (6/1 − 1) = 2.25, shown as 2.3
        surge.apply(new DriverAssigned("r1", "d2", MIDTOWN, 10, at(6)));
        assertThat(surge.quoteFor("r1")).isEqualTo(2.3);
    }
}
