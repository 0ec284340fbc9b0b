package io.ridematch.json;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * An instant in RFC 3339 ({@code 2026-03-02T07:00:01Z}, {@link DateTimeFormatter#ISO_INSTANT}), remembering the
 * last one: a simulated second's location reports all carry the same time, in their JSON and in their
 * {@code ce_time} header, and formatting it anew for each was a tenth of the work of writing them to Kafka.
 */
public final class InstantText {

    private record Last(Instant at, String text) {
    }

    /** Read and replaced whole by any thread: at worst a thread formats an instant another just did. */
    private static volatile Last last = new Last(Instant.EPOCH, DateTimeFormatter.ISO_INSTANT.format(Instant.EPOCH));

    private InstantText() {
    }

    public static String of(Instant at) {
        Last known = last;
        if (known.at().equals(at)) {
            return known.text();
        }
        String text = DateTimeFormatter.ISO_INSTANT.format(at);
        last = new Last(at, text);
        return text;
    }
}
