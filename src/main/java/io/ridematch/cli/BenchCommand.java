package io.ridematch.cli;

import io.ridematch.bench.Bench;
import io.ridematch.bench.BenchReport;
import io.ridematch.city.DurationText;
import io.ridematch.city.ReportFile;
import io.ridematch.city.Scenario;
import io.ridematch.city.ScenarioFile;
import io.ridematch.city.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
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
            description = "Take match latency through Kafka at this speed instead of half the speed a platform "
                    + "and a simulator apart reach together.")
    double kafkaLatencySpeed;

    @Option(names = "--parts", paramLabel = "N", split = ",",
            description = "Run only these parts (1 in-process, 2 engine, 3 through Kafka, 4 heap, 5 latency through "
                    + "Kafka), to measure one change; the table leaves the others out. Default: all.")
    Set<Integer> parts;

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
        if (parts != null && !Bench.ALL_PARTS.containsAll(parts)) {
            throw new UsageException("--parts takes part numbers from 1 to " + Bench.ALL_PARTS.size() + ", was "
                    + parts);
        }
        Scenario city = ScenarioFile.load(scenario);
        ReportFile.checkWritable(report);
        Bench.Plan plan = (quick ? Bench.Plan.quick() : Bench.Plan.full()).withKafkaLatencySpeed(kafkaLatencySpeed);
        if (parts != null) {
            plan = plan.withParts(parts);
        }
        Bench bench = new Bench(city, scenario, plan, seed, System.out);
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
        out.append(String.format(Locale.ROOT, "%nridematch bench (%s): %d cores, Java %s, max heap %,d MiB, %s, %.0f s%s%n",
                r.mode(), r.machine().cores(), r.machine().java(), r.machine().maxHeapMiB(), r.machine().collector(),
                r.runs().totalWallSeconds(),
                r.stopped() == null ? "" : " (stopped early, " + r.stopped() + ")"));
        String line = "  " + "-".repeat(108) + "\n";
        out.append(line);
        row(out, "measure", "ridematch", "reference, same run", "ratio", "target", "met");
        out.append(line);
        BenchReport.InProcess in = r.inProcess();
        if (in == null) {
            notReached(out, r.stopped(), "in-process rides/s", "match latency in-process");
        } else {
            row(out, "in-process rides/s", count(in.inProcessRidesPerSecond()), "", "", ">= 100,000",
                    met(in.inProcessRidesPerSecond() >= 100_000));
            row(out, "in-process events/s", count(in.inProcessEventsPerSecond()),
                    count(in.rawEventBusMessagesPerSecond()) + " raw bus msg/s", percent(in.inProcessRatio()),
                    ">= 2 %", met(in.inProcessRatio() >= 0.02));
            row(out, "  the first run, JIT cold", count(in.inProcessEventsPerSecondCold()),
                    count(in.inProcessRidesPerSecondCold()) + " rides/s",
                    percent(in.rawEventBusMessagesPerSecond() == 0 ? 0
                            : in.inProcessEventsPerSecondCold() / in.rawEventBusMessagesPerSecond()), "", "");
            row(out, "match latency in-process", ms(in.matchLatencyP50MsInProcess(), in.matchLatencyP99MsInProcess()),
                    String.format(Locale.ROOT, "at %.0fx, half load", in.inProcessLatencySpeed()), "", "p99 <= 5 ms",
                    met(in.matchLatencyP99MsInProcess() <= 5));
            row(out, "  the same at full load", ms(in.matchLatencyP50MsFullLoad(), in.matchLatencyP99MsFullLoad()), "",
                    "", "", "");
        }
        BenchReport.Engine engine = r.engine();
        if (engine == null) {
            notReached(out, r.stopped(), "day on the bus alone", "batched / greedy wall time");
        } else {
            row(out, "day on the bus alone", String.format(Locale.ROOT, "%.1f s", engine.dayWallSeconds()),
                    String.format(Locale.ROOT, "%,d rides, %s events/s", engine.dayRides(),
                            count(engine.dayEventsPerSecond())), "", "<= 60 s (NY day)",
                    engine.wholeDay() ? met(engine.dayWallSeconds() <= 60) : "part of a day");
            row(out, "batched / greedy wall time", String.format(Locale.ROOT, "%.1f / %.1f s",
                            engine.batchedWallSeconds(), engine.greedyWallSeconds()),
                    String.format(Locale.ROOT, "served %.2f / %.2f %%", engine.batchedServedPercent(),
                            engine.greedyServedPercent()),
                    String.format(Locale.ROOT, "%.2fx", engine.batchedOverGreedy()), "<= 2x",
                    met(engine.batchedOverGreedy() <= 2));
        }
        BenchReport.ThroughKafka kafka = r.throughKafka();
        if (kafka == null) {
            notReached(out, r.stopped(), "through Kafka events/s");
        } else {
            row(out, "through Kafka events/s (pings)", count(kafka.kafkaEventsPerSecond()),
                    count(kafka.kafkaProducerPerfRecordsPerSecond()) + " ProducerPerf rec/s",
                    percent(kafka.kafkaRatio()), ">= 60 %", met(kafka.kafkaRatio() >= 0.6));
        }
        BenchReport.KafkaLatency latency = r.kafkaLatency();
        if (latency == null) {
            notReached(out, r.stopped(), "match latency via Kafka");
        } else {
            row(out, "match latency via Kafka", ms(latency.matchLatencyP50MsKafka(), latency.matchLatencyP99MsKafka()),
                    String.format(Locale.ROOT, "at %.0fx, %s %.0fx%s", latency.kafkaLatencySpeed(),
                            latency.kafkaLatencySpeed() < Bench.halfOf(latency.kafkaPairMaxSpeed()) ? "below half of"
                                    : "half of", latency.kafkaPairMaxSpeed(),
                            latency.kafkaLatencyKeptUp() ? "" : ", fell behind"), "",
                    "p99 <= 25 ms", met(latency.matchLatencyP99MsKafka() <= 25));
            row(out, "  as the rider sees it", ms(latency.matchLatencyP50MsKafkaRider(),
                    latency.matchLatencyP99MsKafkaRider()), "request sent to assignment back", "", "", "");
        }
        BenchReport.Heap heap = r.heap();
        if (heap == null) {
            notReached(out, r.stopped(), "heap, 100k drivers, 1M rides/h");
        } else {
            row(out, "heap, 100k drivers, 1M rides/h", heap.heapFitted()
                            ? String.format(Locale.ROOT, "%,.0f MiB", heap.heapPeakMiB()) : "did not fit",
                    String.format(Locale.ROOT, "peak after GC, -Xmx%,.0fm", heap.heapLimitMiB()), "", "<= 1,024 MiB",
                    heap.heapWindowMinutes() < 60 ? "a shorter window"
                            : met(heap.heapFitted() && heap.heapMiBHour() <= 1024));
        }
        out.append(line);
        if (kafka != null) {
            out.append(String.format(Locale.ROOT, "  p50 / p99 shown for latencies; record size %.0f bytes%n",
                    kafka.kafkaMeanRecordBytes()));
        }
        if (heap != null && heap.heapFitted()) {
            out.append(String.format(Locale.ROOT, "  memory load: %,d rides over %s; %,.0f MiB left after a full GC at "
                    + "its end%n", heap.heapRides(), DurationText.format(Duration.ofSeconds(Math.round(
                    heap.heapWindowMinutes() * 60))), heap.heapMiB()));
        }
        return out.toString();
    }

    private static void notReached(StringBuilder out, String stopped, String... measures) {
        for (String measure : measures) {
            if (stopped == null) {
                row(out, measure, "not run", "left out by --parts", "", "", "");
            } else {
                row(out, measure, "not reached", "the bench was stopped: " + stopped, "", "", "");
            }
        }
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
