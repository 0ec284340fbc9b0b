package io.ridematch.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent.DriverWentOffline;
import io.ridematch.contract.DriverEvent.DriverWentOnline;
import io.ridematch.contract.Fixtures;
import io.ridematch.contract.RideEvent.PaymentFailed;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.kafka.CloudEvents.Outgoing;
import io.ridematch.kafka.CloudEvents.Undecodable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(CloudEvents.newId());
        }
        assertThat(ids).hasSize(100_000);
        String text = CloudEvents.newId();
        java.util.UUID id = java.util.UUID.fromString(text);
        assertThat(id.version()).isEqualTo(4);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.toString()).isEqualTo(text); // the canonical form: 8-4-4-4-12 lower-case hex digits
        assertThat(CloudEvents.encode(event, "s").headers().get("ce_id")).matches("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
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

    @Test
    void aBatchGivesBackEveryEventInOrderAndRefusesOneWithAFieldMissing() {
        List<DomainEvent> events = new ArrayList<>(List.of(Fixtures.fullRide("r1", "d1")));
        events.add(Fixtures.cancelled("r2"));
        events.add(new PaymentFailed("r3", "pay-r3", "declined", 6, Fixtures.T0));
        events.add(new DriverWentOnline("d1", Fixtures.TIMES_SQUARE, Fixtures.T0));
        events.add(new DriverWentOffline("d2", Fixtures.UNION_SQUARE, Fixtures.T0));
        byte[] batch = CloudEvents.encodeBatch(events, "/ridematch/test");

        assertThat(CloudEvents.decodeBatch(batch)).containsExactlyElementsOf(events);
        assertThat(new String(batch, StandardCharsets.UTF_8)).startsWith("[{\"specversion\":\"1.0\"")
                .contains("\"type\":\"ridematch.ride.requested\"");

        String withoutPickup = new String(batch, StandardCharsets.UTF_8).replaceFirst("\"pickup\":\\{[^}]*\\},", "");
        assertThatThrownBy(() -> CloudEvents.decodeBatch(withoutPickup.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Undecodable.class).hasMessage("ridematch.ride.requested: field pickup is missing");
        assertThatThrownBy(() -> CloudEvents.decodeBatch("{\"not\":\"a batch\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Undecodable.class).hasMessage("a batch of events is a JSON array");
    }

    private static Map<String, byte[]> bytes(Map<String, String> headers) {
        Map<String, byte[]> raw = new HashMap<>();
        headers.forEach((k, v) -> raw.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return raw;
    }
}
