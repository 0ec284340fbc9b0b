package io.ridematch.world.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.geo.LatLng;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Many drivers' reports, second by second, against the reports worked out one driver at a time. */
class LocationPingsTest {

    private static final Instant T0 = Instant.parse("2026-03-03T08:00:00Z");
    private static final Duration EVERY = Duration.ofSeconds(4);

    @Test
    void eachMovingDriverReportsEveryPeriodUntilItsLegEndsInDueThenDriverOrder() {
        Random random = new Random(11);
        int drivers = 2_000;
        LocationPings pings = new LocationPings(drivers, EVERY, i -> "driver-" + i);
        long[] departs = new long[drivers];
        long[] arrives = new long[drivers];
        for (int d = 0; d < drivers; d++) {
            departs[d] = random.nextInt(60);
            arrives[d] = departs[d] + 1 + random.nextInt(120);
        }
        LatLng[] positions = new LatLng[drivers];
        LatLng from = new LatLng(40.70, -74.00);
        LatLng to = new LatLng(40.80, -73.90);
        for (long second = 0; second <= 200; second++) {
            Instant now = T0.plusSeconds(second);
            for (int d = 0; d < drivers; d++) {
                if (departs[d] == second) {
                    pings.start(d, from, to, now, T0.plusSeconds(arrives[d]));
                }
            }
            List<DriverEvent> out = new ArrayList<>();
            pings.advance(now, positions, out);

            List<String> expected = new ArrayList<>();
            for (int d = 0; d < drivers; d++) {
                long since = second - departs[d];
                if (since > 0 && since % EVERY.toSeconds() == 0 && second < arrives[d]) {
                    expected.add("driver-" + d);
                }
            }
            assertThat(out).as("reports at second %d", second)
                    .extracting(e -> ((DriverLocationUpdated) e).driverId()).containsExactlyElementsOf(expected);
            assertThat(out).allSatisfy(e -> assertThat(e.occurredAt()).isEqualTo(now));
        }
    }

    @Test
    void reportsDueBetweenTicksAndLegsStartedAgainComeSoonestFirstThenByDriver() {
        Random random = new Random(29);
        int drivers = 3_000;
        LocationPings pings = new LocationPings(drivers, EVERY, i -> "driver-" + i);
        long[] departs = new long[drivers];   // milliseconds after T0, off the ticks
        long[] restarts = new long[drivers];  // a second leg from here, the first one's pings still queued
        long[] arrives = new long[drivers];
        for (int d = 0; d < drivers; d++) {
            departs[d] = random.nextInt(20_000);
            restarts[d] = d % 7 == 0 ? departs[d] + 1 + random.nextInt(15_000) : Long.MAX_VALUE;
            arrives[d] = departs[d] + 30_000 + random.nextInt(30_000);
        }
        LatLng[] positions = new LatLng[drivers];
        LatLng from = new LatLng(40.70, -74.00);
        LatLng to = new LatLng(40.80, -73.90);
        long tick = 250;
        for (long ms = 0; ms <= 70_000; ms += tick) {
            Instant now = T0.plusMillis(ms);
            for (int d = 0; d < drivers; d++) {
                if (departs[d] > ms - tick && departs[d] <= ms) {
                    pings.start(d, from, to, T0.plusMillis(departs[d]), T0.plusMillis(arrives[d]));
                }
                if (restarts[d] > ms - tick && restarts[d] <= ms) {
                    pings.start(d, from, to, T0.plusMillis(restarts[d]), T0.plusMillis(arrives[d]));
                }
            }
            List<DriverEvent> out = new ArrayList<>();
            pings.advance(now, positions, out);

            // each driver's pings fall every period from its (latest) departure; those due since the last tick
            List<long[]> due = new ArrayList<>();
            for (int d = 0; d < drivers; d++) {
                long leg = restarts[d] <= ms ? restarts[d] : departs[d];
                if (departs[d] > ms || ms >= arrives[d]) {
                    continue;
                }
                for (long at = leg + EVERY.toMillis(); at <= ms; at += EVERY.toMillis()) {
                    if (at > ms - tick) {
                        due.add(new long[] {at, d});
                    }
                }
            }
            due.sort(java.util.Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
            assertThat(out).as("reports at %d ms", ms).extracting(e -> ((DriverLocationUpdated) e).driverId())
                    .containsExactlyElementsOf(due.stream().map(e -> "driver-" + e[1]).toList());
        }
    }

    @Test
    void aDriverTakenOffItsLegReportsNoMore() {
        LocationPings pings = new LocationPings(2, EVERY, i -> "driver-" + i);
        LatLng[] positions = new LatLng[2];
        pings.start(0, new LatLng(40.70, -74.00), new LatLng(40.80, -73.90), T0, T0.plusSeconds(100));
        pings.start(1, new LatLng(40.70, -74.00), new LatLng(40.80, -73.90), T0, T0.plusSeconds(100));
        pings.stop(0);

        List<DriverEvent> out = new ArrayList<>();
        pings.advance(T0.plusSeconds(8), positions, out);

        assertThat(out).extracting(e -> ((DriverLocationUpdated) e).driverId()).containsExactly("driver-1");
        assertThat(positions[0]).isNull();
        assertThat(positions[1]).isNotNull();
    }
}
