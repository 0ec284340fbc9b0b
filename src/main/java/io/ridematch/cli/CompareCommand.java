package io.ridematch.cli;

import io.ridematch.city.Architecture;
import io.ridematch.city.DurationText;
import io.ridematch.city.EnvironmentProblem;
import io.ridematch.city.Interrupts;
import io.ridematch.city.OutageReview;
import io.ridematch.city.ReportFile;
import io.ridematch.city.RunReport;
import io.ridematch.city.Scenario;
import io.ridematch.city.ScenarioFile;
import io.ridematch.city.SimulateConfig;
import io.ridematch.city.SimulationRun;
import io.ridematch.city.UsageException;
import io.ridematch.metrics.RideTimeline;
import io.ridematch.platform.core.notify.Receipts;
import io.ridematch.platform.core.payment.PaymentFaults;
import io.ridematch.platform.core.readmodel.Kpis;
import io.ridematch.platform.core.readmodel.Outcomes;
import io.ridematch.platform.core.records.RunRecords;
import io.ridematch.plot.TimeChart;
import io.ridematch.stats.Estimate;
import io.ridematch.web.ApiSettings;
import io.ridematch.web.LiveMapSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ridematch compare}: the same demand (same seed) through several matchers, or through the platform built
 * as events and as a synchronous call chain, side by side, under the same faults.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the same city with the same seed once per matcher and architecture, in one process without "
                + "Kafka, and print their outcomes and KPIs side by side.")
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--scenario", paramLabel = "FILE|NAME", defaultValue = "${env:RIDEMATCH_SCENARIO:-small-town}",
            description = "Scenario file or bundled name. Env RIDEMATCH_SCENARIO. Default: ${DEFAULT-VALUE}.")
    String scenario;

    @Option(names = "--matchers", paramLabel = "A,B", split = ",", defaultValue = "${env:RIDEMATCH_MATCHERS}",
            description = "Matchers to compare. Env RIDEMATCH_MATCHERS. Default: greedy,batched; the scenario's alone "
                    + "when --architectures is given.")
    List<String> matchers;

    @Option(names = "--architectures", paramLabel = "A,B", split = ",", defaultValue = "${env:RIDEMATCH_ARCHITECTURES}",
            description = "Architectures to compare: events (the platform), sync (each service behind HTTP, called "
                    + "in a chain with timeouts and retries). Env RIDEMATCH_ARCHITECTURES. Default: events.")
    List<String> architectures;

    @Option(names = "--duration", paramLabel = "TIME", converter = SimulateCommand.DurationConverter.class,
            defaultValue = "${env:RIDEMATCH_DURATION}",
            description = "Simulated time per run. Env RIDEMATCH_DURATION. Default: the scenario's.")
    Duration duration;

    @Option(names = "--start", paramLabel = "HH:MM", converter = SimulateCommand.TimeOfDayConverter.class,
            defaultValue = "${env:RIDEMATCH_START}",
            description = "Time of day the runs start. Env RIDEMATCH_START. Default: the scenario's.")
    LocalTime start;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "${env:RIDEMATCH_SEED:-42}",
            description = "Seed of every run. Env RIDEMATCH_SEED. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--seeds", paramLabel = "A-B,C", defaultValue = "${env:RIDEMATCH_SEEDS}",
            description = "Replications: run everything once per seed (1-10, or 1,4,9) and give each KPI as a mean with "
                    + "its 95 % confidence interval, and each difference against the first column, paired by seed, "
                    + "with whether it is significant. Replaces --seed. Env RIDEMATCH_SEEDS.")
    String seeds;

    @Option(names = "--batch-window", paramLabel = "T,T", split = ",", defaultValue = "${env:RIDEMATCH_BATCH_WINDOW}",
            converter = SimulateCommand.DurationConverter.class,
            description = "A sweep of the batched matcher's window (2s,5s,10s: whole seconds, 1s to 600s), one run "
                    + "each; the other matchers run once. Matchers default to batched alone. Env RIDEMATCH_BATCH_WINDOW.")
    List<Duration> batchWindows;

    @Option(names = "--speed", paramLabel = "N", converter = SimulateCommand.SpeedConverter.class,
            defaultValue = "${env:RIDEMATCH_SPEED:-max}",
            description = "Simulated seconds per wall second, or max; faults need a number. Env RIDEMATCH_SPEED. "
                    + "Default: ${DEFAULT-VALUE}.")
    double speed;

    @Option(names = "--drain", defaultValue = "${env:RIDEMATCH_DRAIN:-false}",
            description = "After --duration no new requests, and each run goes on until every ride ended (2h of "
                    + "simulated time at most), so a ride that never ends counts as lost. Env RIDEMATCH_DRAIN.")
    boolean drain;

    @Mixin
    FaultOptions faults = new FaultOptions();

    @Mixin
    CityKnobs knobs = new CityKnobs();

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "${env:RIDEMATCH_REPORT}",
            description = "Write {\"runs\":[...]} as JSON to FILE. Env RIDEMATCH_REPORT.")
    Path report;

    @Option(names = "--chart", paramLabel = "FILE", defaultValue = "${env:RIDEMATCH_CHART}",
            description = "Draw the runs minute by minute into FILE (.png or .svg): rides completed and paid, and "
                    + "match latency p99, payment outages shaded. Env RIDEMATCH_CHART.")
    Path chart;

    @Mixin
    OutputOptions output = new OutputOptions();

    /**
     * One run, as the report lists it.
     *
     * @param failed rides the platform failed: payments failed for good, and requests the chain cancelled at once
     * @param lost   rides that had not ended when the run did (with {@code --drain}, none should be)
     */
    record Run(String architecture, String matcher, Integer batchWindowSeconds, long seed, Outcomes outcomes,
               Kpis kpis, long failed, long lost,
               double matchLatencyP50Ms, double matchLatencyP99Ms, double eventsPerSecond, double wallSeconds,
               double longestHandlerMs, Receipts.Sent notified, RunReport.Chain chain, List<OutageReview> outages,
               List<RideTimeline.Minute> timeline) {
    }

    /** One column of the comparison: an architecture and a matcher, its batch window where a sweep set one. */
    record Variant(Architecture style, String matcher, Integer batchWindowSeconds) {
        String label() {
            return matcher + (batchWindowSeconds == null ? "" : " " + batchWindowSeconds + "s");
        }

        boolean ran(Run run) {
            return run.architecture().equals(style.label()) && run.matcher().equals(matcher)
                    && Objects.equals(run.batchWindowSeconds(), batchWindowSeconds);
        }
    }

    /** A variant over every seed: each KPI as a mean with its 95 % confidence interval. */
    record Replicated(String architecture, String matcher, Integer batchWindowSeconds, Map<String, Estimate> kpis) {
    }

    /** {@code of} minus {@code against}, seed by seed, per KPI; significant where the interval leaves zero out. */
    record Difference(String of, String against, Map<String, Estimate> kpis) {
    }

    /**
     * @param seed     the first seed; {@code seeds} all of them
     * @param replicated with two seeds or more: each variant's KPIs over them; null otherwise
     */
    record Comparison(String scenario, long seed, List<Long> seeds, double speed, PaymentFaults payment,
                      String matchingLatency, List<Run> runs, List<Replicated> replicated,
                      List<Difference> differences) {
    }

    @Override
    public Integer call() throws Exception {
        Scenario city = knobs.applyTo(ScenarioFile.load(scenario));
        ReportFile.checkWritable(report);
        if (chart != null && TimeChart.formatOf(chart) == null) {
            throw new UsageException("--chart " + chart + ": name a ." + String.join(" or .", TimeChart.FORMATS)
                    + " file");
        }
        ReportFile.checkWritable("--chart", chart);
        output.check();
        List<Architecture> styles = new ArrayList<>();
        for (String name : architectures == null ? List.of("events") : architectures) {
            try {
                styles.add(Architecture.named(name));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--architectures: " + e.getMessage());
            }
        }
        List<String> names = (matchers != null ? matchers
                : batchWindows != null ? List.of("batched")
                : architectures != null ? List.of(city.platform().matching().matcher()) : List.of("greedy", "batched"))
                .stream().map(String::trim).toList();
        List<Long> seedList = seeds == null ? List.of(seed) : Replications.seedsOf(seeds);
        List<Integer> windows = new ArrayList<>();
        for (Duration window : batchWindows == null ? List.<Duration>of() : batchWindows) {
            if (window.toMillis() % 1000 != 0 || window.toSeconds() < 1 || window.toSeconds() > 600) {
                throw new UsageException("--batch-window: " + DurationText.format(window) + " is not whole seconds "
                        + "from 1s to 600s");
            }
            windows.add((int) window.toSeconds());
        }
        if (!windows.isEmpty() && !names.contains("batched")) {
            throw new UsageException("--batch-window sweeps the batched matcher: add batched to --matchers");
        }
        for (String matcher : names) {
            try {
                city.withMatcher(matcher); // every name checked before the first run
            } catch (IllegalArgumentException e) {
                throw new UsageException("--matchers: " + e.getMessage());
            }
        }
        PaymentFaults payment = faults.paymentFaults(city.payment());
        if (faults.any(city.payment()) && speed == 0) {
            throw new UsageException("faults run in wall time, as real calls, retries and timeouts do: give --speed "
                    + "a number (10 maps a simulated minute to six seconds), not max");
        }
        Scenario faulty = city.withPayment(payment);
        List<Variant> variants = new ArrayList<>();
        for (Architecture style : styles) {
            for (String matcher : names) {
                if (matcher.equals("batched") && !windows.isEmpty()) {
                    windows.forEach(window -> variants.add(new Variant(style, matcher, window)));
                } else {
                    variants.add(new Variant(style, matcher, null));
                }
            }
        }
        List<Run> runs = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        Map<Run, List<RunRecords.Interval>> kpisOf = new HashMap<>();
        int total = variants.size() * seedList.size();
        replications:
        for (long runSeed : seedList) {
            for (Variant variant : variants) {
                if (Interrupts.requested()) {
                    System.out.println("ridematch compare: stopped early after " + runs.size() + " of " + total
                            + " runs; the table is of those");
                    break replications;
                }
                System.out.printf("ridematch compare: run %d of %d: %s with %s, %s%s...%n", runs.size() + 1, total,
                        city.name(), variant.label(), variant.style().label(),
                        seedList.size() > 1 ? ", seed " + runSeed : "");
                SimulateConfig config = new SimulateConfig(scenario, duration, start, speed, runSeed, 0, null,
                        LiveMapSettings.defaults(), ApiSettings.defaults(), drain).withPlatform(variant.style(),
                        faults.matchingLatency).withWarmUp(knobs.warmUp);
                String folder = (variant.style().label() + "-" + variant.label() + "-seed" + runSeed).replace(' ', '-');
                if (output.output != null) {
                    config = config.withOutput(output.output.resolve(folder), output.kpiInterval);
                }
                Scenario ran = faulty.withMatcher(variant.matcher());
                if (variant.batchWindowSeconds() != null) {
                    ran = ran.withBatchWindow(variant.batchWindowSeconds());
                }
                RunReport result = SimulationRun.run(ran, config, Duration.ZERO,
                        new PrintStream(OutputStream.nullOutputStream()));
                Run run = runOf(variant, runSeed, result, payment);
                runs.add(run);
                folders.add(folder);
                if (result.intervals() != null) {
                    kpisOf.put(run, result.intervals());
                }
            }
        }
        List<Replicated> replicated = null;
        List<Difference> differences = null;
        List<Variant> done = variants.stream().filter(v -> runs.stream().anyMatch(v::ran)).toList();
        if (seedList.size() > 1 && !done.isEmpty()) {
            replicated = done.stream().map(v -> new Replicated(v.style().label(), v.matcher(),
                    v.batchWindowSeconds(), Replications.estimates(runs, v))).toList();
            differences = done.stream().skip(1).map(v -> new Difference(Replications.columnOf(v, done),
                    Replications.columnOf(done.get(0), done), Replications.differences(runs, done.get(0), v)))
                    .toList();
            System.out.print(Replications.table(city.name() + (speed == 0 ? "" : ", speed " + trim(speed)),
                    seedList, done, replicated, differences));
        } else {
            System.out.print(table(city, runs, payment));
        }
        Comparison comparison = new Comparison(city.name(), seedList.get(0), seedList, speed, payment,
                faults.matchingLatency.isZero() ? null : faults.matchingLatency.toString(), runs, replicated,
                differences);
        if (report != null) {
            ReportFile.write(report, comparison);
            System.out.println("  report written to " + report);
        }
        if (output.output != null) {
            CompareOutput.write(output.output, city, done, runs, folders, kpisOf, comparison);
            System.out.println("  every run's records and plots, and the variants overlaid, written to " + output.output
                    + " (open index.html)");
        }
        if (chart != null) {
            try {
                long first = seedList.get(0); // one line per variant: the first seed's runs
                chartOf(city, runs.stream().filter(r -> r.seed() == first).toList(), payment).write(chart);
            } catch (IOException e) {
                throw new EnvironmentProblem("could not write the chart " + chart + ": " + e.getMessage());
            }
            System.out.println("  chart written to " + chart);
        }
        return 0;
    }

    private static Run runOf(Variant variant, long seed, RunReport result, PaymentFaults payment) {
        long requestsFailed = result.chain() == null ? 0 : result.chain().requestsFailed();
        List<OutageReview> outages = payment.outages().stream()
                .map(outage -> OutageReview.of(result.timeline(), outage)).filter(Objects::nonNull).toList();
        var p = result.performance();
        return new Run(variant.style().label(), variant.matcher(), variant.batchWindowSeconds(), seed,
                result.outcomes(), result.kpis(),
                result.outcomes().paymentFailed() + requestsFailed, result.outcomes().notEnded(),
                p.matchLatencyP50Ms(), p.matchLatencyP99Ms(), p.eventsPerSecond(), p.wallSeconds(),
                p.longestHandlerMs(), result.notified(), result.chain(), outages, result.timeline());
    }

    private String table(Scenario city, List<Run> runs, PaymentFaults payment) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%nridematch compare: %s, seed %d%s%n",
                city.name(), seed, speed == 0 ? "" : String.format(Locale.ROOT, ", speed %s", trim(speed))));
        if (runs.stream().map(Run::architecture).distinct().count() > 1) {
            row(out, "", runs, Run::architecture);
        }
        row(out, "", runs, r -> r.matcher()
                + (r.batchWindowSeconds() == null ? "" : " " + r.batchWindowSeconds() + "s"));
        row(out, "rides requested", runs, r -> String.format(Locale.ROOT, "%,d", r.outcomes().requested()));
        row(out, "completed", runs, r -> String.format(Locale.ROOT, "%,d", r.outcomes().completed()));
        row(out, "paid", runs, r -> String.format(Locale.ROOT, "%,d", r.outcomes().paid()));
        row(out, "failed", runs, r -> String.format(Locale.ROOT, "%,d", r.failed()));
        row(out, "lost", runs, r -> String.format(Locale.ROOT, "%,d", r.lost()));
        row(out, "receipts sent", runs, r -> r.notified() == null ? "-"
                : String.format(Locale.ROOT, "%,d", r.notified().sent()));
        row(out, "served %", runs, r -> String.format(Locale.ROOT, "%.2f", r.kpis().servedPercent()));
        row(out, "cancelled %", runs, r -> String.format(Locale.ROOT, "%.2f", r.kpis().cancelledPercent()));
        row(out, "mean wait s", runs, r -> String.format(Locale.ROOT, "%.1f", r.kpis().meanWaitSeconds()));
        row(out, "wait p50 s", runs, r -> String.format(Locale.ROOT, "%.0f", r.kpis().waitP50Seconds()));
        row(out, "wait p95 s", runs, r -> String.format(Locale.ROOT, "%.0f", r.kpis().waitP95Seconds()));
        row(out, "pickup ETA s", runs, r -> String.format(Locale.ROOT, "%.1f", r.kpis().meanPickupEtaSeconds()));
        row(out, "utilisation %", runs, r -> String.format(Locale.ROOT, "%.1f", r.kpis().utilisation() * 100));
        row(out, "empty km %", runs, r -> String.format(Locale.ROOT, "%.1f", r.kpis().emptyKmRatio() * 100));
        row(out, "match p50 ms", runs, r -> String.format(Locale.ROOT, "%.2f", r.matchLatencyP50Ms()));
        row(out, "match p99 ms", runs, r -> String.format(Locale.ROOT, "%.2f", r.matchLatencyP99Ms()));
        row(out, "events/s", runs, r -> String.format(Locale.ROOT, "%,.0f", r.eventsPerSecond()));
        row(out, "wall s", runs, r -> String.format(Locale.ROOT, "%.1f", r.wallSeconds()));
        row(out, "longest handler ms", runs, r -> String.format(Locale.ROOT, "%.1f", r.longestHandlerMs()));
        for (int i = 0; i < payment.outages().size(); i++) {
            int outage = i;
            Function<Run, OutageReview> of = r -> r.outages().size() > outage ? r.outages().get(outage) : null;
            OutageReview any = runs.stream().map(of).filter(Objects::nonNull).findFirst().orElse(null);
            if (any == null) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "  payment down %s-%s:%n", any.from(), any.to()));
            row(out, "  completed", runs, r -> cell(of.apply(r), o -> String.format(Locale.ROOT, "%,d", o.completed())));
            row(out, "  assigned", runs, r -> cell(of.apply(r), o -> String.format(Locale.ROOT, "%,d", o.assigned())));
            row(out, "  paid meanwhile", runs, r -> cell(of.apply(r), o -> String.format(Locale.ROOT, "%,d", o.paid())));
            row(out, "  payment failed", runs, r -> cell(of.apply(r), o -> String.format(Locale.ROOT, "%,d",
                    o.paymentFailed())));
            row(out, "  unpaid at most", runs, r -> cell(of.apply(r), o -> String.format(Locale.ROOT, "%,d",
                    o.backlogPeak())));
            row(out, "  recovered after", runs, r -> cell(of.apply(r), o -> o.recoveryMinutes() < 0 ? "never"
                    : o.recoveryMinutes() + " min"));
        }
        return out.toString();
    }

    /** Rides completed and paid per minute and match latency p99 for every run, each outage shaded. */
    private TimeChart chartOf(Scenario city, List<Run> runs, PaymentFaults payment) {
        boolean styles = runs.stream().map(Run::architecture).distinct().count() > 1;
        boolean matchers = runs.stream().map(Run::matcher).distinct().count() > 1;
        Function<Run, String> label = r -> styles && matchers ? r.architecture() + ", " + r.matcher()
                : styles ? r.architecture() : r.matcher();
        Function<Function<RideTimeline.Minute, Double>, List<TimeChart.Line>> lines = value -> runs.stream()
                .map(r -> new TimeChart.Line(label.apply(r), r.timeline().stream()
                        .map(m -> new TimeChart.Point(LocalTime.parse(m.at()), value.apply(m))).toList()))
                .toList();
        List<TimeChart.Shade> outages = payment.outages().stream().map(o -> new TimeChart.Shade("payment down",
                o.start(), o.start().plus(o.length()))).toList();
        String title = String.format(Locale.ROOT, "%s, seed %d%s", city.name(), seed,
                speed == 0 ? "" : String.format(Locale.ROOT, ", speed %s", trim(speed)));
        return new TimeChart(title, List.of(
                new TimeChart.Panel("rides completed / min", lines.apply(m -> (double) m.completed()), false),
                new TimeChart.Panel("rides paid / min", lines.apply(m -> (double) m.paid()), false),
                new TimeChart.Panel("match latency p99, ms", lines.apply(RideTimeline.Minute::matchLatencyP99Ms), true)),
                outages);
    }

    private static String cell(OutageReview review, Function<OutageReview, String> text) {
        return review == null ? "-" : text.apply(review);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static void row(StringBuilder out, String label, List<Run> runs, Function<Run, String> cell) {
        out.append(String.format(Locale.ROOT, "  %-18s", label));
        runs.forEach(r -> out.append(String.format(Locale.ROOT, "%14s", cell.apply(r))));
        out.append('\n');
    }
}
