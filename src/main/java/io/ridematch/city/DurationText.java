package io.ridematch.city;

import io.ridematch.platform.core.payment.PaymentFaults;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them: {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}, {@code 1h30m}, {@code 200ms};
 * ranges of them ({@code 50ms..400ms}) and stretches of the day ({@code 07:30+5m}).
 */
public final class DurationText {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|[dhms])");

    private DurationText() {
    }

    /** A positive duration. */
    public static Duration parse(String text) {
        Duration d = parseAllowingZero(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("duration '" + text + "' must be longer than zero");
        }
        return d;
    }

    /** A duration, where zero means "never" (e.g. no progress lines). */
    public static Duration parseAllowingZero(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase();
        if (!trimmed.matches("(\\d+(ms|[dhms]))+")) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (use e.g. 90s, 30m, 2h, 1d, 1h30m)");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(trimmed);
        while (m.find()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException tooManyDigits) {
                throw new IllegalArgumentException("'" + text + "' is longer than any run (use e.g. 90s, 30m, 2h, 1d)");
            }
            try {
                total = total.plus(switch (m.group(2)) {
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "ms" -> Duration.ofMillis(n);
                    default -> Duration.ofSeconds(n);
                });
            } catch (ArithmeticException tooLong) {
                throw new IllegalArgumentException("'" + text + "' is longer than any run (use e.g. 90s, 30m, 2h, 1d)");
            }
        }
        return total;
    }

    /** {@code 200ms} (always that long) or {@code 50ms..400ms}: the shortest and the longest, zero allowed. */
    public static Duration[] parseRange(String text) {
        String[] bounds = (text == null ? "" : text).split("\\.\\.", -1);
        if (bounds.length > 2) {
            throw new IllegalArgumentException("'" + text + "' is not a duration or a range (use e.g. 200ms or 50ms..400ms)");
        }
        Duration min = parseAllowingZero(bounds[0]);
        Duration max = bounds.length == 2 ? parseAllowingZero(bounds[1]) : min;
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("'" + text + "': the range's end comes before its start");
        }
        return new Duration[] {min, max};
    }

    /** {@code 07:30+5m}: a time of day and how long from it. */
    public static PaymentFaults.Outage parseOutage(String text) {
        String[] parts = (text == null ? "" : text).split("\\+", -1);
        try {
            if (parts.length == 2) {
                return new PaymentFaults.Outage(java.time.LocalTime.parse(parts[0].trim()), parse(parts[1]));
            }
        } catch (RuntimeException e) {
            // one message below, whatever the part that is wrong
        }
        throw new IllegalArgumentException("'" + text + "' is not an outage (use a time of day and a length, e.g. "
                + "07:30+5m)");
    }

    public static String format(Duration d) {
        long s = d.toSeconds();
        StringBuilder out = new StringBuilder();
        if (s >= 86_400) {
            out.append(s / 86_400).append('d');
            s %= 86_400;
        }
        if (s >= 3600) {
            out.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            out.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0 || out.length() == 0) {
            out.append(s).append('s');
        }
        return out.toString();
    }
}
