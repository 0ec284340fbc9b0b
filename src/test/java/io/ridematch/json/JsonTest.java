package io.ridematch.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ridematch.contract.CancelReason;
import io.ridematch.contract.Fixtures;
import io.ridematch.contract.RideEvent.RideCancelled;
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
}
