package io.ridematch.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LogPositionTest {

    private static final TopicPartition RIDES_0 = new TopicPartition(Topics.RIDE_EVENTS, 0);
    private static final TopicPartition RIDES_1 = new TopicPartition(Topics.RIDE_EVENTS, 1);

    @Test
    void countsTheRecordsBetweenTwoPositionsPartitionByPartition() {
        LogPosition ends = new LogPosition(Map.of(RIDES_0, 10L, RIDES_1, 7L));

        assertThat(ends.recordsAfter(LogPosition.START)).isEqualTo(17);
        assertThat(ends.recordsAfter(new LogPosition(Map.of(RIDES_0, 4L)))).isEqualTo(13);
        assertThat(ends.recordsAfter(new LogPosition(Map.of(RIDES_0, 12L, RIDES_1, 7L)))).isZero();
    }

    @Test
    void aPositionPastTheLogsEndOrOfOtherPartitionsIsNotWithinIt() {
        LogPosition ends = new LogPosition(Map.of(RIDES_0, 10L, RIDES_1, 7L));

        assertThat(new LogPosition(Map.of(RIDES_0, 10L, RIDES_1, 3L)).notWithin(ends)).isEmpty();
        assertThat(new LogPosition(Map.of(RIDES_0, 11L, RIDES_1, 3L)).notWithin(ends))
                .hasValue("ride-events-0 ends at 10, the snapshot is at 11");
        assertThat(new LogPosition(Map.of(RIDES_0, 1L)).notWithin(ends)).hasValue("it has 1 partitions, the log 2");
    }
}
