package io.ridematch.platform.core.ride;

import io.ridematch.contract.RideEvent;
import java.util.List;

/** The outcome of a command: the events a legal command produces, or why it was refused. */
public sealed interface Decision {

    record Accepted(List<RideEvent> events) implements Decision {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    record Rejected(String reason) implements Decision {
    }

    /** A command on a ride nobody requested: only a request starts one. */
    record Unknown(String reason) implements Decision {
    }

    static Decision accept(RideEvent event) {
        return new Accepted(List.of(event));
    }

    static Decision reject(String reason) {
        return new Rejected(reason);
    }
}
