package io.ridematch.domain.readmodel;

/**
 * The dispatch KPIs as MATSim DRT and FleetPy define them. Percentages are 0-100, rounded to two decimals;
 * waits are request-to-pickup seconds of the rides that were picked up; the empty-km ratio is the share of
 * straight-line km driven to pickups among all (to pickups and with riders), over rides that started; the mean
 * pickup ETA is the one promised at assignment; the mean surge is over completed rides.
 */
public record Kpis(double servedPercent, double meanWaitSeconds, double waitP50Seconds, double waitP95Seconds,
                   double cancelledPercent, double utilisation, double emptyKmRatio, double meanPickupEtaSeconds,
                   double meanSurge) {

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
