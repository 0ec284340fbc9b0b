package io.ridematch.cli;

import io.ridematch.contract.Role;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ridematch platform}: the services and the HTTP API; riders and drivers come through Kafka. */
@Command(name = "platform", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the platform services and the HTTP API against Kafka. Riders and drivers come from "
                + "'ridematch simulator' processes (or any producer of the contract). The scenario gives the city's "
                + "travel, pricing and dispatch settings; runs until stopped unless --duration is given.")
final class PlatformCommand implements Callable<Integer> {

    @Mixin
    CityOptions city;

    @Mixin
    ServingOptions serving;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    RecordFaultOptions faults;

    @Override
    public Integer call() throws Exception {
        return CityCommand.execute(Role.PLATFORM, city, serving, faults.applyTo(kafka.toConfig(true)), kafka.problem(),
                false);
    }
}
