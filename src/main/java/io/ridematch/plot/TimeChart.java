package io.ridematch.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * A chart of lines over simulated time of day: one or more panels stacked on one time axis, each with its own
 * value axis, and intervals (an outage, a warm-up) shaded across all of them. Written as PNG or SVG, chosen by the
 * file's name.
 *
 * @param title  over the whole chart
 * @param panels top to bottom
 * @param shades intervals shaded in every panel
 */
public record TimeChart(String title, List<Panel> panels, List<Shade> shades) {

    /** One line: a value at each time of day it has one; a line that has none is left out of its panel. */
    public record Line(String label, List<Point> points) {
    }

    public record Point(LocalTime at, double value) {
    }

    /**
     * @param logarithmic values on a log scale (latencies spanning decades); points at or below zero are left out
     */
    public record Panel(String axisLabel, List<Line> lines, boolean logarithmic) {
    }

    public record Shade(String label, LocalTime from, LocalTime to) {
    }

    /** The file types this writes, by the ending of their names. */
    public static final List<String> FORMATS = List.of("png", "svg");

    private static final int WIDTH = 1200;
    private static final int PANEL_HEIGHT = 260;
    /** Colour-blind-safe (Okabe and Ito), in the order lines come. */
    private static final Color[] COLOURS = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), Color.BLACK};

    private static final Color SHADE = new Color(0xFBE3D2);

    /** The format {@code file}'s name asks for, or null if it is none of {@link #FORMATS}. */
    public static String formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return FORMATS.stream().filter(format -> name.endsWith("." + format)).findFirst().orElse(null);
    }

    /** Draws the chart into {@code file}, PNG or SVG by its name. */
    public void write(Path file) throws IOException {
        String format = formatOf(file);
        if (format == null) {
            throw new IllegalArgumentException("a chart is written as " + String.join(" or ", FORMATS)
                    + ": name the file so, not " + file.getFileName());
        }
        System.setProperty("java.awt.headless", "true");
        JFreeChart chart = chart();
        int height = 90 + PANEL_HEIGHT * panels.size();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (format.equals("png")) {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, height);
        } else {
            SVGGraphics2D svg = new SVGGraphics2D(WIDTH, height);
            chart.draw(svg, new Rectangle(0, 0, WIDTH, height));
            Files.writeString(file, svg.getSVGDocument());
        }
    }

    private JFreeChart chart() {
        NumberAxis time = new NumberAxis("simulated time of day");
        time.setAutoRangeIncludesZero(false);
        time.setNumberFormatOverride(new TimeOfDay());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(12);
        // a label keeps its colour in every panel and is in the legend once
        Map<String, Color> colours = new LinkedHashMap<>();
        for (Panel panel : panels) {
            plot.add(plotOf(panel, colours), 1);
        }
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private XYPlot plotOf(Panel panel, Map<String, Color> colours) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (Line line : panel.lines()) {
            XYSeries series = new XYSeries(line.label(), false, true);
            double previous = Double.NEGATIVE_INFINITY;
            for (Point point : line.points()) {
                // a line's points come in time order: one earlier in the day than the one before is the next day
                double minute = minuteOfDay(point.at());
                while (minute < previous) {
                    minute += 24 * 60;
                }
                previous = minute;
                if (!Double.isNaN(point.value()) && (!panel.logarithmic() || point.value() > 0)) {
                    series.add(minute, point.value());
                }
            }
            if (series.getItemCount() > 0) {
                data.addSeries(series);
                int index = data.getSeriesCount() - 1;
                boolean known = colours.containsKey(line.label());
                Color colour = colours.computeIfAbsent(line.label(), label -> COLOURS[colours.size() % COLOURS.length]);
                renderer.setSeriesPaint(index, colour);
                renderer.setSeriesStroke(index, new BasicStroke(1.6f));
                renderer.setSeriesVisibleInLegend(index, !known);
            }
        }
        ValueAxis values;
        if (panel.logarithmic()) {
            LogAxis log = new LogAxis(panel.axisLabel());
            log.setSmallestValue(0.01);
            // a tick at each power of ten: 0.1, 1, 10, 100
            log.setAutoTickUnitSelection(false);
            log.setTickUnit(new NumberTickUnit(1));
            log.setNumberFormatOverride(new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
            values = log;
        } else {
            NumberAxis linear = new NumberAxis(panel.axisLabel());
            linear.setAutoRangeIncludesZero(true);
            values = linear;
        }
        XYPlot plot = new XYPlot(data, null, values, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (Shade shade : shades) {
            IntervalMarker marker = new IntervalMarker(minuteOfDay(shade.from()), minuteOfDay(shade.to()),
                    SHADE, new BasicStroke(0f), null, null, 1f);
            if (panel == panels.get(0)) {
                marker.setLabel(shade.label());
                marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                marker.setLabelPaint(Color.DARK_GRAY);
                marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            }
            plot.addDomainMarker(marker, Layer.BACKGROUND);
        }
        return plot;
    }

    /**
     * Minutes since the midnight before the chart's first point; a time more than twelve hours before that point is
     * taken for the next day's, so a chart that runs past midnight goes on.
     */
    private double minuteOfDay(LocalTime at) {
        double minute = at.toSecondOfDay() / 60.0;
        return minute < firstMinute() - 12 * 60 ? minute + 24 * 60 : minute;
    }

    private double firstMinute() {
        return panels.stream().flatMap(panel -> panel.lines().stream()).flatMap(line -> line.points().stream())
                .findFirst().map(point -> point.at().toSecondOfDay() / 60.0).orElse(0.0);
    }

    /** Minutes of the day written as HH:MM. */
    private static final class TimeOfDay extends NumberFormat {
        @Override
        public StringBuffer format(double minutes, StringBuffer to, FieldPosition at) {
            long whole = Math.round(minutes);
            return to.append(String.format(Locale.ROOT, "%02d:%02d", Math.floorMod(whole / 60, 24),
                    Math.floorMod(whole, 60)));
        }

        @Override
        public StringBuffer format(long minutes, StringBuffer to, FieldPosition at) {
            return format((double) minutes, to, at);
        }

        @Override
        public Number parse(String text, ParsePosition at) {
            throw new UnsupportedOperationException("a chart's axis is only written");
        }
    }
}
