package io.ridematch.bus;

import io.ridematch.contract.DriverEvent;

/**
 * A driver's report as a platform process read it from the log: the zone whose log it was on (where the driver's
 * previous report put it, or where it went online), and whether the owner of the zone it left handed it over.
 */
public record DriverReport(DriverEvent event, int zone, boolean handedOver) {
}
