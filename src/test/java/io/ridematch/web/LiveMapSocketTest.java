package io.ridematch.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.bus.DomainBus;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.DriverEvent.DriverWentOnline;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.geo.BoundingBox;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.contract.geo.TravelModel;
import io.ridematch.contract.time.SteppedClock;
import io.ridematch.platform.core.readmodel.LiveCity;
import io.ridematch.web.LiveMapVerticle.CityMap;
import io.ridematch.web.LiveMapVerticle.ViewerStats;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.ext.web.client.WebClient;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live map's WebSocket against a real Vert.x server, fed events on a real bus. */
class LiveMapSocketTest {

    private static final Instant T0 = Instant.parse("2026-03-02T14:00:00Z");
    private static final BoundingBox AREA = new BoundingBox(40.70, -74.02, 40.80, -73.93);

    private Vertx vertx;
    private DomainBus bus;
    private LiveMapVerticle liveMap;
    private WebSocketClient sockets;
    private int port;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
        bus = DomainBus.install(vertx);
        sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
                // larger than the server's frames may be, so a too-large frame is seen, not refused
                .setMaxFrameSize(1 << 20).setMaxMessageSize(64 << 20));
    }

    @AfterEach
    void stopVertx() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void aViewerGetsHelloThenASnapshotThenOnlyTheDriversThatChanged() throws Exception {
        startMap(new LiveMapSettings(20, 4, "none"));
        onBus(() -> {
            for (int i = 0; i < 3_000; i++) {
                bus.publish(new DriverWentOnline(driver(i), position(i), T0));
            }
        });
        Viewer viewer = connect();

        String hello = viewer.awaitText(m -> m.contains("\"hello\""));
        assertThat(hello).contains("\"scenario\":\"test town\"", "\"timezone\":\"America/New_York\"");
        Frame snapshot = viewer.awaitFrame(f -> f.full());
        assertThat(snapshot.slots()).isEqualTo(3_000);
        assertThat(snapshot.drivers()).hasSize(3_000);
        assertThat(snapshot.drivers().get(17).from()).isEqualTo(position(17));

        onBus(() -> {
            bus.publish(new DriverLocationUpdated(driver(5), position(2_005), T0.plusSeconds(1)));
            bus.publish(new DriverLocationUpdated(driver(2_999), position(1), T0.plusSeconds(1)));
        });
        Frame delta = viewer.awaitFrame(f -> !f.drivers().isEmpty() && !f.full());
        assertThat(delta.drivers()).extracting(FrameDriver::slot).containsExactly(5, 2_999);
        assertThat(delta.drivers().get(0).to()).isEqualTo(position(2_005));
        // the 96 KB snapshot went out in frames of at most 64 KiB
        assertThat(viewer.largestFrame.get()).isLessThanOrEqualTo(HttpApiVerticle.MAX_FRAME_BYTES);
        assertThat(viewer.framesSeen.get()).isGreaterThan(viewer.messages.size());
    }

    @Test
    void viewersBeyondTheLimitAreTurnedAwayWithAReason() throws Exception {
        startMap(new LiveMapSettings(5, 1, "none"));
        Viewer first = connect();
        first.awaitText(m -> m.contains("hello"));

        Viewer second = connect();
        second.awaitClosed();

        assertThat(second.socket.closeStatusCode()).isEqualTo((short) 1013);
        assertThat(second.socket.closeReason()).contains("1 viewers at once");
        assertThat(first.socket.isClosed()).isFalse();
    }

    @Test
    void aViewerThatSendsAnythingIsClosedWithAReason() throws Exception {
        startMap(new LiveMapSettings(5, 4, "none"));
        Viewer viewer = connect();
        viewer.awaitText(m -> m.contains("hello"));

        viewer.socket.writeTextMessage("{\"type\":\"RideRequested\"}").await(30, TimeUnit.SECONDS);
        viewer.awaitClosed();

        assertThat(viewer.socket.closeStatusCode()).isEqualTo((short) 1008);
        assertThat(viewer.socket.closeReason()).contains("read-only");
    }

    @Test
    void aPlainGetOfTheSocketIsA426Problem() throws Exception {
        startMap(new LiveMapSettings(5, 4, "none"));
        var response = WebClient.create(vertx).get(port, "127.0.0.1", "/live").send().await(30, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(426);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.bodyAsJsonObject().getString("detail")).contains("WebSocket");
    }

    /**
     * 20,000 waiting riders, and one more every 20 ms, make every 50 Hz frame about 180 KB: 9 MB a second. A
     * viewer that reads gets it all; one that never reads must cost the server no more than about one frame.
     */
    @Test
    void aViewerThatNeverReadsDoesNotGrowTheServersMemory() throws Exception {
        startMap(new LiveMapSettings(50, 4, "none"));
        onBus(this::twentyThousandWaitingRiders);
        Viewer stalled = connect();
        stalled.socket.pause(); // reads nothing more from the network: its TCP window closes
        Viewer reader = connect();
        reader.awaitFrame(f -> f.riders() > 0);
        long feeder = oneMoreRiderEvery20Ms();

        Thread.sleep(3_000);
        long heapAfterWarmUp = usedHeapAfterGc();
        long readBefore = reader.bytes.get();
        Thread.sleep(6_000);
        long heapAtEnd = usedHeapAfterGc();
        long readInBetween = reader.bytes.get() - readBefore;
        vertx.cancelTimer(feeder);

        List<ViewerStats> stats = liveMap.viewerStats().await(30, TimeUnit.SECONDS);
        ViewerStats stalledStats = stats.get(0);
        long frame = 24 + 8 + 20_400L * 9; // the largest frame the feeder makes
        assertThat(stalledStats.framesDropped()).isGreaterThan(100);
        assertThat(stalledStats.maxBytesQueued()).as("bytes held for the stalled viewer").isLessThanOrEqualTo(frame);
        assertThat(readInBetween).as("what the reading viewer got meanwhile").isGreaterThan(20 * 2 * frame);
        assertThat(heapAtEnd - heapAfterWarmUp).as("heap growth").isLessThan(32L << 20);
        assertThat(stats.get(1).framesDropped()).as("the reader keeps up").isLessThan(stats.get(1).framesSent() / 10);
    }

    /** A viewer that reads nothing holds one of the --map-viewers places; past the bound it gets closed. */
    @Test
    void aViewerThatTakesNoFrameIsClosedWithAReasonAndItsPlaceFreed() throws Exception {
        startMap(new LiveMapSettings(50, 1, "none"));
        onBus(this::twentyThousandWaitingRiders);
        long feeder = oneMoreRiderEvery20Ms();
        Viewer stalled = connect();
        stalled.socket.pause();
        Thread.sleep(LiveMapVerticle.STALLED_VIEWER.toMillis() + 4_000);
        vertx.cancelTimer(feeder);
        stalled.socket.resume(); // reads what was queued, then the server's close frame

        stalled.awaitClosed();
        assertThat(stalled.socket.closeStatusCode()).isEqualTo((short) 1008);
        assertThat(stalled.socket.closeReason()).contains("took no frame");
        Viewer next1 = connect();
        assertThat(next1.awaitText(m -> m.contains("hello"))).isNotNull();
    }

    /** Frames of about 180 KB: every waiting rider is in each frame. */
    private void twentyThousandWaitingRiders() {
        for (int i = 0; i < 20_000; i++) {
            bus.publish(new RideRequested("ride-" + i, "rider-" + i, position(i), position(i + 1), T0));
        }
    }

    /** Changes the riders every 20 ms, so each 50 Hz frame carries them; returns the timer to cancel. */
    private long oneMoreRiderEvery20Ms() {
        long[] next = {20_000};
        return vertx.setPeriodic(20, id -> {
            long i = next[0]++;
            bus.publish(new RideRequested("ride-" + i, "rider-" + i, position((int) i), position(1), T0));
        });
    }

    // ---- the server and its viewers ----------------------------------------------------------------------------

    private void startMap(LiveMapSettings settings) throws Exception {
        SteppedClock clock = new SteppedClock(T0);
        liveMap = new LiveMapVerticle(bus, clock, new LiveCity(new TravelModel(30, 1.3)),
                new CityMap("test town", AREA, "America/New_York", 7), settings, null);
        HttpApiVerticle http = new HttpApiVerticle(bus, clock, 0, null, liveMap, null, ApiSettings.defaults());
        vertx.deployVerticle(liveMap).await(30, TimeUnit.SECONDS);
        vertx.deployVerticle(http).await(30, TimeUnit.SECONDS);
        port = http.actualPort();
    }

    private void onBus(Runnable publishing) throws Exception {
        Promise<Void> done = Promise.promise();
        vertx.runOnContext(v -> {
            publishing.run();
            done.complete();
        });
        done.future().await(30, TimeUnit.SECONDS);
    }

    private Viewer connect() throws Exception {
        Promise<Viewer> connected = Promise.promise();
        vertx.runOnContext(v -> sockets.connect(port, "127.0.0.1", "/live")
                .map(Viewer::new).onComplete(connected));
        return connected.future().await(30, TimeUnit.SECONDS);
    }

    private static String driver(int i) {
        return "driver-" + i;
    }

    private static LatLng position(int i) {
        return new LatLng((40_700 + i % 100) / 1000.0, (-74_020 + i / 100 % 90) / 1000.0);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    record FrameDriver(int slot, int state, LatLng from, LatLng to) {
    }

    record Frame(boolean full, int slots, List<FrameDriver> drivers, int riders) {

        /** Reads a frame as the page's live-map.js does. */
        static Frame decode(Buffer b) {
            int flags = b.getUnsignedByte(1);
            int n = b.getInt(20);
            List<FrameDriver> drivers = new ArrayList<>(n);
            int at = LiveMapFrame.HEADER_BYTES;
            for (int i = 0; i < n; i++, at += LiveMapFrame.DRIVER_BYTES) {
                drivers.add(new FrameDriver(b.getInt(at), b.getUnsignedByte(at + 4),
                        new LatLng(round(b.getFloat(at + 8)), round(b.getFloat(at + 12))),
                        new LatLng(round(b.getFloat(at + 16)), round(b.getFloat(at + 20)))));
            }
            int riders = (flags & LiveMapFrame.RIDERS) != 0 ? b.getInt(at) : 0;
            return new Frame((flags & LiveMapFrame.FULL) != 0, b.getInt(16), drivers, riders);
        }

        private static double round(float degrees) {
            return Math.round(degrees * 1000.0) / 1000.0; // the test positions are on a 0.001° grid
        }
    }

    /** A viewer that reassembles messages from frames, so the frames' sizes can be checked. */
    private static final class Viewer {
        final WebSocket socket;
        final List<Object> messages = new CopyOnWriteArrayList<>();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong largestFrame = new AtomicLong();
        final AtomicLong framesSeen = new AtomicLong();
        private final Promise<Void> closed = Promise.promise();
        private Buffer partial;
        private boolean partialIsText;

        Viewer(WebSocket socket) {
            this.socket = socket;
            socket.frameHandler(this::onFrame);
            socket.closeHandler(v -> closed.tryComplete());
        }

        private void onFrame(WebSocketFrame frame) {
            if (frame.isClose() || frame.isPing() || frame.type() == io.vertx.core.http.WebSocketFrameType.PONG) {
                return;
            }
            framesSeen.incrementAndGet();
            largestFrame.accumulateAndGet(frame.binaryData().length(), Math::max);
            bytes.addAndGet(frame.binaryData().length());
            if (!frame.isContinuation()) {
                partial = Buffer.buffer();
                partialIsText = frame.isText();
            }
            partial.appendBuffer(frame.binaryData());
            if (frame.isFinal()) {
                messages.add(partialIsText ? partial.toString() : Frame.decode(partial));
            }
        }

        String awaitText(Predicate<String> matching) throws InterruptedException {
            return awaitMessage(String.class, matching);
        }

        Frame awaitFrame(Predicate<Frame> matching) throws InterruptedException {
            return awaitMessage(Frame.class, matching);
        }

        private <T> T awaitMessage(Class<T> type, Predicate<T> matching) throws InterruptedException {
            for (int i = 0; i < 200; i++) {
                for (Object m : messages) {
                    if (type.isInstance(m) && matching.test(type.cast(m))) {
                        return type.cast(m);
                    }
                }
                Thread.sleep(50);
            }
            throw new AssertionError("no matching " + type.getSimpleName() + " in " + messages.size() + " messages");
        }

        void awaitClosed() throws Exception {
            closed.future().await(30, TimeUnit.SECONDS);
        }
    }
}
