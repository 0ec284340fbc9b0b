package io.ridematch.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.geo.LatLng;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A location report written without the mapper is byte for byte what the mapper writes, and reads back. */
class ReportJsonTest {

    @Test
    void writesWhatTheMapperWritesForRandomReports() throws Exception {
        SplittableRandom random = new SplittableRandom(16);
        int written = 0;
        for (int i = 0; i < 100_000; i++) {
            DriverLocationUpdated report = new DriverLocationUpdated(id(random, i), position(random, i),
                    instant(random, i));
            byte[] json = Json.write(report);
            assertThat(new String(json, StandardCharsets.UTF_8)).as("report %d", i)
                    .isEqualTo(new String(Json.mapper().writeValueAsBytes(report), StandardCharsets.UTF_8));
            assertThat(Json.read(json, DriverLocationUpdated.class)).isEqualTo(report);
            written += ReportJson.write(report) != null ? 1 : 0;
        }
        // most go the fast way; the ids with something to escape go to the mapper
        assertThat(written).isGreaterThan(70_000).isLessThan(100_000);
    }

    @Test
    void leavesToTheMapperWhatItWouldEscape() {
        LatLng at = new LatLng(40.7, -74.0);
        Instant t = Instant.parse("2026-03-02T07:00:01Z");
        for (String id : List.of("driver-\"7\"", "driver\\7", "driver-\n7", "driver-\u00e9", "driver-\u2603", "\u007f")) {
            assertThat(ReportJson.write(new DriverLocationUpdated(id, at, t))).as(id).isNull();
        }
        assertThat(ReportJson.write(new DriverLocationUpdated(null, at, t))).isNull();
        assertThat(ReportJson.write(new DriverLocationUpdated("driver-00001", null, t))).isNull();
        assertThat(ReportJson.write(new DriverLocationUpdated("driver-00001", at, null))).isNull();
        assertThat(new String(ReportJson.write(new DriverLocationUpdated("driver-00001", at, t)),
                StandardCharsets.UTF_8)).isEqualTo(
                "{\"driverId\":\"driver-00001\",\"position\":{\"lat\":40.7,\"lng\":-74.0},\"at\":\"2026-03-02T07:00:01Z\"}");
    }

    private static String id(SplittableRandom random, int i) {
        if (i % 5 != 0) {
            return String.format("driver-%s%05d", i % 3 == 0 ? "bench-" : "", random.nextInt(100_000));
        }
        StringBuilder id = new StringBuilder();
        for (int c = 1 + random.nextInt(20); c > 0; c--) {
            id.append((char) (random.nextInt(10) == 0 ? random.nextInt(0x3000) : 0x20 + random.nextInt(0x5f)));
        }
        return id.toString();
    }

    private static LatLng position(SplittableRandom random, int i) {
        return switch (i % 7) {
            case 0 -> new LatLng(0.0, -0.0);
            case 1 -> new LatLng(90, -180);
            case 2 -> new LatLng(random.nextDouble() * 1e-6, -random.nextDouble() * 1e-9);
            case 3 -> new LatLng(Math.round(random.nextDouble(-90, 90) * 1e4) / 1e4,
                    Math.round(random.nextDouble(-180, 180) * 1e4) / 1e4);
            default -> new LatLng(random.nextDouble(-90, 90), random.nextDouble(-180, 180));
        };
    }

    private static Instant instant(SplittableRandom random, int i) {
        long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L);
        return Instant.ofEpochSecond(seconds, i % 2 == 0 ? 0 : random.nextInt(1_000_000_000));
    }
}
