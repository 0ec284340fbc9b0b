package io.ridematch.cli;

import picocli.CommandLine.Option;

/** {@code --drain}, for the commands that run riders: simulate and simulator. */
final class DrainOption {

    @Option(names = "--drain", defaultValue = "${env:RIDEMATCH_DRAIN:-false}",
            description = "After --duration no new requests; the clock runs on until every ride has ended (paid, "
                    + "failed at payment, or cancelled), 2h of simulated time at most, so a ride that never ends shows as lost. "
                    + "Env RIDEMATCH_DRAIN.")
    boolean drain;
}
