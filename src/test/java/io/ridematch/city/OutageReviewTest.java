package io.ridematch.city;

import static org.assertj.core.api.Assertions.assertThat;

import io.ridematch.metrics.RideTimeline.Minute;
import io.ridematch.platform.core.payment.PaymentFaults.Outage;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutageReviewTest {

    private static Minute minute(String at, long completed, long paid, long failed) {
        return new Minute(at, 0, 0, completed, paid, failed, 0, 0, 0);
    }

    private static final Outage TWO_MINUTES = new Outage(LocalTime.of(7, 1), Duration.ofMinutes(2));

    @Test
    void theBacklogGrowsDuringTheOutageAndRecoveryCountsTheMinutesAfterItsEnd() {
        List<Minute> timeline = List.of(minute("07:00", 2, 2, 0), minute("07:01", 3, 0, 0),
                minute("07:02", 2, 0, 0), minute("07:03", 1, 3, 0), minute("07:04", 0, 3, 0), minute("07:05", 0, 0, 0));

        OutageReview review = OutageReview.of(timeline, TWO_MINUTES);

        assertThat(review.from()).isEqualTo("07:01");
        assertThat(review.to()).isEqualTo("07:03");
        assertThat(review.completed()).isEqualTo(5);
        assertThat(review.paid()).isZero();
        assertThat(review.backlogBefore()).isZero();
        assertThat(review.backlogPeak()).isEqualTo(5);
        assertThat(review.recoveryMinutes()).isEqualTo(2); // 07:03 leaves 3 unpaid, 07:04 none
    }

    @Test
    void failedPaymentsEndTheBacklogToo_andABacklogThatStaysIsNeverRecovered() {
        List<Minute> failing = List.of(minute("07:00", 0, 0, 0), minute("07:01", 2, 0, 2), minute("07:02", 1, 0, 1));
        assertThat(OutageReview.of(failing, TWO_MINUTES).recoveryMinutes()).isZero();
        assertThat(OutageReview.of(failing, TWO_MINUTES).paymentFailed()).isEqualTo(3);

        List<Minute> stuck = List.of(minute("07:00", 0, 0, 0), minute("07:01", 2, 0, 0), minute("07:02", 1, 0, 0),
                minute("07:03", 0, 1, 0));
        assertThat(OutageReview.of(stuck, TWO_MINUTES).recoveryMinutes()).isEqualTo(-1);
    }

    @Test
    void aTimelineThatDoesNotReachTheOutageHasNoReview() {
        assertThat(OutageReview.of(List.of(minute("06:00", 1, 1, 0)), TWO_MINUTES)).isNull();
    }
}
