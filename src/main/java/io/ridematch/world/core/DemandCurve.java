package io.ridematch.world.core;

import java.util.List;

/**
 * Ride requests per second at a time of day: the day's total spread over the hours by the profile's weights,
 * each hour's rate placed at its midpoint and interpolated linearly between midpoints (around midnight too).
 */
final class DemandCurve {

    private final double[] perSecondAtHourMidpoint = new double[24];

    DemandCurve(double ridesPerDay, List<Double> hourlyProfile) {
        double total = hourlyProfile.stream().mapToDouble(Double::doubleValue).sum();
        for (int h = 0; h < 24; h++) {
            perSecondAtHourMidpoint[h] = ridesPerDay * hourlyProfile.get(h) / total / 3600.0;
        }
    }

    double ratePerSecond(double secondOfDay) {
        double hours = secondOfDay / 3600.0 - 0.5;
        int lower = (int) Math.floor(hours);
        double fraction = hours - lower;
        double a = perSecondAtHourMidpoint[Math.floorMod(lower, 24)];
        double b = perSecondAtHourMidpoint[Math.floorMod(lower + 1, 24)];
        return a + (b - a) * fraction;
    }
}
