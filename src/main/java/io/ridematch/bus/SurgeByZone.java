package io.ridematch.bus;

import java.util.Map;

/** The surge multiplier of every H3 zone with recent demand, as the trip service prices it. */
public record SurgeByZone(Map<Long, Double> multipliers) {
}
