package io.ridematch.platform.core.readmodel;

import io.ridematch.contract.geo.LatLng;
import io.ridematch.platform.core.matching.H3DriverIndex;

/** The zones rides are counted in: H3 cells of one resolution, named by their H3 address. */
public final class Zones {

    /** About 0.74 km² a cell: the size of a ride-hailing surge cell. */
    public static final int RESOLUTION = 8;

    private Zones() {
    }

    /** The address of the zone {@code at} lies in, as H3's tools and kepler.gl read it ({@code 88268...}). */
    public static String of(LatLng at) {
        return Long.toHexString(cellOf(at));
    }

    /** The zone {@code at} lies in, as H3's number. */
    public static long cellOf(LatLng at) {
        return H3DriverIndex.cellOf(at, RESOLUTION);
    }

    /** Whether {@code text} could be a zone's address: an H3 cell of this resolution, in lowercase hex. */
    public static boolean isAddress(String text) {
        return text.matches("8" + Integer.toHexString(RESOLUTION) + "[0-9a-f]{13}");
    }
}
