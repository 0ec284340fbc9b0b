package io.ridematch.city;

import io.ridematch.kafka.KafkaBridgeVerticle;
import io.ridematch.platform.core.readmodel.CityStats;
import io.ridematch.platform.core.readmodel.Outcomes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Prints one progress line every few wall seconds: sim clock, ride counts, events per second. */
final class ProgressReporter extends VerticleBase {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE HH:mm:ss", Locale.ROOT);

    private final City city;
    private final ZoneId zone;
    private final long intervalMillis;
    private final PrintStream out;
    /** Events in the read model at the last line: at first, those a platform's view rebuilt from the log. */
    private long lastEvents;
    private long lastNanos = System.nanoTime();

    ProgressReporter(City city, ZoneId zone, long intervalMillis, PrintStream out) {
        this.city = city;
        this.zone = zone;
        this.intervalMillis = intervalMillis;
        this.out = out;
    }

    @Override
    public Future<?> start() {
        vertx.setPeriodic(intervalMillis, id -> city.stats().onSuccess(this::print));
        city.readModelRebuilt().onSuccess(rebuilt -> context.runOnContext(v -> {
            lastEvents = rebuilt;
            lastNanos = System.nanoTime();
        }));
        return Future.succeededFuture();
    }

    private void print(CityStats stats) {
        long now = System.nanoTime();
        double rate = Math.max(0, stats.events() - lastEvents) / ((now - lastNanos) / 1e9);
        lastEvents = stats.events();
        lastNanos = now;
        Outcomes o = stats.outcomes();
        String heldBack = city.bridge().map(KafkaBridgeVerticle::heldBack).orElse(null);
        out.printf(Locale.ROOT, "[sim %s] requested %,d  matched %,d  completed %,d  cancelled %,d  | %,.0f events/s%s%n",
                TIME.format(stats.simTime().atZone(zone)), o.requested(), o.matched(), o.completed(), o.cancelled(),
                rate, heldBack == null ? "" : "  | " + heldBack);
    }
}
