package io.ridematch.bench;

import io.ridematch.contract.DomainEvent;
import io.ridematch.contract.DriverEvent;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.kafka.CloudEvents;
import io.ridematch.kafka.CloudEvents.Outgoing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Kafka bridge's hot path: one event to a CloudEvents record (headers and JSON body) and back, averaged
 * over the lifecycle events {@code ridematch bench} also sends through the raw event bus.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EventCodecBenchmark {

    private List<DomainEvent> events;
    private List<Map<String, byte[]>> headers;
    private List<byte[]> values;
    private int next;
    private List<DriverEvent.DriverLocationUpdated> reports;
    private int nextReport;

    @Setup
    public void records() {
        events = Bench.sampleEvents();
        headers = events.stream().map(e -> {
            Outgoing out = CloudEvents.encode(e, "/ridematch/bench");
            Map<String, byte[]> bytes = new HashMap<>();
            out.headers().forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
            return bytes;
        }).toList();
        values = events.stream().map(e -> CloudEvents.encode(e, "/ridematch/bench").value()).toList();
        Instant step = Instant.parse("2026-03-03T08:15:42Z");
        reports = java.util.stream.IntStream.range(0, 1_000).mapToObj(i -> new DriverEvent.DriverLocationUpdated(
                String.format("driver-%05d", i), new LatLng(40.70 + i * 1e-4, -74.01 + i * 7e-5), step)).toList();
    }

    @Benchmark
    public Outgoing encode() {
        next = (next + 1) % events.size();
        return CloudEvents.encode(events.get(next), "/ridematch/bench");
    }

    /**
     * A simulated second's location reports, the bulk of a run with pings: a thousand drivers, one instant,
     * positions apart.
     */
    @Benchmark
    public Outgoing encodeLocationReport() {
        nextReport = (nextReport + 1) % reports.size();
        return CloudEvents.encode(reports.get(nextReport), "/ridematch/bench");
    }

    @Benchmark
    public Object decode() {
        next = (next + 1) % events.size();
        return CloudEvents.decode(headers.get(next), values.get(next));
    }
}
