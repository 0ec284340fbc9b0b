package io.ridematch.bench;

import static io.ridematch.city.SimulationRun.START_WITHIN;
import static io.ridematch.city.SimulationRun.await;

import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.city.City;
import io.ridematch.city.DurationText;
import io.ridematch.city.Interrupts;
import io.ridematch.city.KafkaConfig;
import io.ridematch.city.RunReport;
import io.ridematch.city.Scenario;
import io.ridematch.city.SimulateConfig;
import io.ridematch.city.SimulationRun;
import io.ridematch.contract.CancelReason;
import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.Role;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.money.Money;
import io.ridematch.contract.time.WorldSettled;
import io.ridematch.json.Json;
import io.ridematch.kafka.EmbeddedKafka;
import io.ridematch.kafka.KafkaSettings;
import io.ridematch.kafka.TopicSetup;
import io.ridematch.metrics.MatchLatency;
import io.ridematch.platform.core.readmodel.CityStats;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code ridematch bench}: the brief's headline figures, each beside a reference measured in the same run. Four
 * parts, one after the other in this JVM: the city on the event bus alone at full speed and the raw event bus;
 * the city through an embedded Kafka broker at full speed and Kafka's own ProducerPerformance on that broker;
 * a platform and a simulator talking only through Kafka at half load, for match latency; and the heap of a
 * city with 100,000 drivers and a million rides an hour. Match latency is taken in a city whose drivers can serve
 * its demand (the peak hour's demand all day, every driver on): in an undersupplied peak the wall time from
 * request to assignment is mostly riders waiting, in simulated time, for a driver to come free.
 */
public final class Bench {

    /**
     * How long each part runs: {@code --quick} for CI, the full plan for BENCHMARKS.md.
     *
     * @param day  of the city's own day (its scenario's start and duration), how much part 2 runs on the bus;
     *             null for all of it
     * @param peak how long batched and greedy each run from {@link #PEAK}
     * @param parts the parts to run (1 to {@link #PARTS}); the others are reported as not run
     */
    public record Plan(String mode, LocalTime start, Duration inProcess, Duration kafka, Duration latency,
                       Duration heap, long rawMessages, double kafkaLatencySpeed, Duration day, Duration peak,
                       Set<Integer> parts) {

        /** The same plan with match latency through Kafka taken at {@code speed} instead of half load. */
        public Plan withKafkaLatencySpeed(double speed) {
            return new Plan(mode, start, inProcess, kafka, latency, heap, rawMessages, speed, day, peak, parts);
        }

        /** The same plan running only {@code only} (a developer measuring one change): the rest are left out. */
        public Plan withParts(Set<Integer> only) {
            return new Plan(mode, start, inProcess, kafka, latency, heap, rawMessages, kafkaLatencySpeed, day, peak,
                    Set.copyOf(only));
        }

        /**
         * Part 5's runs a quarter slower after its half-speed run fell behind: one in the quick plan, which CI runs
         * within its half hour (two took its bench from about 200 to 457 s), two in the full one.
         */
        public int mostSlowerRuns() {
            return "quick".equals(mode) ? 1 : MOST_SLOWER_RUNS;
        }

        public static Plan quick() {
            return new Plan("quick", LocalTime.of(8, 0), Duration.ofHours(1), Duration.ofMinutes(20),
                    Duration.ofMinutes(20), Duration.ofMinutes(3), 5_000_000, 0, Duration.ofHours(3),
                    Duration.ofMinutes(20), ALL_PARTS);
        }

        public static Plan full() {
            return new Plan("full", LocalTime.of(7, 0), Duration.ofHours(3), Duration.ofHours(3),
                    Duration.ofHours(1), Duration.ofHours(1), 20_000_000, 0, null, Duration.ofHours(1), ALL_PARTS);
        }
    }

    /** The bench's parts, in the order they run. */
    static final int PARTS = 5;
    public static final Set<Integer> ALL_PARTS = IntStream.rangeClosed(1, PARTS).boxed()
            .collect(Collectors.toUnmodifiableSet());
    /** The start of the peak hour batched and greedy are compared on (New York's busiest). */
    static final LocalTime PEAK = LocalTime.of(8, 0);
    /** How often each moving driver reports its position in the runs through Kafka: a real fleet's apps. */
    static final Duration PINGS = Duration.ofSeconds(4);

    static final int HEAP_DRIVERS = 100_000;
    /** The heap the memory load must fit in. */
    static final int HEAP_LIMIT_MIB = 1024;
    static final double HEAP_RIDES_PER_HOUR = 1_000_000;
    private static final int PARTITIONS = 6;
    /**
     * Wall time a platform and a simulator apart run before latency is measured: all drivers come online at the
     * start, and the platform works through that burst from Kafka while the first riders already ask.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(10);

    private final Scenario city;
    /** The city as its scenario has it: its own start and duration, for the day on the bus. */
    private final Scenario ownDay;
    /** The city with location pings on, for the runs through Kafka. */
    private final Scenario pinging;
    /** The city's scenario file or name, for the heap probe's JVM. */
    private final String scenarioSource;
    /** The city's peak demand held all day, with all its drivers on: nobody waits for a free driver. */
    private final Scenario latencyCity;
    /** The same, each moving driver reporting every {@link #PINGS}: match latency through Kafka. */
    private final Scenario latencyCityPinging;
    private final Plan plan;
    private final long seed;
    private final PrintStream out;
    /** Where a stop came, once one did: {@code "during part 2 of 5"}, {@code "before part 3 of 5"}. */
    private String stopped;

    public Bench(Scenario city, String scenarioSource, Plan plan, long seed, PrintStream out) {
        this.city = city.startingAt(plan.start());
        this.ownDay = city;
        this.pinging = this.city.withLocationEvery(PINGS);
        this.scenarioSource = scenarioSource;
        this.latencyCity = this.city.withLoad(city.supply().drivers(), peakRidesPerHour(city));
        this.latencyCityPinging = latencyCity.withLocationEvery(PINGS);
        this.plan = plan;
        this.seed = seed;
        this.out = out;
    }

    /** Runs the four parts in turn; a stop (Ctrl-C, SIGTERM) ends it before the next part, with what was reached. */
    public BenchReport run() throws Exception {
        long started = System.nanoTime();
        Part<BenchReport.InProcess> inProcess = part(1, "in-process: " + window(plan.inProcess())
                + " on the event bus alone, at full speed", this::inProcess);
        Part<BenchReport.Engine> engine = part(2, "the engine: " + dayText() + " on the event bus alone, then "
                + "batched against greedy from " + PEAK + " for " + DurationText.format(plan.peak()), this::engine);
        Part<BenchReport.ThroughKafka> kafka = part(3, "through Kafka: " + window(plan.kafka())
                + " with an embedded broker, at full speed, each moving driver reporting every "
                + DurationText.format(PINGS), this::throughKafka);
        Part<BenchReport.Heap> heap = part(4, String.format(Locale.ROOT, "heap: %,d drivers online, %,.0f rides an "
                + "hour, %s, in a JVM of its own with -Xmx%dm", HEAP_DRIVERS, HEAP_RIDES_PER_HOUR,
                DurationText.format(plan.heap()), HEAP_LIMIT_MIB), this::heap);
        // last: match latency through Kafka, a platform and a simulator apart, each on its own Vert.x
        Part<BenchReport.KafkaLatency> latency = part(5, "match latency through Kafka, a platform and a simulator "
                + "apart, at full speed and then at half of it, in a city where "
                + "every rider finds a driver: " + latencyCityText() + ", each moving driver reporting every "
                + DurationText.format(PINGS), this::kafkaLatency);
        return new BenchReport(plan.mode(),
                BenchReport.Machine.here(),
                stopped, inProcess.figures(), engine.figures(), kafka.figures(), heap.figures(), latency.figures(),
                new BenchReport.Runs(window(plan.inProcess()), inProcess.wallSeconds(), window(plan.kafka()),
                        kafka.wallSeconds(), window(plan.latency()), latency.wallSeconds(), dayText(),
                        engine.wallSeconds(),
                        DurationText.format(plan.heap()), heap.wallSeconds(), round(seconds(started))));
    }

    /** A part's figures and its wall time; both null for a part not reached or cut short by a stop. */
    private record Part<T>(T figures, Double wallSeconds) {
    }

    /** Part {@code n}, measured unless a stop came before it; one a stop cut short is left out. */
    private <T> Part<T> part(int n, String what, Callable<T> measure) throws Exception {
        if (!begins(n, what)) {
            return new Part<>(null, null);
        }
        long started = System.nanoTime();
        T figures = measure.call();
        return completed(n) ? new Part<>(figures, round(seconds(started))) : new Part<>(null, null);
    }

    /** Part 1: the city on the event bus alone, the raw bus, and match latency at half the speed reached. */
    private BenchReport.InProcess inProcess() throws Exception {
        RunReport cold = SimulationRun.run(Role.SIMULATE, city, config(plan.inProcess(), 0), noKafka(),
                Duration.ofSeconds(5), out);
        out.printf(Locale.ROOT, "  the same window again, the JIT warm from the first run (as the raw bus's figure "
                + "is taken): ");
        RunReport inProcess = SimulationRun.run(Role.SIMULATE, city, config(plan.inProcess(), 0), noKafka(),
                Duration.ZERO, quiet());
        out.printf(Locale.ROOT, "%,.0f events/s, %,.0f rides/s (the first: %,.0f events/s)%n",
                inProcess.performance().eventsPerSecond(), inProcess.performance().ridesPerSecond(),
                cold.performance().eventsPerSecond());
        out.printf(Locale.ROOT, "  the raw event bus: %,d of the same event records, one publisher, one consumer%n",
                plan.rawMessages());
        Vertx rawVertx = Vertx.vertx();
        DomainBus.install(rawVertx);
        double raw;
        try {
            raw = await(RawEventBus.messagesPerSecond(rawVertx, sampleEvents(), plan.rawMessages()),
                    Duration.ofMinutes(10), "the raw event bus to carry " + plan.rawMessages() + " messages");
        } finally {
            SimulationRun.close(rawVertx, null);
        }
        out.printf(Locale.ROOT, "  raw event bus: %,.0f messages/s%n", raw);

        out.printf(Locale.ROOT, "  match latency at half load, in a city where every rider finds a driver: %s%n",
                latencyCityText());
        double inProcessMax = maxSpeed(latencyCity, noKafka());
        double inProcessHalf = halfOf(inProcessMax);
        RunReport halfLoad = SimulationRun.run(Role.SIMULATE, latencyCity, config(plan.latency(), inProcessHalf),
                noKafka(), Duration.ZERO, quiet());
        out.printf(Locale.ROOT, "  at %.0fx (half its %.0fx): p50 %.2f ms, p99 %.2f ms, from RideRequested to "
                + "DriverAssigned published%n", inProcessHalf, inProcessMax,
                halfLoad.performance().matchLatencyP50Ms(), halfLoad.performance().matchLatencyP99Ms());
        var p = inProcess.performance();
        return new BenchReport.InProcess(p.ridesPerSecond(), p.eventsPerSecond(), cold.performance().ridesPerSecond(),
                cold.performance().eventsPerSecond(), round(raw),
                ratio(p.eventsPerSecond(), raw), halfLoad.performance().matchLatencyP50Ms(),
                halfLoad.performance().matchLatencyP99Ms(), inProcessHalf, p.matchLatencyP50Ms(),
                p.matchLatencyP99Ms());
    }

    /** Part 2: the city's day on the bus alone, and batched against greedy on the peak hour. */
    private BenchReport.Engine engine() throws Exception {
        Duration dayLength = plan.day() == null ? ownDay.duration() : plan.day();
        RunReport day = SimulationRun.run(Role.SIMULATE, ownDay, new SimulateConfig(ownDay.name(), dayLength,
                ownDay.startTime(), 0, seed, 0, null), noKafka(), Duration.ofSeconds(10), out);
        out.printf(Locale.ROOT, "  %s: %,d rides in %.1f s%n", dayText(), day.outcomes().requested(),
                day.performance().wallSeconds());
        Scenario peak = ownDay.startingAt(PEAK);
        SimulateConfig peakConfig = new SimulateConfig(peak.name(), plan.peak(), PEAK, 0, seed, 0, null);
        RunReport greedy = SimulationRun.run(Role.SIMULATE, peak.withMatcher("greedy"), peakConfig, noKafka(),
                Duration.ZERO, quiet());
        RunReport batched = SimulationRun.run(Role.SIMULATE, peak.withMatcher("batched"), peakConfig, noKafka(),
                Duration.ZERO, quiet());
        for (RunReport run : List.of(greedy, batched)) {
            out.printf(Locale.ROOT, "  %s: %.1f s, served %.2f %%, wait p50 %.0f s, longest handler %.1f ms%n",
                    run == greedy ? "greedy " : "batched", run.performance().wallSeconds(),
                    run.kpis().servedPercent(), run.kpis().waitP50Seconds(), run.performance().longestHandlerMs());
        }
        return new BenchReport.Engine(plan.day() == null, round(day.performance().wallSeconds()), day.outcomes().requested(),
                day.performance().eventsPerSecond(), round(greedy.performance().wallSeconds()),
                round(batched.performance().wallSeconds()),
                round(batched.performance().wallSeconds() / greedy.performance().wallSeconds()),
                greedy.kpis().servedPercent(), batched.kpis().servedPercent(), greedy.kpis().waitP50Seconds(),
                batched.kpis().waitP50Seconds(), batched.performance().longestHandlerMs());
    }

    private String dayText() {
        Duration length = plan.day() == null ? ownDay.duration() : plan.day();
        return ownDay.name() + " from " + ownDay.startTime() + " for " + DurationText.format(length);
    }

    /** Part 3: the city through an embedded broker, and Kafka's ProducerPerformance on the same broker. */
    private BenchReport.ThroughKafka throughKafka() throws Exception {
        RunReport kafka;
        double producerPerf;
        Path dir = Files.createTempDirectory("ridematch-bench");
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir)) {
            kafka = SimulationRun.run(Role.SIMULATE, pinging, config(plan.kafka(), 0),
                    new KafkaConfig(true, broker.bootstrapServers(), dir, PARTITIONS, (short) 1),
                    Duration.ofSeconds(5), out);
            int recordBytes = (int) Math.round(kafka.performance().kafkaMeanRecordBytes());
            long records = Math.max(100_000, kafka.performance().kafkaRecords());
            out.printf(Locale.ROOT, "  Kafka's ProducerPerformance on the same broker: %,d records of %d bytes, "
                    + "acks=all, the platform's producer settings%n", records, recordBytes);
            Map<String, String> producer = new HashMap<>(settings(broker, "producer-perf").producerConfig());
            producer.remove("client.id");
            producerPerf = ProducerPerformanceReference.recordsPerSecond(broker.bootstrapServers(), PARTITIONS,
                    records, recordBytes, producer);
            out.printf(Locale.ROOT, "  ProducerPerformance: %,.0f records/s%n", producerPerf);
        } finally {
            deleteQuietly(dir);
        }
        double kafkaEvents = kafka.performance().kafkaRecords() / kafka.performance().wallSeconds();
        return new BenchReport.ThroughKafka(round(kafkaEvents), round(producerPerf), ratio(kafkaEvents, producerPerf),
                kafka.performance().kafkaMeanRecordBytes());
    }

    /** Part 4: the heap of the brief's memory load, in a JVM of its own capped at {@link #HEAP_LIMIT_MIB}. */
    private BenchReport.Heap heap() throws Exception {
        HeapProbe.Figures figures = heapProbe();
        double windowMinutes = plan.heap().toSeconds() / 60.0;
        boolean fitted = figures != null;
        if (fitted) {
            out.printf(Locale.ROOT, "  %,d rides in %s: at most %,.0f MiB in use after a collection, %,.0f MiB after "
                    + "a full GC at the end, in a heap capped at %,d MiB%n", figures.rides(),
                    DurationText.format(plan.heap()), figures.peakAfterCollectionMiB(), figures.endMiB(),
                    HEAP_LIMIT_MIB);
        }
        double peak = fitted ? round(figures.peakAfterCollectionMiB()) : 0;
        return new BenchReport.Heap(fitted ? round(figures.endMiB()) : 0, peak,
                fitted && plan.heap().compareTo(Duration.ofHours(1)) >= 0 ? peak : 0, HEAP_LIMIT_MIB, fitted,
                HEAP_DRIVERS, HEAP_RIDES_PER_HOUR, fitted ? figures.rides() : 0, windowMinutes);
    }

    /**
     * Runs {@link HeapProbe} in a child JVM with {@code -Xmx}{@link #HEAP_LIMIT_MIB}{@code m} and this one's class
     * path; its progress lines pass through. Null when it did not finish within the cap (its last words are shown).
     */
    private HeapProbe.Figures heapProbe() throws Exception {
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Process probe = new ProcessBuilder(javaCommand, "-Xmx" + HEAP_LIMIT_MIB + "m",
                "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), HeapProbe.class.getName(), scenarioSource,
                plan.start().toString(), DurationText.format(plan.heap()), Long.toString(seed))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Interrupts.onStop(probe::destroy);
        try {
            // a whole hour of the memory load takes minutes; ten times the window in wall time is far beyond it
            Duration bound = plan.heap().multipliedBy(10).plus(START_WITHIN);
            byte[] output = probe.getInputStream().readAllBytes();
            if (!probe.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                throw new IllegalStateException("the heap probe did not end within " + DurationText.format(bound));
            }
            if (probe.exitValue() != 0) {
                out.printf(Locale.ROOT, "  the heap probe ended with code %d: it did not fit in %,d MiB%n",
                        probe.exitValue(), HEAP_LIMIT_MIB);
                return null;
            }
            String text = new String(output, StandardCharsets.UTF_8).strip();
            return Json.mapper().readValue(text.substring(text.lastIndexOf('\n') + 1), HeapProbe.Figures.class);
        } finally {
            Interrupts.onStop(() -> { });
            probe.destroyForcibly();
        }
    }

    /**
     * Part 5: match latency through Kafka, a platform and a simulator apart, at half the speed the two reach together
     * at full speed.
     */
    private BenchReport.KafkaLatency kafkaLatency() throws Exception {
        Apart full = apart(0, plan.latency());
        double pairMax = plan.latency().toSeconds() / full.wallSeconds();
        double halfSpeed = plan.kafkaLatencySpeed() > 0 ? plan.kafkaLatencySpeed() : halfOf(pairMax);
        out.printf(Locale.ROOT, "  a platform and a simulator apart, joined only by the broker, reach %.0fx (the "
                + "platform had read the window's last step on every zone after %.1f s); run at %.0fx%n", pairMax,
                full.wallSeconds(), halfSpeed);
        Apart half = apart(halfSpeed, plan.latency());
        // the pair's full speed overstates what the platform sustains (behind, its rounds come less often than once
        // a simulated second): where it fell behind at half of it, a quarter slower, at most twice
        for (int slower = 0; slower < plan.mostSlowerRuns() && plan.kafkaLatencySpeed() <= 0 && !half.rider().keptUp()
                && !Interrupts.requested(); slower++) {
            double next = Math.max(1, Math.floor(halfSpeed * 0.75));
            if (next == halfSpeed) {
                break;
            }
            out.printf(Locale.ROOT, "  the platform fell behind at %.0fx (p50 %.2f ms); again at %.0fx%n", halfSpeed,
                    half.platform().percentileMillis(50), next);
            halfSpeed = next;
            half = apart(halfSpeed, plan.latency());
        }
        RequestToAssignment rider = half.rider();
        out.printf(Locale.ROOT, "  %,d of %,d requests assigned while watched: p50 %.2f ms, p99 %.2f ms from "
                + "RideRequested to DriverAssigned published (the platform); p50 %.2f ms, p99 %.2f ms from request sent "
                + "to assignment received (the rider); %s%n", rider.count(), rider.requested(),
                half.platform().percentileMillis(50), half.platform().percentileMillis(99),
                rider.percentileMillis(50), rider.percentileMillis(99),
                rider.keptUp() ? "the platform kept up" : "the platform fell behind (a backlog, not a steady latency)");
        return new BenchReport.KafkaLatency(half.platform().percentileMillis(50), half.platform().percentileMillis(99),
                halfSpeed, rider.keptUp(), rider.count(), rider.percentileMillis(50), rider.percentileMillis(99),
                round(pairMax));
    }

    /**
     * A run apart: match latency as the platform measures it and as the rider sees it, and the wall time from the
     * simulator's start until the platform had read the world settled at its last step on every zone it owns.
     */
    private record Apart(MatchLatency platform, RequestToAssignment rider, double wallSeconds) {
    }

    private static double peakRidesPerHour(Scenario city) {
        List<Double> profile = city.demand().hourlyProfile();
        double total = profile.stream().mapToDouble(Double::doubleValue).sum();
        return Math.round(city.demand().ridesPerDay() * profile.stream().mapToDouble(Double::doubleValue).max()
                .orElse(0) / total);
    }

    private String latencyCityText() {
        return String.format(Locale.ROOT, "%,d drivers all day, %,.0f rides an hour (the peak hour's), %s",
                latencyCity.supply().drivers(), peakRidesPerHour(city), DurationText.format(plan.latency()));
    }

    /** Simulated seconds per wall second {@code latencyCity} reaches at full speed, in one process. */
    private double maxSpeed(Scenario latencyCity, KafkaConfig kafka) throws Exception {
        RunReport full = SimulationRun.run(Role.SIMULATE, latencyCity, config(plan.latency(), 0), kafka,
                Duration.ZERO, quiet());
        return plan.latency().toSeconds() / full.performance().wallSeconds();
    }

    /**
     * A platform and a simulator on separate Vert.x instances, joined only by a fresh embedded broker, at
     * {@code speed} (0: full speed), latency measured after {@link #WARM_UP}; closed in order afterwards
     * (simulator, platform, broker), each close bounded.
     */
    private Apart apart(double speed, Duration window) throws Exception {
        Path dir = Files.createTempDirectory("ridematch-bench-latency");
        EmbeddedKafka broker = EmbeddedKafka.start(dir);
        Vertx platformVertx = Vertx.vertx();
        Vertx simulatorVertx = Vertx.vertx();
        try {
            KafkaSettings platformSettings = new KafkaSettings(broker.bootstrapServers(), "/ridematch/platform/bench",
                    "ridematch-platform", PARTITIONS, (short) 1);
            TopicSetup.ensureTopics(platformSettings);
            SimulateConfig config = config(window.plus(Duration.ofSeconds(Math.round(WARM_UP.toSeconds() * speed))),
                    speed);
            DomainBus platformBus = DomainBus.install(platformVertx);
            AtomicReference<Instant> platformSettled = new AtomicReference<>(Instant.MIN);
            await(platformBus.<WorldSettled>subscribe(Addresses.WORLD_SETTLED, s -> platformSettled.set(s.now())),
                    START_WITHIN, "the bench to listen to the platform's clock");
            City platform = await(City.start(platformVertx, platformBus, Role.PLATFORM, latencyCityPinging, config,
                    platformSettings, ""), START_WITHIN, "the bench's platform to start");
            DomainBus simulatorBus = DomainBus.install(simulatorVertx);
            long started = System.nanoTime();
            long measureFrom = started + WARM_UP.toNanos();
            platform.matchLatency().measureFrom(measureFrom);
            RequestToAssignment rider = new RequestToAssignment(measureFrom);
            await(rider.watch(simulatorBus), START_WITHIN, "the latency probe to listen");
            // where the latency goes, in the runs at a set speed only: the full-speed run sets the pair's maximum
            LatencySplit split = speed > 0 ? new LatencySplit(measureFrom) : null;
            if (split != null) {
                await(split.watch(platformBus, simulatorBus), START_WITHIN, "the latency split to listen");
            }
            City simulator = await(City.start(simulatorVertx, simulatorBus, Role.SIMULATOR, latencyCityPinging, config,
                    settings(broker, "simulator"), "bench-"), START_WITHIN, "the bench's simulator to start");
            Interrupts.onStop(simulator::stopEarly);
            // at full speed the world may run far ahead of the platform; at a set speed twice its time is plenty
            Duration runFor = (speed > 0 ? Duration.ofSeconds(Math.round(config.duration().toSeconds() / speed))
                    .multipliedBy(2) : config.duration().dividedBy(2)).plus(START_WITHIN);
            String what = "the simulator's " + DurationText.format(window) + (speed > 0 ? " at " + speed + "x"
                    : " at full speed");
            await(simulator.finished(), runFor, what);
            // the last time the world said it settled at (after a step with commands, or at its end)
            Instant said = simulator.bridge().orElseThrow().lastSettledAnnounced();
            Instant last = said == null ? Instant.MIN : said;
            long deadline = started + runFor.toNanos();
            while (platformSettled.get().isBefore(last) && System.nanoTime() < deadline && !Interrupts.requested()) {
                Thread.sleep(10);
            }
            if (platformSettled.get().isBefore(last)) {
                throw new IllegalStateException("the bench's platform had not read the world's last step (" + last
                        + ") on every zone within " + DurationText.format(runFor) + " of " + what + "; it stood at "
                        + platformSettled.get());
            }
            double wallSeconds = seconds(started);
            platform.stopEarly();
            await(platform.finished(), START_WITHIN, "the platform to stop after the simulator");
            if (split != null) {
                out.print(split.text());
            }
            return new Apart(platform.matchLatency(), rider, wallSeconds);
        } finally {
            Interrupts.onStop(() -> { });
            SimulationRun.close(simulatorVertx, null);
            SimulationRun.close(platformVertx, broker);
            deleteQuietly(dir);
        }
    }

    /** Where the half-load runs' own summaries go: the bench prints the figures it takes from them. */
    private static PrintStream quiet() {
        return new PrintStream(java.io.OutputStream.nullOutputStream());
    }

    private SimulateConfig config(Duration duration, double speed) {
        return new SimulateConfig(city.name(), duration, plan.start(), speed, seed, 0, null);
    }

    private static KafkaConfig noKafka() {
        return new KafkaConfig(false, null, null, PARTITIONS, (short) 1);
    }

    private static KafkaSettings settings(EmbeddedKafka broker, String kind) {
        return new KafkaSettings(broker.bootstrapServers(), "/ridematch/" + kind + "/bench",
                "ridematch-" + kind + "-bench", PARTITIONS, (short) 1);
    }

    private String window(Duration duration) {
        return city.name() + " from " + plan.start() + " for " + DurationText.format(duration);
    }

    /**
     * Announces part {@code n} and says whether it runs: one left out of the plan does not, and after a stop
     * (Ctrl-C, SIGTERM) no further part does.
     */
    private boolean begins(int n, String what) {
        if (!plan.parts().contains(n)) {
            out.printf(Locale.ROOT, "%nbench %d/%d (%s): not run (--parts)%n", n, PARTS, plan.mode());
            return false;
        }
        if (stopped == null && Interrupts.requested()) {
            stopped = "before part " + n + " of " + PARTS;
            out.printf(Locale.ROOT, "%nbench stopped %s: the table has the parts before it%n", stopped);
        }
        if (stopped != null) {
            return false;
        }
        out.printf(Locale.ROOT, "%nbench %d/%d (%s): %s%n", n, PARTS, plan.mode(), what);
        return true;
    }

    /** Whether part {@code n} ran its whole window: one a stop cut short measured too little to be reported. */
    private boolean completed(int n) {
        if (Interrupts.requested()) {
            stopped = "during part " + n + " of " + PARTS;
            out.printf(Locale.ROOT, "%nbench stopped %s: that part was cut short and is left out; the table has the "
                    + "parts before it%n", stopped);
            return false;
        }
        return true;
    }

    /** One ride's events and a driver's location report: the records the platform moves. */
    static List<DomainEvent> sampleEvents() {
        LatLng pickup = new LatLng(40.7580, -73.9855);
        LatLng dropoff = new LatLng(40.7359, -73.9911);
        LatLng driver = new LatLng(40.7527, -73.9772);
        Instant t = Instant.parse("2026-03-02T13:00:00Z");
        Money fare = Money.of("14.20", "USD");
        return List.of(
                new RideEvent.RideRequested("ride-0000001", "rider-000001", pickup, dropoff, t),
                new RideEvent.DriverAssigned("ride-0000001", "driver-00001", driver, 120, t.plusSeconds(1)),
                new DriverLocationUpdated("driver-00001", pickup, t.plusSeconds(121)),
                new RideEvent.RideStarted("ride-0000001", "driver-00001", t.plusSeconds(121)),
                new RideEvent.RideCompleted("ride-0000001", "driver-00001", 2600, 600, fare, 1.0, t.plusSeconds(721)),
                new RideEvent.PaymentProcessed("ride-0000001", "pay-0000001", fare, t.plusSeconds(721)),
                new RideEvent.RideCancelled("ride-0000002", CancelReason.RIDER_TIMEOUT, t.plusSeconds(300)));
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** Runs of part 5 a quarter slower each, after its half-speed run fell behind (full plan). */
    private static final int MOST_SLOWER_RUNS = 2;

    /** Half the speed a city reached at full speed, in whole simulated seconds per wall second. */
    public static double halfOf(double maxSpeed) {
        return Math.max(1, Math.round(maxSpeed / 2));
    }

    private static double ratio(double measured, double reference) {
        return reference == 0 ? 0 : Math.round(measured / reference * 10_000) / 10_000.0;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static void deleteQuietly(Path dir) {
        try {
            EmbeddedKafka.deleteLog(dir);
        } catch (IOException e) {
            // a temp folder left behind is no reason to fail the bench
        }
    }
}
