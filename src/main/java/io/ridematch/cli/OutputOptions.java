package io.ridematch.cli;

import io.ridematch.city.OutputFolder;
import io.ridematch.city.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where a run's records, KPIs over time and plots go: simulate, simulator, replay and compare. */
final class OutputOptions {

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "${env:RIDEMATCH_OUTPUT}",
            description = "Write rides.csv, drivers.csv, kpis.csv, the report, what ran, and plots (PNG and SVG) "
                    + "with an index.html into DIR at the end (made if missing); replay writes them from the log "
                    + "alone, compare one folder per run and the runs overlaid. Env RIDEMATCH_OUTPUT.")
    Path output;

    @Option(names = "--kpi-interval", paramLabel = "TIME", converter = SimulateCommand.IntervalConverter.class,
            defaultValue = "${env:RIDEMATCH_KPI_INTERVAL:-15m}",
            description = "Simulated time per row of kpis.csv. Env RIDEMATCH_KPI_INTERVAL. Default: ${DEFAULT-VALUE}.")
    Duration kpiInterval;

    /** Refuses, with one line, an interval under a second or a folder that cannot be written; nothing without one. */
    void check() {
        if (output == null) {
            return;
        }
        if (kpiInterval.isZero()) {
            throw new UsageException("--kpi-interval must be a second or longer");
        }
        OutputFolder.checkUsable(output);
    }
}
