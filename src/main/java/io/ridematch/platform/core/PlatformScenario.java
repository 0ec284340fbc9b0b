package io.ridematch.platform.core;

import io.ridematch.contract.geo.BoundingBox;
import io.ridematch.contract.geo.TravelModel;
import io.ridematch.platform.core.matching.BatchedMatcher;
import io.ridematch.platform.core.matching.DispatchBoard;
import io.ridematch.platform.core.matching.DriverIndex;
import io.ridematch.platform.core.matching.GridIndex;
import io.ridematch.platform.core.matching.H3DriverIndex;
import io.ridematch.platform.core.matching.Matcher;
import io.ridematch.platform.core.matching.NearestDriverMatcher;
import io.ridematch.platform.core.payment.PaymentFaults;
import io.ridematch.platform.core.pricing.FareSchedule;
import io.ridematch.platform.core.pricing.SurgePricing;
import io.ridematch.platform.core.trip.TripSchedule;
import java.time.Duration;

/**
 * The platform's half of a scenario: the area it serves, the roads it estimates on, fares, matching, surge, and how
 * its payment provider misbehaves.
 */
public record PlatformScenario(BoundingBox area, TravelModel travel, FareSchedule pricing, Matching matching,
                               Surge surge, PaymentFaults payment) {

    /** A matcher as the scenario describes it. */
    public Matcher newMatcher() {
        double reach = matching.maxPickupKm() * 1000;
        return matching.matcher().equals("batched")
                ? new BatchedMatcher(reach, matching.batchWindowSeconds(),
                        matching.candidatesPerRider(), 500)
                : new NearestDriverMatcher(reach);
    }

    /** An empty dispatch board with the scenario's matcher, indexes, waits and offer rules. */
    public DispatchBoard newBoard() {
        return new DispatchBoard(newMatcher(), travel, Duration.ofSeconds(matching.maxWaitSeconds()), newIndex(),
                area.center().lat(), Duration.ofSeconds(matching.offerTimeoutSeconds()),
                Duration.ofSeconds(matching.declineCooldownSeconds()));
    }

    /** An empty trip schedule with the scenario's fares and surge. */
    public TripSchedule newTrips() {
        return new TripSchedule(travel, pricing, new SurgePricing(surge.settings()));
    }

    /** An empty geo index of the kind the scenario names: the 500 m grid, or H3 at resolution 9. */
    public DriverIndex newIndex() {
        return matching.index().equals("h3") ? new H3DriverIndex(9) : new GridIndex(500, area.center().lat());
    }

    public record Matching(String matcher, Double maxPickupKm, Integer maxWaitSeconds, Integer batchWindowSeconds,
                           Integer candidatesPerRider, Integer offerTimeoutSeconds, Integer declineCooldownSeconds,
                           String index) {
        public Matching {
            index = index == null ? "grid" : index;
            require(index.equals("grid") || index.equals("h3"), "matching.index must be grid or h3, was '" + index + "'");
            offerTimeoutSeconds = offerTimeoutSeconds == null ? 120 : offerTimeoutSeconds;
            require(offerTimeoutSeconds >= 1 && offerTimeoutSeconds <= 600,
                    "matching.offerTimeoutSeconds must be between 1 and 600");
            declineCooldownSeconds = declineCooldownSeconds == null ? 30 : declineCooldownSeconds;
            require(declineCooldownSeconds >= 0, "matching.declineCooldownSeconds must be zero or more");
            matcher = matcher == null ? "greedy" : matcher;
            require(matcher.equals("greedy") || matcher.equals("nearest") || matcher.equals("batched"),
                    "matching.matcher must be greedy (also called nearest) or batched, was '" + matcher + "'");
            batchWindowSeconds = batchWindowSeconds == null ? 2 : batchWindowSeconds;
            require(batchWindowSeconds >= 1 && batchWindowSeconds <= 600,
                    "matching.batchWindowSeconds must be between 1 and 600");
            candidatesPerRider = candidatesPerRider == null ? 10 : candidatesPerRider;
            require(candidatesPerRider >= 1 && candidatesPerRider <= 100,
                    "matching.candidatesPerRider must be between 1 and 100");
            maxPickupKm = maxPickupKm == null ? 5.0 : maxPickupKm;
            maxWaitSeconds = maxWaitSeconds == null ? 900 : maxWaitSeconds;
            require(maxPickupKm > 0, "matching.maxPickupKm must be positive");
            require(maxWaitSeconds > 0, "matching.maxWaitSeconds must be positive");
        }
    }

    /** Surge pricing per H3 zone; {@code sensitivity: 0} turns it off. */
    public record Surge(Integer resolution, Integer windowMinutes, Double sensitivity, Double max) {
        public Surge {
            resolution = resolution == null ? 7 : resolution;
            windowMinutes = windowMinutes == null ? 10 : windowMinutes;
            sensitivity = sensitivity == null ? 0.1 : sensitivity;
            max = max == null ? 2.5 : max;
            require(resolution >= 0 && resolution <= 15, "surge.resolution must be an H3 resolution, 0 to 15");
            require(windowMinutes >= 1, "surge.windowMinutes must be at least 1");
            require(sensitivity >= 0, "surge.sensitivity must be zero or more");
            require(max >= 1 && max <= 10, "surge.max must be between 1 and 10");
        }

        public SurgePricing.Settings settings() {
            return new SurgePricing.Settings(resolution, Duration.ofMinutes(windowMinutes),
                    sensitivity, max);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
