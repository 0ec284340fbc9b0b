package io.ridematch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.city.ScenarioFile;
import io.ridematch.kafka.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
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
    void paymentFaultsAreCheckedAndNeedANumericSpeed() {
        assertThat(Main.execute("simulate", "--speed", "max", "--payment-failure-rate", "0.3")).isEqualTo(2);
        assertOneLineError("give --speed a number");
        err.reset();
        assertThat(Main.execute("simulate", "--payment-failure-rate", "1.5")).isEqualTo(2);
        assertOneLineError("--payment-failure-rate must be in [0, 1)");
        err.reset();
        assertThat(Main.execute("simulate", "--payment-outage", "half past seven")).isEqualTo(2);
        assertOneLineError("is not an outage (use a time of day and a length, e.g. 07:30+5m)");
        err.reset();
        assertThat(Main.execute("platform", "--payment-latency", "400ms..50ms")).isEqualTo(2);
        assertOneLineError("the range's end comes before its start");
    }

    @Test
    void anAbsurdlyLongDurationIsAUsageErrorInWords() {
        assertThat(Main.execute("simulate", "--duration", "99999999999999999999d")).isEqualTo(2);
        assertOneLineError("longer than any run");
        err.reset();
        assertThat(Main.execute("simulate", "--duration", "999999999999999d")).isEqualTo(2);
        assertOneLineError("longer than any run");
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

    @Test
    void unknownCommandNamesItAndTheCommands() {
        assertThat(Main.execute("frobnicate")).isEqualTo(2);
        assertOneLineError("unknown command 'frobnicate'");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("simulate").doesNotContain("Unmatched");
    }

    @Test
    void compareWithAMissingScenarioIsOneLineAndExit2() {
        assertThat(Main.execute("compare", "--scenario", "no-such.yaml")).isEqualTo(2);
        assertOneLineError("no-such.yaml");
    }

    @Test
    void aReportPathThatCannotBeWrittenIsRefusedBeforeTheRunStarts(@TempDir Path dir) {
        Path report = dir.resolve("no-such-folder").resolve("r.json");

        assertThat(Main.execute("simulate", "--no-kafka", "--http-port", "0", "--report", report.toString()))
                .isEqualTo(2);

        assertOneLineError("does not exist");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("simulating");
        assertThat(Main.execute("simulate", "--no-kafka", "--http-port", "0", "--report", dir.toString()))
                .isEqualTo(2);
    }

    @Test
    void replayAgainstAnUnreachableKafkaSaysSoInOneLine() throws Exception {
        int closedPort = closedPort();
        assertThat(Main.execute("replay", "--kafka-bootstrap", "127.0.0.1:" + closedPort)).isEqualTo(1);
        assertOneLineError("no Kafka broker answers at 127.0.0.1:" + closedPort);
    }

    @Test
    void aSimulatorPointedAtNothingSaysSoInOneLine() throws Exception {
        int closedPort = closedPort();
        assertThat(Main.execute("simulator", "--kafka-bootstrap", "127.0.0.1:" + closedPort, "--speed", "10"))
                .isEqualTo(1);
        assertOneLineError("no Kafka broker answers");
    }

    @Test
    void brokerOnAPortInUseIsOneLineWithoutKafkaLogs(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(Main.execute("broker", "--port", String.valueOf(taken.getLocalPort()), "--data-dir",
                    dir.toString())).isEqualTo(1);
            assertOneLineError("in use");
        }
    }

    @Test
    void aSimulateOnADataFolderInUseLeavesTheRunningLogAlone(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka running = EmbeddedKafka.start(dir)) {
            Path log = dir.resolve("kafka");
            long filesBefore;
            try (var files = Files.walk(log)) {
                filesBefore = files.count();
            }
            assertThat(Main.execute("simulate", "--http-port", "0", "--data-dir", dir.toString(), "--duration",
                    "1m")).isEqualTo(1);
            assertOneLineError("is in use by another ridematch process");
            try (var files = Files.walk(log)) {
                assertThat(files.count()).as("the running broker's log, untouched").isEqualTo(filesBefore);
            }
        }
    }

    @Test
    void replicationFactorAboveTheBrokersIsAUsageError(@TempDir Path dir) {
        assertThat(Main.execute("simulate", "--replication-factor", "3", "--http-port", "0", "--data-dir",
                dir.toString(), "--duration", "1m")).isEqualTo(2);
        assertOneLineError("--replication-factor 3 needs as many brokers");
    }

    @Test
    void aKafkaSettingNoClientKnowsIsAUsageErrorBeforeAnythingStarts(@TempDir Path dir) {
        assertThat(Main.execute("simulate", "--kafka-property", "sasl.mechansim=PLAIN", "--data-dir",
                dir.toString(), "--duration", "1m")).isEqualTo(2);
        assertOneLineError("no Kafka client knows the setting 'sasl.mechansim'");
    }

    @Test
    void aKafkaPropertyWithoutAValueOrOneOfRidematchsOwnIsAUsageError(@TempDir Path dir) {
        assertThat(Main.execute("audit", "--kafka-property", "linger.ms", "--data-dir", dir.toString()))
                .isEqualTo(2);
        assertOneLineError("--kafka-property must be KEY=VALUE, was 'linger.ms'");
        err.reset();
        assertThat(Main.execute("audit", "--kafka-property", "bootstrap.servers=elsewhere:9092", "--data-dir",
                dir.toString())).isEqualTo(2);
        assertOneLineError("use --kafka-bootstrap");
    }

    @Test
    void aKafkaConfigFileThatIsNotThereIsAUsageError(@TempDir Path dir) {
        assertThat(Main.execute("replay", "--kafka-config", dir.resolve("client.properties").toString(),
                "--data-dir", dir.toString())).isEqualTo(2);
        assertOneLineError("cannot read --kafka-config");
    }

    @Test
    void httpPortInUseIsOneLineAndExit1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(Main.execute("simulate", "--no-kafka", "--duration", "1m", "--http-port",
                    String.valueOf(taken.getLocalPort()))).isEqualTo(1);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        // the one line the program writes; a library's own WARN on stderr is not the program's message
        assertThat(text.lines().filter(l -> l.startsWith("ridematch:")))
                .singleElement().asString().contains("HTTP port").contains("is in use by another program");
        assertThat(text).contains("is in use by another program").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void verboseAddsTheStackTrace() throws Exception {
        int closedPort = closedPort();
        assertThat(Main.execute("replay", "--verbose", "--kafka-bootstrap", "127.0.0.1:" + closedPort)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().count()).isGreaterThan(1);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort(); // closed again when the test uses it
        }
    }

    @Test
    void simulatorHelpListsOnlyWhatASimulatorUses() {
        assertThat(Main.execute("simulator", "--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).contains("--scenario").contains("--speed").contains("--kafka-bootstrap")
                .doesNotContain("--http-port").doesNotContain("--matcher").doesNotContain("--map-rate");
        out.reset();
        assertThat(Main.execute("platform", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--http-port").contains("--matcher")
                .contains("--kafka-port").doesNotContain("--location-every").doesNotContain("--drain");
    }

    @Test
    void locationPingsTakeWholeSecondsAndOnlyTheWorldsCommandsHaveThem() {
        assertThat(Main.execute("simulate", "--location-every", "1500ms", "--no-kafka")).isEqualTo(2);
        assertOneLineError("--location-every: the location period must be whole seconds");
        err.reset();
        assertThat(Main.execute("simulator", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--location-every").contains("RIDEMATCH_LOCATION_EVERY");
    }

    @Test
    void compareOptionsHaveEnvironmentVariables() {
        assertThat(Main.execute("compare", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("RIDEMATCH_MATCHERS").contains("RIDEMATCH_DURATION")
                .contains("RIDEMATCH_REPORT");
    }

    @Test
    void benchPartsOutsideOneToFiveAreOneLineAndExit2() {
        assertThat(Main.execute("bench", "--quick", "--parts", "3,9")).isEqualTo(2);
        assertOneLineError("--parts takes part numbers from 1 to 5");
        err.reset();
        assertThat(Main.execute("bench", "--parts", "two")).isEqualTo(2);
        assertOneLineError("two");
    }

    @Test
    void anUnknownArchitectureIsOneLineAndExit2() {
        assertThat(Main.execute("compare", "--architectures", "events,rest")).isEqualTo(2);
        assertOneLineError("'rest' is not an architecture");
    }

    @Test
    void theChainKeepsNoLogSoSyncWithKafkaIsOneLineAndExit2() {
        assertThat(Main.execute("simulate", "--architecture", "sync")).isEqualTo(2);
        assertOneLineError("--no-kafka");
    }

    @Test
    void faultsAtMaxSpeedInCompareAreOneLineAndExit2() {
        assertThat(Main.execute("compare", "--architectures", "events,sync", "--payment-outage", "07:10+5m"))
                .isEqualTo(2);
        assertOneLineError("give --speed a number");
    }

    @Test
    void aChartNamedNeitherPngNorSvgOrInAMissingFolderIsOneLineAndExit2(@TempDir Path dir) {
        assertThat(Main.execute("compare", "--chart", dir.resolve("chart.pdf").toString())).isEqualTo(2);
        assertOneLineError("name a .png or .svg file");
        err.reset();
        assertThat(Main.execute("compare", "--chart", dir.resolve("none").resolve("chart.png").toString()))
                .isEqualTo(2);
        assertOneLineError("does not exist");
    }

    @Test
    void badSeedsBatchWindowsAndKnobsAreOneLineAndExit2() {
        assertThat(Main.execute("compare", "--seeds", "5-1")).isEqualTo(2);
        assertOneLineError("not a range from low to high");
        err.reset();
        assertThat(Main.execute("compare", "--seeds", "1-x")).isEqualTo(2);
        assertOneLineError("'1-x' is not a seed or a range");
        err.reset();
        assertThat(Main.execute("compare", "--batch-window", "1500ms")).isEqualTo(2);
        assertOneLineError("not whole seconds");
        err.reset();
        assertThat(Main.execute("compare", "--batch-window", "5s", "--matchers", "greedy")).isEqualTo(2);
        assertOneLineError("add batched to --matchers");
        err.reset();
        assertThat(Main.execute("compare", "--drivers", "0")).isEqualTo(2);
        assertOneLineError("--drivers: the fleet needs a driver or more");
        err.reset();
        assertThat(Main.execute("simulate", "--demand-scale", "0")).isEqualTo(2);
        assertOneLineError("--demand-scale: the demand scale must be a positive number");
    }

    @Test
    void anOutputThatIsAFileAWarmUpInASimulatorOrABadZoneIsOneLineAndExit2(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        assertThat(Main.execute("simulate", "--no-kafka", "--output", file.toString())).isEqualTo(2);
        assertOneLineError("is a file; name a folder");
        err.reset();
        assertThat(Main.execute("simulator", "--kafka-bootstrap", "127.0.0.1:1", "--speed", "10", "--warm-up", "1h"))
                .isEqualTo(2);
        assertOneLineError("--warm-up is for simulate");
        err.reset();
        assertThat(Main.execute("replay", "--timezone", "Mars/Olympus")).isEqualTo(2);
        assertOneLineError("not a time zone");
    }

    @Test
    void seedsAreRangesAndLists() {
        assertThat(Replications.seedsOf("1-5")).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(Replications.seedsOf("1,4, 9")).containsExactly(1L, 4L, 9L);
        assertThat(Replications.seedsOf("1-3,2,10")).containsExactly(1L, 2L, 3L, 10L);
    }

    private void assertOneLineError(String mentioned) {
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(1);
        assertThat(text).contains(mentioned);
    }
}
