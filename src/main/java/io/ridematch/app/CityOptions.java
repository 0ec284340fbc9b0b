package io.ridematch.app;

import io.ridematch.app.SimulateCommand.DurationConverter;
import io.ridematch.app.SimulateCommand.IntervalConverter;
import io.ridematch.app.SimulateCommand.SpeedConverter;
import io.ridematch.app.SimulateCommand.TimeOfDayConverter;
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

    @Option(names = "--speed", paramLabel = "N|max", converter = SpeedConverter.class,
            defaultValue = "${env:RIDEMATCH_SPEED:-60}",
            description = "Simulated seconds per wall second (1 = real time), or max to run as fast as the machine "
                    + "goes. Env RIDEMATCH_SPEED. Default: ${DEFAULT-VALUE}.")
    double speed;

    @Option(names = "--matcher", paramLabel = "NAME", defaultValue = "${env:RIDEMATCH_MATCHER}",
            description = "Dispatch algorithm: greedy (nearest free driver, oldest rider first) or batched "
                    + "(Hungarian assignment every batch window). Env RIDEMATCH_MATCHER. Default: the scenario's.")
    String matcher;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "${env:RIDEMATCH_SEED:-42}",
            description = "Seed of every random choice; the same seed and scenario at --speed max give the same "
                    + "outcomes. Env RIDEMATCH_SEED. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:RIDEMATCH_HTTP_PORT:-8080}",
            description = "Port of the HTTP API (0 picks a free one). Env RIDEMATCH_HTTP_PORT. Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "${env:RIDEMATCH_REPORT}",
            description = "Write the summary as JSON to FILE. Env RIDEMATCH_REPORT.")
    Path report;

    @Option(names = "--progress-every", paramLabel = "TIME", converter = IntervalConverter.class,
            defaultValue = "${env:RIDEMATCH_PROGRESS_EVERY:-2s}",
            description = "Wall time between progress lines; 0s for none. Env RIDEMATCH_PROGRESS_EVERY. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration progressEvery;

    @Option(names = "--map-rate", paramLabel = "HZ", defaultValue = "${env:RIDEMATCH_MAP_RATE:-5}",
            description = "Frames per second the live map sends each viewer, above 0 and at most 60. "
                    + "Env RIDEMATCH_MAP_RATE. Default: ${DEFAULT-VALUE}.")
    double mapRate;

    @Option(names = "--map-viewers", paramLabel = "N", defaultValue = "${env:RIDEMATCH_MAP_VIEWERS:-16}",
            description = "Live map viewers served at once; one more is turned away. Env RIDEMATCH_MAP_VIEWERS. "
                    + "Default: ${DEFAULT-VALUE}.")
    int mapViewers;

    @Option(names = "--map-tiles", paramLabel = "URL|none", defaultValue = "${env:RIDEMATCH_MAP_TILES:-"
            + LiveMapSettings.OPENSTREETMAP + "}",
            description = "Tile URL template of the live map, or none for a plain background (the page also falls "
                    + "back to it when the tiles cannot be reached). Env RIDEMATCH_MAP_TILES. "
                    + "Default: OpenStreetMap.")
    String mapTiles;

    SimulateConfig toConfig() {
        LiveMapSettings map;
        try {
            map = new LiveMapSettings(mapRate, mapViewers, mapTiles);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new SimulateConfig(scenario, duration, start, speed, seed, httpPort, report, map);
    }

    /** The scenario file with this command line's overrides. */
    io.ridematch.domain.sim.Scenario loadScenario() {
        var city = ScenarioFile.load(scenario);
        try {
            return matcher == null ? city : city.withMatcher(matcher);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--matcher: " + e.getMessage());
        }
    }

    /** Null when the options are usable, else the one-line problem. */
    String problem() {
        if (httpPort < 0 || httpPort > 65_535) {
            return "--http-port must be between 0 and 65535, was " + httpPort;
        }
        return null;
    }
}
