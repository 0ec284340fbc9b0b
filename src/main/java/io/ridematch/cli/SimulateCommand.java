package io.ridematch.cli;

import io.ridematch.city.DurationText;
import io.ridematch.contract.Role;
import java.time.Duration;
import java.time.LocalTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code ridematch simulate}: the whole city in one process, with the event log on Kafka alongside. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a city: platform services, simulated riders and drivers, the HTTP API and an embedded "
                + "Kafka broker for the event log, all in one process.")
final class SimulateCommand implements Callable<Integer> {

    @Mixin
    CityOptions city;

    @Mixin
    ServingOptions serving;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    WorldOptions world;

    @Option(names = "--no-kafka", defaultValue = "${env:RIDEMATCH_NO_KAFKA:-false}",
            description = "Run on the event bus alone, without an event log. Env RIDEMATCH_NO_KAFKA.")
    boolean noKafka;

    @Override
    public Integer call() throws Exception {
        return CityCommand.execute(Role.SIMULATE, city, serving, kafka.toConfig(!noKafka), kafka.problem(),
                world);
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

    /** Zero allowed: {@code --progress-every 0s} turns progress lines off. */
    static final class IntervalConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return DurationText.parseAllowingZero(value);
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
