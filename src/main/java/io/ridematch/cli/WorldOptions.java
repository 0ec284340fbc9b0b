package io.ridematch.cli;

import io.ridematch.city.OutputFolder;
import io.ridematch.city.Scenario;
import io.ridematch.city.SimulateConfig;
import io.ridematch.city.UsageException;
import io.ridematch.contract.Role;
import java.nio.file.Path;
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

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "${env:RIDEMATCH_OUTPUT}",
            description = "Write rides.csv, drivers.csv, kpis.csv, the report, what ran, and plots (PNG and SVG) "
                    + "with an index.html into DIR at the end of the run (made if missing). Env RIDEMATCH_OUTPUT.")
    Path output;

    @Option(names = "--kpi-interval", paramLabel = "TIME", converter = SimulateCommand.IntervalConverter.class,
            defaultValue = "${env:RIDEMATCH_KPI_INTERVAL:-15m}",
            description = "Simulated time per row of kpis.csv. Env RIDEMATCH_KPI_INTERVAL. Default: ${DEFAULT-VALUE}.")
    Duration kpiInterval;

    @Option(names = "--warm-up", paramLabel = "TIME", converter = SimulateCommand.IntervalConverter.class,
            defaultValue = "${env:RIDEMATCH_WARM_UP:-0s}",
            description = "Simulate this long before --start and count nothing of it (rides requested in it, time and "
                    + "km in it): the city starts full. Env RIDEMATCH_WARM_UP. Default: ${DEFAULT-VALUE}.")
    Duration warmUp;

    /** The run's config with this command line's warm-up and output folder, checked before anything starts. */
    SimulateConfig applyTo(SimulateConfig config, Role role) {
        if (!warmUp.isZero()) {
            if (role != Role.SIMULATE) {
                throw new UsageException("--warm-up is for simulate, which counts the outcomes; a simulator counts "
                        + "nothing");
            }
            config = config.withWarmUp(warmUp);
        }
        if (output == null) {
            return config;
        }
        if (kpiInterval.isZero()) {
            throw new UsageException("--kpi-interval must be a second or longer");
        }
        OutputFolder.checkUsable(output);
        return config.withOutput(output, kpiInterval);
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
