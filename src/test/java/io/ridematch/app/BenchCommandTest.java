package io.ridematch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.bench.BenchReport;
import org.junit.jupiter.api.Test;

/** The bench's summary table: each figure beside its target, and whether it is met. */
class BenchCommandTest {

    @Test
    void eachTargetIsMarkedMetOrNotFromItsFigure() {
        BenchReport report = new BenchReport("quick", new BenchReport.Machine(2, "17", 6_000),
                3_000, 15_000, 3_000_000, 0.005,
                1.0, 4.9, 200, 2.0, 1_000,
                12_000, 100_000, 0.12, 368,
                20, 30, 150, true, 10_000,
                160, 100_000, 1_000_000, 50_000, 121, 1_240,
                new BenchReport.Runs("a", 1, "b", 2, "c", 3, "d", 4, 10));

        String table = BenchCommand.render(report);

        assertThat(line(table, "in-process rides/s")).contains(">= 100,000").endsWith("no");
        assertThat(line(table, "match latency in-process")).contains("1.00 / 4.90 ms").endsWith("yes");
        assertThat(line(table, "through Kafka events/s")).contains("12.00 %").endsWith("no");
        assertThat(line(table, "match latency via Kafka")).contains("20.00 / 30.00 ms").endsWith("no");
        assertThat(line(table, "the same after a whole hour")).contains("1,240 MiB").endsWith("no");
    }

    private static String line(String table, String start) {
        return table.lines().filter(l -> l.strip().startsWith(start)).findFirst().orElseThrow().strip();
    }
}
