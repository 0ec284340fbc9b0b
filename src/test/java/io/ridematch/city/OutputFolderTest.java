package io.ridematch.city;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.platform.core.readmodel.Kpis;
import io.ridematch.platform.core.readmodel.Outcomes;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --output} (issue 18): a small-town run's rides.csv has one row per requested ride and its totals are the
 * report's outcomes; kpis.csv's counts add up to them and its last row's to-date KPIs are the report's; the plots
 * and the index are there.
 */
class OutputFolderTest {

    @TempDir
    Path folder;

    @Test
    void theFilesAgreeWithTheReport() throws Exception {
        Path out = folder.resolve("run");
        SimulateConfig config = new SimulateConfig("small-town", Duration.ofHours(2), LocalTime.of(7, 0), 0, 42, 0,
                null).withOutput(out, Duration.ofMinutes(15));
        RunReport report = SimulationRun.run(ScenarioFile.load("small-town"), config, Duration.ZERO,
                new PrintStream(OutputStream.nullOutputStream()));
        Outcomes o = report.outcomes();
        assertThat(o.requested()).isGreaterThan(100);
        assertThat(o.cancelled()).isPositive();
        assertThat(o.inFlight()).isPositive();

        List<Map<String, String>> rides = csv(out.resolve("rides.csv"));
        assertThat(rides).hasSize((int) o.requested());
        assertThat(rides.stream().map(r -> r.get("ride_id")).distinct()).hasSize(rides.size());
        assertThat(count(rides, "dropoff_time")).isEqualTo(o.completed());
        assertThat(count(rides, "assign_time")).isEqualTo(o.matched());
        assertThat(rides.stream().filter(r -> r.get("status").equals("cancelled")).count()).isEqualTo(o.cancelled());
        assertThat(rides.stream().filter(r -> r.get("status").equals("paid")).count()).isEqualTo(o.paid());
        assertThat(rides.stream().filter(r -> List.of("requested", "assigned", "started", "completed")
                .contains(r.get("status"))).count()).isEqualTo(o.inFlight());
        assertThat(rides).allSatisfy(r -> assertThat(r.get("from_zone")).matches("[0-9a-f]{15}"));

        List<Map<String, String>> kpis = csv(out.resolve("kpis.csv"));
        assertThat(kpis).hasSizeBetween(8, 9);
        assertThat(kpis.get(0).get("interval_start")).endsWith(":00:00Z"); // 07:00 in Boulder, aligned to the hour
        assertThat(sum(kpis, "requested")).isEqualTo(o.requested());
        assertThat(sum(kpis, "served")).isEqualTo(o.completed());
        assertThat(sum(kpis, "cancelled")).isEqualTo(o.cancelled());
        Map<String, String> last = kpis.get(kpis.size() - 1);
        Kpis k = report.kpis();
        assertThat(Double.parseDouble(last.get("served_pct_to_date"))).isEqualTo(k.servedPercent());
        assertThat(Double.parseDouble(last.get("cancelled_pct_to_date"))).isEqualTo(k.cancelledPercent());
        assertThat(Double.parseDouble(last.get("wait_p50_s_to_date"))).isEqualTo(k.waitP50Seconds());
        assertThat(Double.parseDouble(last.get("wait_p95_s_to_date"))).isEqualTo(k.waitP95Seconds());
        assertThat(Double.parseDouble(last.get("utilisation_to_date"))).isEqualTo(k.utilisation());

        List<Map<String, String>> drivers = csv(out.resolve("drivers.csv"));
        assertThat(drivers).isNotEmpty();
        assertThat(sum(drivers, "trips")).isEqualTo(o.completed());

        for (String plot : List.of("waits", "service")) {
            assertThat(ImageIO.read(out.resolve(plot + ".png").toFile())).isNotNull();
            assertThat(Files.readString(out.resolve(plot + ".svg"))).startsWith("<?xml");
        }
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
        }
        String index = Files.readString(out.resolve("index.html"));
        assertThat(index).contains("href=\"rides.csv\"", "href=\"kpis.csv\"", "src=\"waits.png\"", "seed 42");
        assertThat(Files.readString(out.resolve("run.json"))).contains("\"seed\" : 42", "\"scenarioUsed\"");
        assertThat(Files.readString(out.resolve("report.json"))).contains("\"outcomes\"");
    }

    @Test
    void aWarmUpIsSimulatedAndNotCounted() throws Exception {
        Path out = folder.resolve("warm");
        SimulateConfig config = new SimulateConfig("small-town", Duration.ofHours(1), LocalTime.of(8, 0), 0, 42, 0,
                null).withOutput(out, Duration.ofMinutes(15)).withWarmUp(Duration.ofHours(1));
        RunReport report = SimulationRun.run(ScenarioFile.load("small-town"), config, Duration.ZERO,
                new PrintStream(OutputStream.nullOutputStream()));
        // the same seed from 07:00 for two hours, every ride counted: the same city, counted from 08:00 above
        SimulateConfig whole = new SimulateConfig("small-town", Duration.ofHours(2), LocalTime.of(7, 0), 0, 42, 0,
                null).withOutput(folder.resolve("whole"), Duration.ofMinutes(15));
        RunReport all = SimulationRun.run(ScenarioFile.load("small-town"), whole, Duration.ZERO,
                new PrintStream(OutputStream.nullOutputStream()));

        List<Map<String, String>> rides = csv(out.resolve("rides.csv"));
        List<Map<String, String>> allRides = csv(folder.resolve("whole").resolve("rides.csv"));
        String countFrom = "2026-03-02T15:00:00Z"; // 08:00 in Boulder on the scenario's day (MST)
        assertThat(rides).hasSize((int) report.outcomes().requested());
        assertThat(rides).extracting(r -> r.get("ride_id")).containsExactlyElementsOf(allRides.stream()
                .filter(r -> r.get("request_time").compareTo(countFrom) >= 0).map(r -> r.get("ride_id")).toList());
        assertThat(report.outcomes().requested()).isLessThan(all.outcomes().requested()).isPositive();
        List<Map<String, String>> kpis = csv(out.resolve("kpis.csv"));
        assertThat(kpis.get(0).get("interval_start")).isEqualTo(countFrom);
        Map<String, String> last = kpis.get(kpis.size() - 1);
        assertThat(Double.parseDouble(last.get("served_pct_to_date"))).isEqualTo(report.kpis().servedPercent());
        assertThat(Double.parseDouble(last.get("utilisation_to_date"))).isEqualTo(report.kpis().utilisation());
        assertThat(sum(kpis, "requested")).isEqualTo(report.outcomes().requested());
    }

    private static long count(List<Map<String, String>> rows, String column) {
        return rows.stream().filter(r -> !r.get(column).isEmpty()).count();
    }

    private static long sum(List<Map<String, String>> rows, String column) {
        return rows.stream().mapToLong(r -> Long.parseLong(r.get(column))).sum();
    }

    /** The file's rows by column name (no cell here holds a comma). */
    static List<Map<String, String>> csv(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells).as(line).hasSize(header.length);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        assertThat(Arrays.asList(header)).doesNotHaveDuplicates();
        return rows;
    }
}
