package io.ridematch.city;

import io.ridematch.contract.Role;
import io.ridematch.web.ApiSettings;
import io.ridematch.web.LiveMapSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;

/**
 * Everything one {@code simulate} run is told, read once from flags and environment variables.
 *
 * @param duration simulated time to run, or null for the scenario's own
 * @param start    time of day to start at, or null for the scenario's own
 * @param speed    simulated seconds per wall second; 0 means as fast as the machine goes
 * @param report   file to write the JSON summary to, or null
 * @param map      how the live map streams
 * @param api      how the HTTP API guards its writes
 * @param drain    after the duration, no new requests, and the clock runs until every ride ended
 *                 ({@link #DRAIN_BOUND} at most)
 * @param architecture how the platform's services talk: events (the platform) or a synchronous call chain
 * @param matchingLatency wall time the matching service takes to take in each ride event: zero, or slow on purpose
 * @param timeline records the run minute by minute ({@code RideTimeline}), for compare's chart
 * @param output   folder to write the run's records, KPIs over time and plots to ({@link OutputFolder}), or null
 * @param kpiInterval the interval of {@code kpis.csv}
 * @param warmUp   simulated before {@code start} and not counted: the run starts this much earlier, and its
 *                 outcomes, KPIs and records count from {@code start}
 */
public record SimulateConfig(String scenario, Duration duration, LocalTime start, double speed, long seed,
                             int httpPort, Path report, LiveMapSettings map, ApiSettings api, boolean drain,
                             Architecture architecture, Duration matchingLatency, boolean timeline, Path output,
                             Duration kpiInterval, Duration warmUp) {

    public SimulateConfig {
        architecture = architecture == null ? Architecture.EVENTS : architecture;
        matchingLatency = matchingLatency == null ? Duration.ZERO : matchingLatency;
        kpiInterval = kpiInterval == null ? OutputFolder.DEFAULT_INTERVAL : kpiInterval;
        warmUp = warmUp == null ? Duration.ZERO : warmUp;
    }

    /** The event-driven platform, matching as fast as it goes. */
    public SimulateConfig(String scenario, Duration duration, LocalTime start, double speed, long seed,
                          int httpPort, Path report, LiveMapSettings map, ApiSettings api, boolean drain) {
        this(scenario, duration, start, speed, seed, httpPort, report, map, api, drain, Architecture.EVENTS,
                Duration.ZERO, false, null, null, null);
    }

    /** With {@code drain}, how long after the duration the clock may run for every ride to end. */
    public static final Duration DRAIN_BOUND = Duration.ofHours(2);

    /** A run with the API's defaults (no token, 20 writes a second per client). */
    public SimulateConfig(String scenario, Duration duration, LocalTime start, double speed, long seed,
                          int httpPort, Path report, LiveMapSettings map) {
        this(scenario, duration, start, speed, seed, httpPort, report, map, ApiSettings.defaults(), false);
    }

    /** A run with the live map's defaults. */
    public SimulateConfig(String scenario, Duration duration, LocalTime start, double speed, long seed,
                          int httpPort, Path report) {
        this(scenario, duration, start, speed, seed, httpPort, report, LiveMapSettings.defaults());
    }

    /** The same run with another report file (compare writes one report for all its runs). */
    public SimulateConfig withReport(Path file) {
        return new SimulateConfig(scenario, duration, start, speed, seed, httpPort, file, map, api, drain,
                architecture, matchingLatency, timeline, output, kpiInterval, warmUp);
    }

    /** The same run after a warm-up of {@code length}, simulated and not counted. */
    public SimulateConfig withWarmUp(Duration length) {
        return new SimulateConfig(scenario, duration, start, speed, seed, httpPort, report, map, api, drain,
                architecture, matchingLatency, timeline, output, kpiInterval, length);
    }

    /** The same run writing its records into {@code folder} with KPIs per {@code interval}. */
    public SimulateConfig withOutput(Path folder, Duration interval) {
        return new SimulateConfig(scenario, duration, start, speed, seed, httpPort, report, map, api, drain,
                architecture, matchingLatency, timeline, folder, interval, warmUp);
    }

    /**
     * The same run with the platform built as {@code style}, its matching taking {@code latency} per ride event,
     * recorded minute by minute.
     */
    public SimulateConfig withPlatform(Architecture style, Duration latency) {
        return new SimulateConfig(scenario, duration, start, speed, seed, httpPort, report, map, api, drain, style,
                latency, true, output, kpiInterval, warmUp);
    }

    /** How long this run simulates: the flag's, else the scenario's, except a platform's, which runs until stopped. */
    public Duration durationOf(Role role, Scenario scenario) {
        if (duration != null) {
            return duration;
        }
        return role == Role.PLATFORM ? null : scenario.duration();
    }

    public boolean maxSpeed() {
        return speed == 0;
    }
}
