package io.ridematch.stats;

import java.util.List;

/**
 * The mean of replications with its 95 % confidence interval, {@code mean ± halfWidth}, from Student's t with
 * {@code n - 1} degrees of freedom (no interval for a single value: {@code halfWidth} is NaN).
 */
public record Estimate(double mean, double halfWidth, int n) {

    /** The two-sided 97.5 % quantiles of Student's t for 1 to 30 degrees of freedom. */
    private static final double[] T_975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
            2.056, 2.052, 2.048, 2.045, 2.042};

    public static Estimate of(List<Double> values) {
        int n = values.size();
        if (n == 0) {
            throw new IllegalArgumentException("an estimate needs one value or more");
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        if (n == 1) {
            return new Estimate(mean, Double.NaN, 1);
        }
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double standardError = Math.sqrt(squares / (n - 1) / n);
        return new Estimate(mean, t975(n - 1) * standardError, n);
    }

    /**
     * The difference {@code b - a} replication by replication (the same seed in both: common random numbers, so
     * the noise they share cancels), as an estimate.
     */
    public static Estimate pairedDifference(List<Double> a, List<Double> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("paired replications need as many of each: " + a.size() + " and "
                    + b.size());
        }
        return of(java.util.stream.IntStream.range(0, a.size()).mapToObj(i -> b.get(i) - a.get(i)).toList());
    }

    /** Whether the interval leaves zero out: for a difference, significant at the 5 % level. */
    public boolean excludesZero() {
        return !Double.isNaN(halfWidth) && (mean - halfWidth > 0 || mean + halfWidth < 0);
    }

    /** Student's t quantile at 0.975; past 30 degrees of freedom the Cornish-Fisher expansion from the normal's. */
    static double t975(int degrees) {
        if (degrees < 1) {
            throw new IllegalArgumentException("degrees of freedom must be one or more: " + degrees);
        }
        if (degrees <= T_975.length) {
            return T_975[degrees - 1];
        }
        double z = 1.959964;
        double v = degrees;
        return z + (z * z * z + z) / (4 * v) + (5 * Math.pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * v * v);
    }
}
