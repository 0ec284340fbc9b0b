package io.ridematch.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.RideEvent.RideRequested;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.kafka.CloudEvents.Outgoing;
import io.ridematch.platform.core.snapshot.SnapshotFold;
import io.ridematch.platform.core.snapshot.SnapshotFold.PendingReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * A location report left unread ({@link LogReader#locationReport}): known by its record's key and {@code ce_time},
 * read only when asked, and then only as the report of that driver and time; and the snapshot fold's answer when
 * the latest report of a driver does not read.
 */
class LocationReportTest {

    private static final Instant T = Instant.parse("2026-03-02T07:00:01Z");
    private static final DriverLocationUpdated REPORT = new DriverLocationUpdated("driver-00007",
            new LatLng(40.7128, -74.006), T);

    @Test
    void aLocationReportIsKnownByItsKeyAndTimeAndReadsAsTheEventWritten() {
        PendingReport report = LogReader.locationReport(record(CloudEvents.encode(REPORT, "test"))).orElseThrow();

        assertThat(report.driverId()).isEqualTo("driver-00007");
        assertThat(report.at()).isEqualTo(T);
        assertThat(report.read()).contains(REPORT);
    }

    @Test
    void everyOtherRecordIsLeftToTheDecoder() {
        RideRequested request = new RideRequested("ride-1", "rider-1", new LatLng(40.7, -74.0), new LatLng(40.8, -73.9),
                T);
        assertThat(LogReader.locationReport(record(CloudEvents.encode(request, "test")))).isEmpty();
        assertThat(LogReader.locationReport(record(withHeader("ce_time", null)))).isEmpty();
        assertThat(LogReader.locationReport(record(withHeader("ce_time", "2026-03-02T08:00:01+01:00")))).isEmpty();
        assertThat(LogReader.locationReport(record(withHeader("ce_specversion", "0.3")))).isEmpty();
        Outgoing out = CloudEvents.encode(REPORT, "test");
        assertThat(LogReader.locationReport(record(new Outgoing(out.topic(), null, out.headers(), out.value()))))
                .isEmpty();
    }

    @Test
    void aReportReadsOnlyAsTheReportOfItsRecordsDriverAndTime() {
        Outgoing out = CloudEvents.encode(REPORT, "test");
        String json = new String(out.value(), StandardCharsets.UTF_8);
        for (String body : new String[] {"{", "null", json.replace("driver-00007", "driver-00008"),
                json.replace("07:00:01", "07:00:02"), json.replace("\"position\"", "\"place\"")}) {
            Outgoing bad = new Outgoing(out.topic(), out.key(), out.headers(), body.getBytes(StandardCharsets.UTF_8));
            assertThat(LogReader.locationReport(record(bad)).orElseThrow().read()).as(body).isEmpty();
        }
    }

    @Test
    void aSnapshotHoldsTheDriversLastReportThatReadWhereTheLatestDoesNot() {
        SnapshotFold fold = new SnapshotFold(Duration.ofMinutes(10));
        fold.apply(REPORT);
        assertThat(reports(fold)).containsExactly(REPORT);

        Outgoing later = CloudEvents.encode(new DriverLocationUpdated("driver-00007", new LatLng(40.72, -74.0),
                T.plusSeconds(4)), "test");
        Outgoing unreadable = new Outgoing(later.topic(), later.key(), later.headers(),
                "{".getBytes(StandardCharsets.UTF_8));
        fold.applyReport(LogReader.locationReport(record(unreadable)).orElseThrow());
        assertThat(reports(fold)).containsExactly(REPORT);
        assertThat(fold.applied()).isEqualTo(2);

        DriverLocationUpdated last = new DriverLocationUpdated("driver-00007", new LatLng(40.73, -74.0),
                T.plusSeconds(8));
        fold.applyReport(LogReader.locationReport(record(CloudEvents.encode(last, "test"))).orElseThrow());
        assertThat(reports(fold)).containsExactly(last);
    }

    @Test
    void aReportAppliedReadIsTheFallbackBeforeAnySnapshotReadOne() {
        SnapshotFold fold = new SnapshotFold(Duration.ofMinutes(10));
        fold.apply(REPORT); // as a rebuild folds the log: read
        Outgoing later = CloudEvents.encode(new DriverLocationUpdated("driver-00007", new LatLng(40.72, -74.0),
                T.plusSeconds(4)), "test");
        fold.applyReport(LogReader.locationReport(record(new Outgoing(later.topic(), later.key(), later.headers(),
                "{".getBytes(StandardCharsets.UTF_8)))).orElseThrow());
        assertThat(reports(fold)).containsExactly(REPORT);
    }

    @Test
    void anOlderReportThanTheLatestChangesNothingAndIsNeverRead() {
        SnapshotFold fold = new SnapshotFold(Duration.ofMinutes(10));
        fold.apply(REPORT);
        boolean[] read = {false};
        PendingReport older = LogReader.locationReport(record(CloudEvents.encode(new DriverLocationUpdated(
                "driver-00007", new LatLng(1, 1), T.minusSeconds(4)), "test"))).orElseThrow();
        fold.applyReport(new PendingReport() {
            @Override
            public String driverId() {
                return older.driverId();
            }

            @Override
            public Instant at() {
                return older.at();
            }

            @Override
            public Optional<DriverEvent> read() {
                read[0] = true;
                return older.read();
            }
        });
        assertThat(reports(fold)).containsExactly(REPORT);
        assertThat(read[0]).isFalse();
    }

    private static List<DomainEvent> reports(SnapshotFold fold) {
        return fold.snapshot().events();
    }

    private static Outgoing withHeader(String name, String value) {
        Outgoing out = CloudEvents.encode(REPORT, "test");
        Map<String, String> headers = new HashMap<>(out.headers());
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return new Outgoing(out.topic(), out.key(), headers, out.value());
    }

    /** The record a consumer would hand over for {@code out}. */
    static ConsumerRecord<String, byte[]> record(Outgoing out) {
        RecordHeaders headers = new RecordHeaders();
        out.headers().forEach((name, value) -> headers.add(new RecordHeader(name,
                value.getBytes(StandardCharsets.UTF_8))));
        return new ConsumerRecord<>(out.topic(), 0, 0L, 0L, TimestampType.CREATE_TIME, -1, out.value().length,
                out.key(), out.value(), headers, Optional.empty());
    }
}
