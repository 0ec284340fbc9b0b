package io.ridematch.cli;

import io.ridematch.city.EventLog;
import io.ridematch.city.Interrupts;
import io.ridematch.contract.RideEvent;
import io.ridematch.kafka.KafkaConnection;
import io.ridematch.kafka.LogReader;
import io.ridematch.kafka.Topics;
import io.ridematch.platform.core.ride.LifecycleAudit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ridematch audit}: check the brief's lifecycle rules over the whole event log. */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Check every lifecycle rule over the whole event log: each ride requested first and once, "
                + "then cancelled or assigned, started, completed, paid once each in order; no driver on two rides "
                + "at once; every ce_id unique; with --drained, every ride ended. Each violation names its topic, "
                + "partition and offset. Exit code 1 when a rule is broken.")
final class AuditCommand implements Callable<Integer> {

    private static final int SHOWN = 20;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--drained", description = "The log is of a drained run (simulate or simulator --drain): a ride "
            + "that never ended (cancelled, paid, or failed at payment) is a violation too.")
    boolean drained;

    @Override
    public Integer call() throws Exception {
        try (EventLog log = EventLog.open(kafka.checkedConfig())) {
            KafkaConnection connection = log.connection();
            LifecycleAudit audit = new LifecycleAudit();
            Set<String> ids = new HashSet<>();
            AtomicLong duplicateIds = new AtomicLong();
            LogReader.Summary read = LogReader.readRecords(connection, List.of(Topics.RIDE_EVENTS, Topics.DRIVER_EVENTS),
                    logged -> {
                        if (!ids.add(logged.ceId())) {
                            duplicateIds.incrementAndGet();
                        }
                        if (logged.event() instanceof RideEvent ride) {
                            audit.accept(ride, logged.topic() + "/" + logged.partition() + "@" + logged.offset());
                        }
                    }, Interrupts::requested);
            List<String> violations = new ArrayList<>(audit.violations());
            if (drained) {
                violations.addAll(audit.unfinished());
            }
            if (Interrupts.requested()) {
                System.out.println("ridematch audit: stopped early; what follows covers the events read so far");
            }
            System.out.printf("ridematch audit: %,d events (%,d ride events), %,d rides unfinished, %,d undecodable%n",
                    read.events(), audit.eventsChecked(), audit.unfinishedRides(), read.undecodable());
            System.out.printf("  lifecycle violations: %,d%n  duplicate ce_id:      %,d%n", violations.size(),
                    duplicateIds.get());
            violations.stream().limit(SHOWN).forEach(v -> System.out.println("  - " + v));
            if (violations.size() > SHOWN) {
                System.out.println("  ... and " + (violations.size() - SHOWN) + " more");
            }
            return violations.isEmpty() && duplicateIds.get() == 0 ? 0 : 1;
        }
    }
}
