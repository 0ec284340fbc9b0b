package io.ridematch.cli;

import io.ridematch.cli.CompareCommand.Comparison;
import io.ridematch.cli.CompareCommand.Run;
import io.ridematch.cli.CompareCommand.Variant;
import io.ridematch.city.EnvironmentProblem;
import io.ridematch.city.OutputFolder;
import io.ridematch.city.ReportFile;
import io.ridematch.city.Scenario;
import io.ridematch.platform.core.records.RunRecords;
import io.ridematch.plot.TimeChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code compare --output}: beside each run's own folder, every column's KPIs over time overlaid (each the mean over
 * its seeds), the comparison's report, and an index of the runs.
 */
final class CompareOutput {

    private CompareOutput() {
    }

    /** The variants' KPIs over time overlaid (each the mean over its seeds), the report, an index of the runs. */
    static void write(Path output, Scenario city, List<Variant> variants, List<Run> runs, List<String> folders,
                      Map<Run, List<RunRecords.Interval>> kpisOf, Comparison comparison) {
        ZoneId zone = ZoneId.of(city.timezone());
        List<TimeChart.Line> waits = new ArrayList<>();
        List<TimeChart.Line> served = new ArrayList<>();
        List<TimeChart.Line> busy = new ArrayList<>();
        for (Variant variant : variants) {
            List<List<RunRecords.Interval>> replications = runs.stream().filter(variant::ran).map(kpisOf::get)
                    .filter(Objects::nonNull).toList();
            String label = Replications.columnOf(variant, variants);
            waits.add(new TimeChart.Line(label, meanOver(replications, zone, false,
                    k -> (double) k.waitP50Seconds())));
            served.add(new TimeChart.Line(label, meanOver(replications, zone, true,
                    RunRecords.Interval::servedPercentToDate)));
            busy.add(new TimeChart.Line(label, meanOver(replications, zone, false, RunRecords.Interval::utilisation)));
        }
        String means = seedsOf(comparison) > 1 ? ", means over " + seedsOf(comparison) + " seeds" : "";
        TimeChart overlaid = new TimeChart(city.name() + ": " + String.join(", ", variants.stream()
                .map(v -> Replications.columnOf(v, variants)).toList()) + means, List.of(
                new TimeChart.Panel("wait p50, s", waits, false),
                new TimeChart.Panel("served % (to date)", served, false),
                new TimeChart.Panel("utilisation", busy, false)), List.of());
        StringBuilder index = new StringBuilder(OutputFolder.plot("compare", "the variants overlaid"))
                .append("<p><a href=\"report.json\">report.json</a></p>\n<ul>\n");
        for (String folder : folders) {
            index.append("<li><a href=\"").append(folder).append("/index.html\">").append(folder).append("</a></li>\n");
        }
        index.append("</ul>\n");
        try {
            for (String format : TimeChart.FORMATS) {
                overlaid.write(output.resolve("compare." + format));
            }
            Files.writeString(output.resolve("index.html"),
                    OutputFolder.page("ridematch compare: " + city.name() + means, index.toString()));
        } catch (IOException e) {
            throw new EnvironmentProblem("could not write the output folder " + output + ": " + e.getMessage());
        }
        ReportFile.write(output.resolve("report.json"), comparison);
    }

    private static int seedsOf(Comparison comparison) {
        return comparison.seeds().size();
    }

    /** Interval by interval, the mean of a KPI over the replications (which share their intervals). */
    private static List<TimeChart.Point> meanOver(List<List<RunRecords.Interval>> replications, ZoneId zone,
                                                  boolean atEnd, Function<RunRecords.Interval, Double> kpi) {
        List<TimeChart.Point> points = new ArrayList<>();
        int shortest = replications.stream().mapToInt(List::size).min().orElse(0);
        for (int i = 0; i < shortest; i++) {
            int at = i;
            RunRecords.Interval first = replications.get(0).get(i);
            double mean = replications.stream().mapToDouble(r -> kpi.apply(r.get(at))).average().orElse(0);
            points.add(new TimeChart.Point(LocalTime.ofInstant(atEnd ? first.to() : first.from(), zone),
                    mean));
        }
        return points;
    }
}
