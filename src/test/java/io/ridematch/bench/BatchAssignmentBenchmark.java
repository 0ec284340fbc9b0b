package io.ridematch.bench;

import io.ridematch.contract.geo.LatLng;
import io.ridematch.platform.core.matching.BatchedMatcher;
import io.ridematch.platform.core.matching.GridIndex;
import io.ridematch.platform.core.matching.Matcher.Match;
import io.ridematch.platform.core.matching.Matcher.WaitingRide;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

/** One batch of the batched matcher: riders × free drivers in Manhattan, 10 candidate drivers per rider. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BatchAssignmentBenchmark {

    @Param({"500"})
    int riders;

    @Param({"2000"})
    int drivers;

    private List<WaitingRide> waiting;
    private List<LatLng> driverPositions;
    private GridIndex available;

    @Setup(Level.Trial)
    public void city() {
        SplittableRandom random = new SplittableRandom(7);
        waiting = new ArrayList<>();
        for (int i = 0; i < riders; i++) {
            waiting.add(new WaitingRide(String.format("r%05d", i), point(random), Instant.EPOCH.plusSeconds(i)));
        }
        driverPositions = new ArrayList<>();
        for (int i = 0; i < drivers; i++) {
            driverPositions.add(point(random));
        }
    }

    /** The matcher takes the drivers it assigns out of the index, so each call gets a full one. */
    @Setup(Level.Invocation)
    public void drivers() {
        available = new GridIndex(500, 40.75);
        for (int i = 0; i < drivers; i++) {
            available.put("d" + i, driverPositions.get(i));
        }
    }

    @Benchmark
    public List<Match> assignBatch() {
        return new BatchedMatcher(3_000, 2, 10, riders).match(waiting, available, Instant.EPOCH);
    }

    private static LatLng point(SplittableRandom random) {
        return new LatLng(40.70 + random.nextDouble() * 0.10, -74.02 + random.nextDouble() * 0.08);
    }
}
