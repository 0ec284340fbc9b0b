package io.ridematch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar in a heap too small for its run: it ends with one line and exit code 1 instead of living on
 * collecting garbage; a run that fits the same heap is not stopped.
 */
class HeapFullIT {

    private static final Path JAR = Path.of("target", "ridematch.jar");
    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopEverything() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void aRunThatFillsTheHeapEndsWithOneLine() throws Exception {
        // a New York day fits in 128 MiB since issue 16 (finished rides leave memory); in 64 MiB the read model's
        // 100,000 most recent finished rides alone do not
        Ended run = run(64, "--scenario", "new-york", "--duration", "1d");
        assertThat(run.exitCode()).as("exit code; output:%n%s", run.output()).isEqualTo(1);
        assertThat(run.output()).contains("ridematch: the heap is full: ").contains("-Xmx");
        assertThat(run.output()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aRunThatFitsTheSameHeapIsNotStopped() throws Exception {
        Ended run = run(64, "--scenario", "small-town", "--duration", "2h");
        assertThat(run.exitCode()).as("exit code; output:%n%s", run.output()).isZero();
        assertThat(run.output()).doesNotContain("the heap is full").contains("ridematch summary");
    }

    private record Ended(int exitCode, String output) {
    }

    /** Runs {@code simulate} with {@code args} in a heap of {@code heapMiB}, for at most 240 s. */
    private Ended run(int heapMiB, String... args) throws Exception {
        Path output = dir.resolve("output-" + started.size() + ".txt");
        Process process = start(output, heapMiB, args);
        assertThat(process.waitFor(240, TimeUnit.SECONDS)).as("the process ended within 240 s").isTrue();
        return new Ended(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    private Process start(Path output, int heapMiB, String... args) throws Exception {
        assertThat(JAR).as("the packaged jar (mvn verify packages it before this test)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heapMiB + "m", "-jar", JAR.toString()));
        if (Runtime.version().feature() >= 23) {
            command.add(3, "--sun-misc-unsafe-memory-access=allow"); // as ./ridematch runs it (scripts/jdk.sh)
        }
        command.addAll(List.of("simulate", "--no-kafka", "--speed", "max", "--http-port", "0", "--progress-every",
                "0s"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        started.add(process);
        return process;
    }
}
