package io.ridematch.city;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.ridematch.contract.Role;
import io.ridematch.json.Json;
import io.ridematch.kafka.EmbeddedKafka;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end of a run (last step, the producer's drain, undeploy, broker shutdown) is where runs hung: 3 in 27 before
 * the drain stopped racing its own timer. Many tiny runs, each with a fresh embedded broker, must each end with
 * their report; a run that has not ended after two minutes is reported as hung, by its number.
 */
class RunEndTest {

    private static final int RUNS = 50;
    private static final Duration HUNG_AFTER = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void fiftyEmbeddedBrokerRunsEachEndWithTheirReport() throws Exception {
        Scenario town = ScenarioFile.load("small-town");
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "run-end-test");
            t.setDaemon(true); // a hung run must not keep the test JVM alive
            return t;
        });
        try {
            for (int run = 1; run <= RUNS; run++) {
                Path report = dir.resolve("run-" + run + ".json");
                Path data = dir.resolve("data-" + run);
                // eight simulated minutes of the morning: a few dozen rides, well under a second of simulation
                SimulateConfig config = new SimulateConfig("small-town", Duration.ofMinutes(8), LocalTime.of(8, 0),
                        0, run, 0, report);
                Future<RunReport> ended = runner.submit(() -> SimulationRun.run(Role.SIMULATE, town, config,
                        new KafkaConfig(true, null, data, 2, (short) 1), Duration.ZERO,
                        new PrintStream(OutputStream.nullOutputStream())));
                RunReport result;
                try {
                    result = ended.get(HUNG_AFTER.toSeconds(), TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    fail("run " + run + " of " + RUNS + " did not end within " + HUNG_AFTER.toSeconds() + " s");
                    return;
                }
                assertThat(report).as("run %d's report", run).exists();
                JsonNode written = Json.mapper().readTree(Files.readAllBytes(report));
                long requested = written.path("outcomes").path("requested").asLong();
                assertThat(requested).as("run %d's rides", run).isPositive()
                        .isEqualTo(result.outcomes().requested());
                assertThat(result.performance().kafkaRecords()).as("run %d's records acknowledged", run).isPositive();
                EmbeddedKafka.deleteLog(data); // fifty logs would fill the temp folder
            }
        } finally {
            runner.shutdownNow();
        }
    }

    @Test
    void aDrainedRunStopsRequestsAtItsDurationAndEndsOnceEveryRideEnded() throws Exception {
        Scenario town = ScenarioFile.load("small-town");
        SimulateConfig plain = new SimulateConfig("small-town", Duration.ofMinutes(30), LocalTime.of(8, 0), 0, 7, 0,
                null);
        SimulateConfig drained = new SimulateConfig("small-town", Duration.ofMinutes(30), LocalTime.of(8, 0), 0, 7, 0,
                null, io.ridematch.web.LiveMapSettings.defaults(), io.ridematch.web.ApiSettings.defaults(), true);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());

        RunReport cut = SimulationRun.run(town, plain, Duration.ZERO, quiet);
        RunReport ended = SimulationRun.run(town, drained, Duration.ZERO, quiet);

        assertThat(cut.outcomes().inFlight()).as("rides cut off by the plain run's end").isPositive();
        assertThat(ended.outcomes().requested()).as("the same requests, none after the duration")
                .isEqualTo(cut.outcomes().requested());
        assertThat(ended.outcomes().inFlight()).isZero();
        assertThat(ended.outcomes().paid()).isEqualTo(ended.outcomes().completed());
        assertThat(ended.outcomes().completed() + ended.outcomes().cancelled()).isEqualTo(ended.outcomes().requested());
    }
}
