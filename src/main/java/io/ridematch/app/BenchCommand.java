package io.ridematch.app;

import io.ridematch.bench.Bench;
import io.ridematch.bench.BenchReport;
import io.ridematch.domain.sim.Scenario;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ridematch bench}: the brief's performance targets, measured beside their references in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure throughput (event bus alone, and through an embedded Kafka broker beside Kafka's own "
                + "ProducerPerformance), match latency (in-process, and through Kafka at half load) and heap (100,000 "
                + "drivers, 1,000,000 rides an hour), and print them beside the brief's targets.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Shorter windows: about two minutes in all, for CI.")
    boolean quick;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the figures as JSON to FILE.")
    Path report;

    @Option(names = "--kafka-latency-speed", paramLabel = "N",
            description = "Take match latency through Kafka at this speed instead of half the speed part 2 reached.")
    double kafkaLatencySpeed;

    @Option(names = "--scenario", paramLabel = "FILE|NAME", defaultValue = "new-york",
            description = "The city to measure. Default: ${DEFAULT-VALUE}.")
    String scenario;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (kafkaLatencySpeed < 0) {
            throw new UsageException("--kafka-latency-speed must be positive, was " + kafkaLatencySpeed);
        }
        Scenario city = ScenarioFile.load(scenario);
        ReportFile.checkWritable(report);
        Bench.Plan plan = (quick ? Bench.Plan.quick() : Bench.Plan.full()).withKafkaLatencySpeed(kafkaLatencySpeed);
        Bench bench = new Bench(city, plan, seed, System.out);
        BenchReport result = bench.run();
        System.out.print(render(result));
        if (report != null) {
            ReportFile.write(report, result);
            System.out.println("  report written to " + report);
        }
        return 0;
    }

    static String render(BenchReport r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nridematch bench (%s): %d cores, Java %s, max heap %,d MiB, %.0f s%n",
                r.mode(), r.machine().cores(), r.machine().java(), r.machine().maxHeapMiB(), r.runs().totalWallSeconds()));
        String line = "  " + "-".repeat(108) + "\n";
        out.append(line);
        row(out, "measure", "ridematch", "reference, same run", "ratio", "target", "met");
        out.append(line);
        row(out, "in-process rides/s", count(r.inProcessRidesPerSecond()), "", "", ">= 100,000",
                met(r.inProcessRidesPerSecond() >= 100_000));
        row(out, "in-process events/s", count(r.inProcessEventsPerSecond()),
                count(r.rawEventBusMessagesPerSecond()) + " raw bus msg/s", percent(r.inProcessRatio()), "", "");
        row(out, "match latency in-process", ms(r.matchLatencyP50MsInProcess(), r.matchLatencyP99MsInProcess()),
                String.format(Locale.ROOT, "at %.0fx, half load", r.inProcessLatencySpeed()), "", "p99 <= 5 ms",
                met(r.matchLatencyP99MsInProcess() <= 5));
        row(out, "  the same at full load", ms(r.matchLatencyP50MsFullLoad(), r.matchLatencyP99MsFullLoad()), "", "",
                "", "");
        row(out, "through Kafka events/s", count(r.kafkaEventsPerSecond()),
                count(r.kafkaProducerPerfRecordsPerSecond()) + " ProducerPerf rec/s", percent(r.kafkaRatio()),
                ">= 60 %", met(r.kafkaRatio() >= 0.6));
        row(out, "match latency via Kafka", ms(r.matchLatencyP50MsKafka(), r.matchLatencyP99MsKafka()),
                String.format(Locale.ROOT, "at %.0fx, half load%s", r.kafkaLatencySpeed(),
                        r.kafkaLatencyKeptUp() ? "" : ", fell behind"), "", "p99 <= 25 ms",
                met(r.matchLatencyP99MsKafka() <= 25));
        row(out, "heap, 100k drivers, 1M rides/h", String.format(Locale.ROOT, "%,.0f MiB", r.heapMiB()),
                String.format(Locale.ROOT, "after %,d rides", r.heapRides()), "", "", "");
        row(out, "  the same after a whole hour", String.format(Locale.ROOT, "%,.0f MiB", r.heapMiBProjectedHour()),
                "projected: last third's growth", "", "<= 1,024 MiB", met(r.heapMiBProjectedHour() <= 1024));
        out.append(line);
        out.append(String.format(Locale.ROOT, "  p50 / p99 shown for latencies; record size %.0f bytes; heap grows "
                + "%.1f MiB per 100,000 rides%n", r.kafkaMeanRecordBytes(), r.heapMiBPerHundredThousandRides()));
        return out.toString();
    }

    private static void row(StringBuilder out, String... cells) {
        out.append(String.format(Locale.ROOT, "  %-32s %-18s %-30s %-8s %-14s %s%n", (Object[]) cells));
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.2f %%", ratio * 100);
    }

    private static String ms(double p50, double p99) {
        return String.format(Locale.ROOT, "%.2f / %.2f ms", p50, p99);
    }

    private static String met(boolean met) {
        return met ? "yes" : "no";
    }
}
