package io.ridematch.cli;

import io.ridematch.contract.Role;
import io.ridematch.city.DurationText;
import io.ridematch.city.UsageException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Option(names = "--snapshot-every", paramLabel = "TIME", defaultValue = "${env:RIDEMATCH_SNAPSHOT_EVERY:-30s}",
            description = "Write a snapshot of what a restart rebuilds (open rides, drivers, recent demand) to the "
                    + "platform-snapshots topic this often, in wall time, so a restart reads the snapshot and the log "
                    + "after it; 0s for none (a restart reads the whole log). Env RIDEMATCH_SNAPSHOT_EVERY. "
                    + "Default: ${DEFAULT-VALUE}.")
    String snapshotEvery;

    @Option(names = "--instance", paramLabel = "NAME", defaultValue = "${env:RIDEMATCH_INSTANCE:-1}",
            description = "This platform's name in its consumer group: each platform process sharing a log needs "
                    + "its own, and a restarted one takes its old name back to get its partitions at once (Kafka's "
                    + "static membership). Env RIDEMATCH_INSTANCE. Default: ${DEFAULT-VALUE}.")
    String instance;

    @Override
    public Integer call() throws Exception {
        Duration every;
        try {
            every = DurationText.parseAllowingZero(snapshotEvery);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--snapshot-every: " + e.getMessage());
        }
        if (!instance.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new UsageException("--instance must be 1 to 64 letters, digits, '.', '_' or '-', was '" + instance + "'");
        }
        return CityCommand.execute(Role.PLATFORM, city, serving,
                faults.applyTo(kafka.toConfig(true)).withSnapshotEvery(every).withMember(instance), kafka.problem(),
                null);
    }
}
