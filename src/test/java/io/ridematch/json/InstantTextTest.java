package io.ridematch.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ridematch.contract.DriverEvent.DriverLocationUpdated;
import io.ridematch.contract.geo.LatLng;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast reading of an instant against the JDK's: the same instant for what it takes, nothing else taken. */
class InstantTextTest {

    @Test
    void readsWhatItWritesAsTheJdkDoesForRandomInstants() {
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L); // years 0001 to 9999
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000; // milliseconds
                case 2 -> random.nextInt(1_000_000) * 1_000; // microseconds
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(seconds, nanos);
            String text = DateTimeFormatter.ISO_INSTANT.format(at);
            assertThat(InstantText.parse(text)).as(text).isEqualTo(Instant.parse(text)).isEqualTo(at);
        }
    }

    @Test
    void countsTheDaysAsTheJdkDoesForEveryDateOfTheYears0To9999() {
        for (LocalDate date = LocalDate.of(0, 1, 1); date.getYear() < 10_000; date = date.plusDays(1)) {
            if (InstantText.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth()) != date.toEpochDay()) {
                assertThat(InstantText.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth()))
                        .as(date.toString()).isEqualTo(date.toEpochDay());
            }
        }
    }

    @Test
    void takesALeapDayOnlyInALeapYear() {
        assertThat(InstantText.parse("2024-02-29T07:00:00Z")).isEqualTo(Instant.parse("2024-02-29T07:00:00Z"));
        assertThat(InstantText.parse("2000-02-29T07:00:00Z")).isEqualTo(Instant.parse("2000-02-29T07:00:00Z"));
        assertThat(InstantText.parse("2023-02-29T07:00:00Z")).isNull();
        assertThat(InstantText.parse("1900-02-29T07:00:00Z")).isNull();
        assertThat(InstantText.parse("2026-04-31T07:00:00Z")).isNull();
        assertThat(InstantText.parse("2026-12-31T23:59:59.999999999Z"))
                .isEqualTo(Instant.parse("2026-12-31T23:59:59.999999999Z"));
    }

    @Test
    void leavesEveryOtherFormToTheGeneralParser() {
        for (String text : List.of("2026-02-30T07:00:00Z", "2026-13-01T07:00:00Z", "2026-03-02T24:00:00Z",
                "2026-03-02T23:59:60Z", "2026-03-02T07:00:00+01:00", "2026-03-02T07:00:00.Z",
                "2026-03-02T07:00:00.1234567890Z", "2026-03-02 07:00:00Z", "2026-0a-02T07:00:00Z",
                "+12026-03-02T07:00:00Z", "2026-03-02T07:00Z", "")) {
            assertThat(InstantText.parse(text)).as(text).isNull();
        }
    }

    @Test
    void theMapperReadsBothFormsAndRefusesWhatTheJdkRefuses() throws Exception {
        String fast = "{\"driverId\":\"d-1\",\"position\":{\"lat\":40.7,\"lng\":-74.0},\"at\":\"2026-03-02T07:00:01.5Z\"}";
        assertThat(Json.read(fast.getBytes(), DriverLocationUpdated.class)).isEqualTo(new DriverLocationUpdated("d-1",
                new LatLng(40.7, -74.0), Instant.parse("2026-03-02T07:00:01.500Z")));
        // a leap second: not the fast form; the general parser takes it as before
        String leap = fast.replace("2026-03-02T07:00:01.5Z", "2016-12-31T23:59:60Z");
        assertThat(Json.read(leap.getBytes(), DriverLocationUpdated.class).at())
                .isEqualTo(Instant.parse("2016-12-31T23:59:60Z"));
        String badDay = fast.replace("2026-03-02T07:00:01.5Z", "2026-02-30T07:00:00Z");
        assertThatThrownBy(() -> Json.read(badDay.getBytes(), DriverLocationUpdated.class))
                .hasMessageContaining("2026-02-30");
    }
}
