package io.ridematch.cli;

import io.ridematch.city.DurationText;
import io.ridematch.city.EventLog;
import io.ridematch.city.Interrupts;
import io.ridematch.city.OutputFolder;
import io.ridematch.city.ReportFile;
import io.ridematch.city.RunReport;
import io.ridematch.city.SummaryTable;
import io.ridematch.city.UsageException;
import io.ridematch.kafka.KafkaConnection;
import io.ridematch.kafka.LogReader;
import io.ridematch.kafka.Topics;
import io.ridematch.platform.core.readmodel.CityReadModel;
import io.ridematch.platform.core.readmodel.Kpis;
import io.ridematch.platform.core.records.RunRecords;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ridematch replay}: rebuild the read models from the event log, from offset 0. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Rebuild the read models from the event log (offset 0 to its end) and print the same "
                + "outcomes and KPIs as the run that wrote it.")
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "${env:RIDEMATCH_REPORT}",
            description = "Write the summary as JSON to FILE. Env RIDEMATCH_REPORT.")
    Path report;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Option(names = "--timezone", paramLabel = "ZONE", defaultValue = "${env:RIDEMATCH_TIMEZONE:-UTC}",
            description = "Time zone of the plots' times of day (the log's times are instants), e.g. "
                    + "America/New_York. Env RIDEMATCH_TIMEZONE. Default: ${DEFAULT-VALUE}.")
    String timezone;

    @Override
    public Integer call() throws Exception {
        ReportFile.checkWritable(report);
        ZoneId zone;
        try {
            zone = ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new UsageException("--timezone: '" + timezone + "' is not a time zone (e.g. UTC, Europe/Paris)");
        }
        try (EventLog log = EventLog.open(kafka.checkedConfig())) {
            output.check(); // once there is a log to write it from
            KafkaConnection connection = log.connection();
            long started = System.nanoTime();
            CityReadModel model = new CityReadModel();
            RunRecords records = output.output == null ? null : new RunRecords();
            LogReader.Summary read = LogReader.readAll(connection, List.of(Topics.RIDE_EVENTS, Topics.DRIVER_EVENTS),
                    event -> {
                        model.apply(event);
                        if (records != null) {
                            records.apply(event);
                        }
                    }, Interrupts::requested);
            double wallSeconds = (System.nanoTime() - started) / 1e9;
            Kpis kpis = model.kpis();
            RunReport result = new RunReport("replay of " + log.name(), 0,
                    model.outcomes(), kpis, new RunReport.Performance(round(wallSeconds),
                    Math.round(read.events() / wallSeconds), Math.round(model.outcomes().requested() / wallSeconds),
                    0, 0));
            System.out.print(SummaryTable.render(result, "ridematch replay: " + read.events() + " events read"
                    + (Interrupts.requested() ? " (stopped early)" : "")
                    + (read.undecodable() > 0 ? ", " + read.undecodable() + " undecodable skipped" : "")));
            System.out.printf(Locale.ROOT, "  (replayed in %.2f s)%n", wallSeconds);
            if (report != null) {
                ReportFile.write(report, result);
                System.out.println("  report written to " + report);
            }
            if (records != null) {
                OutputFolder.write(output.output, records, output.kpiInterval, new OutputFolder.Run("replay",
                        result.scenario(), 0, null, null, null, DurationText.format(output.kpiInterval), null), result,
                        zone);
                System.out.println("  records, KPIs over time and plots written to " + output.output
                        + " (open index.html)");
            }
            return 0;
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
