package io.ridematch.cli;

import io.ridematch.city.Interrupts;
import io.ridematch.city.ReportFile;
import io.ridematch.city.RunReport;
import io.ridematch.city.Scenario;
import io.ridematch.city.ScenarioFile;
import io.ridematch.city.SimulateConfig;
import io.ridematch.city.SimulationRun;
import io.ridematch.city.UsageException;
import io.ridematch.platform.core.readmodel.Kpis;
import io.ridematch.platform.core.readmodel.Outcomes;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ridematch compare}: the same demand (same seed) through several matchers, side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the same city with the same seed once per matcher, in one process at full speed without "
                + "Kafka, and print their outcomes and KPIs side by side.")
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--scenario", paramLabel = "FILE|NAME", defaultValue = "${env:RIDEMATCH_SCENARIO:-small-town}",
            description = "Scenario file or bundled name. Env RIDEMATCH_SCENARIO. Default: ${DEFAULT-VALUE}.")
    String scenario;

    @Option(names = "--matchers", paramLabel = "A,B", split = ",", defaultValue = "${env:RIDEMATCH_MATCHERS:-greedy,batched}",
            description = "Matchers to compare. Env RIDEMATCH_MATCHERS. Default: ${DEFAULT-VALUE}.")
    List<String> matchers;

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

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "${env:RIDEMATCH_REPORT}",
            description = "Write {\"runs\":[...]} as JSON to FILE. Env RIDEMATCH_REPORT.")
    Path report;

    /** One matcher's run, as the report lists it. */
    record Run(String matcher, Outcomes outcomes, Kpis kpis, double wallSeconds, double longestHandlerMs) {
    }

    record Comparison(String scenario, long seed, List<Run> runs) {
    }

    @Override
    public Integer call() throws Exception {
        Scenario city = ScenarioFile.load(scenario);
        ReportFile.checkWritable(report);
        for (String matcher : matchers) {
            try {
                city.withMatcher(matcher.trim()); // every name checked before the first run
            } catch (IllegalArgumentException e) {
                throw new UsageException("--matchers: " + e.getMessage());
            }
        }
        List<Run> runs = new ArrayList<>();
        for (String matcher : matchers) {
            if (Interrupts.requested()) {
                System.out.println("ridematch compare: stopped early; " + matcher + " and after were not run");
                break;
            }
            Scenario withMatcher;
            try {
                withMatcher = city.withMatcher(matcher.trim());
            } catch (IllegalArgumentException e) {
                throw new UsageException("--matchers: " + e.getMessage());
            }
            System.out.printf("ridematch compare: running %s with %s...%n", city.name(), matcher);
            SimulateConfig config = new SimulateConfig(scenario, duration, start, 0, seed, 0, null);
            RunReport result = SimulationRun.run(withMatcher, config, Duration.ZERO,
                    new PrintStream(OutputStream.nullOutputStream()));
            runs.add(new Run(matcher.trim(), result.outcomes(), result.kpis(), result.performance().wallSeconds(),
                    result.performance().longestHandlerMs()));
        }
        System.out.print(table(city, runs));
        if (report != null) {
            ReportFile.write(report, new Comparison(city.name(), seed, runs));
            System.out.println("  report written to " + report);
        }
        return 0;
    }

    private String table(Scenario city, List<Run> runs) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%nridematch compare: %s, seed %d%n",
                city.name(), seed));
        row(out, "", runs, Run::matcher);
        row(out, "rides requested", runs, r -> String.format(Locale.ROOT, "%,d", r.outcomes().requested()));
        row(out, "completed", runs, r -> String.format(Locale.ROOT, "%,d", r.outcomes().completed()));
        row(out, "served %", runs, r -> String.format(Locale.ROOT, "%.2f", r.kpis().servedPercent()));
        row(out, "cancelled %", runs, r -> String.format(Locale.ROOT, "%.2f", r.kpis().cancelledPercent()));
        row(out, "mean wait s", runs, r -> String.format(Locale.ROOT, "%.1f", r.kpis().meanWaitSeconds()));
        row(out, "wait p50 s", runs, r -> String.format(Locale.ROOT, "%.0f", r.kpis().waitP50Seconds()));
        row(out, "wait p95 s", runs, r -> String.format(Locale.ROOT, "%.0f", r.kpis().waitP95Seconds()));
        row(out, "pickup ETA s", runs, r -> String.format(Locale.ROOT, "%.1f", r.kpis().meanPickupEtaSeconds()));
        row(out, "utilisation %", runs, r -> String.format(Locale.ROOT, "%.1f", r.kpis().utilisation() * 100));
        row(out, "empty km %", runs, r -> String.format(Locale.ROOT, "%.1f", r.kpis().emptyKmRatio() * 100));
        row(out, "wall s", runs, r -> String.format(Locale.ROOT, "%.1f", r.wallSeconds()));
        row(out, "longest handler ms", runs, r -> String.format(Locale.ROOT, "%.1f", r.longestHandlerMs()));
        return out.toString();
    }

    private static void row(StringBuilder out, String label, List<Run> runs, Function<Run, String> cell) {
        out.append(String.format(Locale.ROOT, "  %-16s", label));
        runs.forEach(r -> out.append(String.format(Locale.ROOT, "%14s", cell.apply(r))));
        out.append('\n');
    }
}
