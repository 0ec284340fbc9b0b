package io.ridematch.cli;

import io.ridematch.city.DurationText;
import io.ridematch.city.KafkaConfig;
import io.ridematch.city.UsageException;
import io.ridematch.kafka.RecordFaults;
import picocli.CommandLine.Option;

/** Faults on purpose where a process reads Kafka: {@code platform} and {@code simulator}. */
final class RecordFaultOptions {

    @Option(names = "--kafka-fault-duplicate", paramLabel = "P", defaultValue = "${env:RIDEMATCH_KAFKA_FAULT_DUPLICATE:-0}",
            description = "Hand each record read from Kafka to the services twice with probability P (a fault on "
                    + "purpose). Env RIDEMATCH_KAFKA_FAULT_DUPLICATE. Default: ${DEFAULT-VALUE}.")
    double duplicate;

    @Option(names = "--kafka-fault-delay", paramLabel = "TIME", defaultValue = "${env:RIDEMATCH_KAFKA_FAULT_DELAY:-0s}",
            description = "Hold each record read from Kafka a random wall time up to TIME before the services get it, "
                    + "so records of different partitions overtake each other (a fault on purpose), e.g. 200ms. Env "
                    + "RIDEMATCH_KAFKA_FAULT_DELAY. Default: ${DEFAULT-VALUE}.")
    String delay;

    KafkaConfig applyTo(KafkaConfig kafka) {
        try {
            return kafka.withFaults(new RecordFaults(duplicate, DurationText.parseAllowingZero(delay)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage().startsWith("--") ? e.getMessage() : "--kafka-fault-delay: "
                    + e.getMessage());
        }
    }
}
