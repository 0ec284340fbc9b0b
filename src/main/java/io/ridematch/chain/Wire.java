package io.ridematch.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideCommand.AssignDriver;
import io.ridematch.contract.RideCommand.CancelRide;
import io.ridematch.contract.RideCommand.CompleteRide;
import io.ridematch.contract.RideCommand.FailPayment;
import io.ridematch.contract.RideCommand.ProcessPayment;
import io.ridematch.contract.RideCommand.RequestRide;
import io.ridematch.contract.RideCommand.StartRide;
import io.ridematch.contract.RideEvent;
import io.ridematch.json.EventTypes;
import io.ridematch.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The chain's HTTP bodies, in the project's one JSON mapping: a command is posted to the path of its kind, an
 * event to the path of its contract type, and a list of events answers as {@code [{"type":..,"event":{..}}]}.
 */
final class Wire {

    private static final Map<String, Class<? extends RideCommand>> COMMANDS = Map.of(
            "request-ride", RequestRide.class, "assign-driver", AssignDriver.class, "start-ride", StartRide.class,
            "complete-ride", CompleteRide.class, "process-payment", ProcessPayment.class,
            "fail-payment", FailPayment.class, "cancel-ride", CancelRide.class);

    private Wire() {
    }

    /** {@code /commands/assign-driver} and so on. */
    static String pathOf(RideCommand command) {
        String kind = switch (command) {
            case RequestRide c -> "request-ride";
            case AssignDriver c -> "assign-driver";
            case StartRide c -> "start-ride";
            case CompleteRide c -> "complete-ride";
            case ProcessPayment c -> "process-payment";
            case FailPayment c -> "fail-payment";
            case CancelRide c -> "cancel-ride";
        };
        return "/commands/" + kind;
    }

    /** {@code /ride-events/ridematch.ride.requested} and so on. */
    static String pathOf(RideEvent event) {
        return "/ride-events/" + EventTypes.nameOf(event);
    }

    static RideCommand command(String kind, byte[] body) throws IOException {
        Class<? extends RideCommand> type = COMMANDS.get(kind);
        if (type == null) {
            throw new IllegalArgumentException("no command of kind '" + kind + "'");
        }
        return Json.read(body, type);
    }

    static RideEvent event(String type, byte[] body) throws IOException {
        Class<?> named = EventTypes.typeNamed(type).filter(RideEvent.class::isAssignableFrom)
                .orElseThrow(() -> new IllegalArgumentException("no ride event of type '" + type + "'"));
        return (RideEvent) Json.read(body, named);
    }

    static byte[] events(List<RideEvent> events) {
        ArrayNode all = Json.mapper().createArrayNode();
        for (RideEvent event : events) {
            ObjectNode typed = all.addObject();
            typed.put("type", EventTypes.nameOf(event));
            typed.set("event", Json.mapper().valueToTree(event));
        }
        return Json.write(all);
    }

    static List<RideEvent> events(byte[] body) {
        try {
            List<RideEvent> events = new ArrayList<>();
            for (JsonNode typed : Json.mapper().readTree(body)) {
                events.add(event(typed.get("type").asText(), Json.mapper().writeValueAsBytes(typed.get("event"))));
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
