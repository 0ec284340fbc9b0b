package io.ridematch.kafka;

import java.util.BitSet;

/**
 * The records this process numbered 1, 2, 3... as it handed them to Kafka, and which Kafka acknowledged: answers
 * come in any order across partitions, and what a commit needs is the oldest record not acknowledged yet. A window
 * of bits from the oldest such record on; one thread (the event loop) uses it.
 */
final class Unanswered {

    /** Acknowledged records the window keeps at its start before it drops them. */
    private static final int SLACK = 4_096;

    /** Bit i: the record numbered {@code base + i} was acknowledged. */
    private BitSet acknowledged = new BitSet();
    private long base = 1;

    /** Kafka acknowledged the record numbered {@code sequence}. */
    void acknowledged(long sequence) {
        if (sequence < base) {
            throw new IllegalArgumentException("record " + sequence + " was acknowledged already");
        }
        acknowledged.set(Math.toIntExact(sequence - base));
        int done = acknowledged.nextClearBit(0);
        if (done > SLACK) {
            acknowledged = acknowledged.get(done, acknowledged.length());
            base += done;
        }
    }

    /** The oldest record numbered at most {@code handedOver} that Kafka has not acknowledged; 0 when there is none. */
    long oldest(long handedOver) {
        long oldest = base + acknowledged.nextClearBit(0);
        return oldest <= handedOver ? oldest : 0;
    }
}
