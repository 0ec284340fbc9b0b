package io.ridematch.cli;

import io.ridematch.city.DurationText;
import io.ridematch.city.UsageException;
import io.ridematch.platform.core.payment.PaymentFaults;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Faults of the platform's services on purpose: the payment provider's, and slow matching. */
final class FaultOptions {

    @Option(names = "--payment-failure-rate", paramLabel = "P", defaultValue = "${env:RIDEMATCH_PAYMENT_FAILURE_RATE}",
            description = "Share of charge attempts the payment provider declines, in [0, 1). Env "
                    + "RIDEMATCH_PAYMENT_FAILURE_RATE. Default: the scenario's (0).")
    Double paymentFailureRate;

    @Option(names = "--payment-latency", paramLabel = "TIME[..TIME]", defaultValue = "${env:RIDEMATCH_PAYMENT_LATENCY}",
            description = "How long a charge takes, e.g. 200ms, or a uniform range 50ms..400ms (wall time, at most 10s). "
                    + "Env RIDEMATCH_PAYMENT_LATENCY. Default: the scenario's (none).")
    String paymentLatency;

    @Option(names = "--payment-outage", paramLabel = "HH:MM+TIME",
            description = "The payment provider is down from that simulated time for that long, e.g. 07:30+5m; "
                    + "repeatable. Default: the scenario's (none).")
    List<String> paymentOutages;

    @Option(names = "--matching-latency", paramLabel = "TIME", converter = SimulateCommand.IntervalConverter.class,
            defaultValue = "${env:RIDEMATCH_MATCHING_LATENCY:-0s}",
            description = "Wall time the matching service takes to take in each ride event, e.g. 300ms: slow matching "
                    + "on purpose. Env RIDEMATCH_MATCHING_LATENCY. Default: ${DEFAULT-VALUE}.")
    Duration matchingLatency = Duration.ZERO;

    /** The scenario's payment faults with these options' overrides; throws a one-line problem. */
    PaymentFaults paymentFaults(PaymentFaults scenario) {
        try {
            Duration[] latency = paymentLatency == null ? null : DurationText.parseRange(paymentLatency);
            return new PaymentFaults(paymentFailureRate != null ? paymentFailureRate : scenario.failureRate(),
                    latency != null ? latency[0] : scenario.latencyMin(),
                    latency != null ? latency[1] : scenario.latencyMax(),
                    paymentOutages != null ? paymentOutages.stream().map(DurationText::parseOutage).toList()
                            : scenario.outages());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage().replace("payment.failureRate", "--payment-failure-rate")
                    .replace("payment.latencyMax", "--payment-latency").replace("payment.latencyMin", "--payment-latency"));
        }
    }

    /** Whether any fault is asked for on the command line or in the scenario. */
    boolean any(PaymentFaults scenario) {
        return paymentFaults(scenario).any() || !matchingLatency.isZero();
    }
}
