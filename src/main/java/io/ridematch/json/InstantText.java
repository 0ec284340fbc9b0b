package io.ridematch.json;

import java.time.Instant;
import java.time.Month;
import java.time.Year;
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

    /**
     * Reads the form {@link #of} writes, {@code 2026-03-02T07:00:01Z} with up to nine fraction digits, without
     * {@link DateTimeFormatter}'s parse context (a hash map per call, the largest cost of decoding a location
     * report); null for any other text, which the caller hands to the general parser (other forms, and its errors).
     */
    public static Instant parse(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21; // between the '.' and the 'Z'
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(text, 20, length - 1);
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || nanos < 0
                || day > Month.of(month).length(Year.isLeap(year))) {
            return null; // out of range, a leap second, or not digits: the general parser decides
        }
        return Instant.ofEpochSecond(epochDay(year, month, day) * 86_400 + hour * 3_600L + minute * 60L + second,
                nanos);
    }

    /**
     * Days from 1970-01-01 to a valid date of the proleptic Gregorian calendar, as {@code LocalDate.toEpochDay}
     * counts them, without making a {@code LocalDate}: the year counted from March, so a leap day ends it.
     */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** The decimal number in {@code text[from, to)}, or -1 where a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
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
