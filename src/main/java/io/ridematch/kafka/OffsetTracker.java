package io.ridematch.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which offsets may be committed: per partition, everything below the oldest record still being processed.
 * Records finish out of order (a command waits for its reply, an event only for local handlers); a commit never
 * skips over one that has not finished, so a crash redelivers it rather than losing it.
 */
public final class OffsetTracker<P> {

    private final Map<P, TreeMap<Long, Boolean>> inProgress = new HashMap<>();
    private final Map<P, Long> next = new HashMap<>();

    public void started(P partition, long offset) {
        inProgress.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, false);
    }

    public void finished(P partition, long offset) {
        TreeMap<Long, Boolean> offsets = inProgress.get(partition);
        if (offsets == null || !offsets.containsKey(offset)) {
            return;
        }
        offsets.put(offset, true);
        while (!offsets.isEmpty() && offsets.firstEntry().getValue()) {
            next.put(partition, offsets.pollFirstEntry().getKey() + 1);
        }
    }

    /** The offset to commit per partition (the next one to read), for partitions that moved since the last call. */
    public Map<P, Long> drainCommittable() {
        Map<P, Long> ready = new HashMap<>(next);
        next.clear();
        return ready;
    }

    /** Forgets a partition this consumer lost: nothing of it is committed by this process any more. */
    public void forget(P partition) {
        inProgress.remove(partition);
        next.remove(partition);
    }
}
