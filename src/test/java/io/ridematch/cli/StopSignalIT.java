package io.ridematch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, as a user runs it, stopped by real signals at bad moments: each stop ends the process with its
 * summary and its report, and a second signal ends it at once. Every process is killed by PID afterwards.
 */
class StopSignalIT {

    private static final Path JAR = Path.of("target", "ridematch.jar");
    private static final long WAIT_SECONDS = 90;

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        started.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void sigtermAtTheEndOfARunStillGivesTheSummaryAndTheReport() throws Exception {
        Path report = dir.resolve("end.json");
        Run run = start(report, "40m");
        run.awaitLine("ridematch summary");
        signal(run.process, "TERM"); // the run is printing its summary, writing its report, closing

        assertThat(run.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("exited: %s", run.output).isTrue();
        assertThat(run.process.exitValue()).isIn(0, 143);
        assertThat(report).exists();
        assertThat(Files.readString(report)).contains("\"requested\"");
        assertThat(String.join("\n", run.output)).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aCleanRunPrintsNoWarningTheUserDidNotAskFor() throws Exception {
        Path report = dir.resolve("clean.json");
        Run run = start(report, "10m");

        assertThat(run.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("exited: %s", run.output).isTrue();
        assertThat(run.process.exitValue()).as("exit code, output: %s", run.output).isZero();
        assertThat(report).exists();
        synchronized (run.output) {
            assertThat(run.output).noneMatch(l -> l.contains("WARN") || l.contains("ERROR"));
        }
    }

    @Test
    void sigtermWhileRunningStopsAtTheCurrentStepWithSummaryAndReport() throws Exception {
        Path report = dir.resolve("running.json");
        Run run = start(report, "1d");
        run.awaitLine("ridematch: simulating");
        Thread.sleep(1_500);
        signal(run.process, "TERM");

        assertThat(run.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("exited: %s", run.output).isTrue();
        assertThat(run.process.exitValue()).isEqualTo(143);
        assertThat(run.output).anyMatch(l -> l.contains("(stopped early)"));
        assertThat(report).exists();
    }

    @Test
    void ctrlCWhileStartingStillEndsWithAReport() throws Exception {
        Path report = dir.resolve("starting.json");
        Run run = start(report, "1d");
        run.awaitLine("embedded Kafka broker"); // the broker is up, the services are starting
        signal(run.process, "INT");

        assertThat(run.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("exited: %s", run.output).isTrue();
        assertThat(run.process.exitValue()).isEqualTo(130);
        assertThat(report).exists();
    }

    @Test
    void aSecondCtrlCExitsAtOnce() throws Exception {
        // the first Ctrl-C may finish stopping before the second lands (a run 0.15 s old has little to settle):
        // then that attempt shows nothing of the second, and another is made, three at most
        List<String> seen = new ArrayList<>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            Run run = start(dir.resolve("twice-" + attempt + ".json"), "1d");
            run.awaitLine("ridematch: simulating");
            signal(run.process, "INT");
            signal(run.process, "INT");

            assertThat(run.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("exited: %s", run.output).isTrue();
            assertThat(run.process.exitValue()).isEqualTo(130);
            seen.addAll(run.output);
            if (run.output.stream().anyMatch(l -> l.contains("stopped at once"))) {
                break;
            }
        }
        assertThat(seen).anyMatch(l -> l.contains("stopped at once"));
    }

    @Test
    void aBenchStoppedInItsFirstPartEndsWithATableAndAReportOfWhatItReached() throws Exception {
        Path report = dir.resolve("bench.json");
        Run run = run("bench", "--quick", "--scenario", "small-town", "--report", report.toString());
        run.awaitLine("bench 1/5");
        run.awaitLine("ridematch: simulating");
        signal(run.process, "INT");

        assertThat(run.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("exited: %s", run.output).isTrue();
        assertThat(run.process.exitValue()).isEqualTo(130);
        assertThat(run.output).anyMatch(l -> l.contains("ridematch bench (quick)")
                && l.contains("(stopped early, during part 1 of 5)"));
        assertThat(run.output).anyMatch(l -> l.contains("in-process rides/s") && l.contains("not reached"));
        assertThat(Files.readString(report)).contains("\"stopped\" : \"during part 1 of 5\"")
                .doesNotContain("inProcessRidesPerSecond");
    }

    @Test
    void platformAndSimulatorApartEachStopOnSigtermWithSummaryAndReport() throws Exception {
        Path platformReport = dir.resolve("platform.json");
        Path simulatorReport = dir.resolve("simulator.json");
        Run platform = run("platform", "--http-port", "0", "--progress-every", "0s", "--data-dir",
                dir.resolve("data-platform").toString(), "--report", platformReport.toString());
        platform.awaitLine("platform serving");
        String broker = platform.lineWith("embedded Kafka broker on ").replaceAll(".* on (\\S+),.*", "$1");
        Run simulator = run("simulator", "--kafka-bootstrap", broker, "--speed", "120", "--duration", "1d",
                "--progress-every", "0s", "--report", simulatorReport.toString());
        simulator.awaitLine("riders and drivers of");
        Thread.sleep(3_000);
        signal(simulator.process, "TERM");
        assertThat(simulator.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("simulator exited: %s",
                simulator.output).isTrue();
        signal(platform.process, "TERM");
        assertThat(platform.process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("platform exited: %s",
                platform.output).isTrue();

        for (Run stopped : List.of(simulator, platform)) {
            assertThat(stopped.process.exitValue()).as("exit code: %s", stopped.output).isEqualTo(143);
            assertThat(stopped.output).anyMatch(l -> l.contains("(stopped early)"));
            assertThat(String.join("\n", stopped.output)).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(Files.readString(simulatorReport)).contains("\"requested\"");
        assertThat(Files.readString(platformReport)).contains("\"requested\"");
    }

    private record Run(Process process, List<String> output) {
        void awaitLine(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (System.nanoTime() < deadline) {
                synchronized (output) {
                    if (output.stream().anyMatch(l -> l.contains(text))) {
                        return;
                    }
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no line with '" + text + "' within " + WAIT_SECONDS + " s: " + output);
        }

        String lineWith(String text) {
            synchronized (output) {
                return output.stream().filter(l -> l.contains(text)).findFirst().orElseThrow();
            }
        }
    }

    private Run start(Path report, String duration) throws IOException {
        return run("simulate", "--duration", duration, "--speed", "max", "--http-port", "0",
                "--data-dir", dir.resolve("data-" + report.getFileName()).toString(), "--report", report.toString(),
                "--progress-every", "0s");
    }

    private Run run(String... args) throws IOException {
        assertThat(JAR).as("the packaged jar (mvn verify packages it before this test)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        if (Runtime.version().feature() >= 23) {
            command.add(2, "--sun-misc-unsafe-memory-access=allow"); // as ./ridematch runs it (scripts/jdk.sh)
        }
        command.addAll(List.of(args));
        if (sigintIgnored()) {
            // started from the background of a non-interactive shell (`bash .ci/run &`), this JVM ignores SIGINT,
            // and a child inherits that: its JVM would never hear Ctrl-C. GNU env resets it, then execs the JVM
            // under the same PID
            command.addAll(0, List.of("env", "--default-signal=INT"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(process);
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (IOException closed) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Run(process, output);
    }

    /** Whether this process ignores SIGINT (Linux's {@code SigIgn} mask, SIGINT being signal 2). */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .map(l -> Long.parseUnsignedLong(l.substring("SigIgn:".length()).trim(), 16))
                .anyMatch(mask -> (mask & (1L << 1)) != 0);
    }

    private static void signal(Process process, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
}
