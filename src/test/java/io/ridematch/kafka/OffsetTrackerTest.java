package io.ridematch.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private final OffsetTracker<String> tracker = new OffsetTracker<>();

    @Test
    void commitsOnlyUpToTheOldestUnfinishedRecord() {
        tracker.started("p0", 10);
        tracker.started("p0", 11);
        tracker.started("p0", 12);
        tracker.finished("p0", 11);
        tracker.finished("p0", 12);
        assertThat(tracker.drainCommittable()).isEmpty();

        tracker.finished("p0", 10);

        assertThat(tracker.drainCommittable()).isEqualTo(Map.of("p0", 13L));
        assertThat(tracker.drainCommittable()).isEmpty();
    }

    @Test
    void partitionsAreIndependent() {
        tracker.started("p0", 1);
        tracker.started("p1", 7);
        tracker.finished("p1", 7);
        assertThat(tracker.drainCommittable()).isEqualTo(Map.of("p1", 8L));
    }

    @Test
    void finishingAnUnknownOffsetChangesNothing() {
        tracker.finished("p0", 3);
        assertThat(tracker.drainCommittable()).isEmpty();
    }
}
