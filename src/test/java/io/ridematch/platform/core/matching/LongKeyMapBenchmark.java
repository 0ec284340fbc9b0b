package io.ridematch.platform.core.matching;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.HashMap;
import org.agrona.collections.Long2ObjectHashMap;
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
 * The cell map behind the grid index (CellBuckets): the hand-written {@link LongKeyMap} against fastutil's
 * {@code Long2ObjectOpenHashMap} and {@code HashMap<Long, V>}, on what the index does most: a ring search looks up
 * cells that are mostly empty, and a driver that moves leaves one cell and enters another. 10,000 occupied cells of
 * a New York-sized grid, keys as GridIndex forms them (row << 32 | column).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LongKeyMapBenchmark {

    @Param({"long-key-map", "fastutil", "fastutil-half", "agrona-half", "hash-map"})
    String map;

    private static final int ROWS = 200;
    private static final int COLUMNS = 200;
    private static final int OCCUPIED = 10_000;

    private Cells cells;
    private long[] probes;
    private int next;

    interface Cells {
        Object get(long key);

        void put(long key, Object value);

        void remove(long key);
    }

    @Setup(Level.Trial)
    public void fill() {
        cells = switch (map) {
            case "long-key-map" -> new Cells() {
                final LongKeyMap<Object> m = new LongKeyMap<>();
                public Object get(long key) { return m.get(key); }
                public void put(long key, Object value) { m.put(key, value); }
                public void remove(long key) { m.remove(key); }
            };
            case "fastutil", "fastutil-half" -> new Cells() {
                // fastutil-half: the same load limit as LongKeyMap's, 1/2 instead of fastutil's default 3/4
                final Long2ObjectOpenHashMap<Object> m = map.equals("fastutil") ? new Long2ObjectOpenHashMap<>()
                        : new Long2ObjectOpenHashMap<>(16, 0.5f);
                public Object get(long key) { return m.get(key); }
                public void put(long key, Object value) { m.put(key, value); }
                public void remove(long key) { m.remove(key); }
            };
            case "agrona-half" -> new Cells() {
                final Long2ObjectHashMap<Object> m = new Long2ObjectHashMap<>(16, 0.5f);
                public Object get(long key) { return m.get(key); }
                public void put(long key, Object value) { m.put(key, value); }
                public void remove(long key) { m.remove(key); }
            };
            default -> new Cells() {
                final HashMap<Long, Object> m = new HashMap<>();
                public Object get(long key) { return m.get(key); }
                public void put(long key, Object value) { m.put(key, value); }
                public void remove(long key) { m.remove(key); }
            };
        };
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < OCCUPIED; i++) {
            cells.put(key(random.nextInt(ROWS), random.nextInt(COLUMNS)), "cell");
        }
        probes = new long[1 << 16];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = key(random.nextInt(ROWS), random.nextInt(COLUMNS));
        }
    }

    private static long key(int row, int column) {
        return ((long) row << 32) | column;
    }

    /** A ring search: one cell looked up, occupied a quarter of the time. */
    @Benchmark
    public Object lookUp() {
        return cells.get(probes[next++ & (probes.length - 1)]);
    }

    /** A driver moves to a neighbouring cell: its old cell emptied, the new one filled. */
    @Benchmark
    public Object move() {
        long from = probes[next++ & (probes.length - 1)];
        long to = from + 1;
        cells.remove(from);
        cells.put(to, "cell");
        return cells.get(from);
    }
}
