package io.ridematch.platform.core.readmodel;

/** How the requested rides ended so far. Every ride is completed, cancelled or in flight. */
public record Outcomes(long requested, long matched, long completed, long cancelled, long paid, long inFlight) {
}
