package io.ridematch.app;

import io.ridematch.domain.readmodel.CityStats;
import io.ridematch.domain.sim.Scenario;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.ExecutionException;

/** Runs one city from start to end and returns its report; used by {@code simulate} and by tests. */
public final class SimulationRun {

    private SimulationRun() {
    }

    public static RunReport run(Scenario scenario, SimulateConfig config, Duration progressEvery, PrintStream out)
            throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(10_000));
        try {
            City city = await(City.start(vertx, scenario, config));
            long started = System.nanoTime();
            out.printf(Locale.ROOT, "ridematch: simulating %s from %s for %s at speed %s (seed %d); API on http://localhost:%d%n",
                    scenario.name(), config.start() == null ? scenario.startTime() : config.start(),
                    DurationText.format(config.duration() == null ? scenario.duration() : config.duration()),
                    config.maxSpeed() ? "max" : String.valueOf(config.speed()), config.seed(), city.httpPort());
            if (!progressEvery.isZero()) {
                await(vertx.deployVerticle(new ProgressReporter(city, ZoneId.of(scenario.timezone()),
                        progressEvery.toMillis(), out)));
            }
            await(city.finished());
            double wallSeconds = (System.nanoTime() - started) / 1e9;
            CityStats stats = await(city.stats());
            var latency = city.matchLatency();
            RunReport report = new RunReport(scenario.name(), config.seed(), stats.outcomes(), stats.kpis(),
                    new RunReport.Performance(round(wallSeconds, 3), round(stats.events() / wallSeconds, 0),
                            round(stats.outcomes().requested() / wallSeconds, 0),
                            round(latency.percentileMillis(50), 3), round(latency.percentileMillis(99), 3)));
            out.print(SummaryTable.render(report, "ridematch summary: " + scenario.name()));
            return report;
        } finally {
            await(vertx.close());
        }
    }

    static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
