package io.ridematch.cli;

import io.ridematch.city.Scenario;
import io.ridematch.city.UsageException;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The fleet, the demand and a warm-up changed from the command line, without editing the scenario: simulate,
 * simulator and compare.
 */
final class CityKnobs {

    @Option(names = "--drivers", paramLabel = "N", defaultValue = "${env:RIDEMATCH_DRIVERS}",
            description = "Drivers in the fleet, on the scenario's shifts. Env RIDEMATCH_DRIVERS. Default: the "
                    + "scenario's supply.drivers.")
    Integer drivers;

    @Option(names = "--demand-scale", paramLabel = "X", defaultValue = "${env:RIDEMATCH_DEMAND_SCALE}",
            description = "Riders times X (0.5 half, 2 twice), at the same hours and places. Env RIDEMATCH_DEMAND_SCALE. "
                    + "Default: 1.")
    Double demandScale;

    @Option(names = "--warm-up", paramLabel = "TIME", converter = SimulateCommand.IntervalConverter.class,
            defaultValue = "${env:RIDEMATCH_WARM_UP:-0s}",
            description = "Simulate this long before --start and count nothing of it (rides requested in it, time and "
                    + "km in it): the city starts full. simulate and compare. Env RIDEMATCH_WARM_UP. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration warmUp;

    Scenario applyTo(Scenario city) {
        Scenario changed = city;
        try {
            if (drivers != null) {
                changed = changed.withDrivers(drivers);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--drivers: " + e.getMessage());
        }
        try {
            if (demandScale != null) {
                changed = changed.withDemandScaled(demandScale);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--demand-scale: " + e.getMessage());
        }
        return changed;
    }
}
