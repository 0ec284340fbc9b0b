package io.ridematch.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ridematch.contract.Fixtures;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.kafka.CloudEvents.Outgoing;
import io.ridematch.kafka.CloudEvents.Undecodable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudEventsTest {

    @Test
    void encodeThenDecodeGivesTheEventBack() {
        RideRequested event = Fixtures.requested("r1");
        Outgoing out = CloudEvents.encode(event, "/ridematch/test");
        assertThat(out.topic()).isEqualTo("ride-events");
        assertThat(out.key()).isEqualTo("r1");
        assertThat(CloudEvents.decode(bytes(out.headers()), out.value())).isEqualTo(event);
    }

    @Test
    void everyEventGetsItsOwnId() {
        RideRequested event = Fixtures.requested("r1");
        assertThat(CloudEvents.encode(event, "s").headers().get("ce_id"))
                .isNotEqualTo(CloudEvents.encode(event, "s").headers().get("ce_id"));
    }

    @Test
    void recordsOutsideTheContractAreUndecodableWithAReason() {
        Outgoing out = CloudEvents.encode(Fixtures.requested("r1"), "s");
        Map<String, byte[]> headers = bytes(out.headers());

        assertThatThrownBy(() -> CloudEvents.decode(headers, "{broken".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Undecodable.class).hasMessageContaining("ridematch.ride.requested");

        String outOfRange = new String(out.value(), StandardCharsets.UTF_8).replace("40.758", "140.758");
        assertThatThrownBy(() -> CloudEvents.decode(headers, outOfRange.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Undecodable.class).hasMessageContaining("latitude");

        Map<String, byte[]> unknownType = new HashMap<>(headers);
        unknownType.put("ce_type", "ridematch.ride.teleported".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CloudEvents.decode(unknownType, out.value()))
                .isInstanceOf(Undecodable.class).hasMessageContaining("teleported");

        Map<String, byte[]> noSpec = new HashMap<>(headers);
        noSpec.remove("ce_specversion");
        assertThatThrownBy(() -> CloudEvents.decode(noSpec, out.value())).isInstanceOf(Undecodable.class);
    }

    private static Map<String, byte[]> bytes(Map<String, String> headers) {
        Map<String, byte[]> raw = new HashMap<>();
        headers.forEach((k, v) -> raw.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return raw;
    }
}
