package io.ridematch.domain.matching;

import io.ridematch.domain.geo.LatLng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Points (drivers, or waiting rides) bucketed in square cells of a local equirectangular grid. {@link #nearest}
 * searches rings of cells outward and stops once no unvisited ring can hold anything closer than the best found,
 * so it is exact; {@link #within} lists everything in reach.
 */
public final class GridIndex implements DriverIndex {

    /** Lower-bound slack for the flat-grid approximation over a city-sized area. */
    private static final double PROJECTION_SLACK = 0.9;

    private final double cellMeters;
    private final double cellDegLat;
    private final double cellDegLng;
    private final Map<Long, List<Entry>> cells = new HashMap<>();
    private final Map<String, Entry> byId = new HashMap<>();

    /** Every entry in one array too, so a scan over all of them walks memory in order. */
    private final List<Entry> all = new ArrayList<>();

    private static final class Entry {
        final String driverId;
        final LatLng position;
        final long cell;
        int slot;

        Entry(String driverId, LatLng position, long cell) {
            this.driverId = driverId;
            this.position = position;
            this.cell = cell;
        }
    }

    public GridIndex(double cellMeters, double referenceLatitude) {
        this.cellMeters = cellMeters;
        this.cellDegLat = cellMeters / LatLng.metersPerDegreeLat();
        this.cellDegLng = cellDegLat / Math.cos(Math.toRadians(referenceLatitude));
    }

    @Override
    public void put(String driverId, LatLng position) {
        remove(driverId);
        Entry entry = new Entry(driverId, position, cellOf(position));
        byId.put(driverId, entry);
        entry.slot = all.size();
        all.add(entry);
        cells.computeIfAbsent(entry.cell, c -> new ArrayList<>()).add(entry);
    }

    @Override
    public void remove(String driverId) {
        Entry old = byId.remove(driverId);
        if (old != null) {
            Entry last = all.remove(all.size() - 1);
            if (last != old) {
                last.slot = old.slot;
                all.set(old.slot, last);
            }
            List<Entry> bucket = cells.get(old.cell);
            bucket.remove(old);
            if (bucket.isEmpty()) {
                cells.remove(old.cell);
            }
        }
    }

    @Override
    public List<Candidate> within(LatLng from, double maxMeters) {
        List<Candidate> found = new ArrayList<>();
        double cosPole = cosPole(from, maxMeters);
        int maxRing = (int) Math.ceil(maxMeters / (cellMeters * PROJECTION_SLACK)) + 1;
        long cellsInReach = (2L * maxRing + 1) * (2L * maxRing + 1);
        Iterable<Entry> entries = byId.size() * 4L < cellsInReach ? all : entriesAround(from, maxRing);
        for (Entry e : entries) {
            if (roughlyWithin(from, e.position, maxMeters, cosPole)) {
                double d = from.distanceMeters(e.position);
                if (d <= maxMeters) {
                    found.add(new Candidate(e.driverId, e.position, d));
                }
            }
        }
        return found;
    }

    private List<Entry> entriesAround(LatLng from, int rings) {
        List<Entry> entries = new ArrayList<>();
        int row = row(from.lat());
        int col = col(from.lng());
        for (int dr = -rings; dr <= rings; dr++) {
            for (int dc = -rings; dc <= rings; dc++) {
                List<Entry> bucket = cells.get(key(row + dr, col + dc));
                if (bucket != null) {
                    entries.addAll(bucket);
                }
            }
        }
        return entries;
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
        int maxRing = (int) Math.ceil(maxMeters / (cellMeters * PROJECTION_SLACK)) + 1;
        long cellsInReach = (2L * maxRing + 1) * (2L * maxRing + 1);
        if (byId.size() * 4L < cellsInReach) {
            // Few drivers, many cells: looking at each driver is cheaper than visiting empty cells.
            return closest(from, maxMeters, all);
        }
        double cosPole = cosPole(from, maxMeters);
        int row = row(from.lat());
        int col = col(from.lng());
        Best best = null;
        for (int ring = 0; ring <= maxRing; ring++) {
            double ringLowerBound = Math.max(0, ring - 1) * cellMeters * PROJECTION_SLACK;
            if (ringLowerBound > (best == null ? maxMeters : best.distance)) {
                break;
            }
            // the ring's perimeter only: its top and bottom rows, then its left and right columns
            for (int i = -ring; i <= ring; i++) {
                best = closer(from, maxMeters, cosPole, row - ring, col + i, best);
                if (ring > 0) {
                    best = closer(from, maxMeters, cosPole, row + ring, col + i, best);
                }
                if (i > -ring && i < ring) {
                    best = closer(from, maxMeters, cosPole, row + i, col - ring, best);
                    best = closer(from, maxMeters, cosPole, row + i, col + ring, best);
                }
            }
        }
        return best == null ? Optional.empty()
                : Optional.of(new Candidate(best.entry.driverId, best.entry.position, best.distance));
    }

    private record Best(Entry entry, double distance) {
    }

    /** The better of {@code best} and whatever lies in the cell at (row, col) within reach. */
    private Best closer(LatLng from, double maxMeters, double cosPole, int row, int col, Best best) {
        List<Entry> bucket = cells.get(key(row, col));
        if (bucket == null) {
            return best;
        }
        for (Entry e : bucket) {
            double limit = best == null ? maxMeters : Math.min(maxMeters, best.distance);
            if (!roughlyWithin(from, e.position, limit, cosPole)) {
                continue;
            }
            double d = from.distanceMeters(e.position);
            if (d <= maxMeters && (best == null || d < best.distance
                    || (d == best.distance && e.driverId.compareTo(best.entry.driverId) < 0))) {
                best = new Best(e, d);
            }
        }
        return best;
    }

    private static Optional<Candidate> closest(LatLng from, double maxMeters, List<Entry> entries) {
        double cosPole = cosPole(from, maxMeters);
        Entry best = null;
        double bestMeters = Double.POSITIVE_INFINITY;
        for (int i = 0, n = entries.size(); i < n; i++) {
            Entry e = entries.get(i);
            if (!roughlyWithin(from, e.position, Math.min(maxMeters, bestMeters), cosPole)) {
                continue;
            }
            double d = from.distanceMeters(e.position);
            if (d <= maxMeters && (d < bestMeters || (d == bestMeters && e.driverId.compareTo(best.driverId) < 0))) {
                best = e;
                bestMeters = d;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Candidate(best.driverId, best.position, bestMeters));
    }

    /**
     * A cheap test that never rejects a point within {@code meters}, so only far-away drivers are skipped before
     * the haversine: neither the latitude gap nor the longitude gap scaled by {@code cosPole} (the cosine of the
     * latitude nearest the pole within reach, the smallest one) can exceed the distance; 1 % slack for rounding.
     */
    private static boolean roughlyWithin(LatLng a, LatLng b, double meters, double cosPole) {
        double degrees = meters * 1.01 / LatLng.metersPerDegreeLat();
        return Math.abs(a.lat() - b.lat()) <= degrees && Math.abs(a.lng() - b.lng()) * cosPole <= degrees;
    }

    private static double cosPole(LatLng from, double maxMeters) {
        double reachDegrees = maxMeters * 1.01 / LatLng.metersPerDegreeLat();
        return Math.cos(Math.toRadians(Math.min(90, Math.abs(from.lat()) + reachDegrees)));
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

    /**
     * Row and column in one long, multiplied by an odd constant: still one key per cell (the product is a
     * bijection), but spread over the hash table, where {@code row ^ col} would put whole diagonals in one bin.
     */
    private static long key(int row, int col) {
        return (((long) row << 32) | (col & 0xffffffffL)) * 0x9E3779B97F4A7C15L;
    }
}
