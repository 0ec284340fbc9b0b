package io.ridematch.domain.matching;

import io.ridematch.domain.geo.LatLng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drivers bucketed in square cells of a local equirectangular grid; {@link #nearest} searches rings of cells
 * outward and stops once no unvisited ring can hold anyone closer than the best found, so it is exact.
 */
public final class GridDriverIndex implements DriverIndex {

    /** Lower-bound slack for the flat-grid approximation over a city-sized area. */
    private static final double PROJECTION_SLACK = 0.9;

    private final double cellMeters;
    private final double cellDegLat;
    private final double cellDegLng;
    private final Map<Long, List<Entry>> cells = new HashMap<>();
    private final Map<String, Entry> byId = new HashMap<>();

    private record Entry(String driverId, LatLng position, long cell) {
    }

    public GridDriverIndex(double cellMeters, double referenceLatitude) {
        this.cellMeters = cellMeters;
        this.cellDegLat = cellMeters / LatLng.metersPerDegreeLat();
        this.cellDegLng = cellDegLat / Math.cos(Math.toRadians(referenceLatitude));
    }

    @Override
    public void put(String driverId, LatLng position) {
        remove(driverId);
        Entry entry = new Entry(driverId, position, cellOf(position));
        byId.put(driverId, entry);
        cells.computeIfAbsent(entry.cell, c -> new ArrayList<>()).add(entry);
    }

    @Override
    public void remove(String driverId) {
        Entry old = byId.remove(driverId);
        if (old != null) {
            List<Entry> bucket = cells.get(old.cell);
            bucket.remove(old);
            if (bucket.isEmpty()) {
                cells.remove(old.cell);
            }
        }
    }

    @Override
    public boolean contains(String driverId) {
        return byId.containsKey(driverId);
    }

    @Override
    public int size() {
        return byId.size();
    }

    @Override
    public Optional<Candidate> nearest(LatLng from, double maxMeters) {
        if (byId.isEmpty()) {
            return Optional.empty();
        }
        int row = row(from.lat());
        int col = col(from.lng());
        Entry best = null;
        double bestMeters = Double.POSITIVE_INFINITY;
        int maxRing = (int) Math.ceil(maxMeters / (cellMeters * PROJECTION_SLACK)) + 1;
        for (int ring = 0; ring <= maxRing; ring++) {
            double ringLowerBound = Math.max(0, ring - 1) * cellMeters * PROJECTION_SLACK;
            if (ringLowerBound > Math.min(bestMeters, maxMeters)) {
                break;
            }
            for (int dr = -ring; dr <= ring; dr++) {
                for (int dc = -ring; dc <= ring; dc++) {
                    if (Math.max(Math.abs(dr), Math.abs(dc)) != ring) {
                        continue; // inner rings were visited already
                    }
                    List<Entry> bucket = cells.get(key(row + dr, col + dc));
                    if (bucket == null) {
                        continue;
                    }
                    for (Entry e : bucket) {
                        double d = from.distanceMeters(e.position);
                        if (d <= maxMeters && (d < bestMeters
                                || (d == bestMeters && e.driverId.compareTo(best.driverId) < 0))) {
                            best = e;
                            bestMeters = d;
                        }
                    }
                }
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Candidate(best.driverId, best.position, bestMeters));
    }

    private long cellOf(LatLng p) {
        return key(row(p.lat()), col(p.lng()));
    }

    private int row(double lat) {
        return (int) Math.floor(lat / cellDegLat);
    }

    private int col(double lng) {
        return (int) Math.floor(lng / cellDegLng);
    }

    private static long key(int row, int col) {
        return ((long) row << 32) | (col & 0xffffffffL);
    }
}
