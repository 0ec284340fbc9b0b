package io.ridematch.app;

import io.ridematch.app.ScenarioFile.InvalidScenario;
import io.ridematch.bus.DomainBus;
import io.ridematch.domain.readmodel.CityStats;
import io.ridematch.domain.sim.Scenario;
import io.ridematch.json.Json;
import io.ridematch.kafka.EmbeddedKafka;
import io.ridematch.kafka.KafkaBridgeVerticle;
import io.ridematch.kafka.KafkaSettings;
import io.ridematch.kafka.TopicSetup;
import io.ridematch.metrics.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one process of the city from start to end: the event log (an embedded broker, an external cluster, or
 * none), the verticles of its role, progress lines and the summary. Used by the commands and by tests.
 */
public final class SimulationRun {

    private SimulationRun() {
    }

    /** A command's whole run: checks its options, returns the exit code. */
    static int execute(Role role, CityOptions options, KafkaConfig kafka, String kafkaProblem) throws Exception {
        String problem = options.problem() != null ? options.problem() : kafkaProblem;
        if (problem == null && role != Role.SIMULATE && options.speed == 0) {
            problem = "--speed max needs everything in one process ('simulate'); give " + role.name().toLowerCase()
                    + " a number, the same for the platform and the simulators";
        }
        if (problem == null && role == Role.SIMULATOR && kafka.bootstrap() == null) {
            problem = "simulator needs --kafka-bootstrap: the platform process owns the event log";
        }
        if (problem != null) {
            return Main.usageError(problem);
        }
        Scenario scenario;
        try {
            scenario = options.loadScenario();
        } catch (InvalidScenario e) {
            return Main.usageError(e.getMessage());
        }
        run(role, scenario, options.toConfig(), kafka, options.progressEvery, System.out);
        return 0;
    }

    /** The whole city in one process on the event bus alone, as tests run it. */
    public static RunReport run(Scenario scenario, SimulateConfig config, Duration progressEvery, PrintStream out)
            throws Exception {
        return run(Role.SIMULATE, scenario, config, new KafkaConfig(false, null, null, 1, (short) 1), progressEvery,
                out);
    }

    public static RunReport run(Role role, Scenario scenario, SimulateConfig config, KafkaConfig kafka,
                                Duration progressEvery, PrintStream out) throws Exception {
        EmbeddedKafka broker = null;
        Vertx vertx = null;
        AtomicBoolean closed = new AtomicBoolean();
        try {
            KafkaSettings settings = null;
            if (kafka.enabled()) {
                String bootstrap = kafka.bootstrap();
                if (kafka.embedded()) {
                    if (role == Role.SIMULATE) {
                        startNewLog(kafka.dataDir(), out);
                    }
                    broker = EmbeddedKafka.start(kafka.dataDir());
                    bootstrap = broker.bootstrapServers();
                    out.println("ridematch: embedded Kafka broker on " + bootstrap + ", log in " + kafka.dataDir());
                }
                String instance = UUID.randomUUID().toString().substring(0, 8);
                String kind = role.name().toLowerCase();
                settings = new KafkaSettings(bootstrap, "/ridematch/" + kind + "/" + instance,
                        role == Role.PLATFORM ? "ridematch-platform" : "ridematch-" + kind + "-" + instance,
                        kafka.partitions(), kafka.replicationFactor());
                TopicSetup.ensureTopics(settings);
            }
            PrometheusMeterRegistry metrics = Metrics.newRegistry();
            vertx = Metrics.vertxWith(metrics, new VertxOptions().setBlockedThreadCheckInterval(10_000));
            String ridePrefix = role == Role.SIMULATOR ? settings.source().substring(settings.source().lastIndexOf('/') + 1) + "-" : "";
            City city = await(City.start(vertx, DomainBus.install(vertx), role, scenario, config, settings, ridePrefix,
                    metrics));
            CountDownLatch summarised = new CountDownLatch(1);
            Thread hook = shutdownHook(city, summarised, vertx, broker, closed);
            Runtime.getRuntime().addShutdownHook(hook);
            long started = System.nanoTime();
            out.println(banner(role, scenario, config, city));
            if (!progressEvery.isZero()) {
                await(vertx.deployVerticle(new ProgressReporter(city, ZoneId.of(scenario.timezone()),
                        progressEvery.toMillis(), out)));
            }
            await(city.finished());
            if (city.bridge().isPresent()) {
                await(city.bridge().get().drained()); // the run is done when the log has it all
            }
            double wallSeconds = (System.nanoTime() - started) / 1e9;
            CityStats stats = await(city.stats());
            var latency = city.matchLatency();
            long records = city.bridge().map(KafkaBridgeVerticle::acknowledged).orElse(0L);
            double recordBytes = city.bridge().map(b -> b.produced() == 0 ? 0.0
                    : (double) b.producedBytes() / b.produced()).orElse(0.0);
            RunReport report = new RunReport(scenario.name(), config.seed(), stats.outcomes(), stats.kpis(),
                    new RunReport.Performance(round(wallSeconds, 3), round(stats.events() / wallSeconds, 0),
                            round(stats.outcomes().requested() / wallSeconds, 0),
                            round(latency.percentileMillis(50), 3), round(latency.percentileMillis(99), 3),
                            records, round(recordBytes, 1)));
            out.print(SummaryTable.render(report, "ridematch summary: " + scenario.name()));
            city.bridge().ifPresent(b -> out.printf(Locale.ROOT,
                    "  %-22s %,d records produced (%,d failed), %,d consumed, %,d dead-lettered%n", "kafka",
                    b.produced(), b.sendFailures(), b.consumed(), b.deadLettered()));
            if (config.report() != null) {
                Files.write(config.report(), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
                out.println("  report written to " + config.report());
            }
            closeQuietly(vertx, broker, closed);
            summarised.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C ended the run: the hook is waiting for this summary, and finds everything closed
            }
            return report;
        } finally {
            closeQuietly(vertx, broker, closed);
        }
    }

    private static String banner(Role role, Scenario scenario, SimulateConfig config, City city) {
        String what = switch (role) {
            case SIMULATE -> "simulating";
            case PLATFORM -> "platform serving";
            case SIMULATOR -> "riders and drivers of";
        };
        String api = city.httpPort() > 0 ? "; API on http://localhost:" + city.httpPort() : "";
        Duration duration = config.duration() != null ? config.duration()
                : role == Role.PLATFORM ? null : scenario.duration();
        return String.format(Locale.ROOT, "ridematch: %s %s from %s for %s at speed %s (seed %d)%s", what,
                scenario.name(), config.start() == null ? scenario.startTime() : config.start(),
                duration == null ? "as long as it runs" : DurationText.format(duration),
                config.maxSpeed() ? "max" : String.valueOf(config.speed()), config.seed(), api);
    }

    /** {@code simulate} starts a new world, so the log under the data folder starts anew too. */
    private static void startNewLog(Path dataDir, PrintStream out) throws IOException {
        Path log = dataDir.resolve("kafka");
        if (Files.exists(log)) {
            out.println("ridematch: replacing the previous event log in " + dataDir);
            EmbeddedKafka.deleteLog(log);
        }
    }

    /**
     * Ctrl-C or SIGTERM: end the run at the current step, let the main thread print the summary, then close
     * Vert.x (the bridge flushes the producer) and the broker, cleanly. Ten seconds at most for the summary.
     */
    private static Thread shutdownHook(City city, CountDownLatch summarised, Vertx vertx, EmbeddedKafka broker,
                                       AtomicBoolean closed) {
        return new Thread(() -> {
            city.stopEarly();
            try {
                summarised.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(vertx, broker, closed);
        }, "ridematch-shutdown");
    }

    private static void closeQuietly(Vertx vertx, EmbeddedKafka broker, AtomicBoolean closed) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (vertx != null) {
                await(vertx.close());
            }
        } catch (Exception e) {
            System.err.println("ridematch: while stopping: " + e.getMessage());
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    /** Blocks the calling (non-Vert.x) thread for a future's result, rethrowing its failure as it was. */
    public static <T> T await(Future<T> future) throws Exception {
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
