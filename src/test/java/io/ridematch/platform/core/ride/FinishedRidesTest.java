package io.ridematch.platform.core.ride;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FinishedRidesTest {

    @Test
    void tellsEveryRecordedRideHowItEndedAndKnowsNoOther() {
        FinishedRides finished = new FinishedRides();
        Map<String, RideStatus> expected = new HashMap<>();
        RideStatus[] ends = {RideStatus.PAID, RideStatus.PAYMENT_FAILED, RideStatus.CANCELLED};
        SplittableRandom random = new SplittableRandom(7);
        String[] prefixes = {"ride-", "sim-a-ride-", "x", ""};
        for (int i = 0; i < 5_000; i++) {
            String prefix = prefixes[random.nextInt(prefixes.length)];
            String id = prefix + String.format("%0" + (1 + random.nextInt(8)) + "d", random.nextInt(100_000));
            RideStatus status = ends[random.nextInt(ends.length)];
            finished.add(id, status);
            expected.putIfAbsent(id, status);
        }
        expected.forEach((id, status) -> assertThat(finished.statusOf(id)).as(id).isEqualTo(status));
        assertThat(finished.size()).isEqualTo(expected.size());
        for (int i = 0; i < 2_000; i++) {
            String id = "ride-" + String.format("%07d", 100_000 + random.nextInt(1_000_000));
            assertThat(finished.statusOf(id)).as(id).isNull();
        }
    }

    @Test
    void idsThatDifferOnlyInLeadingZerosAreDifferentRides() {
        FinishedRides finished = new FinishedRides();
        finished.add("ride-0000123", RideStatus.PAID);
        assertThat(finished.statusOf("ride-123")).isNull();
        assertThat(finished.statusOf("ride-00000123")).isNull();
        assertThat(finished.statusOf("ride-0000123")).isEqualTo(RideStatus.PAID);
    }

    @Test
    void idsWithoutANumberOrWithAHugeOneAreKeptWhole() {
        FinishedRides finished = new FinishedRides();
        finished.add("airport-run", RideStatus.CANCELLED);
        finished.add("ride-12345678901234567890", RideStatus.PAID);
        assertThat(finished.statusOf("airport-run")).isEqualTo(RideStatus.CANCELLED);
        assertThat(finished.statusOf("ride-12345678901234567890")).isEqualTo(RideStatus.PAID);
        assertThat(finished.statusOf("ride-12345678901234567891")).isNull();
    }

    @Test
    void aRideKeepsItsFirstEndAndAnOpenStatusIsNoEnd() {
        FinishedRides finished = new FinishedRides();
        finished.add("ride-1", RideStatus.CANCELLED);
        finished.add("ride-1", RideStatus.PAID);
        assertThat(finished.statusOf("ride-1")).isEqualTo(RideStatus.CANCELLED);
        assertThat(finished.size()).isEqualTo(1);
        assertThatThrownBy(() -> finished.add("ride-2", RideStatus.STARTED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
