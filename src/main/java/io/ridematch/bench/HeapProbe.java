package io.ridematch.bench;

import static io.ridematch.city.SimulationRun.START_WITHIN;
import static io.ridematch.city.SimulationRun.await;

import io.ridematch.bus.DomainBus;
import io.ridematch.city.City;
import io.ridematch.city.DurationText;
import io.ridematch.city.HeapGuard;
import io.ridematch.city.Scenario;
import io.ridematch.city.ScenarioFile;
import io.ridematch.city.SimulateConfig;
import io.ridematch.city.SimulationRun;
import io.ridematch.contract.Role;
import io.ridematch.json.Json;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Locale;

/**
 * The bench's heap part, in a JVM of its own started with the heap it is measured against ({@code -Xmx1g}): a
 * city with {@link Bench#HEAP_DRIVERS} drivers and {@link Bench#HEAP_RIDES_PER_HOUR} rides an hour, on the event
 * bus alone at full speed, for the whole window. It prints progress to stderr and, at the end, one JSON line
 * ({@link Figures}) to stdout; a heap that fills up ends it through {@link HeapGuard}, with code 1.
 */
public final class HeapProbe {

    /** What the probe measured; sizes in MiB. */
    public record Figures(long rides, double peakAfterCollectionMiB, double endMiB, double maxHeapMiB,
                          double wallSeconds) {
    }

    private HeapProbe() {
    }

    /** Arguments: scenario (file or name), start time of day, window, seed. */
    public static void main(String[] args) throws Exception {
        HeapGuard.install();
        Scenario city = ScenarioFile.load(args[0]).startingAt(LocalTime.parse(args[1]));
        Duration window = DurationText.parse(args[2]);
        long seed = Long.parseLong(args[3]);
        Figures figures = measure(city.withLoad(Bench.HEAP_DRIVERS, Bench.HEAP_RIDES_PER_HOUR), window, seed);
        System.out.println(Json.writeString(figures));
        System.exit(0);
    }

    private static Figures measure(Scenario loaded, Duration window, long seed) throws Exception {
        long started = System.nanoTime();
        Vertx vertx = Vertx.vertx();
        try {
            City city = await(City.start(vertx, DomainBus.install(vertx), Role.SIMULATE, loaded,
                    new SimulateConfig(loaded.name(), window, loaded.startTime(), 0, seed, 0, null), null, "", null),
                    START_WITHIN, "the heap city to start");
            Instant from = loaded.start().toInstant();
            long lastLine = System.nanoTime();
            while (!city.finished().isComplete()) {
                Thread.sleep(50);
                if (System.nanoTime() - lastLine > 10_000_000_000L) {
                    lastLine = System.nanoTime();
                    System.err.printf(Locale.ROOT, "  simulated %s of %s, %,d rides so far, at most %,d MiB in use "
                            + "after a collection%n", DurationText.format(Duration.between(from, city.clock().now())),
                            DurationText.format(window), await(city.stats(), START_WITHIN, "the heap city's figures")
                                    .outcomes().requested(), HeapGuard.peakAfterCollection() >> 20);
                }
            }
            long rides = await(city.stats(), START_WITHIN, "the heap city's figures").outcomes().requested();
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            double end = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
            return new Figures(rides, HeapGuard.peakAfterCollection() / (1024.0 * 1024.0), end,
                    Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0), (System.nanoTime() - started) / 1e9);
        } finally {
            SimulationRun.close(vertx, null);
        }
    }
}
