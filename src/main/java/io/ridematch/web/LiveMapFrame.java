package io.ridematch.web;

import io.ridematch.platform.core.readmodel.LiveCity;
import io.ridematch.platform.core.readmodel.LiveCity.Motion;
import io.vertx.core.buffer.Buffer;

/**
 * The live map's binary frame, big-endian (a browser's {@code DataView} default). JSON would be four to five
 * times larger for 20,000 drivers. Layout:
 *
 * <pre>
 * u8  version (1)        u8 flags: 1 = full snapshot (forget every driver first), 2 = riders included
 * u16 0
 * f64 simulated time, epoch seconds
 * f32 simulated seconds per wall second, as measured
 * u32 driver slots in use (the client sizes its arrays by it)
 * u32 n drivers that follow, each 32 bytes:
 *     u32 slot, u8 state (0 offline, 1 idle, 2 to pickup, 3 on trip), 3 bytes 0,
 *     f32 from lat, f32 from lng, f32 to lat, f32 to lng,
 *     f32 departure, f32 arrival: seconds relative to the frame's simulated time
 * when flag 2: u32 riders waiting in all, u32 m riders that follow, each 9 bytes:
 *     f32 lat, f32 lng, u8 1 when a driver is on the way
 * </pre>
 */
public final class LiveMapFrame {

    static final int VERSION = 1;
    static final int FULL = 1;
    static final int RIDERS = 2;
    static final int HEADER_BYTES = 24;
    static final int DRIVER_BYTES = 32;
    static final int RIDER_BYTES = 9;

    private LiveMapFrame() {
    }

    /**
     * The drivers changed after {@code sinceVersion} (all of them when 0) and, when {@code withRiders}, up to
     * {@code riderLimit} waiting riders.
     */
    static Buffer encode(LiveCity city, long simMillis, double rate, long sinceVersion, boolean withRiders,
                         int riderLimit) {
        Buffer frame = Buffer.buffer(HEADER_BYTES + 8 + DRIVER_BYTES * 64);
        int flags = (sinceVersion == 0 ? FULL : 0) | (withRiders ? RIDERS : 0);
        frame.appendByte((byte) VERSION).appendByte((byte) flags).appendShort((short) 0)
                .appendDouble(simMillis / 1000.0).appendFloat((float) rate)
                .appendInt(city.slots());
        int countAt = frame.length();
        frame.appendInt(0);
        int[] count = {0};
        city.changedSince(sinceVersion, m -> {
            appendDriver(frame, m, simMillis);
            count[0]++;
        });
        frame.setInt(countAt, count[0]);
        if (withRiders) {
            frame.appendInt(city.waitingRiders());
            int ridersAt = frame.length();
            frame.appendInt(0);
            int[] riders = {0};
            city.waitingRiders(riderLimit, r -> {
                frame.appendFloat((float) r.pickup().lat()).appendFloat((float) r.pickup().lng())
                        .appendByte((byte) (r.driverComing() ? 1 : 0));
                riders[0]++;
            });
            frame.setInt(ridersAt, riders[0]);
        }
        return frame;
    }

    private static void appendDriver(Buffer frame, Motion m, long simMillis) {
        frame.appendInt(m.slot()).appendByte((byte) m.status().ordinal()).appendByte((byte) 0)
                .appendShort((short) 0)
                .appendFloat((float) m.from().lat()).appendFloat((float) m.from().lng())
                .appendFloat((float) m.to().lat()).appendFloat((float) m.to().lng())
                .appendFloat((m.departMillis() - simMillis) / 1000f)
                .appendFloat((m.arriveMillis() - simMillis) / 1000f);
    }
}
