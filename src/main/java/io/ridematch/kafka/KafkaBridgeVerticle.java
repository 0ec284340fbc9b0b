package io.ridematch.kafka;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.ridematch.bus.Addresses;
import io.ridematch.bus.CommandAccepted;
import io.ridematch.bus.DispatchRound;
import io.ridematch.bus.DomainBus;
import io.ridematch.bus.DriverReport;
import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.DriverEvent.DriverWentOffline;
import io.ridematch.contract.DriverEvent.DriverWentOnline;
import io.ridematch.contract.DriverOffer;
import io.ridematch.contract.DriverOffer.RideOffered;
import io.ridematch.contract.RideCommand;
import io.ridematch.contract.RideCommand.CancelRide;
import io.ridematch.contract.RideCommand.RequestRide;
import io.ridematch.contract.RideEvent;
import io.ridematch.contract.RideEvent.PaymentFailed;
import io.ridematch.contract.RideEvent.PaymentProcessed;
import io.ridematch.contract.RideEvent.RideCancelled;
import io.ridematch.contract.RideEvent.RideCompleted;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.Role;
import io.ridematch.contract.geo.BoundingBox;
import io.ridematch.contract.geo.Zones;
import io.ridematch.contract.time.ClockTick;
import io.ridematch.contract.time.SimClock;
import io.ridematch.contract.time.WorldSettled;
import io.ridematch.contract.time.WorldTime;
import io.ridematch.json.EventTypes;
import io.ridematch.kafka.CloudEvents.Outgoing;
import io.ridematch.kafka.CloudEvents.Undecodable;
import io.ridematch.kafka.ClusterView.PartitionLag;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import io.vertx.kafka.client.producer.KafkaHeader;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The one bridge between the event bus and Kafka. Outgoing: the events (and, in a simulator process, the rider
 * commands) this process publishes become CloudEvents records. Incoming: records from other processes are
 * decoded and delivered on the local bus; an offset is committed only once its record was fully handled, in
 * order; a record that cannot be decoded goes to the dead-letter topic and consumption goes on. What crosses
 * depends on the process's {@link Role}; directions never overlap, so nothing echoes back: everything in one process
 * goes out to the log and nothing comes back; a platform sends ride events and ride offers and takes rider commands,
 * driver events, offer answers and world time; a simulator sends driver events, rider commands, offer answers and
 * clock ticks and takes ride events and ride offers. A record of a kind its topic does not carry is dead-lettered.
 * A platform that owns zones reads their answers to offers with a consumer of their own ({@link AnswerLane}).
 */
public final class KafkaBridgeVerticle extends VerticleBase {

    private static final long COMMIT_EVERY_MILLIS = 1_000;
    /**
     * The most records handed to Kafka and not answered, and read from it and not handled, before this process
     * waits ({@link Backlog}): about 17 MB of records, a quarter of a second or so of the broker's pace here.
     */
    static final long MOST_UNANSWERED = 50_000;
    static final long MOST_UNHANDLED = 10_000;
    /** How far ahead of this process's clock a record may be dated: a simulator runs the same day as its platform. */
    public static final Duration FUTURE_LIMIT = Duration.ofDays(1);

    private final DomainBus bus;
    /** Records read in one turn, handed to the services as one message per address ({@link DomainBus#turns}). */
    private DomainBus.Turns turns;
    private final KafkaSettings settings;
    private final Role role;
    private final SimClock clock;
    private final Predicate<DomainEvent> accept;
    private final OffsetTracker<TopicPartition> offsets = new OffsetTracker<>();
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong producedBytes = new AtomicLong();
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final Promise<Void> assigned = Promise.promise();
    private final Promise<Void> logWritable = Promise.promise();
    /** Sequence numbers of records handed to Kafka and not answered yet, lowest first. */
    private final Unanswered unansweredSends = new Unanswered();
    /** Offsets ready to commit, each once every record produced before it was ready is acknowledged. */
    private final Deque<PendingCommit> pendingCommits = new ArrayDeque<>();
    private final Queue<Promise<Void>> drainWaiters = new ConcurrentLinkedQueue<>();
    /** Records someone waits on (a command forwarded to its zone's owner, a dead letter), by sequence number. */
    private final Map<Long, Promise<Void>> awaited = new ConcurrentHashMap<>();
    private final Backlog backlog = new Backlog(MOST_UNANSWERED, MOST_UNHANDLED, this::unanswered,
            () -> context.runOnContext(v -> pauseConsumer()), () -> context.runOnContext(v -> resumeConsumer()));
    /** Set once this process must read nothing more: the backlog emptying does not resume its consumer then. */
    private volatile boolean consumingStopped;
    /** Set once this verticle stops: the consumer's close then revokes its partitions, and nobody else takes them. */
    private volatile boolean leaving;
    /**
     * Set as the consumer's close is asked for, after the last commit. From then on nothing may ask the consumer
     * anything: Vert.x runs a task given to a closed read stream on a new thread of its own, beside the close
     * (Kafka's "KafkaConsumer is not safe for multi-threaded access", then "This consumer has already been
     * closed"), and leaves that thread behind. A lag round under way, a commit after the close revoked the zones,
     * or a rebuild finishing would do it; each asks {@link #ask} instead.
     */
    private boolean consumerClosing;
    private final long startedAtMillis = System.currentTimeMillis();
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    private final SplittableRandom faultDraws = new SplittableRandom(1);
    /** With record faults: each partition's last delivery, which the next one of that partition waits for. */
    private final Map<TopicPartition, Future<?>> partitionTails = new HashMap<>();
    private final Map<TopicPartition, Long> partitionDue = new HashMap<>();
    private final List<Long> periodic = new ArrayList<>();
    private final AtomicLong assignedPartitions = new AtomicLong();
    private volatile ClusterView view;
    private Admin admin;
    private final List<KafkaClientMetrics> clientMetrics = new ArrayList<>();
    private MeterRegistry registry;
    private KafkaProducer<String, byte[]> producer;
    private TurnWriter writer;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaConsumer<String, byte[]> clockConsumer;
    /** A platform that owns zones: its zones' answers, read apart from the group consumer; null otherwise. */
    private AnswerLane answers;

    /** The city's area, which zones cut; null for a bridge that routes nothing by zone (records spread by key). */
    private final BoundingBox area;
    private Zones zones;
    /** The zone of each ride's pickup, for its later records (events on a platform, a cancel on a simulator). */
    private final Map<String, Integer> rideZones = new ConcurrentHashMap<>();
    /** Simulator: the zone each driver's last report put it in, whose owner hears its next one. */
    private final Map<String, Integer> driverZones = new HashMap<>();
    /** Simulator: the zone of each ride offered to one of its drivers, whose owner hears the answer. */
    private final Map<String, Integer> offerZones = new HashMap<>();
    /** Platform: the zones it acts on; records of zones assigned but not rebuilt yet wait in {@link #waiting}. */
    private final Set<Integer> ready = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** A platform's latest {@link WorldSettled} per zone partition, and the time the world settled on all it owns. */
    private final Map<Integer, Instant> settledInZone = new HashMap<>();
    private Instant settledEverywhere;
    /** Simulator: a rider's command went to {@code ride-commands} since its last {@link WorldSettled}. */
    private boolean commandsSinceSettled;
    /** Simulator: the time of the last {@link WorldSettled} it wrote; null before the first. */
    private volatile Instant lastSettledAnnounced;
    /** Simulator: when each request still unanswered went to Kafka ({@link System#nanoTime()}), by ride id. */
    private final Map<String, Long> requestsSent = new HashMap<>();
    /** Simulator: wall milliseconds from a request's sending to the platform's {@link RideRequested} read back. */
    private final Histogram takeUpMillis = new Histogram(3);
    private final Map<Integer, List<KafkaConsumerRecord<String, byte[]>>> waiting = new HashMap<>();
    private final Set<Integer> rebuildingZones = new java.util.HashSet<>();
    private Runnable zonesLost = () -> { };
    private Function<Set<Integer>, Future<?>> zonesGained = owned -> Future.succeededFuture();
    private long assignments;
    /** The header that marks a driver report one platform process handed to the owner of the zone it went to. */
    static final String HANDOVER_HEADER = "ridematch_handover";

    /**
     * @param clock  this process's simulation time: a record dated more than {@link #FUTURE_LIMIT} after it is refused
     * @param accept which incoming events this process wants (a simulator only its own rides); others are skipped
     */
    public KafkaBridgeVerticle(DomainBus bus, KafkaSettings settings, Role role, SimClock clock,
                               Predicate<DomainEvent> accept) {
        this(bus, settings, role, clock, accept, null);
    }

    /**
     * @param area the city's area: a platform or simulator process then routes records by zone ({@link Zones}),
     *             one zone per partition, so each platform process of a group owns the zones of its partitions
     */
    public KafkaBridgeVerticle(DomainBus bus, KafkaSettings settings, Role role, SimClock clock,
                               Predicate<DomainEvent> accept, BoundingBox area) {
        this.area = role == Role.SIMULATE ? null : area;
        this.bus = bus;
        this.settings = settings;
        this.role = role;
        this.clock = clock;
        this.accept = accept;
    }

    private record PendingCommit(long producedBefore, Map<TopicPartition, Long> offsets) {
    }

    /**
     * Fails when Kafka did not take a record (the broker gone longer than the producer's delivery timeout): the
     * log then lacks something this process did, so it must stop acting; it never completes otherwise.
     */
    public Future<Void> logFailure() {
        return logWritable.future();
    }

    /** Completes once the consumer has its partitions (at once when this role consumes nothing). */
    public Future<Void> assigned() {
        return assigned.future();
    }

    public long produced() {
        return produced.get();
    }

    /**
     * Simulator: the time of the last {@link WorldSettled} it wrote (after the last step that wrote commands, and at
     * the world's end), which a platform that read everything of this world has reached on every zone; null when it
     * wrote none.
     */
    public Instant lastSettledAnnounced() {
        return lastSettledAnnounced;
    }

    /** Simulator: the platform took up one of its rider's requests (its {@code RideRequested} came back). */
    private void tookUp(String rideId) {
        Long sent = requestsSent.remove(rideId);
        if (sent != null) {
            takeUpMillis.recordValue(Math.max(0, (System.nanoTime() - sent) / 1_000_000));
        }
    }

    /**
     * Simulator: wall milliseconds from a request's sending to the platform's answer read back, at the
     * {@code percentile} (0 to 100) of those answered; null when none was. Across processes this is the time a rider
     * waits before the platform knows of the ride, which the simulation's speed turns into simulated time.
     */
    public Future<Long> requestTakeUpMillis(double percentile) {
        Promise<Long> answer = Promise.promise();
        context.runOnContext(v -> answer.complete(takeUpMillis.getTotalCount() == 0 ? null
                : takeUpMillis.getValueAtPercentile(percentile)));
        return answer.future();
    }

    /** Records Kafka acknowledged (acks=all: every in-sync replica has them). */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Bytes of the contract's records handed to Kafka (not dead letters): keys, values and headers, uncompressed. */
    public long producedBytes() {
        return producedBytes.get();
    }

    /**
     * Completes once Kafka answered (acknowledged or failed) every record handed to it so far. The last answer
     * wakes the waiters, and a waiter checks once more after it queued itself, so no answer is missed whichever
     * thread comes first: a timer started from outside the event loop is not needed, and could fire before it
     * was stored (what hung the end of a run).
     */
    public Future<Void> drained() {
        Promise<Void> drained = Promise.promise();
        drainWaiters.add(drained);
        wakeDrained();
        return drained.future();
    }

    /** Records handed to Kafka and not answered yet. */
    public long unanswered() {
        return produced.get() - acknowledged.get() - sendFailures.get();
    }

    /**
     * Completes at once unless this process is too far ahead of Kafka (records not acknowledged yet) or of its own
     * services (records read and not handled yet); then once it is down to half. A clock that runs at its own pace
     * waits on it before each step, so a run at full speed goes at the pace of its log.
     */
    public Future<Void> room() {
        return backlog.room();
    }

    /** What this process waits for now ({@link #room()}), in words for its progress line; null when it does not. */
    public String heldBack() {
        if (!backlog.full()) {
            return null;
        }
        long reads = backlog.unhandled();
        return reads > MOST_UNHANDLED / 2
                ? String.format(Locale.ROOT, "waiting for its services: %,d records read from Kafka not handled", reads)
                : String.format(Locale.ROOT, "waiting for Kafka: %,d records not acknowledged", unanswered());
    }

    /** Times this process waited for Kafka or for its own services to catch up ({@link #room()}). */
    public long backlogFills() {
        return backlog.fills();
    }

    private void wakeDrained() {
        if (unanswered() <= 0) {
            Promise<Void> waiter;
            while ((waiter = drainWaiters.poll()) != null) {
                waiter.tryComplete();
            }
        }
    }

    public long consumed() {
        return consumed.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    /** Records Kafka did not take (the broker gone, say); the first failure is printed. */
    public long sendFailures() {
        return sendFailures.get();
    }

    /** Publishes the bridge's counters, the consumer lag and the Kafka clients' own metrics as meters. */
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("ridematch_kafka_partitions_assigned", assignedPartitions, AtomicLong::get)
                .description("Input partitions Kafka's group assignment gave this process (0 where it consumes none)")
                .tag("member", settings.member()).register(registry);
        Gauge.builder("ridematch_kafka_consumer_lag_records", lag, AtomicLong::get)
                .description("Records on this process's partitions not read yet (0 where it consumes nothing)")
                .register(registry);
        FunctionCounter.builder("ridematch_kafka_records_produced", produced, AtomicLong::get)
                .description("Records handed to the Kafka producer").register(registry);
        FunctionCounter.builder("ridematch_kafka_send_failures", sendFailures, AtomicLong::get)
                .description("Records Kafka did not take").register(registry);
        FunctionCounter.builder("ridematch_kafka_records_consumed", consumed, AtomicLong::get)
                .description("Records read from Kafka").register(registry);
        FunctionCounter.builder("ridematch_kafka_dead_letters", deadLettered, AtomicLong::get)
                .description("Undecodable records sent to ride-events.dlq").register(registry);
    }

    @Override
    public Future<?> start() {
        turns = bus.turns();
        producer = KafkaProducer.create(vertx, settings.producerConfig(), String.class, byte[].class);
        // sends go through TurnWriter, which reports their failures, but the stream's handler is still reached on the
        // way out: without this quiet one, a platform stopped by SIGTERM printed a stack trace (StopSignalIT)
        producer.exceptionHandler(failure -> { });
        bindClientMetrics(producer.unwrap());
        writer = new TurnWriter(context, producer.unwrap(), new TurnWriter.Answers() {
            @Override
            public void answered(long sequence, String topic, Exception failure) {
                KafkaBridgeVerticle.this.answered(sequence, topic, failure);
            }

            @Override
            public void afterAnswers() {
                backlog.check();
                if (!drainWaiters.isEmpty()) {
                    wakeDrained();
                }
            }
        });
        return knowZones().compose(known -> switch (role) {
            case SIMULATE -> Future.join(
                    bus.<DomainEvent>subscribe(Addresses.RIDE_EVENTS, this::produce),
                    bus.<DomainEvent>subscribe(Addresses.DRIVER_EVENTS, this::produce))
                    .onSuccess(v -> assigned.tryComplete());
            case PLATFORM -> Future.join(List.of(
                    bus.respond(Addresses.QUERY_CLUSTER, this::view),
                    bus.<DomainEvent>subscribe(Addresses.RIDE_EVENTS, this::produce),
                    bus.<DriverOffer>subscribe(Addresses.RIDE_OFFERS, this::produce),
                    bus.<DriverReport>subscribe(Addresses.DRIVER_HANDOVERS, this::handOver),
                    consume(Set.of(Topics.RIDE_COMMANDS, Topics.DRIVER_EVENTS, Topics.OFFER_ANSWERS), "earliest"),
                    followClock()));
            case SIMULATOR -> Future.join(
                    bus.<DomainEvent>subscribe(Addresses.DRIVER_EVENTS, this::produce),
                    bus.<DriverOffer>subscribe(Addresses.OFFER_ANSWERS, this::produce),
                    bus.<ClockTick>subscribe(Addresses.CLOCK_TICK,
                            tick -> send(CloudEvents.encode(tick, settings.source()), null)),
                    bus.<DispatchRound>subscribe(Addresses.CLOCK_DISPATCH, this::announceSettled),
                    bus.<DispatchRound>subscribe(Addresses.WORLD_ENDED, this::announceEnd),
                    bus.respond(Addresses.RIDE_COMMANDS, this::forward),
                    consume(Set.of(Topics.RIDE_EVENTS, Topics.RIDE_OFFERS), "latest"));
        });
    }

    /** The topics a zone's records go on: each must have one partition per zone. */
    private static final List<String> ZONED = List.of(Topics.RIDE_EVENTS, Topics.DRIVER_EVENTS, Topics.RIDE_COMMANDS,
            Topics.OFFER_ANSWERS);

    /** Cuts the city into as many zones as the zoned topics have partitions; they must all have as many. */
    private Future<Void> knowZones() {
        if (area == null) {
            return Future.succeededFuture();
        }
        List<Future<Integer>> counts = ZONED.stream().map(topic -> producer.partitionsFor(topic).map(List::size))
                .toList();
        return Future.all(counts).compose(all -> {
            Set<Integer> distinct = new java.util.TreeSet<>(counts.stream().map(Future::result).toList());
            if (distinct.size() != 1) {
                return Future.failedFuture(new LogUnwritable("the topics " + ZONED + " have " + counts.stream()
                        .map(f -> String.valueOf(f.result())).toList() + " partitions; a zone is one partition of "
                        + "each, so they need as many (recreate them with one --partitions)"));
            }
            zones = new Zones(area, distinct.iterator().next());
            return Future.succeededFuture();
        });
    }

    /** The city's zones, once the bridge started; null where it routes nothing by zone. */
    public Zones zones() {
        return zones;
    }

    /**
     * What a platform process does when Kafka moves zones: {@code lost} at once when it loses them (it stops
     * acting on every zone: Kafka's range assignment revokes all before it assigns), {@code gained} with the
     * zones it owns now, which rebuilds their state from the log; their records wait until it completes.
     */
    public void onZones(Runnable lost, Function<Set<Integer>, Future<?>> gained) {
        this.zonesLost = lost;
        this.zonesGained = gained;
    }

    /** A platform remembers the zone of a ride it rebuilt from the log, for the ride's next events. */
    public void rideRequested(RideRequested ride) {
        if (zones != null) {
            rideZones.put(ride.rideId(), zones.of(ride.pickup()));
        }
    }

    /**
     * The partition a record goes to: a ride's records to the zone of its pickup, a driver's to the zone its last
     * report put it in (the owner who holds it, who hands it on when it left), an answer to the offered ride's
     * zone; null (Kafka spreads by key) for the rest, and for everything where the bridge routes nothing by zone.
     */
    private Integer zoneOf(Object record) {
        if (zones == null) {
            return null;
        }
        return switch (record) {
            case RideRequested e -> rideZones.computeIfAbsent(e.rideId(), id -> zones.of(e.pickup()));
            case RideEvent e -> {
                Integer zone = rideZones.get(e.rideId());
                if (e instanceof PaymentProcessed || e instanceof PaymentFailed || e instanceof RideCancelled) {
                    rideZones.remove(e.rideId());
                }
                yield zone;
            }
            case RequestRide c -> rideZones.computeIfAbsent(c.rideId(), id -> zones.of(c.pickup()));
            case CancelRide c -> rideZones.get(c.rideId());
            case DriverOffer.Answer a -> offerZones.remove(a.rideId());
            case DriverEvent e -> {
                Integer last = driverZones.get(e.driverId());
                int to = last == null || e instanceof DriverWentOnline ? zones.of(e.position()) : last;
                if (e instanceof DriverWentOffline) {
                    driverZones.remove(e.driverId());
                } else {
                    driverZones.put(e.driverId(), zones.of(e.position()));
                }
                yield to;
            }
            default -> null;
        };
    }

    /**
     * In a simulator, its world did all that was due at the round's time: a {@link WorldSettled} goes to every zone's
     * partition of {@code ride-commands}, behind the step's commands there, so a platform that reads it on all its
     * zones has read every request of the step and matches them in this round, not the world's next one. Only after
     * a step that wrote commands: after one that wrote none the platform has nothing of the step to wait for, and
     * matches when the world's next tick comes (a record per zone every simulated second made 21,600 of a quiet
     * town's 25,900 records an hour and slowed the platform that had to read them). The world's last step gets one
     * whatever it wrote ({@link #announceEnd}).
     */
    private void announceSettled(DispatchRound round) {
        if (commandsSinceSettled) {
            writeSettled(round.now());
        }
    }

    /**
     * In a simulator, its world stopped after the round at {@code last}: a {@link WorldSettled} goes out for it even
     * if its step wrote no commands, or a platform following this world would wait at that step for a next tick that
     * never comes.
     */
    private void announceEnd(DispatchRound last) {
        if (lastSettledAnnounced == null || lastSettledAnnounced.isBefore(last.now())) {
            writeSettled(last.now());
        }
    }

    private void writeSettled(Instant now) {
        commandsSinceSettled = false;
        lastSettledAnnounced = now;
        Outgoing out = CloudEvents.encode(new WorldSettled(now), settings.source());
        if (zones == null) {
            send(out, null);
            return;
        }
        for (int zone = 0; zone < zones.count(); zone++) {
            send(out, zone);
        }
    }

    /**
     * In a platform, the world settled at a time on one zone's partition: once it has on every zone this platform
     * acts on, its clock hears of it ({@link Addresses#WORLD_SETTLED}) and matches.
     */
    private Future<?> zoneSettled(int partition, WorldSettled settled) {
        settledInZone.merge(partition, settled.now(), (was, now) -> now.isAfter(was) ? now : was);
        Instant everywhere = settled.now();
        if (zones != null) {
            for (int zone : ready) {
                Instant there = settledInZone.get(zone);
                if (there == null) {
                    return Future.succeededFuture();
                }
                everywhere = there.isBefore(everywhere) ? there : everywhere;
            }
        }
        if (settledEverywhere != null && !everywhere.isAfter(settledEverywhere)) {
            return Future.succeededFuture();
        }
        settledEverywhere = everywhere;
        return turns.publishAndTrack(Addresses.WORLD_SETTLED, new WorldSettled(everywhere));
    }

    /** A driver who left this platform's zones goes, as its last report, to the log of the zone it is in now. */
    private void handOver(DriverReport report) {
        Outgoing out = CloudEvents.encode(report.event(), settings.source());
        write(record(out, zones == null ? null : zones.of(report.event().position()), true));
    }

    private void bindClientMetrics(Object client) {
        if (registry != null) {
            KafkaClientMetrics metrics = client instanceof org.apache.kafka.clients.producer.Producer<?, ?> p
                    ? new KafkaClientMetrics(p) : new KafkaClientMetrics((org.apache.kafka.clients.consumer.Consumer<?, ?>) client);
            metrics.bindTo(registry);
            clientMetrics.add(metrics);
        }
    }

    /**
     * Lag: per assigned partition, its end offset less the position this consumer reached; and, for
     * {@code /api/cluster}, the group's members as its coordinator describes them.
     */
    private void measureLag() {
        if (leaving) {
            return; // the consumer is closing: a question now reaches it from a second thread, or not at all
        }
        if (role == Role.PLATFORM && zones != null && ready.isEmpty()) {
            return; // zones moving: the assignment may change under the question; the next round asks
        }
        ask(KafkaConsumer::assignment)
                .compose(partitions -> partitions.isEmpty() ? Future.succeededFuture(List.<PartitionLag>of())
                        : ask(c -> c.endOffsets(partitions)).compose(ends -> {
                            List<Future<PartitionLag>> behind = new ArrayList<>();
                            ends.forEach((tp, end) -> behind.add(positionOf(tp).map(pos ->
                                    new PartitionLag(tp.getTopic(), tp.getPartition(), Math.max(0, end - pos)))));
                            return Future.all(behind).map(all -> behind.stream().map(Future::result)
                                    .sorted(Comparator.comparing(PartitionLag::topic)
                                            .thenComparingInt(PartitionLag::partition)).toList());
                        }))
                // only a platform answers /api/cluster: other roles do not ask the coordinator every round
                .compose(partitions -> (role == Role.PLATFORM ? vertx.executeBlocking(this::members)
                        : Future.succeededFuture(List.<ClusterView.Member>of())).map(members -> {
                    lag.set(partitions.stream().mapToLong(PartitionLag::lag).sum());
                    assignedPartitions.set(partitions.size());
                    view = new ClusterView(role.name().toLowerCase(), settings.groupId(), settings.member(),
                            settings.bootstrapServers(), partitions, lag.get(), members, zones == null ? List.of() : ready.stream().sorted()
                                    .map(z -> new ClusterView.Zone(z, zones.describe(z))).toList(), Instant.now());
                    return members;
                }))
                .onFailure(e -> { /* the next round will try again */ });
    }

    /** Where this process is in {@code partition}: the answers' lane's place in the partitions it reads. */
    private Future<Long> positionOf(TopicPartition partition) {
        return (answers == null ? Optional.<Future<Long>>empty() : answers.position(partition))
                .orElseGet(() -> ask(c -> c.position(partition)));
    }

    /**
     * A task for the consumer's thread, or a failed future once its close is under way ({@link #consumerClosing}).
     * Called on the event loop, as the close is, so the two cannot cross.
     */
    private <T> Future<T> ask(java.util.function.Function<KafkaConsumer<String, byte[]>, Future<T>> task) {
        return consumerClosing ? Future.failedFuture("the Kafka consumer is closing") : task.apply(consumer);
    }

    /** The group's members and their partitions; empty when the coordinator does not answer in time. */
    private List<ClusterView.Member> members() {
        if (admin == null) {
            admin = TopicSetup.admin(settings.connection());
        }
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(settings.groupId()))
                    .describedGroups().get(settings.groupId()).get(3, TimeUnit.SECONDS);
            return group.members().stream().map(m -> new ClusterView.Member(m.groupInstanceId().orElse(null),
                    m.clientId(), m.host(), m.assignment().topicPartitions().stream()
                            .map(tp -> tp.topic() + "-" + tp.partition()).sorted().toList()))
                    .sorted(Comparator.comparing(ClusterView.Member::clientId)).toList();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** This process in its group, as of the last lag round ({@code GET /api/cluster}). */
    private ClusterView view(String key) {
        if (view == null) {
            throw new DomainBus.Refusal(DomainBus.Refusal.Kind.NOT_YET, "this platform is still joining its "
                    + "consumer group; ask again in a few seconds");
        }
        return view;
    }

    @Override
    public Future<?> stop() {
        leaving = true;
        // no poll after this: the read streams schedule their next poll only while they have demand, and one asked
        // for as the consumer closes meets its thread shut down (a RejectedExecutionException's stack trace, seen at
        // the end of a simulator in CI)
        if (consumer != null) {
            consumer.pause();
        }
        if (answers != null) {
            answers.pause();
        }
        if (clockConsumer != null) {
            clockConsumer.pause();
        }
        // no commit or lag query may reach the consumer while it closes (Kafka's consumer takes one thread at a time)
        periodic.forEach(vertx::cancelTimer);
        clientMetrics.forEach(KafkaClientMetrics::close);
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        // what was produced is flushed first, so the last offsets can be committed after their effects are in
        return writer.flush().transform(flushed -> consumer == null ? Future.succeededFuture()
                        : commitProcessed().transform(ar -> {
                            consumerClosing = true;
                            return consumer.close();
                        }))
                .transform(ar -> answers == null ? Future.succeededFuture() : answers.close())
                .transform(ar -> clockConsumer == null ? Future.succeededFuture() : clockConsumer.close())
                .transform(ar -> producer.close());
    }

    private void produce(DomainEvent event) {
        send(CloudEvents.encode(event, settings.source()), zoneOf(event));
    }

    private void produce(DriverOffer message) {
        send(CloudEvents.encode(message, settings.source()), zoneOf(message));
    }

    /** In a simulator process, a rider's command goes to the platform through Kafka. */
    private CommandAccepted forward(RideCommand command) {
        commandsSinceSettled = true;
        if (command instanceof RequestRide request) {
            requestsSent.put(request.rideId(), System.nanoTime());
        }
        send(CloudEvents.encode(command, settings.source()), zoneOf(command));
        return new CommandAccepted(List.of());
    }

    /**
     * Writes a command this platform process does not decide (its ride is in {@code zone}, another's) to that
     * zone's partition of {@code ride-commands}, for its owner; completes once Kafka acknowledged it.
     */
    public Future<CommandAccepted> forwardToOwner(RideCommand command, int zone) {
        return sendAwaited(CloudEvents.encode(command, settings.source()), zone)
                .map(ok -> CommandAccepted.forwarded(zone));
    }

    private void send(Outgoing out, Integer partition) {
        write(record(out, partition, false));
    }

    private Future<Void> sendAwaited(Outgoing out, Integer partition) {
        return writeAwaited(record(out, partition, false));
    }

    /** @param partition where the record goes, or null for Kafka to choose by its key */
    private ProducerRecord<String, byte[]> record(Outgoing out, Integer partition, boolean handover) {
        Header[] headers = out.kafkaHeaders();
        if (handover) {
            headers = Arrays.copyOf(headers, headers.length + 1);
            headers[headers.length - 1] = new RecordHeader(HANDOVER_HEADER, "true".getBytes(StandardCharsets.UTF_8));
        }
        producedBytes.addAndGet(out.bytes());
        return new ProducerRecord<>(out.topic(), partition, out.key(), out.value(), new RecordHeaders(headers));
    }

    /**
     * Hands one record to Kafka, numbered: no input offset is committed past a record not acknowledged yet, and
     * the first one Kafka does not take stops this process. {@link #answered} hears of it by its number.
     */
    private void write(ProducerRecord<String, byte[]> record) {
        write(record, null);
    }

    /** As {@link #write(ProducerRecord)}; completes once Kafka answered the record. */
    private Future<Void> writeAwaited(ProducerRecord<String, byte[]> record) {
        Promise<Void> answer = Promise.promise();
        write(record, answer);
        return answer.future();
    }

    private void write(ProducerRecord<String, byte[]> record, Promise<Void> answer) {
        long sequence = produced.incrementAndGet();
        if (answer != null) {
            awaited.put(sequence, answer); // before Kafka can answer, whichever thread writes
        }
        backlog.check();
        writer.send(record, sequence);
    }

    /** Kafka's answer for record {@code sequence}, on the event loop; {@code failure} null when acknowledged. */
    private void answered(long sequence, String topic, Exception failure) {
        if (failure == null) {
            unansweredSends.acknowledged(sequence);
            acknowledged.incrementAndGet();
        } else if (sendFailures.getAndIncrement() == 0) {
            // the sequence stays unanswered: no offset after it is ever committed, so a restart redoes its cause
            stopConsuming();
            logWritable.tryFail(new LogUnwritable("Kafka did not take a record for " + topic + " ("
                    + failure.getMessage() + "); this process stops rather than go on with what the log "
                    + "does not hold. Restart it once Kafka is back: a platform rebuilds its state from the log"));
        }
        Promise<Void> waiting = awaited.isEmpty() ? null : awaited.remove(sequence);
        if (waiting != null) {
            if (failure == null) {
                waiting.complete();
            } else {
                waiting.fail(failure);
            }
        }
    }

    private Future<Void> consume(Set<String> topics, String offsetReset) {
        Map<String, String> config = settings.consumerConfig(offsetReset);
        if (role == Role.PLATFORM) {
            // static membership: a platform restarted after a crash gets its partitions back at once, instead of
            // waiting out the dead member's session (45 s) as a new member would
            config.put("group.instance.id", settings.groupId() + "-" + settings.member());
            if (zones != null) {
                // partition i of every input topic to the same member: a zone's commands, drivers and answers
                config.put("partition.assignment.strategy", "org.apache.kafka.clients.consumer.RangeAssignor");
                // a member gone (killed) loses its zones to the others after 6 s, not Kafka's default 45 s
                config.putIfAbsent("session.timeout.ms", "6000");
                config.putIfAbsent("heartbeat.interval.ms", "1500");
            }
        }
        consumer = KafkaConsumer.create(vertx, config, String.class, byte[].class);
        if (role == Role.PLATFORM && zones != null) {
            answers = new AnswerLane(vertx, config, this::handleRecord, e -> report("answers consumer", e));
        }
        consumer.partitionsRevokedHandler(this::zonesRevoked);
        consumer.partitionsAssignedHandler(partitions -> {
            if (role == Role.PLATFORM && zones != null) {
                zonesAssigned(partitions);
            } else {
                assigned.tryComplete();
            }
            measureLag();
        });
        consumer.exceptionHandler(e -> {
            if (e instanceof FencedInstanceIdException) {
                // another process joined under this one's name: two would act on the same partitions
                stopConsuming();
                logWritable.tryFail(new LogUnwritable("another platform joined the group as --instance "
                        + settings.member() + ", so this one stops; give each platform process its own --instance"));
            } else if (e instanceof IllegalStateException && e.getMessage() != null
                    && e.getMessage().startsWith("You can only check the position")) {
                // a lag round asked about a partition Kafka had just moved away: the next round asks again
            } else {
                report("consumer", e);
            }
        });
        // a poll's records in one event-loop task, so that they reach the services in one turn (DomainBus.Turns);
        // Vert.x's per-record handler hands them on ten per task, with other tasks (a round) in between
        consumer.batchHandler(records -> {
            for (int i = 0; i < records.size(); i++) {
                handleRecord(records.recordAt(i));
            }
        });
        bindClientMetrics(consumer.unwrap());
        periodic.add(vertx.setPeriodic(COMMIT_EVERY_MILLIS, id -> commitProcessed()));
        periodic.add(vertx.setPeriodic(5_000, id -> measureLag()));
        return consumer.subscribe(topics);
    }

    /** One line on stderr for a Kafka client's failure: its message, or its kind when it has none. */
    private static void report(String client, Throwable e) {
        System.err.println("ridematch: Kafka " + client + ": " + (e.getMessage() != null ? e.getMessage()
                : e.getClass().getSimpleName()));
    }

    /**
     * Every platform process follows the world's time, not only the one the group would give the single
     * {@code sim-clock} partition: each reads it apart, assigned rather than subscribed, with no group and nothing
     * committed, from its end (a restart took up the last tick from the log already).
     */
    private Future<Void> followClock() {
        Map<String, String> config = settings.consumerConfig("latest");
        config.remove("group.id");
        config.put("client.id", config.get("client.id") + "-clock");
        clockConsumer = KafkaConsumer.create(vertx, config, String.class, byte[].class);
        clockConsumer.exceptionHandler(e -> System.err.println("ridematch: Kafka clock consumer: " + e.getMessage()));
        clockConsumer.handler(record -> {
            consumed.incrementAndGet();
            handleDecoded(record, new TopicPartition(record.topic(), record.partition()));
        });
        return clockConsumer.assign(new TopicPartition(Topics.SIM_CLOCK, 0));
    }

    /** This platform lost its zones: it stops acting on them at once, and commits what it finished. */
    private void zonesRevoked(Set<TopicPartition> partitions) {
        if (role != Role.PLATFORM || zones == null) {
            return;
        }
        ready.clear();
        rebuildingZones.clear();
        waiting.clear();
        answers.close();
        commitProcessed().onComplete(done -> partitions.forEach(offsets::forget));
        if (!leaving) {
            zonesLost.run(); // this process goes on without them (one leaving stops its services anyway)
        }
    }

    /**
     * Kafka gave this platform {@code partitions}: their zones' state is rebuilt from the log before any of their
     * records is acted on; those read meanwhile wait, in order. The first assignment completes {@link #assigned()}.
     */
    private void zonesAssigned(Set<TopicPartition> partitions) {
        Set<Integer> owned = new java.util.TreeSet<>();
        partitions.forEach(tp -> owned.add(tp.getPartition()));
        long generation = ++assignments;
        ready.clear();
        rebuildingZones.clear();
        rebuildingZones.addAll(owned);
        // nothing more of these zones is fetched until their state is rebuilt: a platform on a long log it never
        // committed in would otherwise hold all of it in memory, then hand it on in one go
        ask(c -> c.pause(partitions));
        zonesGained.apply(Set.copyOf(owned)).onComplete(rebuilt -> {
            if (generation != assignments) {
                return; // assigned again meanwhile: that assignment's rebuild is the one that counts
            }
            if (rebuilt.failed()) {
                stopConsuming();
                logWritable.tryFail(new LogUnwritable("the zones Kafka gave this platform could not be rebuilt "
                        + "from the log: " + rebuilt.cause().getMessage()));
                assigned.tryFail(rebuilt.cause());
                return;
            }
            ready.addAll(owned);
            List<KafkaConsumerRecord<String, byte[]>> held = new ArrayList<>();
            owned.forEach(zone -> held.addAll(waiting.getOrDefault(zone, List.of())));
            waiting.clear();
            held.forEach(this::handleRecord);
            Set<TopicPartition> answered = new HashSet<>();
            partitions.stream().filter(tp -> tp.getTopic().equals(Topics.OFFER_ANSWERS)).forEach(answered::add);
            Set<TopicPartition> resumed = new HashSet<>(partitions);
            resumed.removeAll(answered);
            ask(c -> c.resume(resumed));
            readAnswersApart(answered, generation);
            assigned.tryComplete();
        });
    }

    /**
     * The zones' answers, read by {@link AnswerLane} from where the group consumer, which keeps them paused, stands
     * in each (past the records it read before it paused them, which were handled with the rest it held).
     */
    private void readAnswersApart(Set<TopicPartition> partitions, long generation) {
        Map<TopicPartition, Long> from = new HashMap<>();
        List<Future<Long>> asked = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            asked.add(ask(c -> c.position(partition)).onSuccess(position -> from.put(partition, position)));
        }
        Future.all(asked).compose(found -> generation != assignments || leaving || consumingStopped
                        ? Future.succeededFuture() : answers.follow(from))
                .onFailure(e -> {
                    if (generation == assignments && !leaving) {
                        stopConsuming();
                        logWritable.tryFail(new LogUnwritable("this platform could not start reading the drivers' "
                                + "answers of its zones: " + e.getMessage()));
                    }
                });
    }

    /** The zones this platform acts on now (all of them where it routes nothing by zone). */
    public Set<Integer> zonesOwned() {
        return Set.copyOf(ready);
    }

    private void handleRecord(KafkaConsumerRecord<String, byte[]> record) {
        if (role == Role.PLATFORM && zones != null && !ready.contains(record.partition())) {
            if (consumerOwns(record.partition())) {
                waiting.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record);
            }
            return; // a zone this platform lost: its new owner reads the record again from the last commit
        }
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        long offset = record.offset();
        offsets.started(partition, offset);
        consumed.incrementAndGet();
        backlog.started();
        handleDecoded(record, partition).onComplete(done -> {
            offsets.finished(partition, offset);
            backlog.finished();
        });
    }

    /** Checks one record and hands it to the services, or to the dead-letter topic; completes once handled. */
    private Future<?> handleDecoded(KafkaConsumerRecord<String, byte[]> record, TopicPartition partition) {
        Future<?> handled;
        try {
            Object decoded = CloudEvents.decode(headers(record), record.value());
            if (!Topics.carries(record.topic(), decoded)) {
                throw new Undecodable(EventTypes.nameOf(decoded) + " does not belong on " + record.topic());
            }
            Instant dated = timeOf(decoded);
            if (dated.isAfter(clock.now().plus(FUTURE_LIMIT))) {
                throw new Undecodable(EventTypes.nameOf(decoded) + " is dated " + dated + ", more than "
                        + FUTURE_LIMIT.toHours() + " h after this process's time " + clock.now());
            }
            handled = settings.faults().any() ? withFaults(partition, () -> deliver(decoded, record))
                    : deliver(decoded, record);
        } catch (Undecodable e) {
            handled = deadLetter(record, e.getMessage());
        }
        return handled;
    }

    /** Whether the zone's state is being rebuilt for this platform (assigned, not ready yet). */
    private boolean consumerOwns(int zone) {
        return !ready.contains(zone) && assignments > 0 && rebuildingZones.contains(zone);
    }

    /** Hands a decoded record to the services; completes once they handled it. */
    private Future<?> deliver(Object decoded, KafkaConsumerRecord<String, byte[]> record) {
        if (zones != null) {
            switch (decoded) {
                case RideOffered offer when role == Role.SIMULATOR ->
                        offerZones.put(offer.rideId(), zones.of(offer.pickup()));
                case RideCompleted e when role == Role.SIMULATOR -> rideZones.remove(e.rideId());
                case RideCancelled e when role == Role.SIMULATOR -> rideZones.remove(e.rideId());
                case DriverEvent e when role == Role.PLATFORM -> {
                    boolean handedOver = record.headers().stream().anyMatch(h -> h.key().equals(HANDOVER_HEADER));
                    return Future.join(turns.publishAndTrack(e), turns.publishAndTrack(Addresses.DRIVER_REPORTS,
                            new DriverReport(e, record.partition(), handedOver)));
                }
                default -> {
                }
            }
        }
        return switch (decoded) {
            // a refused command is handled too: the ride service said no, and will say no again
            case RideCommand command -> bus.send(command).recover(refused -> Future.succeededFuture());
            // ticks written before this process started belong to another run of the world
            case ClockTick tick -> record.timestamp() < startedAtMillis ? Future.succeededFuture()
                    : bus.publishAndTrack(Addresses.WORLD_TIME, new WorldTime(tick.now()));
            case WorldSettled settled -> zoneSettled(record.partition(), settled);
            case DomainEvent event -> {
                if (!accept.test(event)) {
                    yield Future.succeededFuture();
                }
                if (event instanceof RideRequested requested) {
                    tookUp(requested.rideId());
                }
                yield turns.publishAndTrack(event);
            }
            case DriverOffer message -> turns.publishAndTrack(message);
            default -> throw new Undecodable("nothing handles " + EventTypes.nameOf(decoded));
        };
    }

    /**
     * Faults on purpose: the delivery held a random time, maybe made twice. Records of one partition keep their
     * order, as Kafka keeps it; those of different partitions overtake each other.
     */
    private Future<?> withFaults(TopicPartition partition, Supplier<Future<?>> delivery) {
        RecordFaults faults = settings.faults();
        boolean twice = faults.duplicates(faultDraws);
        long delay = faults.delayMillis(faultDraws);
        // each record is due its own delay after it was read, but never before the one ahead of it: delays do not
        // add up along a busy partition
        long due = Math.max(System.nanoTime() + delay * 1_000_000, partitionDue.getOrDefault(partition, 0L));
        partitionDue.put(partition, due);
        Promise<Void> held = Promise.promise();
        vertx.setTimer(Math.max(1, (due - System.nanoTime()) / 1_000_000), id -> held.complete());
        Future<?> before = partitionTails.getOrDefault(partition, Future.succeededFuture());
        Future<Void> handled = Future.join(held.future(), before.transform(done -> Future.succeededFuture()))
                .transform(ready -> {
                    Future<?> first = delivery.get();
                    Future<?> second = twice ? first.transform(done -> delivery.get()) : Future.succeededFuture();
                    if (twice) {
                        duplicated.incrementAndGet();
                    }
                    return Future.join(first, second).mapEmpty();
                });
        partitionTails.put(partition, handled);
        return handled;
    }

    /** Records handed to the services twice on purpose ({@link RecordFaults}). */
    public long duplicated() {
        return duplicated.get();
    }

    private static Instant timeOf(Object decoded) {
        return switch (decoded) {
            case DomainEvent event -> event.occurredAt();
            case RideCommand command -> command.at();
            case DriverOffer message -> message.at();
            case ClockTick tick -> tick.now();
            case WorldSettled settled -> settled.now();
            default -> throw new Undecodable("no time in " + EventTypes.nameOf(decoded));
        };
    }

    private Future<?> deadLetter(KafkaConsumerRecord<String, byte[]> record, String error) {
        deadLettered.incrementAndGet();
        List<Header> headers = new ArrayList<>();
        record.headers().forEach(h -> headers.add(new RecordHeader(h.key(), h.value().getBytes())));
        headers.add(new RecordHeader(CloudEvents.ERROR_HEADER, error.getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader("ridematch_origin", (record.topic() + "/" + record.partition() + "@"
                + record.offset()).getBytes(StandardCharsets.UTF_8)));
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(Topics.DEAD_LETTERS, null, record.key(),
                record.value(), headers);
        // like any record this process writes: the poison's offset is committed only once its letter is in the log
        return writeAwaited(letter);
    }

    /**
     * Commits the offsets of records fully handled, but only once Kafka acknowledged every record this process
     * produced until then: the events a record caused are in the log before the record counts as consumed, so a
     * crash at any moment redelivers the cause of anything the log lacks (and the ride service refuses what it
     * already did).
     */
    private Future<Void> commitProcessed() {
        Map<TopicPartition, Long> handled = offsets.drainCommittable();
        if (!handled.isEmpty()) {
            pendingCommits.add(new PendingCommit(produced.get(), handled));
        }
        long oldestUnanswered = unansweredSends.oldest(produced.get());
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        while (!pendingCommits.isEmpty() && (oldestUnanswered == 0
                || oldestUnanswered > pendingCommits.peek().producedBefore())) {
            pendingCommits.poll().offsets().forEach((tp, next) -> commit.put(tp, new OffsetAndMetadata(next, "")));
        }
        return commit.isEmpty() ? Future.succeededFuture() : ask(c -> c.commit(commit)).mapEmpty();
    }

    /** No record read from now on reaches the services (the read stream paused; Kafka is not asked anything). */
    private void stopConsuming() {
        consumingStopped = true;
        if (consumer != null) {
            consumer.pause();
        }
        if (answers != null) {
            answers.pause();
        }
        if (clockConsumer != null) {
            clockConsumer.pause();
        }
    }

    /** The backlog is full: no more records are read until it is down to half (the clock consumer reads on). */
    private void pauseConsumer() {
        if (consumer != null) {
            consumer.pause();
        }
        if (answers != null) {
            answers.pause();
        }
    }

    private void resumeConsumer() {
        // not while leaving: a resume asks the consumer's thread for another poll, which its close may refuse
        // (RejectedExecutionException) or race (a KafkaConsumer takes one thread at a time)
        if (consumer != null && !consumingStopped && !leaving) {
            consumer.resume();
            if (answers != null) {
                answers.resume();
            }
        }
    }

    /** Kafka refused or timed out a record this process produced. */
    public static final class LogUnwritable extends RuntimeException {
        LogUnwritable(String message) {
            super(message, null, false, false);
        }
    }

    private static Map<String, byte[]> headers(KafkaConsumerRecord<String, byte[]> record) {
        Map<String, byte[]> headers = new HashMap<>();
        for (KafkaHeader h : record.headers()) {
            Buffer value = h.value();
            headers.put(h.key(), value == null ? null : value.getBytes());
        }
        return headers;
    }
}
