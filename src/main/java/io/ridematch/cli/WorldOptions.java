package io.ridematch.cli;

import io.ridematch.city.Scenario;
import io.ridematch.city.UsageException;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of the commands that run the world (riders and drivers): simulate and simulator. */
final class WorldOptions {

    @Option(names = "--drain", defaultValue = "${env:RIDEMATCH_DRAIN:-false}",
            description = "After --duration no new requests; the clock runs on until every ride has ended (paid, "
                    + "failed at payment, or cancelled), 2h of simulated time at most, so a ride that never ends shows as lost. "
                    + "Env RIDEMATCH_DRAIN.")
    boolean drain;

    @Option(names = "--location-every", paramLabel = "TIME", converter = SimulateCommand.IntervalConverter.class,
            defaultValue = "${env:RIDEMATCH_LOCATION_EVERY}",
            description = "How often each moving driver (to a pickup, on a trip, to a hotspot) reports where it is, "
                    + "e.g. 4s, as a real fleet's apps do: load for Kafka. Whole seconds; 0s for only at pickup and "
                    + "drop-off. Env RIDEMATCH_LOCATION_EVERY. Default: the scenario's supply.locationEverySeconds "
                    + "(0, off, in the bundled ones).")
    Duration locationEvery;

    /** The scenario with this command line's world overrides. */
    Scenario applyTo(Scenario city) {
        if (locationEvery == null) {
            return city;
        }
        try {
            return city.withLocationEvery(locationEvery);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--location-every: " + e.getMessage());
        }
    }
}
