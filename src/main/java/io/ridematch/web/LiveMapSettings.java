package io.ridematch.web;

/**
 * How the live map streams.
 *
 * @param rateHz     frames per wall second to each viewer
 * @param maxViewers WebSocket connections served at once; one more is closed with a reason
 * @param tiles      the map tiles' URL template, or "none" for a plain background
 */
public record LiveMapSettings(double rateHz, int maxViewers, String tiles) {

    public static final String OPENSTREETMAP = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    public LiveMapSettings {
        if (!(rateHz > 0 && rateHz <= 60)) {
            throw new IllegalArgumentException("the map rate must be above 0 and at most 60 Hz, was " + rateHz);
        }
        if (maxViewers < 1 || maxViewers > 1_000) {
            throw new IllegalArgumentException("map viewers must be between 1 and 1000, was " + maxViewers);
        }
        if (tiles == null || tiles.isBlank()) {
            throw new IllegalArgumentException("map tiles must be a URL template or none");
        }
    }

    public static LiveMapSettings defaults() {
        return new LiveMapSettings(5, 16, OPENSTREETMAP);
    }
}
