package io.ridematch.platform.core.matching;

import com.uber.h3core.H3Core;
import com.uber.h3core.LengthUnit;
import io.ridematch.contract.geo.LatLng;
import io.ridematch.platform.core.matching.CellBuckets.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drivers per H3 cell (Uber's hexagonal grid). {@link #nearest} walks hexagon rings outward with
 * {@code gridRing} and stops once no further ring can hold anyone closer than the best found, so the answer
 * equals a brute-force search; exact great-circle distance decides, ties go to the smaller id.
 *
 * <p>The stopping bound: neighbouring hexagon centres are {@code √3·edge} apart, so a cell k rings out has its
 * centre at least {@code 1.5·k·edge} away, and every point of a cell lies within one edge of its centre; a point
 * in ring k is therefore at least {@code 1.5·k·edge − 2·edge} from the query. Edges vary over the globe and
 * within a city, so the bound uses a short edge (¾ of the average) for the rings and a long one (1¼) for the cells.
 */
public final class H3DriverIndex implements DriverIndex {

    private static final H3Core H3 = loadH3();

    private final int resolution;
    private final double shortEdge;
    private final double longEdge;
    private final CellBuckets points = new CellBuckets();

    /** @param resolution H3 resolution; 9 (edges of about 175 m) suits a dense city */
    public H3DriverIndex(int resolution) {
        this.resolution = resolution;
        double edge = H3.getHexagonEdgeLengthAvg(resolution, LengthUnit.m);
        this.shortEdge = edge * 0.75;
        this.longEdge = edge * 1.25;
    }

    /** The H3 cell of a position at a resolution, for other parts of the core (zones for surge). */
    public static long cellOf(LatLng position, int resolution) {
        return H3.latLngToCell(position.lat(), position.lng(), resolution);
    }

    /** The corners of an H3 cell, for drawing zones on a map. */
    public static List<LatLng> boundaryOf(long cell) {
        return H3.cellToBoundary(cell).stream().map(p -> new LatLng(p.lat, p.lng)).toList();
    }

    @Override
    public void put(String driverId, LatLng position) {
        points.put(driverId, position, cellOf(position, resolution));
    }

    @Override
    public void remove(String driverId) {
        points.remove(driverId);
    }

    @Override
    public void forEach(java.util.function.BiConsumer<String, LatLng> action) {
        points.forEach(action);
    }

    @Override
    public boolean contains(String driverId) {
        return points.contains(driverId);
    }

    @Override
    public int size() {
        return points.size();
    }

    @Override
    public Optional<Candidate> nearest(LatLng from, double maxMeters) {
        if (points.size() == 0) {
            return Optional.empty();
        }
        long origin = cellOf(from, resolution);
        Entry best = null;
        double bestMeters = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= maxRing(maxMeters); k++) {
            if (lowerBound(k) > Math.min(bestMeters, maxMeters)) {
                break;
            }
            for (long cell : ring(origin, k)) {
                List<Entry> bucket = points.in(cell);
                if (bucket == null) {
                    continue;
                }
                for (Entry e : bucket) {
                    double d = from.distanceMeters(e.position);
                    if (d <= maxMeters && (d < bestMeters
                            || (d == bestMeters && e.id.compareTo(best.id) < 0))) {
                        best = e;
                        bestMeters = d;
                    }
                }
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Candidate(best.id, best.position, bestMeters));
    }

    @Override
    public List<Candidate> within(LatLng from, double maxMeters) {
        List<Candidate> found = new ArrayList<>();
        long origin = cellOf(from, resolution);
        for (int k = 0; k <= maxRing(maxMeters); k++) {
            for (long cell : ring(origin, k)) {
                List<Entry> bucket = points.in(cell);
                if (bucket != null) {
                    for (Entry e : bucket) {
                        double d = from.distanceMeters(e.position);
                        if (d <= maxMeters) {
                            found.add(new Candidate(e.id, e.position, d));
                        }
                    }
                }
            }
        }
        return found;
    }

    private double lowerBound(int k) {
        return 1.5 * k * shortEdge - 2 * longEdge;
    }

    private int maxRing(double maxMeters) {
        return (int) Math.ceil((maxMeters + 2 * longEdge) / (1.5 * shortEdge));
    }

    /** The cells exactly k steps away; near one of H3's twelve pentagons the hollow ring is undefined. */
    private static List<Long> ring(long origin, int k) {
        if (k == 0) {
            return List.of(origin);
        }
        try {
            return H3.gridRingUnsafe(origin, k);
        } catch (RuntimeException pentagonNearby) {
            return H3.gridDiskDistances(origin, k).get(k);
        }
    }

    private static H3Core loadH3() {
        try {
            return H3Core.newInstance();
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the H3 native library: " + e.getMessage(), e);
        }
    }
}
