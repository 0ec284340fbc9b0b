package io.ridematch.bench;

import io.ridematch.contract.geo.LatLng;
import io.ridematch.platform.core.matching.DriverIndex;
import io.ridematch.platform.core.matching.GridIndex;
import io.ridematch.platform.core.matching.H3DriverIndex;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The nearest free driver to a pickup, with 100,000 drivers online spread over New York's area (the brief's
 * target: at most 2 µs median). Sample time gives the distribution, so the median can be read off.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NearestDriverBenchmark {

    /** The hand-written grid (cell size in metres), or H3 at resolution 9. */
    @Param({"grid-200", "grid-500", "h3"})
    String index;

    @Param({"100000"})
    int drivers;

    private DriverIndex available;
    private LatLng[] pickups;
    private int next;

    @Setup(Level.Trial)
    public void fillCity() {
        SplittableRandom random = new SplittableRandom(42);
        available = index.equals("h3") ? new H3DriverIndex(9)
                : new GridIndex(Double.parseDouble(index.substring("grid-".length())), 40.72);
        for (int i = 0; i < drivers; i++) {
            available.put("driver-" + i, randomPoint(random));
        }
        pickups = new LatLng[4096];
        for (int i = 0; i < pickups.length; i++) {
            pickups[i] = randomPoint(random);
        }
    }

    @Benchmark
    public Optional<DriverIndex.Candidate> nearest() {
        LatLng pickup = pickups[next++ & (pickups.length - 1)];
        return available.nearest(pickup, 3_000);
    }

    private static LatLng randomPoint(SplittableRandom random) {
        return new LatLng(40.57 + random.nextDouble() * 0.31, -74.05 + random.nextDouble() * 0.30);
    }
}
