package io.ridematch.city;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ridematch.bus.DomainBus;
import io.ridematch.contract.Role;
import io.ridematch.kafka.EmbeddedKafka;
import io.ridematch.kafka.KafkaBridgeVerticle;
import io.ridematch.kafka.KafkaSettings;
import io.ridematch.kafka.LogReader;
import io.ridematch.kafka.TopicSetup;
import io.ridematch.metrics.Metrics;
import io.ridematch.platform.core.notify.Receipts;
import io.ridematch.platform.core.readmodel.CityStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one process of the city from start to end: the event log (an embedded broker, an external cluster, or
 * none), the verticles of its role, progress lines and the summary. Used by the commands and by tests.
 */
public final class SimulationRun {

    /**
     * Every verticle of a run on one event loop. The city moves in lockstep (each step waits until everything it
     * caused was handled), so its services never run side by side anyway; on one loop a delivery is a task on
     * the same thread instead of a wake-up of another: New York 07:00-10:00 at full speed took 11.3-12.0 s on
     * one loop, 13.2 s on two and 16.3 s on Vert.x's default four (2 cores). Kafka's clients and the worker
     * verticles keep their own threads.
     */
    static final int EVENT_LOOPS = 1;


    private SimulationRun() {
    }

    /** Starting the services, the consumer's first partitions included. */
    public static final Duration START_WITHIN = Duration.ofSeconds(60);
    /** Kafka's answer for the last records: the producer's own delivery timeout (120 s) and a margin. */
    public static final Duration DRAIN_WITHIN = Duration.ofSeconds(130);
    /** The same after Ctrl-C, which must fit in {@link Interrupts#GRACE}. */
    public static final Duration DRAIN_WHEN_STOPPED = Duration.ofSeconds(15);
    /** A step whose deliveries are still being handled after this long is stuck, not slow. */
    public static final Duration STEP_WITHIN = Duration.ofSeconds(120);
    /** How long a simulator that ends waits for the platform to tell it of the last rides it requested. */
    public static final Duration RIDES_BACK_WITHIN = Duration.ofSeconds(30);
    public static final Duration CLOSE_WITHIN = Duration.ofSeconds(20);

    /** The whole city in one process on the event bus alone, as tests run it. */
    public static RunReport run(Scenario scenario, SimulateConfig config, Duration progressEvery, PrintStream out)
            throws Exception {
        return run(Role.SIMULATE, scenario, config, new KafkaConfig(false, null, null, 1, (short) 1), progressEvery,
                out);
    }

    /**
     * Starts the log and the city, runs it to its end (or to Ctrl-C), prints the summary, writes the report and
     * closes everything. Every wait has a bound; one that runs out ends the run with a {@link Stalled} naming it.
     */
    public static RunReport run(Role role, Scenario asked, SimulateConfig config, KafkaConfig kafka,
                                Duration progressEvery, PrintStream out) throws Exception {
        EmbeddedKafka broker = null;
        Vertx vertx = null;
        try {
            KafkaSettings settings = null;
            if (kafka.enabled()) {
                String bootstrap = kafka.bootstrap();
                if (kafka.embedded()) {
                    // one process runs the whole city: its log starts new (the lock is taken before the old one goes)
                    boolean fresh = role == Role.SIMULATE;
                    boolean replacing = fresh && Files.exists(kafka.dataDir().resolve("kafka"));
                    broker = EmbeddedKafka.start(kafka.dataDir(), kafka.brokerPort(), fresh);
                    if (replacing) {
                        out.println("ridematch: replaced the previous event log in " + kafka.dataDir());
                    }
                    bootstrap = broker.bootstrapServers();
                    out.println("ridematch: embedded Kafka broker on " + bootstrap + ", log in " + kafka.dataDir());
                }
                String instance = UUID.randomUUID().toString().substring(0, 8);
                String kind = role.name().toLowerCase();
                settings = new KafkaSettings(bootstrap, "/ridematch/" + kind + "/" + instance,
                        role == Role.PLATFORM ? "ridematch-platform" : "ridematch-" + kind + "-" + instance,
                        kafka.partitions(), kafka.replicationFactor(), kafka.faults(), kafka.clientProperties(),
                        kafka.snapshotEvery(), kafka.member());
                try {
                    TopicSetup.ensureTopics(settings);
                } catch (IllegalArgumentException tooManyReplicas) {
                    throw new UsageException(tooManyReplicas.getMessage());
                }
            }
            Scenario scenario = role == Role.SIMULATOR && config.start() == null ? joinWorld(asked, settings, out)
                    : asked;
            PrometheusMeterRegistry metrics = Metrics.newRegistry();
            vertx = Metrics.vertxWith(metrics, new VertxOptions().setBlockedThreadCheckInterval(10_000)
                    .setEventLoopPoolSize(EVENT_LOOPS));
            String ridePrefix = role == Role.SIMULATOR ? settings.source().substring(settings.source().lastIndexOf('/') + 1) + "-" : "";
            City city = startCity(vertx, role, scenario, config, settings, ridePrefix, metrics, progressEvery, out);
            Interrupts.onStop(city::stopEarly);
            long started = System.nanoTime();
            city.rebuilt().ifPresent(rebuilt -> sayRebuilt(rebuilt, city, scenario, out));
            out.println(banner(role, scenario, config, city));
            if (!progressEvery.isZero()) {
                await(vertx.deployVerticle(new ProgressReporter(city, ZoneId.of(scenario.timezone()),
                        progressEvery.toMillis(), out)), START_WITHIN, "the progress lines to start");
            }
            awaitEnd(city);
            String notBack = role == Role.SIMULATOR ? signOff(city) : null;
            String unlogged = city.bridge().map(SimulationRun::drain).orElse(null);
            double wallSeconds = (System.nanoTime() - started) / 1e9;
            CityStats stats = await(city.finalStats(), START_WITHIN, "the read model's figures for the summary");
            RunReport report = report(scenario, config, city, stats, wallSeconds);
            out.print(SummaryTable.render(report, "ridematch summary: " + scenario.name()
                    + (Interrupts.requested() ? " (stopped early)" : "")));
            city.bridge().ifPresent(b -> out.printf(Locale.ROOT,
                    "  %-22s %,d records produced (%,d failed), %,d consumed, %,d dead-lettered%s%n", "kafka",
                    b.produced(), b.sendFailures(), b.consumed(), b.deadLettered(),
                    (b.duplicated() == 0 ? "" : String.format(Locale.ROOT, ", %,d handed over twice on purpose",
                            b.duplicated()))
                    + (b.backlogFills() == 0 ? "" : String.format(Locale.ROOT, "; held back %,d times "
                            + "for Kafka to catch up", b.backlogFills()))));
            if (role == Role.SIMULATOR && city.bridge().isPresent()) {
                for (String line : takeUp(city.bridge().get(), config.speed())) {
                    out.println("  " + line);
                }
            }
            if (unlogged != null) {
                out.println("  " + unlogged);
            }
            if (notBack != null) {
                out.println("  " + notBack);
            }
            if (config.drain() && role != Role.PLATFORM) {
                out.println("  " + drained(stats, city, scenario));
            }
            if (city.records().isPresent()) {
                report = report.withIntervals(OutputFolder.write(config.output(), city.records().get(),
                        config.kpiInterval(), OutputFolder.Run.of(role, scenario, config), report,
                        ZoneId.of(scenario.timezone())));
                out.println("  records, KPIs over time and plots written to " + config.output()
                        + " (open index.html)");
            }
            if (config.report() != null) {
                ReportFile.write(config.report(), report);
                out.println("  report written to " + config.report());
            }
            return report;
        } finally {
            Interrupts.onStop(() -> { });
            close(vertx, broker);
        }
    }

    /**
     * A simulator started on a log whose world has already run takes up its time (the last tick on
     * {@code sim-clock}), so its riders meet the platform's drivers in time instead of hours before the platform's
     * clock; on a new log it starts at the scenario's start. {@code --start} keeps the time asked for.
     */
    static Scenario joinWorld(Scenario scenario, KafkaSettings settings, PrintStream out) {
        // a world runs for its duration (a week in compose) and may drain a day: a tick much later is not its time
        Duration span = scenario.duration() == null ? Duration.ofDays(1) : scenario.duration();
        Optional<Instant> last = LogReader.lastWorldTime(settings.connection(),
                scenario.start().toInstant().plus(span).plus(Duration.ofDays(2)));
        if (last.isEmpty() || !last.get().isAfter(scenario.start().toInstant())) {
            return scenario;
        }
        ZonedDateTime at = last.get().atZone(ZoneId.of(scenario.timezone())).truncatedTo(ChronoUnit.SECONDS);
        out.println("ridematch: the world on this log is at " + at.toLocalDateTime() + " (its last tick); this "
                + "simulator joins it there rather than at " + scenario.startTime() + " (--start sets a time)");
        return scenario.startingAt(at);
    }

    private static void sayRebuilt(Rebuilt rebuilt, City city, Scenario scenario, PrintStream out) {
        if (rebuilt.snapshotProblem() != null) {
            out.println("ridematch: " + rebuilt.snapshotProblem());
        }
        String from = rebuilt.snapshotGeneration() == 0 ? String.format(Locale.ROOT, "from the log in %.1f s: %,d events",
                rebuilt.seconds(), rebuilt.events())
                : String.format(Locale.ROOT, "in %.1f s from snapshot %d (%,d events) and the %,d events of the log "
                        + "after it", rebuilt.seconds(), rebuilt.snapshotGeneration(), rebuilt.snapshotEvents(),
                        rebuilt.logEvents());
        out.printf(Locale.ROOT, "ridematch: state rebuilt %s: %,d rides; world time %s%n", from, rebuilt.rides(),
                rebuilt.worldTime().atZone(ZoneId.of(scenario.timezone())).toLocalDateTime());
        city.readModelRebuilt().onSuccess(events -> out.printf(Locale.ROOT, "ridematch: city view (read model, "
                + "live map) rebuilt from the whole log: %,d events in %.1f s%n", events, city.viewRebuildSeconds()));
    }

    private static City startCity(Vertx vertx, Role role, Scenario scenario, SimulateConfig config,
                                  KafkaSettings settings, String ridePrefix, PrometheusMeterRegistry metrics,
                                  Duration progressEvery, PrintStream out) throws Exception {
        Rebuilt.Progress progress = new Rebuilt.Progress();
        Future<City> started = City.start(vertx, DomainBus.install(vertx), role, scenario, config, settings,
                ridePrefix, metrics, progress);
        try {
            return awaitStart(started, progress, progressEvery, out, settings == null ? "the services to start"
                    : "the services to start and Kafka to assign this process its partitions");
        } catch (java.net.BindException e) {
            throw new EnvironmentProblem("the HTTP port " + config.httpPort() + " is in use by another program; "
                    + "pass another --http-port (0 picks a free one)");
        }
    }

    /**
     * Waits for the city to start. A platform's rebuild reads as much log as there is, so the bound is on
     * progress: {@link #START_WITHIN} without a record read, or for what follows the rebuild.
     */
    private static City awaitStart(Future<City> started, Rebuilt.Progress progress, Duration progressEvery,
                                   PrintStream out, String what) throws Exception {
        long lastRecords = -1;
        long movedAt = System.nanoTime();
        long saidAt = System.nanoTime();
        while (true) {
            try {
                return started.toCompletionStage().toCompletableFuture().get(1, TimeUnit.SECONDS);
            } catch (TimeoutException stillStarting) {
                long records = progress.records();
                long now = System.nanoTime();
                if (records != lastRecords) {
                    lastRecords = records;
                    movedAt = now;
                } else if (now - movedAt > START_WITHIN.toNanos()) {
                    throw new Stalled(!progress.reading() ? what : String.format(Locale.ROOT,
                            "the rebuild from the log to go on (%,d of %,d records read)", records, progress.total()),
                            START_WITHIN);
                }
                if (!progressEvery.isZero() && progress.reading() && progress.total() > 0 && now - saidAt >= progressEvery.toNanos()) {
                    saidAt = now;
                    out.printf(Locale.ROOT, "ridematch: rebuilding from the log: %,d of %,d records (%.0f %%)%n",
                            records, progress.total(), 100.0 * records / progress.total());
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }

    /**
     * Waits for the clock's end (the duration, or Ctrl-C). A run may last a day, so the bound is on progress: a
     * step whose deliveries stay unhandled for {@link #STEP_WITHIN} is stuck, and the run ends saying so.
     */
    private static void awaitEnd(City city) throws Exception {
        Instant lastTime = city.clock().now();
        long lastMove = System.nanoTime();
        while (true) {
            try {
                city.finished().toCompletionStage().toCompletableFuture().get(1, TimeUnit.SECONDS);
                return;
            } catch (TimeoutException stillRunning) {
                Instant now = city.clock().now();
                if (!now.equals(lastTime) || city.pendingDeliveries() == 0) {
                    lastTime = now;
                    lastMove = System.nanoTime();
                } else if (System.nanoTime() - lastMove > STEP_WITHIN.toNanos()) {
                    throw new Stalled("the step at " + now + " to settle (" + city.pendingDeliveries()
                            + " deliveries still being handled)", STEP_WITHIN);
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }

    /**
     * A simulator that ends takes its drivers offline, then waits, at most {@link #RIDES_BACK_WITHIN}, until the
     * platform has told it of every ride its riders requested, so its summary counts them all; null when it has,
     * else the line the summary adds.
     */
    private static String signOff(City city) throws Exception {
        long requested = await(city.signOff().orElseThrow(), START_WITHIN, "the drivers to go offline");
        Duration bound = Interrupts.requested() ? DRAIN_WHEN_STOPPED : RIDES_BACK_WITHIN;
        long deadline = System.nanoTime() + bound.toNanos();
        long back = 0;
        while (System.nanoTime() < deadline) {
            back = await(city.stats(), START_WITHIN, "the read model's figures").outcomes().requested();
            if (back >= requested && city.pendingDeliveries() == 0) {
                return null;
            }
            Thread.sleep(100);
        }
        return String.format(Locale.ROOT, "%,d of the %,d rides this simulator requested had not come back from the "
                + "platform within %s; the figures above leave them out", requested - back, requested,
                DurationText.format(bound));
    }

    /** Simulated time past which a request waits for the platform too long: a minute, as riders count it. */
    static final Duration TAKE_UP_BEHIND = Duration.ofMinutes(1);

    /** A simulator's lines on how soon the platform took up its riders' requests ({@link #takeUpLines}). */
    private static List<String> takeUp(KafkaBridgeVerticle bridge, double speed) throws Exception {
        Long p50 = await(bridge.requestTakeUpMillis(50), START_WITHIN, "the request take-up figures");
        Long p90 = await(bridge.requestTakeUpMillis(90), START_WITHIN, "the request take-up figures");
        return p50 == null ? List.of() : takeUpLines(p50, p90, speed);
    }

    /**
     * The wall time from a request's sending to the platform's answer read back, and what the speed makes of it in
     * simulated time; a second line when the median is past {@link #TAKE_UP_BEHIND}, as a run's poor figures then
     * come from the platform falling behind the world, not from the city.
     */
    static List<String> takeUpLines(long p50, long p90, double speed) {
        Duration simulated = Duration.ofMillis(Math.round(p50 * speed));
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-22s p50 %,d ms, p90 %,d ms from a request to the platform's answer "
                + "(p50 %s simulated at %sx)", "request take-up", p50, p90, DurationText.format(simulated),
                speedText(speed)));
        if (simulated.compareTo(TAKE_UP_BEHIND) > 0) {
            lines.add("the platform fell behind this speed: riders waited " + DurationText.format(simulated)
                    + " of simulated time before it knew of their rides; a lower --speed keeps it in step");
        }
        return lines;
    }

    private static String speedText(double speed) {
        return speed == Math.rint(speed) ? String.valueOf((long) speed) : String.valueOf(speed);
    }

    /** Waits for Kafka's answer for every record; null when it came, else the line the summary adds. */
    private static String drain(KafkaBridgeVerticle bridge) {
        Duration bound = Interrupts.requested() ? DRAIN_WHEN_STOPPED : DRAIN_WITHIN;
        try {
            await(bridge.drained(), bound, "Kafka to acknowledge the last records");
            return null;
        } catch (Stalled e) {
            return String.format(Locale.ROOT, "%,d records were not acknowledged by Kafka within %s; the log may "
                    + "lack them", bridge.unanswered(), DurationText.format(bound));
        } catch (Exception e) {
            return "the last records' fate is unknown: " + e.getMessage();
        }
    }

    /** What the drain came to: when the last ride ended, or how many never did. */
    private static String drained(CityStats stats, City city, Scenario scenario) {
        String at = city.clock().now().atZone(ZoneId.of(scenario.timezone())).toLocalTime().toString();
        long open = stats.outcomes().notEnded();
        return open == 0 ? String.format(Locale.ROOT, "%-22s every ride ended (paid, failed at payment, or cancelled) by %s", "drain", at)
                : String.format(Locale.ROOT, "%-22s %,d rides had not ended at %s, %s after the last request: lost",
                        "drain", open, at, DurationText.format(SimulateConfig.DRAIN_BOUND));
    }

    private static RunReport report(Scenario scenario, SimulateConfig config, City city, CityStats stats,
                                    double wallSeconds) {
        var latency = city.matchLatency();
        var longest = city.bus().longestHandler();
        long records = city.bridge().map(KafkaBridgeVerticle::acknowledged).orElse(0L);
        double recordBytes = city.bridge().map(b -> b.produced() == 0 ? 0.0
                : (double) b.producedBytes() / b.produced()).orElse(0.0);
        // a restarted platform's read model holds the log it rebuilt from: the rates count what this run added
        long eventsBefore = city.readModelRebuilt().result() == null ? 0 : city.readModelRebuilt().result();
        long ridesBefore = city.rebuilt().map(Rebuilt::rides).orElse(0);
        return new RunReport(scenario.name(), config.seed(), stats.outcomes(), stats.kpis(),
                new RunReport.Performance(round(wallSeconds, 3),
                        round(Math.max(0, stats.events() - eventsBefore) / wallSeconds, 0),
                        round(Math.max(0, stats.outcomes().requested() - ridesBefore) / wallSeconds, 0),
                        round(latency.percentileMillis(50), 3), round(latency.percentileMillis(99), 3),
                        records, round(recordBytes, 1), round(longest.millis(), 1), longest.address(), city.steps()),
                city.receipts().map(Receipts::sent).orElse(null), city.chain().map(RunReport.Chain::of).orElse(null),
                city.timeline().map(t -> t.minutes(ZoneId.of(scenario.timezone()))).orElse(null), null);
    }

    private static String banner(Role role, Scenario scenario, SimulateConfig config, City city) {
        String what = switch (role) {
            case SIMULATE -> "simulating";
            case PLATFORM -> "platform serving";
            case SIMULATOR -> "riders and drivers of";
        };
        String api = city.httpPort() > 0 ? "; API on http://localhost:" + city.httpPort() : "";
        Duration duration = config.durationOf(role, scenario);
        String warmUp = config.warmUp().isZero() ? "" : " after a warm-up of " + DurationText.format(config.warmUp())
                + " (not counted)";
        return String.format(Locale.ROOT, "ridematch: %s %s from %s for %s%s at speed %s (seed %d)%s", what,
                scenario.name(), config.start() == null ? scenario.startTime() : config.start(),
                duration == null ? "as long as it runs" : DurationText.format(duration), warmUp,
                config.maxSpeed() ? "max" : String.valueOf(config.speed()), config.seed(), api);
    }

    /**
     * Closes Vert.x (the bridge commits, flushes and closes its clients) and then the broker, each within
     * {@link #CLOSE_WITHIN}; what does not close in time is named, and the process exit takes it down.
     */
    public static void close(Vertx vertx, EmbeddedKafka broker) {
        try {
            if (vertx != null) {
                await(vertx.close(), CLOSE_WITHIN, "Vert.x to close (undeploying the services and the Kafka clients)");
            }
        } catch (Exception e) {
            System.err.println("ridematch: while stopping: " + e.getMessage());
        } finally {
            if (broker != null) {
                broker.close(CLOSE_WITHIN);
            }
        }
    }

    /**
     * Blocks the calling (non-Vert.x) thread for a future's result, at most {@code bound}; rethrows its failure as
     * it was.
     *
     * @param what what is waited for, in the words the message uses when the bound runs out
     * @throws Stalled when the future did not complete within {@code bound}
     */
    public static <T> T await(Future<T> future, Duration bound, String what) throws Exception {
        try {
            return future.await(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Stalled(what, bound);
        }
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
