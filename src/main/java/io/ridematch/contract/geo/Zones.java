package io.ridematch.contract.geo;

/**
 * The city cut into {@code count} zones, strips across its longer side, numbered from the south or the west: zone
 * {@code i} is partition {@code i} of the topics a platform consumes, so the platform process Kafka gives partition
 * {@code i} owns the riders and drivers in that strip. Strips keep a process's zones next to each other (Kafka's
 * range assignment gives each member neighbouring partitions), so only riders near the one line between two
 * processes' strips see fewer drivers than one process would show them.
 */
public record Zones(BoundingBox area, int count) {

    public Zones {
        if (count < 1) {
            throw new IllegalArgumentException("a city has at least one zone, was " + count);
        }
    }

    /** The zone {@code position} lies in; a position outside the area counts in the nearest strip. */
    public int of(LatLng position) {
        double fraction = westToEast()
                ? (position.lng() - area.west()) / (area.east() - area.west())
                : (position.lat() - area.south()) / (area.north() - area.south());
        return (int) Math.max(0, Math.min(count - 1, Math.floor(fraction * count)));
    }

    /** Whether the strips run west to east (the area is wider than tall, as a metre measures it). */
    boolean westToEast() {
        double midLat = Math.toRadians((area.south() + area.north()) / 2);
        double width = (area.east() - area.west()) * Math.cos(midLat);
        double height = area.north() - area.south();
        return width >= height;
    }

    /** Where zone {@code zone} begins and ends, for people: e.g. {@code lng -105.300..-105.283}. */
    public String describe(int zone) {
        boolean westEast = westToEast();
        double from = westEast ? area.west() : area.south();
        double to = westEast ? area.east() : area.north();
        double step = (to - from) / count;
        return String.format(java.util.Locale.ROOT, "%s %.3f..%.3f", westEast ? "lng" : "lat", from + zone * step,
                from + (zone + 1) * step);
    }
}
