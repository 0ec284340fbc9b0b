package io.ridematch.city;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Ends the process with one line when its heap is full. A JVM whose heap no collection can free goes on living,
 * spending its time collecting and doing next to nothing (a New York day in {@code -Xmx512m} made 0 to 3 events
 * a second for as long as anyone waited): a supervisor sees a live process. So after every collection the heap
 * still in use is weighed, and when it stays at {@link #FULL} of the maximum for {@link #COLLECTIONS}
 * collections in a row the process says so and exits with code 1, at once: a full heap may not allow an orderly
 * stop, and what Kafka acknowledged is in the log anyway.
 */
public final class HeapGuard {

    /** The share of the maximum heap in use after a collection that counts as full. */
    static final double FULL = 0.95;
    /** Full after this many collections in a row: not a peak, a heap nothing frees. */
    static final int COLLECTIONS = 10;

    private static int fullInARow;
    private static long peakAfterCollection;

    private HeapGuard() {
    }

    /** Watches every collector of this JVM; call once, at the start of a command. */
    public static void install() {
        long max = Runtime.getRuntime().maxMemory();
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toUnmodifiableSet());
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> collected(notification, heapPools, max),
                        null, null);
            }
        }
    }

    /** The most heap in use after any collection since {@link #install}, in bytes: an upper bound on the live set. */
    public static synchronized long peakAfterCollection() {
        return peakAfterCollection;
    }

    private static synchronized void collected(Notification notification, Set<String> heapPools, long max) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                .filter(pool -> heapPools.contains(pool.getKey())).mapToLong(pool -> pool.getValue().getUsed()).sum();
        peakAfterCollection = Math.max(peakAfterCollection, used);
        fullInARow = used >= FULL * max ? fullInARow + 1 : 0;
        if (fullInARow >= COLLECTIONS) {
            System.out.flush();
            System.err.printf(Locale.ROOT, "ridematch: the heap is full: %,d of %,d MiB still in use after %d "
                    + "garbage collections in a row, so the run stops here rather than crawl; give the JVM more "
                    + "(java -Xmx4g -jar ...), or run a shorter or smaller scenario%n", used >> 20, max >> 20,
                    fullInARow);
            System.err.flush();
            Runtime.getRuntime().halt(1);
        }
    }
}
