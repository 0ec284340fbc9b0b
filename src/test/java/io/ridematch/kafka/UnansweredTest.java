package io.ridematch.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class UnansweredTest {

    private final Unanswered unanswered = new Unanswered();

    @Test
    void theOldestIsTheFirstRecordNotAcknowledgedWhateverTheOrderOfAnswers() {
        assertThat(unanswered.oldest(0)).isZero();
        assertThat(unanswered.oldest(3)).isEqualTo(1);
        unanswered.acknowledged(2);
        assertThat(unanswered.oldest(3)).isEqualTo(1);
        unanswered.acknowledged(1);
        assertThat(unanswered.oldest(3)).isEqualTo(3);
        unanswered.acknowledged(3);
        assertThat(unanswered.oldest(3)).isZero();
        assertThat(unanswered.oldest(4)).isEqualTo(4);
    }

    @Test
    void aRecordNeverAcknowledgedStaysTheOldestFarPastTheWindowItStartedIn() {
        acknowledge(2, 50_000);
        assertThat(unanswered.oldest(50_000)).isEqualTo(1);
        unanswered.acknowledged(1);
        assertThat(unanswered.oldest(50_000)).isZero();
        assertThat(unanswered.oldest(50_001)).isEqualTo(50_001);
    }

    @Test
    void answersFarOutOfOrderGiveWhatASortedSetOfTheUnansweredGives() {
        Random random = new Random(7);
        int records = 30_000;
        List<Long> order = new ArrayList<>();
        for (long sequence = 1; sequence <= records; sequence++) {
            order.add(sequence);
        }
        // shuffled in blocks, as answers from many partitions come: late ones by up to a few thousand records
        for (int from = 0; from < records; from += 5_000) {
            Collections.shuffle(order.subList(from, Math.min(records, from + 5_000)), random);
        }
        TreeSet<Long> expected = new TreeSet<>(order);
        for (long sequence : order) {
            unanswered.acknowledged(sequence);
            expected.remove(sequence);
            assertThat(unanswered.oldest(records)).isEqualTo(expected.isEmpty() ? 0 : expected.first());
        }
    }

    @Test
    void aSecondAcknowledgementOfARecordDroppedFromTheWindowIsRefused() {
        acknowledge(1, 5_000);
        assertThatThrownBy(() -> unanswered.acknowledged(1)).isInstanceOf(IllegalArgumentException.class);
    }

    private void acknowledge(long first, long last) {
        for (long sequence = first; sequence <= last; sequence++) {
            unanswered.acknowledged(sequence);
        }
    }
}
