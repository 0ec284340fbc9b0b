package io.ridematch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class EstimateTest {

    @Test
    void meanAndIntervalOfFiveValues() {
        // mean 3, sample sd sqrt(2.5), standard error sqrt(0.5), t(4) 2.776
        Estimate e = Estimate.of(List.of(1.0, 2.0, 3.0, 4.0, 5.0));
        assertThat(e.mean()).isEqualTo(3.0);
        assertThat(e.halfWidth()).isCloseTo(2.776 * Math.sqrt(0.5), offset(1e-9));
        assertThat(e.n()).isEqualTo(5);
        assertThat(e.excludesZero()).isTrue();
    }

    @Test
    void oneValueHasNoInterval() {
        Estimate e = Estimate.of(List.of(7.0));
        assertThat(e.mean()).isEqualTo(7.0);
        assertThat(e.halfWidth()).isNaN();
        assertThat(e.excludesZero()).isFalse();
    }

    @Test
    void pairedDifferencesCancelWhatTheSeedsShare() {
        // the seeds move both a lot, the difference hardly: paired, it is significant; unpaired it would not be
        List<Double> a = List.of(10.0, 50.0, 30.0, 70.0, 20.0);
        List<Double> b = List.of(11.0, 51.2, 30.9, 71.1, 21.0);
        Estimate difference = Estimate.pairedDifference(a, b);
        assertThat(difference.mean()).isCloseTo(1.04, offset(1e-9));
        assertThat(difference.excludesZero()).isTrue();
        Estimate ofA = Estimate.of(a);
        Estimate ofB = Estimate.of(b);
        assertThat(ofB.mean() - ofB.halfWidth()).isLessThan(ofA.mean() + ofA.halfWidth()); // the intervals overlap
        assertThat(Estimate.pairedDifference(a, a).excludesZero()).isFalse();
        assertThatThrownBy(() -> Estimate.pairedDifference(a, List.of(1.0))).hasMessageContaining("as many");
    }

    @Test
    void tQuantilesFollowTheTableAndThenTheExpansion() {
        assertThat(Estimate.t975(1)).isEqualTo(12.706);
        assertThat(Estimate.t975(30)).isEqualTo(2.042);
        assertThat(Estimate.t975(40)).isCloseTo(2.021, offset(0.001));
        assertThat(Estimate.t975(1000)).isCloseTo(1.962, offset(0.001));
    }
}
