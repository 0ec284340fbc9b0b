package io.ridematch.platform.core.readmodel;

/**
 * The dispatch KPIs as MATSim DRT and FleetPy define them. Percentages are 0-100, rounded to two decimals;
 * waits are request-to-pickup seconds of the rides that were picked up; the empty-km ratio is the share of km
 * driven without a rider (to pickups, repositioning) among all, straight-line between the positions drivers
 * report (online, pickup, drop-off, repositioned) less the completed trips' pickup-to-drop-off legs; the mean
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
