package io.ridematch.platform.core.matching;

import io.ridematch.contract.geo.LatLng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The bookkeeping both geo indexes share: points by id, by cell (whatever a cell is to the index), and all of
 * them in one array, so a scan over every point walks memory in order and removal stays O(1).
 */
final class CellBuckets {

    static final class Entry {
        final String id;
        final LatLng position;
        final long cell;
        private int slot;

        private Entry(String id, LatLng position, long cell) {
            this.id = id;
            this.position = position;
            this.cell = cell;
        }
    }

    /** Primitive keys, so a lookup boxes nothing; load at most 1/2 keeps the mostly-missing ring lookups short. */
    private final Long2ObjectHashMap<List<Entry>> cells = new Long2ObjectHashMap<>(64, 0.5f);
    private final Map<String, Entry> byId = new HashMap<>();
    private final List<Entry> all = new ArrayList<>();

    void put(String id, LatLng position, long cell) {
        remove(id);
        Entry entry = new Entry(id, position, cell);
        byId.put(id, entry);
        entry.slot = all.size();
        all.add(entry);
        List<Entry> bucket = cells.get(cell);
        if (bucket == null) {
            bucket = new ArrayList<>(4);
            cells.put(cell, bucket);
        }
        bucket.add(entry);
    }

    void remove(String id) {
        Entry old = byId.remove(id);
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

    /** The points in a cell, or null for an empty one. */
    List<Entry> in(long cell) {
        return cells.get(cell);
    }

    /** Every point, with its position. */
    void forEach(java.util.function.BiConsumer<String, LatLng> action) {
        for (Entry e : all) {
            action.accept(e.id, e.position);
        }
    }

    List<Entry> all() {
        return all;
    }

    boolean contains(String id) {
        return byId.containsKey(id);
    }

    int size() {
        return byId.size();
    }
}
