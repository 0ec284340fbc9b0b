package io.ridematch.bench;

import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.kafka.CloudEvents;
import io.ridematch.kafka.CloudEvents.Outgoing;
import io.ridematch.kafka.LogReader;
import io.ridematch.platform.core.snapshot.SnapshotFold;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The snapshot's tail on a location report, the bulk of a log with pings: the record decoded and folded, against
 * the record's key and {@code ce_time} folded and its JSON left unread. Each invocation makes the record as a
 * consumer hands it over (headers as byte buffers, read on first use), from a thousand drivers' reports.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SnapshotTailBenchmark {

    private record Raw(String key, List<Map.Entry<String, byte[]>> headers, byte[] value) {
    }

    private List<Raw> raws;
    private int next;
    private SnapshotFold decoded;
    private SnapshotFold unread;

    @Setup
    public void records() {
        Instant step = Instant.parse("2026-03-03T08:15:42Z");
        raws = IntStream.range(0, 1_000).mapToObj(i -> {
            Outgoing out = CloudEvents.encode(new DriverLocationUpdated(String.format("driver-%05d", i),
                    new LatLng(40.70 + i * 1e-4, -74.01 + i * 7e-5), step.plusSeconds(i / 250)), "/ridematch/bench");
            return new Raw(out.key(), out.headers().entrySet().stream()
                    .map(h -> Map.entry(h.getKey(), h.getValue().getBytes(StandardCharsets.UTF_8))).toList(),
                    out.value());
        }).toList();
        decoded = new SnapshotFold(Duration.ofMinutes(10));
        unread = new SnapshotFold(Duration.ofMinutes(10));
    }

    private ConsumerRecord<String, byte[]> nextRecord() {
        next = (next + 1) % raws.size();
        Raw raw = raws.get(next);
        Header[] headers = new Header[raw.headers().size()];
        for (int i = 0; i < headers.length; i++) {
            // as a consumer makes them: key and value read from the fetched bytes when first asked for
            headers[i] = new RecordHeader(ByteBuffer.wrap(raw.headers().get(i).getKey().getBytes(StandardCharsets.UTF_8)),
                    ByteBuffer.wrap(raw.headers().get(i).getValue()));
        }
        return new ConsumerRecord<>("driver-events", 0, next, 0L, TimestampType.CREATE_TIME, raw.key().length(),
                raw.value().length, raw.key(), raw.value().clone(), new RecordHeaders(headers), Optional.empty());
    }

    /** The record alone, as the consumer makes it: what both others cost before the tail's own work. */
    @Benchmark
    public ConsumerRecord<String, byte[]> recordOnly() {
        return nextRecord();
    }

    @Benchmark
    public long decodedAndFolded() {
        LogReader.decode(nextRecord()).ifPresent(logged -> decoded.apply(logged.event()));
        return decoded.applied();
    }

    @Benchmark
    public long foldedUnread() {
        ConsumerRecord<String, byte[]> record = nextRecord();
        Optional<SnapshotFold.PendingReport> report = LogReader.locationReport(record);
        if (report.isPresent()) {
            unread.applyReport(report.get());
        } else {
            LogReader.decode(record).ifPresent(logged -> unread.apply(logged.event()));
        }
        return unread.applied();
    }
}
