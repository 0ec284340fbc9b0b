package io.ridematch.cli;

import io.ridematch.city.Architecture;
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
import io.ridematch.plot.TimeChart;
import io.ridematch.web.ApiSettings;
import io.ridematch.web.LiveMapSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /**
     * One run, as the report lists it.
     *
     * @param failed rides the platform failed: payments failed for good, and requests the chain cancelled at once
     * @param lost   rides that had not ended when the run did (with {@code --drain}, none should be)
     */
    record Run(String architecture, String matcher, Outcomes outcomes, Kpis kpis, long failed, long lost,
               double matchLatencyP50Ms, double matchLatencyP99Ms, double eventsPerSecond, double wallSeconds,
               double longestHandlerMs, Receipts.Sent notified, RunReport.Chain chain, List<OutageReview> outages,
               List<RideTimeline.Minute> timeline) {
    }

    record Comparison(String scenario, long seed, double speed, PaymentFaults payment, String matchingLatency,
                      List<Run> runs) {
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
        List<Architecture> styles = new ArrayList<>();
        for (String name : architectures == null ? List.of("events") : architectures) {
            try {
                styles.add(Architecture.named(name));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--architectures: " + e.getMessage());
            }
        }
        List<String> names = (matchers != null ? matchers
                : architectures != null ? List.of(city.platform().matching().matcher()) : List.of("greedy", "batched"))
                .stream().map(String::trim).toList();
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
        List<Run> runs = new ArrayList<>();
        for (Architecture style : styles) {
            for (String matcher : names) {
                if (Interrupts.requested()) {
                    System.out.println("ridematch compare: stopped early; " + style.label() + " with " + matcher
                            + " and after were not run");
                    return 0;
                }
                System.out.printf("ridematch compare: running %s with %s, %s...%n", city.name(), matcher,
                        style.label());
                SimulateConfig config = new SimulateConfig(scenario, duration, start, speed, seed, 0, null,
                        LiveMapSettings.defaults(), ApiSettings.defaults(), drain).withPlatform(style,
                        faults.matchingLatency);
                RunReport result = SimulationRun.run(faulty.withMatcher(matcher), config, Duration.ZERO,
                        new PrintStream(OutputStream.nullOutputStream()));
                runs.add(runOf(style, matcher, result, payment));
            }
        }
        System.out.print(table(city, runs, payment));
        if (report != null) {
            ReportFile.write(report, new Comparison(city.name(), seed, speed, payment,
                    faults.matchingLatency.isZero() ? null : faults.matchingLatency.toString(), runs));
            System.out.println("  report written to " + report);
        }
        if (chart != null) {
            try {
                chartOf(city, runs, payment).write(chart);
            } catch (IOException e) {
                throw new EnvironmentProblem("could not write the chart " + chart + ": " + e.getMessage());
            }
            System.out.println("  chart written to " + chart);
        }
        return 0;
    }

    private static Run runOf(Architecture style, String matcher, RunReport result, PaymentFaults payment) {
        long requestsFailed = result.chain() == null ? 0 : result.chain().requestsFailed();
        List<OutageReview> outages = payment.outages().stream()
                .map(outage -> OutageReview.of(result.timeline(), outage)).filter(Objects::nonNull).toList();
        var p = result.performance();
        return new Run(style.label(), matcher, result.outcomes(), result.kpis(),
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
        row(out, "", runs, Run::matcher);
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
