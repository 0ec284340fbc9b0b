package io.ridematch.city;

import io.ridematch.contract.Role;
import io.ridematch.platform.core.records.RunRecords;
import io.ridematch.platform.core.records.RunRecords.DriverRow;
import io.ridematch.platform.core.records.RunRecords.Interval;
import io.ridematch.platform.core.records.RunRecords.RideRow;
import io.ridematch.plot.TimeChart;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The folder {@code --output} names, what a researcher opens after a run: {@code rides.csv}, {@code drivers.csv},
 * {@code kpis.csv}, the run's report and what it ran ({@code run.json}), the plots as PNG and SVG, and an
 * {@code index.html} linking them. Written at the end of the run, from {@link RunRecords}.
 */
public final class OutputFolder {

    /** The KPI interval unless {@code --kpi-interval} says otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);

    private OutputFolder() {
    }

    /** What the run was: the scenario as it ran, its seed, and the command's settings. */
    public record Run(String command, String scenario, long seed, String start, String duration, String matcher,
                      String kpiInterval, Scenario scenarioUsed) {

        static Run of(Role role, Scenario scenario, SimulateConfig config) {
            Scenario ran = config.start() == null ? scenario : scenario.startingAt(config.start());
            Duration length = config.durationOf(role, ran);
            return new Run(role.name().toLowerCase(Locale.ROOT), ran.name(), config.seed(),
                    ran.start().toLocalTime().toString(), length == null ? null : DurationText.format(length),
                    ran.platform().matching().matcher(), DurationText.format(config.kpiInterval()), ran);
        }
    }

    /**
     * Refuses, before anything runs, an output folder that cannot be made or written: one line, exit code 2.
     */
    public static void checkUsable(Path folder) {
        if (folder == null) {
            return;
        }
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new UsageException("--output " + folder + " is a file; name a folder (it is made if missing)");
        }
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".ridematch", ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            String reason = e instanceof java.nio.file.AccessDeniedException ? "no permission"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e instanceof java.nio.file.NoSuchFileException ? "no such folder can be made there"
                    : e.getMessage();
            throw new UsageException("--output " + folder + " cannot be written (" + reason + ")");
        }
    }

    /**
     * Writes everything into {@code folder}; times of day in the plots are in {@code zone}. Returns the KPIs per
     * interval it wrote.
     */
    public static List<Interval> write(Path folder, RunRecords records, Duration interval, Run run, Object report,
                             ZoneId zone) {
        try {
            Files.createDirectories(folder);
            writeRides(folder.resolve("rides.csv"), records.rides());
            writeDrivers(folder.resolve("drivers.csv"), records.drivers());
            List<Interval> kpis = records.intervals(interval);
            writeKpis(folder.resolve("kpis.csv"), kpis);
            ReportFile.write(folder.resolve("report.json"), report);
            ReportFile.write(folder.resolve("run.json"), run);
            List<String> plots = new ArrayList<>();
            for (Map.Entry<String, TimeChart> plot : plots(run.scenario(), kpis, zone).entrySet()) {
                for (String format : TimeChart.FORMATS) {
                    plot.getValue().write(folder.resolve(plot.getKey() + "." + format));
                }
                plots.add(plot.getKey());
            }
            Files.writeString(folder.resolve("index.html"), index(run, plots));
            return kpis;
        } catch (IOException | UncheckedIOException e) {
            throw new EnvironmentProblem("could not write the output folder " + folder + ": " + e.getMessage());
        }
    }

    private static Map<String, TimeChart> plots(String title, List<Interval> kpis, ZoneId zone) {
        // an interval's figures at its start, the run's to date at its end
        Function<Function<Interval, Double>, List<TimeChart.Point>> points = value -> kpis.stream()
                .map(k -> new TimeChart.Point(LocalTime.ofInstant(k.from(), zone), value.apply(k))).toList();
        Function<Function<Interval, Double>, List<TimeChart.Point>> toDate = value -> kpis.stream()
                .map(k -> new TimeChart.Point(LocalTime.ofInstant(k.to(), zone), value.apply(k))).toList();
        Map<String, TimeChart> plots = new LinkedHashMap<>();
        plots.put("waits", new TimeChart(title + ": wait for pickup", List.of(new TimeChart.Panel("wait, s",
                List.of(new TimeChart.Line("p50", points.apply(k -> (double) k.waitP50Seconds())),
                        new TimeChart.Line("p95", points.apply(k -> (double) k.waitP95Seconds()))), false)),
                List.of()));
        plots.put("service", new TimeChart(title + ": riders served and drivers busy", List.of(
                new TimeChart.Panel("served % (to date)", List.of(new TimeChart.Line("served %, to date",
                        toDate.apply(Interval::servedPercentToDate))), false),
                new TimeChart.Panel("utilisation", List.of(new TimeChart.Line("utilisation, per interval",
                        points.apply(Interval::utilisation)), new TimeChart.Line("utilisation, to date",
                        toDate.apply(Interval::utilisationToDate))), false)),
                List.of()));
        return plots;
    }

    /** An output folder's index page: {@code body} under the heading {@code title}. */
    public static String page(String title, String body) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head>\n<body style=\"font-family:sans-serif;max-width:1240px;margin:auto\">\n<h1>"
                + escape(title) + "</h1>\n" + body + "</body></html>\n";
    }

    /** A PNG plot shown, and linked in SVG, on an index page. */
    public static String plot(String name, String alt) {
        return "<p><img src=\"" + name + ".png\" alt=\"" + escape(alt) + "\" style=\"max-width:100%\"><br>"
                + "<a href=\"" + name + ".svg\">" + name + ".svg</a></p>\n";
    }

    private static String index(Run run, List<String> plots) {
        StringBuilder html = new StringBuilder("<ul>\n");
        for (String[] file : new String[][] {{"rides.csv", "one row per ride"}, {"drivers.csv", "one row per driver"},
                {"kpis.csv", "the KPIs per " + run.kpiInterval() + " of simulated time"},
                {"report.json", "the run's report"}, {"run.json", "what ran: scenario, seed, settings"}}) {
            html.append("<li><a href=\"").append(file[0]).append("\">").append(file[0]).append("</a>: ")
                    .append(file[1]).append("</li>\n");
        }
        html.append("</ul>\n");
        plots.forEach(name -> html.append(plot(name, name)));
        return page("ridematch " + run.command() + ": " + run.scenario() + ", seed " + run.seed(), html.toString());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static void writeRides(Path file, List<RideRow> rides) throws IOException {
        writeCsv(file, "ride_id,rider_id,driver_id,status,request_time,assign_time,pickup_time,dropoff_time,"
                + "wait_s,promised_eta_s,distance_m,travel_time_s,fare,currency,surge,cancel_reason,"
                + "cancel_time,from_lat,from_lng,to_lat,to_lng,from_zone,to_zone", rides, r -> new Object[] {
                        r.rideId(), r.riderId(), r.driverId(), r.status(), r.requestedAt(), r.assignedAt(),
                        r.pickedUpAt(), r.droppedOffAt(), r.waitSeconds(), r.promisedEtaSeconds(),
                        r.distanceMeters() == null ? null : Math.round(r.distanceMeters()), r.travelSeconds(),
                        r.fare() == null ? null : r.fare().amount().toPlainString(),
                        r.fare() == null ? null : r.fare().currency(), r.surge(), r.cancelReason(), r.cancelledAt(),
                        r.from().lat(), r.from().lng(), r.to().lat(), r.to().lng(), r.fromZone(), r.toZone()});
    }

    static void writeDrivers(Path file, List<DriverRow> drivers) throws IOException {
        writeCsv(file, "driver_id,online_s,to_pickup_s,on_trip_s,trips,km_with_rider,km_without_rider", drivers,
                d -> new Object[] {d.driverId(), d.onlineSeconds(), d.toPickupSeconds(), d.onTripSeconds(), d.trips(),
                        d.kmWithRider(), d.kmWithoutRider()});
    }

    static void writeKpis(Path file, List<Interval> kpis) throws IOException {
        writeCsv(file, "interval_start,interval_end,requested,served,cancelled,wait_p50_s,wait_p95_s,utilisation,"
                + "idle_drivers,mean_surge,served_pct_to_date,cancelled_pct_to_date,wait_p50_s_to_date,"
                + "wait_p95_s_to_date,utilisation_to_date", kpis, k -> new Object[] {
                        k.from(), k.to(), k.requested(), k.served(), k.cancelled(), k.waitP50Seconds(),
                        k.waitP95Seconds(), k.utilisation(), k.idleDrivers(), k.meanSurge(), k.servedPercentToDate(),
                        k.cancelledPercentToDate(), k.waitP50SecondsToDate(), k.waitP95SecondsToDate(),
                        k.utilisationToDate()});
    }

    /**
     * Writes {@code header} and a row of {@code cells} per item, under a partial name renamed once whole, so a
     * process killed while it writes never leaves half a file under the real name ({@code index.html} is written
     * last, after every other file).
     */
    private static <T> void writeCsv(Path file, String header, List<T> items, Function<T, Object[]> cells)
            throws IOException {
        Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
        try (BufferedWriter out = Files.newBufferedWriter(partial)) {
            out.write(header);
            out.write('\n');
            for (T item : items) {
                row(out, cells.apply(item));
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** One CSV row: nulls empty, numbers as Java writes them in the root locale, text quoted if it must be. */
    private static void row(BufferedWriter out, Object... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            Object cell = cells[i];
            if (cell == null) {
                continue;
            }
            String text = cell instanceof Instant at ? at.toString() : String.valueOf(cell);
            if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0) {
                text = '"' + text.replace("\"", "\"\"") + '"';
            }
            out.write(text);
        }
        out.write('\n');
    }
}
