package io.ridematch.app;

import io.ridematch.app.ScenarioFile.InvalidScenario;
import io.ridematch.domain.sim.Scenario;
import io.ridematch.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code ridematch simulate}: the whole city in one process. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a city: platform services, simulated riders and drivers, the HTTP API, all in one process.")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--scenario", paramLabel = "FILE|NAME",
            defaultValue = "${env:RIDEMATCH_SCENARIO:-small-town}",
            description = "Scenario YAML file, or the name of a bundled one (small-town, new-york). "
                    + "Env RIDEMATCH_SCENARIO. Default: ${DEFAULT-VALUE}.")
    String scenario;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            defaultValue = "${env:RIDEMATCH_DURATION}",
            description = "Simulated time to run, e.g. 30m, 2h, 1d. Env RIDEMATCH_DURATION. Default: the scenario's.")
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

    @Option(names = "--progress-every", paramLabel = "TIME", converter = DurationConverter.class,
            defaultValue = "${env:RIDEMATCH_PROGRESS_EVERY:-2s}",
            description = "Wall time between progress lines. Env RIDEMATCH_PROGRESS_EVERY. Default: ${DEFAULT-VALUE}.")
    Duration progressEvery;

    @Override
    public Integer call() throws Exception {
        if (httpPort < 0 || httpPort > 65_535) {
            return Main.usageError("--http-port must be between 0 and 65535, was " + httpPort);
        }
        Scenario city;
        try {
            city = ScenarioFile.load(scenario);
        } catch (InvalidScenario e) {
            return Main.usageError(e.getMessage());
        }
        SimulateConfig config = new SimulateConfig(scenario, duration, start, speed, seed, httpPort, report);
        RunReport result = SimulationRun.run(city, config, progressEvery, System.out);
        if (report != null) {
            Files.write(report, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(result));
            System.out.println("  report written to " + report);
        }
        return 0;
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return DurationText.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class SpeedConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            if (value.equalsIgnoreCase("max")) {
                return 0.0;
            }
            try {
                double speed = Double.parseDouble(value);
                if (speed > 0 && speed < 1e9) {
                    return speed;
                }
            } catch (NumberFormatException ignored) {
                // falls through to the message below
            }
            throw new TypeConversionException("'" + value + "' is not a speed (use a positive number or max)");
        }
    }

    static final class TimeOfDayConverter implements ITypeConverter<LocalTime> {
        @Override
        public LocalTime convert(String value) {
            try {
                return LocalTime.parse(value);
            } catch (RuntimeException e) {
                throw new TypeConversionException("'" + value + "' is not a time of day (use HH:MM, e.g. 08:00)");
            }
        }
    }
}
