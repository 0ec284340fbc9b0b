package io.ridematch.platform.core.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ridematch.contract.CancelReason;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.platform.core.ride.RideStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RideQueryTest {

    private static final LatLng CENTRE = new LatLng(40.0176, -105.2797);
    private static final LatLng EAST = new LatLng(40.0176, -105.2200);
    private static final Instant T0 = Instant.parse("2026-03-02T14:00:00Z");

    /** Ten rides a minute apart, the even ones from the centre, every third cancelled. */
    private static CityReadModel city() {
        CityReadModel model = new CityReadModel();
        for (int i = 0; i < 10; i++) {
            String id = "ride-" + i;
            model.apply(new RideRequested(id, "p" + i, i % 2 == 0 ? CENTRE : EAST, EAST, T0.plusSeconds(60L * i)));
            if (i % 3 == 0) {
                model.apply(new RideCancelled(id, CancelReason.RIDER_CANCELLED, T0.plusSeconds(60L * i + 30)));
            }
        }
        return model;
    }

    @Test
    void theNewestFirstUpToTheLimit() {
        RideQuery.Answer answer = city().rides(new RideQuery(null, null, 3));
        assertThat(answer.rides()).extracting(RideView::rideId).containsExactly("ride-9", "ride-8", "ride-7");
        assertThat(answer.matched()).isEqualTo(10);
    }

    @Test
    void byStatusAndByZone() {
        CityReadModel model = city();
        assertThat(model.rides(new RideQuery(RideStatus.CANCELLED, null, 100)).rides()).extracting(RideView::rideId)
                .containsExactly("ride-9", "ride-6", "ride-3", "ride-0");
        String centre = Zones.of(CENTRE);
        RideQuery.Answer fromCentre = model.rides(new RideQuery(RideStatus.REQUESTED, centre, 100));
        assertThat(fromCentre.rides()).extracting(RideView::rideId).containsExactly("ride-8", "ride-4", "ride-2");
        assertThat(fromCentre.matched()).isEqualTo(3);
        assertThat(model.rides(new RideQuery(null, Zones.of(new LatLng(40.05, -105.29)), 100)).rides()).isEmpty();
    }

    @Test
    void aQueryOutOfBoundsIsRefusedWithItsReason() {
        assertThatThrownBy(() -> new RideQuery(null, null, 0)).hasMessageContaining("limit must be from 1 to 1000");
        assertThatThrownBy(() -> new RideQuery(null, null, 1001)).hasMessageContaining("was 1001");
        assertThatThrownBy(() -> new RideQuery(null, "dfsdf", 5)).hasMessageContaining("H3 cell of resolution 8");
        assertThatThrownBy(() -> new RideQuery(RideStatus.NONE, null, 5)).hasMessageContaining("none");
        assertThat(Zones.isAddress(Zones.of(CENTRE))).isTrue();
    }
}
