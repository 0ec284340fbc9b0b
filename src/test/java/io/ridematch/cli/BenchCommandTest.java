package io.ridematch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.bench.BenchReport;
import io.ridematch.json.Json;
import org.junit.jupiter.api.Test;

/** The bench's summary table: each figure beside its target, and whether it is met; a stopped bench's parts. */
class BenchCommandTest {

    private static final BenchReport.Machine MACHINE = new BenchReport.Machine(2, "17", 6_000, "G1, pause goal 50 ms");
    private static final BenchReport.InProcess IN_PROCESS = new BenchReport.InProcess(3_000, 15_000, 1_500, 6_000,
            3_000_000, 0.005,
            1.0, 4.9, 200, 2.0, 1_000);
    private static final BenchReport.Engine ENGINE = new BenchReport.Engine(true, 54, 700_059, 83_000, 7.0, 9.1, 1.3,
            63.45, 71.24, 600, 450, 40);
    private static final BenchReport.ThroughKafka KAFKA = new BenchReport.ThroughKafka(12_000, 100_000, 0.12, 368);

    @Test
    void eachTargetIsMarkedMetOrNotFromItsFigure() {
        BenchReport report = new BenchReport("quick", MACHINE, null, IN_PROCESS, ENGINE, KAFKA,
                new BenchReport.Heap(160, 1_100, 1_100, 1024, true, 100_000, 1_000_000, 1_000_000, 60),
                new BenchReport.KafkaLatency(20, 30, 150, true, 10_000, 45, 70, 300),
                new BenchReport.Runs("a", 1.0, "b", 2.0, "c", 3.0, "e", 5.0, "d", 4.0, 10));

        String table = BenchCommand.render(report);

        assertThat(line(table, "ridematch bench (quick)")).contains("2 cores").contains("G1, pause goal 50 ms");
        assertThat(line(table, "in-process rides/s")).contains(">= 100,000").endsWith("no");
        assertThat(line(table, "in-process events/s")).contains("0.50 %").contains(">= 2 %").endsWith("no");
        assertThat(line(table, "the first run, JIT cold")).contains("6,000").contains("1,500 rides/s")
                .contains("0.20 %");
        assertThat(line(table, "match latency in-process")).contains("1.00 / 4.90 ms").endsWith("yes");
        assertThat(line(table, "through Kafka events/s")).contains("12.00 %").endsWith("no");
        assertThat(line(table, "match latency via Kafka")).contains("20.00 / 30.00 ms").contains("at 150x, half of 300x")
                .endsWith("no");
        assertThat(line(table, "as the rider sees it")).contains("45.00 / 70.00 ms");
        assertThat(line(table, "day on the bus alone")).contains("54.0 s").contains("700,059 rides").endsWith("yes");
        assertThat(line(table, "batched / greedy wall time")).contains("9.1 / 7.0 s").contains("1.30x").endsWith("yes");
        assertThat(line(table, "heap, 100k drivers")).contains("1,100 MiB").endsWith("no");
        assertThat(table).contains("1,000,000 rides over 1h; 160 MiB left");
        assertThat(table).doesNotContain("stopped").doesNotContain("not reached");
    }

    @Test
    void aHeapMeasuredOverLessThanAnHourIsNotCalledMetAndOneThatDidNotFitSaysSo() {
        BenchReport shortWindow = new BenchReport("quick", MACHINE, null, IN_PROCESS, ENGINE, KAFKA,
                new BenchReport.Heap(160, 300, 0, 1024, true, 100_000, 1_000_000, 50_000, 3), null,
                new BenchReport.Runs("a", 1.0, "b", 2.0, "c", 3.0, "e", 5.0, "d", 4.0, 10));
        BenchReport full = new BenchReport("full", MACHINE, null, IN_PROCESS, ENGINE, KAFKA,
                new BenchReport.Heap(0, 0, 0, 1024, false, 100_000, 1_000_000, 0, 60), null,
                new BenchReport.Runs("a", 1.0, "b", 2.0, "c", 3.0, "e", 5.0, "d", 4.0, 10));

        assertThat(line(BenchCommand.render(shortWindow), "heap, 100k drivers")).contains("300 MiB")
                .endsWith("a shorter window");
        assertThat(line(BenchCommand.render(full), "heap, 100k drivers")).contains("did not fit").endsWith("no");
    }

    @Test
    void aBenchStoppedEarlyShowsThePartsItReachedAndNamesTheRest() {
        BenchReport report = new BenchReport("quick", MACHINE, "before part 3 of 5", IN_PROCESS, ENGINE, KAFKA, null, null,
                new BenchReport.Runs("a", 1.0, "b", 2.0, "c", null, "e", 5.0, "d", null, 4));

        String table = BenchCommand.render(report);
        String json = new String(Json.write(report), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(table).contains("(stopped early, before part 3 of 5)");
        assertThat(line(table, "through Kafka events/s")).contains("12.00 %").endsWith("no");
        assertThat(line(table, "match latency via Kafka")).contains("not reached");
        assertThat(line(table, "heap, 100k drivers")).contains("not reached");
        assertThat(json).contains("\"kafkaRatio\":0.12").contains("\"inProcessRidesPerSecond\":3000")
                .contains("\"stopped\":\"before part 3 of 5\"").doesNotContain("heapMiB\"");
    }

    @Test
    void partsLeftOutByTheirFlagAreSaidNotRunRatherThanStopped() {
        BenchReport report = new BenchReport("quick", MACHINE, null, null, null, KAFKA, null, null,
                new BenchReport.Runs("a", null, "b", 2.0, "c", null, "e", null, "d", null, 2));

        String table = BenchCommand.render(report);

        assertThat(line(table, "in-process rides/s")).contains("not run").contains("left out by --parts");
        assertThat(line(table, "heap, 100k drivers")).contains("not run");
        assertThat(line(table, "through Kafka events/s")).contains("12.00 %");
        assertThat(table).doesNotContain("stopped").doesNotContain("not reached");
    }

    private static String line(String table, String start) {
        return table.lines().filter(l -> l.strip().startsWith(start)).findFirst().orElseThrow().strip();
    }
}
