package io.ridematch.cli;

import io.ridematch.city.Architecture;
import io.ridematch.city.KafkaConfig;
import io.ridematch.city.ReportFile;
import io.ridematch.city.Scenario;
import io.ridematch.city.SimulateConfig;
import io.ridematch.city.SimulationRun;
import io.ridematch.city.UsageException;
import io.ridematch.contract.Role;

/** What {@code simulate}, {@code platform} and {@code simulator} share: their options checked, then one run. */
final class CityCommand {

    private CityCommand() {
    }

    /** A command's whole run: checks its options, returns the exit code. */
    /** @param world the world's options, or null in a platform (which runs no riders or drivers) */
    static int execute(Role role, CityOptions options, ServingOptions serving, KafkaConfig kafka, String kafkaProblem,
                       WorldOptions world) throws Exception {
        String problem = serving != null && serving.problem() != null ? serving.problem() : kafkaProblem;
        if (problem == null && role != Role.SIMULATE && options.speed == 0) {
            problem = "--speed max needs everything in one process ('simulate'); give " + role.name().toLowerCase()
                    + " a number, the same for the platform and the simulators";
        }
        if (problem == null && role == Role.SIMULATOR && kafka.bootstrap() == null) {
            problem = "simulator needs --kafka-bootstrap: the platform process owns the event log";
        }
        if (problem == null && serving != null && serving.architecture() == Architecture.SYNC
                && (role != Role.SIMULATE || kafka.enabled())) {
            problem = "--architecture sync runs the platform as a synchronous call chain, which keeps no event log: "
                    + "it runs in 'simulate --no-kafka' (and in compare)";
        }
        if (problem != null) {
            throw new UsageException(problem);
        }
        Scenario scenario = options.loadScenario(serving);
        if (world != null) {
            scenario = world.applyTo(scenario);
        }
        SimulateConfig config = options.toConfig(serving, world != null && world.drain);
        if (world != null) {
            config = world.applyTo(config, role);
        }
        ReportFile.checkWritable(config.report());
        SimulationRun.run(role, scenario, config, kafka, options.progressEvery, System.out);
        return 0;
    }
}
