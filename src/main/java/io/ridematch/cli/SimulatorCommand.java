package io.ridematch.cli;

import io.ridematch.contract.Role;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ridematch simulator}: riders and drivers only, talking to a platform through Kafka. */
@Command(name = "simulator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the city's riders and drivers against Kafka; a 'ridematch platform' process serves them. "
                + "Same scenario options as simulate; the speed must be a number.")
final class SimulatorCommand implements Callable<Integer> {

    @Mixin
    CityOptions city;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    WorldOptions world;

    @Mixin
    RecordFaultOptions faults;

    @Override
    public Integer call() throws Exception {
        return CityCommand.execute(Role.SIMULATOR, city, null, faults.applyTo(kafka.toConfig(true)), kafka.problem(),
                world);
    }
}
