package io.ridematch.bench;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * What {@code ridematch bench} measured: the headline figures beside their references, and how each was taken. A
 * bench stopped early (Ctrl-C, SIGTERM) has the parts it reached; a part not reached is null and absent from the
 * JSON, whose figures are otherwise flat ({@code inProcessRidesPerSecond}, {@code kafkaRatio}, ...).
 *
 * @param stopped null for a whole bench, else where a stop came ({@code "during part 2 of 5"}: that part, cut
 *                short, is left out with the ones after it)
 */
public record BenchReport(String mode, Machine machine, String stopped,
                          @JsonUnwrapped InProcess inProcess, @JsonUnwrapped Engine engine,
                          @JsonUnwrapped ThroughKafka throughKafka,
                          @JsonUnwrapped Heap heap, @JsonUnwrapped KafkaLatency kafkaLatency, Runs runs) {

    /** @param collector the JVM's garbage collector and its pause goal, which the tail latencies depend on */
    public record Machine(int cores, String java, long maxHeapMiB, String collector) {

        /** This JVM. */
        public static Machine here() {
            List<String> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .map(GarbageCollectorMXBean::getName).toList();
            String collector = collectors.stream().anyMatch(name -> name.startsWith("G1")) ? "G1"
                    : collectors.stream().anyMatch(name -> name.startsWith("ZGC")) ? "ZGC" : String.join("/", collectors);
            if (collector.equals("G1")) {
                try {
                    collector += ", pause goal " + ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                            .getVMOption("MaxGCPauseMillis").getValue() + " ms";
                } catch (RuntimeException notHotSpot) {
                    // a JVM without HotSpot's options: the collector's name says enough
                }
            }
            return new Machine(Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    Runtime.getRuntime().maxMemory() >> 20, collector);
        }
    }

    /**
     * Part 1: the city on the event bus alone.
     *
     * @param inProcessRidesPerSecond    the window's second run in the bench's JVM, the JIT warm from the first, as
     *                                   the raw bus's figure is taken (its first few hundred thousand messages are
     *                                   a sliver of millions); the first run's figures, what one fresh
     *                                   {@code simulate} sees, are the {@code ...Cold} ones
     * @param inProcessRatio             in-process events/s (the warm run) over the raw event bus's messages/s
     * @param matchLatencyP99MsInProcess at half the in-process maximum ({@code inProcessLatencySpeed}); the
     *                                   full-load figures are beside it
     */
    public record InProcess(double inProcessRidesPerSecond, double inProcessEventsPerSecond,
                            double inProcessRidesPerSecondCold, double inProcessEventsPerSecondCold,
                            double rawEventBusMessagesPerSecond, double inProcessRatio,
                            double matchLatencyP50MsInProcess, double matchLatencyP99MsInProcess,
                            double inProcessLatencySpeed, double matchLatencyP50MsFullLoad,
                            double matchLatencyP99MsFullLoad) {
    }

    /**
     * Part 2: the city's own day on the bus alone (research speed: no location pings), and batched against
     * greedy dispatch on the peak hour, same seed; {@code batchedOverGreedy} is their wall times' ratio.
     */
    public record Engine(boolean wholeDay, double dayWallSeconds, long dayRides, double dayEventsPerSecond, double greedyWallSeconds,
                         double batchedWallSeconds, double batchedOverGreedy, double greedyServedPercent,
                         double batchedServedPercent, double greedyWaitP50Seconds, double batchedWaitP50Seconds,
                         double batchedLongestHandlerMs) {
    }

    /**
     * Part 3: the city through an embedded broker, each moving driver reporting its position every 4 s.
     *
     * @param kafkaRatio the platform's events/s through Kafka over ProducerPerformance's records/s
     */
    public record ThroughKafka(double kafkaEventsPerSecond, double kafkaProducerPerfRecordsPerSecond,
                               double kafkaRatio, double kafkaMeanRecordBytes) {
    }

    /**
     * Part 4, measured in a JVM of its own whose heap is capped at {@code heapLimitMiB}: {@code heapDrivers} online
     * and rides arriving at {@code heapRidesPerHour} for {@code heapWindowMinutes}. {@code heapPeakMiB} is the most
     * heap in use after any collection over the window, {@code heapMiB} what is left after a full GC at its end;
     * {@code heapMiBHour} is the peak when the window is a whole hour (0 for a shorter one); {@code heapFitted}
     * whether the run finished within the cap.
     */
    public record Heap(double heapMiB, double heapPeakMiB, double heapMiBHour, double heapLimitMiB, boolean heapFitted,
                       int heapDrivers, double heapRidesPerHour, long heapRides, double heapWindowMinutes) {
    }

    /**
     * Part 5: a platform and a simulator apart, joined only by a broker, at {@code kafkaLatencySpeed}: half of
     * {@code kafkaPairMaxSpeed}, what the two reach together at full speed (the window's simulated seconds over the
     * wall time until the platform had read its last step on every zone), or, where the platform fell behind at
     * that, a quarter slower (at most twice).
     *
     * @param matchLatencyP99MsKafka      the brief's match latency: from {@code RideRequested} to
     *                                    {@code DriverAssigned} published, in the platform (offer and answer cross
     *                                    Kafka between)
     * @param matchLatencyP99MsKafkaRider as the rider sees it: from its {@code RequestRide} leaving the simulator for
     *                                    Kafka to the {@code DriverAssigned} arriving back from Kafka
     */
    public record KafkaLatency(double matchLatencyP50MsKafka, double matchLatencyP99MsKafka, double kafkaLatencySpeed,
                               boolean kafkaLatencyKeptUp, long kafkaLatencyRides, double matchLatencyP50MsKafkaRider,
                               double matchLatencyP99MsKafkaRider, double kafkaPairMaxSpeed) {
    }

    /** The simulated windows each part ran, and how long each took on the wall (null: not reached). */
    public record Runs(String inProcess, Double inProcessWallSeconds, String kafka, Double kafkaWallSeconds,
                       String latency, Double latencyWallSeconds, String day, Double engineWallSeconds,
                       String heap, Double heapWallSeconds,
                       double totalWallSeconds) {
    }
}
