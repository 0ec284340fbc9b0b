package io.ridematch.cli;

import io.ridematch.city.ScenarioFile;
import io.ridematch.city.SimulateConfig;
import io.ridematch.city.UsageException;
import io.ridematch.cli.SimulateCommand.DurationConverter;
import io.ridematch.cli.SimulateCommand.IntervalConverter;
import io.ridematch.cli.SimulateCommand.SpeedConverter;
import io.ridematch.cli.SimulateCommand.TimeOfDayConverter;
import io.ridematch.web.ApiSettings;
import io.ridematch.web.LiveMapSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import picocli.CommandLine.Option;

/** The options every command that runs a city shares. */
final class CityOptions {

    @Option(names = "--scenario", paramLabel = "FILE|NAME",
            defaultValue = "${env:RIDEMATCH_SCENARIO:-small-town}",
            description = "Scenario YAML file, or the name of a bundled one (small-town, new-york). "
                    + "Env RIDEMATCH_SCENARIO. Default: ${DEFAULT-VALUE}.")
    String scenario;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            defaultValue = "${env:RIDEMATCH_DURATION}",
            description = "Simulated time to run, e.g. 30m, 2h, 1d. Env RIDEMATCH_DURATION. Default: the scenario's "
                    + "(platform: until stopped).")
    Duration duration;

    @Option(names = "--start", paramLabel = "HH:MM", converter = TimeOfDayConverter.class,
            defaultValue = "${env:RIDEMATCH_START}",
            description = "Time of day the simulation starts. Env RIDEMATCH_START. Default: the scenario's.")
    LocalTime start;

    @Option(names = "--speed", paramLabel = "N", converter = SpeedConverter.class,
            defaultValue = "${env:RIDEMATCH_SPEED:-60}",
            description = "Simulated seconds per wall second (1 = real time); simulate also takes max, as fast as the "
                    + "machine goes. Env RIDEMATCH_SPEED. Default: ${DEFAULT-VALUE}.")
    double speed;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "${env:RIDEMATCH_SEED:-42}",
            description = "Seed of every random choice; the same seed and scenario at --speed max give the same "
                    + "outcomes. Env RIDEMATCH_SEED. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "${env:RIDEMATCH_REPORT}",
            description = "Write the summary as JSON to FILE. Env RIDEMATCH_REPORT.")
    Path report;

    @Option(names = "--progress-every", paramLabel = "TIME", converter = IntervalConverter.class,
            defaultValue = "${env:RIDEMATCH_PROGRESS_EVERY:-2s}",
            description = "Wall time between progress lines; 0s for none. Env RIDEMATCH_PROGRESS_EVERY. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration progressEvery;

    /**
     * @param serving the platform's own options, or null in a simulator (which serves nothing)
     * @param drain   whether the run drains after its duration (simulate and simulator only)
     */
    SimulateConfig toConfig(ServingOptions serving, boolean drain) {
        ServingOptions platform = serving == null ? new ServingOptions() : serving;
        LiveMapSettings map;
        ApiSettings api;
        try {
            map = serving == null ? LiveMapSettings.defaults()
                    : new LiveMapSettings(platform.mapRate, platform.mapViewers, platform.mapTiles);
            api = new ApiSettings(platform.apiToken, platform.apiRate);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new SimulateConfig(scenario, duration, start, speed, seed, serving == null ? 0 : platform.httpPort,
                report, map, api, drain, platform.architecture(), platform.faults.matchingLatency, false, null, null, null);
    }

    /** The scenario file with this command line's overrides. */
    io.ridematch.city.Scenario loadScenario(ServingOptions serving) {
        var city = ScenarioFile.load(scenario);
        if (serving == null) {
            return city;
        }
        city = city.withPayment(serving.paymentFaults(city.payment()));
        if (!serving.faults.matchingLatency.isZero() && speed == 0) {
            throw new UsageException("--matching-latency runs in wall time: give --speed a number, not max");
        }
        if (city.payment().any() && speed == 0) {
            throw new UsageException("payment faults run in wall time, as a real provider's calls, retries and circuit "
                    + "breaker do: give --speed a number (60 maps a simulated minute to a second), not max");
        }
        if (serving.matcher == null) {
            return city;
        }
        try {
            return city.withMatcher(serving.matcher);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--matcher: " + e.getMessage());
        }
    }
}
