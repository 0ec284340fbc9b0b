package io.ridematch.platform.core.readmodel;

import java.util.Arrays;

/** A growing list of whole-second samples with exact nearest-rank percentiles. */
public final class Samples {

    private long[] values = new long[1024];
    private int size;
    private long sum;

    public void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
        sum += value;
    }

    public int count() {
        return size;
    }

    public double mean() {
        return size == 0 ? 0 : (double) sum / size;
    }

    /** Nearest-rank percentile, {@code p} in (0, 100]; 0 when empty. */
    public long percentile(double p) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }
}
