package io.ridematch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong flags and bad scenario files: one clear line and exit code 2, before anything starts. */
class CliTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private PrintStream originalOut;

    @BeforeEach
    void captureOutput() {
        originalErr = System.err;
        originalOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setErr(originalErr);
        System.setOut(originalOut);
    }

    @Test
    void unknownFlagIsOneLineAndExit2() {
        assertThat(Main.execute("simulate", "--sped", "max")).isEqualTo(2);
        assertOneLineError("--sped");
    }

    @Test
    void badSpeedAndDurationAreNamed() {
        assertThat(Main.execute("--speed", "fast")).isEqualTo(2);
        assertOneLineError("fast");
        err.reset();
        assertThat(Main.execute("simulate", "--duration", "two hours")).isEqualTo(2);
        assertOneLineError("two hours");
    }

    @Test
    void missingScenarioIsExit2() {
        assertThat(Main.execute("simulate", "--scenario", "no/such/file.yaml")).isEqualTo(2);
        assertOneLineError("no/such/file.yaml");
    }

    @Test
    void scenarioWithUnknownFieldIsExit2NamingTheField(@TempDir Path dir) throws Exception {
        String town = new String(ScenarioFile.class.getResourceAsStream("/scenarios/small-town.yaml").readAllBytes(),
                StandardCharsets.UTF_8);
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, town.replace("riders:", "riders:\n  patienceMeanSeconds: 30"));

        assertThat(Main.execute("simulate", "--scenario", bad.toString())).isEqualTo(2);

        assertOneLineError("patienceMeanSeconds");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("riders");
    }

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariable() {
        assertThat(Main.execute("simulate", "--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        for (String option : new String[] {"--scenario", "--duration", "--start", "--speed", "--seed", "--http-port",
                "--report"}) {
            assertThat(help).contains(option);
        }
        assertThat(help).contains("RIDEMATCH_SPEED").contains("RIDEMATCH_SEED");
    }

    private void assertOneLineError(String mentioned) {
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(1);
        assertThat(text).contains(mentioned);
    }
}
