package io.ridematch.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ridematch.bus.Addresses;
import io.ridematch.bus.DomainBus;
import io.ridematch.bus.EventFeed;
import io.ridematch.bus.SurgeByZone;
import io.ridematch.contract.geo.BoundingBox;
import io.ridematch.contract.time.SimClock;
import io.ridematch.json.Json;
import io.ridematch.platform.core.matching.H3DriverIndex;
import io.ridematch.platform.core.readmodel.CityStats;
import io.ridematch.platform.core.readmodel.LiveCity;
import io.ridematch.platform.core.readmodel.LiveCity.ZoneLoad;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live map's feed: folds the city's events into a {@link LiveCity} and streams it to each viewer's
 * WebSocket, a snapshot first and then, {@code rateHz} times a second, the drivers that changed. A viewer whose
 * socket cannot take more (the write queue is full) skips frames; its next frame carries everything changed
 * since the last one it was sent, so it catches up with the newest state and the server holds at most one
 * frame for it. Once a second each viewer also gets the KPIs and the zones (demand, supply, surge) as JSON.
 * Viewers only listen: anything they send closes their socket.
 */
public final class LiveMapVerticle extends VerticleBase {

    /** Waiting riders put in one frame; a city with more shows these and says how many there are. */
    static final int RIDERS_SHOWN = 20_000;

    /** What the page needs to frame the city. */
    public record CityMap(String scenario, BoundingBox area, String timezone, int zoneResolution) {
    }

    /** One viewer's traffic: what it was sent, what it missed, and the bytes waiting in its socket. */
    public record ViewerStats(long framesSent, long framesDropped, long bytesQueued, long maxBytesQueued) {
    }

    private record Hello(String type, String scenario, BoundingBox area, String timezone, int zoneResolution,
                         double rateHz, String tiles) {
    }

    private record Zone(String id, int waiting, int idle, double surge) {
    }

    private record Stats(String type, CityStats stats, int viewers, List<Zone> zones,
                         Map<String, List<double[]>> shapes) {
    }

    /** A viewer whose last message is still not taken after this long is closed with the reason. */
    static final java.time.Duration STALLED_VIEWER = java.time.Duration.ofSeconds(15);

    private static final class Viewer {
        final ServerWebSocket socket;
        final Set<Long> zonesKnown = new HashSet<>();
        boolean closing;
        long sentVersion;
        long sentRidersVersion = -1;
        long framesSent;
        long framesDropped;
        final AtomicLong bytesQueued = new AtomicLong();
        final AtomicLong maxBytesQueued = new AtomicLong();
        /** When the viewer last had nothing in flight: a viewer busy since long ago reads nothing. */
        long freeSinceNanos = System.nanoTime();

        Viewer(ServerWebSocket socket) {
            this.socket = socket;
        }
    }

    private final DomainBus bus;
    private final SimClock clock;
    private final LiveCity city;
    private final CityMap map;
    private final LiveMapSettings settings;
    private final MeterRegistry registry;
    private final EventFeed feed;
    private final AtomicInteger connected = new AtomicInteger();
    private final List<Viewer> viewers = new ArrayList<>();
    private final Map<Long, List<double[]>> shapes = new HashMap<>();
    private Counter framesSent;
    private Counter framesDropped;
    private long lastWallMillis;
    private long lastSimMillis;
    private double rate;

    /** @param registry where the viewer and frame meters go, or null */
    public LiveMapVerticle(DomainBus bus, SimClock clock, LiveCity city, CityMap map, LiveMapSettings settings,
                           MeterRegistry registry) {
        this(bus, clock, city, map, settings, registry, EventFeed.BUS);
    }

    /** @param feed where the city's events come from: this process's bus, or the whole event log */
    public LiveMapVerticle(DomainBus bus, SimClock clock, LiveCity city, CityMap map, LiveMapSettings settings,
                           MeterRegistry registry, EventFeed feed) {
        this.feed = feed;
        this.bus = bus;
        this.clock = clock;
        this.city = city;
        this.map = map;
        this.settings = settings;
        this.registry = registry;
    }

    @Override
    public Future<?> start() {
        if (registry != null) {
            Gauge.builder("ridematch_livemap_viewers", connected, AtomicInteger::get)
                    .description("WebSocket viewers of the live map").register(registry);
            String frames = "Live map frames, sent or dropped for a viewer that was not keeping up";
            framesSent = Counter.builder("ridematch_livemap_frames_total").tag("outcome", "sent")
                    .description(frames).register(registry);
            framesDropped = Counter.builder("ridematch_livemap_frames_total").tag("outcome", "dropped")
                    .description(frames).register(registry);
        }
        vertx.setPeriodic(Math.max(1, Math.round(1000 / settings.rateHz())), id -> sendFrames());
        vertx.setPeriodic(1_000, id -> sendStats());
        return feed.subscribe(bus, city::apply);
    }

    /** Takes a viewer's socket; called on the HTTP server's thread, so the viewer joins on this verticle's. */
    public void accept(ServerWebSocket socket) {
        if (connected.incrementAndGet() > settings.maxViewers()) {
            connected.decrementAndGet();
            socket.close((short) 1013, "the live map serves " + settings.maxViewers()
                    + " viewers at once; try again later");
            return;
        }
        Viewer viewer = new Viewer(socket);
        // closed from this verticle's thread, so no frame it writes can follow the close frame
        socket.handler(data -> context.runOnContext(v -> {
            viewer.closing = true;
            socket.close((short) 1008, "the live map is read-only: viewers send nothing");
        }));
        socket.closeHandler(v -> {
            connected.decrementAndGet();
            context.runOnContext(x -> viewers.remove(viewer));
        });
        context.runOnContext(v -> {
            viewers.add(viewer);
            write(viewer, Buffer.buffer(Json.write(new Hello("hello", map.scenario(), map.area(), map.timezone(),
                    map.zoneResolution(), settings.rateHz(), settings.tiles()))), false);
        });
    }

    /** Each viewer's traffic so far, in the order they connected. */
    public Future<List<ViewerStats>> viewerStats() {
        Promise<List<ViewerStats>> stats = Promise.promise();
        context.runOnContext(v -> stats.complete(viewers.stream().map(viewer -> new ViewerStats(viewer.framesSent,
                viewer.framesDropped, viewer.bytesQueued.get(), viewer.maxBytesQueued.get())).toList()));
        return stats.future();
    }

    private void sendFrames() {
        long wall = System.currentTimeMillis();
        long sim = clock.now().toEpochMilli();
        if (lastWallMillis > 0 && wall > lastWallMillis) {
            double measured = (double) (sim - lastSimMillis) / (wall - lastWallMillis);
            rate = rate == 0 ? measured : 0.7 * rate + 0.3 * measured;
        }
        lastWallMillis = wall;
        lastSimMillis = sim;
        // viewers at the same versions share one encoded frame
        Map<String, Buffer> frames = new HashMap<>();
        for (Viewer viewer : viewers) {
            if (viewer.closing || viewer.socket.isClosed()) {
                continue; // its close handler removes it next
            }
            if (busy(viewer)) {
                viewer.framesDropped++;
                count(framesDropped);
                if (System.nanoTime() - viewer.freeSinceNanos > STALLED_VIEWER.toNanos()) {
                    // it holds one of the --map-viewers places and reads nothing: give the place back
                    viewer.closing = true;
                    viewer.socket.close((short) 1008, "this viewer took no frame for " + STALLED_VIEWER.toSeconds()
                            + " s; reconnect to resume");
                }
                continue;
            }
            viewer.freeSinceNanos = System.nanoTime();
            boolean riders = viewer.sentRidersVersion != city.ridersVersion();
            Buffer frame = frames.computeIfAbsent(viewer.sentVersion + "/" + riders, key ->
                    LiveMapFrame.encode(city, sim, rate, viewer.sentVersion, riders, RIDERS_SHOWN));
            viewer.sentVersion = city.version();
            viewer.sentRidersVersion = city.ridersVersion();
            viewer.framesSent++;
            count(framesSent);
            write(viewer, frame, true);
        }
    }

    private void sendStats() {
        if (viewers.isEmpty()) {
            return;
        }
        Future<CityStats> stats = bus.query(Addresses.QUERY_STATS, "city");
        Future<SurgeByZone> surge = bus.<SurgeByZone>query(Addresses.QUERY_SURGE, "zones")
                .otherwise(new SurgeByZone(Map.of()));
        Future.all(stats, surge).onSuccess(all -> {
            Map<Long, ZoneLoad> loads = city.zoneLoads(map.zoneResolution());
            Map<Long, Double> multipliers = surge.result().multipliers();
            Set<Long> ids = new TreeSet<>(loads.keySet());
            ids.addAll(multipliers.keySet());
            List<Zone> zones = new ArrayList<>(ids.size());
            for (long id : ids) {
                ZoneLoad load = loads.get(id);
                zones.add(new Zone(Long.toHexString(id), load == null ? 0 : load.waitingRiders(),
                        load == null ? 0 : load.idleDrivers(), multipliers.getOrDefault(id, 1.0)));
            }
            for (Viewer viewer : viewers) {
                if (viewer.closing || viewer.socket.isClosed() || busy(viewer)) {
                    continue; // the next second's figures replace these
                }
                Map<String, List<double[]>> newShapes = new HashMap<>();
                for (long id : ids) {
                    if (viewer.zonesKnown.add(id)) {
                        newShapes.put(Long.toHexString(id), shapeOf(id));
                    }
                }
                write(viewer, Buffer.buffer(Json.write(new Stats("stats", stats.result(), viewers.size(), zones,
                        newShapes))), false);
            }
        });
    }

    private List<double[]> shapeOf(long zone) {
        return shapes.computeIfAbsent(zone, z -> H3DriverIndex.boundaryOf(z).stream()
                .map(p -> new double[] {Math.round(p.lat() * 1e6) / 1e6, Math.round(p.lng() * 1e6) / 1e6})
                .toList());
    }

    /**
     * One message at a time per viewer: until the socket has taken the last one, the viewer gets no more. The
     * socket's own write queue is filled from the socket's thread, after this verticle's write, so it alone would
     * let several frames pile up.
     */
    private static boolean busy(Viewer viewer) {
        return viewer.bytesQueued.get() > 0 || viewer.socket.writeQueueFull();
    }

    private void write(Viewer viewer, Buffer message, boolean binary) {
        long size = message.length();
        long queued = viewer.bytesQueued.addAndGet(size);
        viewer.maxBytesQueued.accumulateAndGet(queued, Math::max);
        Future<Void> written = binary ? viewer.socket.writeBinaryMessage(message)
                : viewer.socket.writeTextMessage(message.toString());
        written.onComplete(done -> viewer.bytesQueued.addAndGet(-size));
    }

    private static void count(Counter counter) {
        if (counter != null) {
            counter.increment();
        }
    }
}
