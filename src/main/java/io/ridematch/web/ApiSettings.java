package io.ridematch.web;

/**
 * How the HTTP API guards its writes. Reads, the live map and {@code /metrics} stay open.
 *
 * @param token              when set, {@code POST /api/rides} and cancels need {@code Authorization: Bearer <token>}
 * @param requestsPerSecond  ride requests and cancels one client address may make per second (a burst of twice
 *                           that is allowed), then 429
 */
public record ApiSettings(String token, int requestsPerSecond) {

    public ApiSettings {
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (requestsPerSecond < 1 || requestsPerSecond > 100_000) {
            throw new IllegalArgumentException("--api-rate must be between 1 and 100000 requests a second, was "
                    + requestsPerSecond);
        }
    }

    public static ApiSettings defaults() {
        return new ApiSettings(null, 20);
    }
}
