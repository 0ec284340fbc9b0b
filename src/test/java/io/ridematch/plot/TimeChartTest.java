package io.ridematch.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeChartTest {

    @TempDir
    Path folder;

    /** Two lines over the half hour from 23:45, past midnight, and a shade across midnight. */
    private static TimeChart chart() {
        List<TimeChart.Point> rising = IntStream.range(0, 30)
                .mapToObj(m -> new TimeChart.Point(LocalTime.of(23, 45).plusMinutes(m), m)).toList();
        List<TimeChart.Point> flat = IntStream.range(0, 30)
                .mapToObj(m -> new TimeChart.Point(LocalTime.of(23, 45).plusMinutes(m), m % 2 == 0 ? 0 : 5)).toList();
        return new TimeChart("a test", List.of(
                new TimeChart.Panel("per minute", List.of(new TimeChart.Line("rising", rising),
                        new TimeChart.Line("flat", flat)), false),
                new TimeChart.Panel("latency", List.of(new TimeChart.Line("flat", flat)), true)),
                List.of(new TimeChart.Shade("down", LocalTime.of(23, 55), LocalTime.of(0, 5))));
    }

    @Test
    void writesAPngOfOnePanelHeightEach() throws Exception {
        Path file = folder.resolve("chart.png");
        chart().write(file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(90 + 2 * 260);
    }

    @Test
    void writesAnSvgWithItsLabels() throws Exception {
        Path file = folder.resolve("chart.svg");
        chart().write(file);
        String svg = Files.readString(file);
        assertThat(svg).startsWith("<?xml");
        // the title, the legend, the shade's label and colour, and the time axis going on past midnight
        for (String part : List.of("<svg", ">a test<", ">rising<", ">flat<", ">down<", "fill:rgb(251,227,210)",
                ">23:50<", ">00:00<", ">00:12<")) {
            assertThat(svg.contains(part)).as("the SVG has %s", part).isTrue();
        }
    }

    @Test
    void theFormatIsTheFilesEnding() {
        assertThat(TimeChart.formatOf(Path.of("out/Chart.PNG"))).isEqualTo("png");
        assertThat(TimeChart.formatOf(Path.of("chart.svg"))).isEqualTo("svg");
        assertThat(TimeChart.formatOf(Path.of("chart.pdf"))).isNull();
        assertThatThrownBy(() -> chart().write(folder.resolve("chart.pdf")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("png or svg");
    }
}
