package io.ridematch.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ridematch.contract.CancelReason;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.Fixtures;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.RideEvent.RideCancelled;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void eventsUseTheContractsFieldFormats() throws Exception {
        JsonNode completed = Json.mapper().readTree(Json.write(Fixtures.completed("r1", "d1")));
        assertThat(completed.get("fare").get("amount").isTextual()).isTrue();
        assertThat(completed.get("fare").get("amount").asText()).isEqualTo("14.20");
        assertThat(completed.get("fare").get("currency").asText()).isEqualTo("USD");
        assertThat(completed.get("completedAt").asText()).isEqualTo("2026-03-02T14:12:01Z");
        assertThat(completed.has("rideId")).isTrue();

        JsonNode requested = Json.mapper().readTree(Json.write(Fixtures.requested("r1")));
        assertThat(requested.get("pickup").get("lat").asDouble()).isEqualTo(40.7580);

        JsonNode cancelled = Json.mapper().readTree(Json.write(
                new RideCancelled("r1", CancelReason.RIDER_TIMEOUT, Fixtures.at(0))));
        assertThat(cancelled.get("reason").asText()).isEqualTo("rider-timeout");
    }

    @Test
    void aLocationReportIsWrittenAsJacksonsBeanAndTimeWritersWouldWithTheSameInstantTwiceAndAnotherBetween() {
        Instant whole = Instant.parse("2026-03-02T07:00:01Z");
        Instant fraction = Instant.parse("2026-03-02T07:00:01.250Z");
        for (Instant at : new Instant[] {whole, whole, fraction, whole, Instant.parse("2026-03-02T07:00:01.000000001Z")}) {
            DriverLocationUpdated report = new DriverLocationUpdated("driver-00042", new LatLng(40.758, -73.9855), at);
            assertThat(Json.writeString(report)).isEqualTo("{\"driverId\":\"driver-00042\",\"position\":"
                    + "{\"lat\":40.758,\"lng\":-73.9855},\"at\":\"" + DateTimeFormatter.ISO_INSTANT.format(at) + "\"}");
            assertThat(InstantText.of(at)).isEqualTo(at.toString());
        }
    }
}
