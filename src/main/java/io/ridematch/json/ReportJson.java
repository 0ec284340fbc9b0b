package io.ridematch.json;

import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import java.nio.charset.StandardCharsets;

/**
 * A driver's location report written as JSON without the mapper: reports are the bulk of a run with pings, and
 * for one so small the mapper's setup of each call (a serializer provider, a generator, a buffer, the record's
 * reflective accessors) cost more than the writing. Byte for byte what the mapper writes ({@code ReportJsonTest}
 * compares the two); a report with anything the mapper would escape or quote is left to it.
 */
final class ReportJson {

    private static final byte[] DRIVER = ascii("{\"driverId\":\"");
    private static final byte[] LAT = ascii("\",\"position\":{\"lat\":");
    private static final byte[] LNG = ascii(",\"lng\":");
    private static final byte[] AT = ascii("},\"at\":\"");
    private static final byte[] END = ascii("\"}");

    private ReportJson() {
    }

    /** The report's JSON, or null where the mapper must write it. */
    static byte[] write(DriverLocationUpdated report) {
        String driverId = report.driverId();
        if (driverId == null || report.position() == null || report.at() == null || !plain(driverId)
                || !Double.isFinite(report.position().lat()) || !Double.isFinite(report.position().lng())) {
            return null;
        }
        // the mapper writes a double as Double.toString does, and an instant as InstantText does
        String lat = Double.toString(report.position().lat());
        String lng = Double.toString(report.position().lng());
        String at = InstantText.of(report.at());
        byte[] json = new byte[DRIVER.length + driverId.length() + LAT.length + lat.length() + LNG.length
                + lng.length() + AT.length + at.length() + END.length];
        int end = put(json, 0, DRIVER);
        end = put(json, end, driverId);
        end = put(json, end, LAT);
        end = put(json, end, lat);
        end = put(json, end, LNG);
        end = put(json, end, lng);
        end = put(json, end, AT);
        end = put(json, end, at);
        put(json, end, END);
        return json;
    }

    /** Printable ASCII the mapper writes as it is: no quote, backslash, control or non-ASCII character. */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static int put(byte[] json, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, json, at, bytes.length);
        return at + bytes.length;
    }

    /** {@code text} is ASCII: one byte a character. */
    @SuppressWarnings("deprecation")
    private static int put(byte[] json, int at, String text) {
        text.getBytes(0, text.length(), json, at);
        return at + text.length();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
