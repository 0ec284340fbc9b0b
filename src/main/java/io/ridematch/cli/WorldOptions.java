package io.ridematch.cli;

import io.ridematch.city.Scenario;
import io.ridematch.city.SimulateConfig;
import io.ridematch.city.UsageException;
import io.ridematch.contract.Role;
import java.time.Duration;
import picocli.CommandLine.Mixin;
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

    @Mixin
    OutputOptions output = new OutputOptions();

    /** The run's config with this command line's warm-up and output folder, checked before anything starts. */
    SimulateConfig applyTo(SimulateConfig config, Role role) {
        if (!knobs.warmUp.isZero()) {
            if (role != Role.SIMULATE) {
                throw new UsageException("--warm-up is for simulate, which counts the outcomes; a simulator counts "
                        + "nothing");
            }
            config = config.withWarmUp(knobs.warmUp);
        }
        output.check();
        return output.output == null ? config : config.withOutput(output.output, output.kpiInterval);
    }

    @Mixin
    CityKnobs knobs = new CityKnobs();

    /** The scenario with this command line's world overrides. */
    Scenario applyTo(Scenario city) {
        Scenario changed = knobs.applyTo(city);
        if (locationEvery == null) {
            return changed;
        }
        try {
            return changed.withLocationEvery(locationEvery);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--location-every: " + e.getMessage());
        }
    }
}
