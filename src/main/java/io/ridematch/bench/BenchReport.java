package io.ridematch.bench;

/**
 * What {@code ridematch bench} measured: the headline figures beside their references, and how each was taken.
 *
 * @param inProcessRatio    in-process events/s over the raw event bus's messages/s
 * @param matchLatencyP99MsInProcess at half the in-process maximum ({@code inProcessLatencySpeed}); the
 *                          full-load figures are beside it
 * @param kafkaRatio        the platform's events/s through Kafka over ProducerPerformance's records/s
 * @param heapMiB           heap in use (after a full GC) with {@code heapDrivers} online and rides arriving at
 *                          {@code heapRidesPerHour}, after {@code heapRides} rides; {@code heapMiBProjectedHour}
 *                          adds the growth per ride over the last third of the window up to a whole hour's rides
 */
public record BenchReport(String mode, Machine machine,
                          double inProcessRidesPerSecond, double inProcessEventsPerSecond,
                          double rawEventBusMessagesPerSecond, double inProcessRatio,
                          double matchLatencyP50MsInProcess, double matchLatencyP99MsInProcess,
                          double inProcessLatencySpeed, double matchLatencyP50MsFullLoad,
                          double matchLatencyP99MsFullLoad,
                          double kafkaEventsPerSecond, double kafkaProducerPerfRecordsPerSecond, double kafkaRatio,
                          double kafkaMeanRecordBytes,
                          double matchLatencyP50MsKafka, double matchLatencyP99MsKafka, double kafkaLatencySpeed,
                          boolean kafkaLatencyKeptUp,
                          long kafkaLatencyRides,
                          double heapMiB, int heapDrivers, double heapRidesPerHour, long heapRides,
                          double heapMiBPerHundredThousandRides, double heapMiBProjectedHour,
                          Runs runs) {

    public record Machine(int cores, String java, long maxHeapMiB) {
    }

    /** The simulated windows each part ran, and how long each took on the wall. */
    public record Runs(String inProcess, double inProcessWallSeconds, String kafka, double kafkaWallSeconds,
                       String latency, double latencyWallSeconds, String heap, double heapWallSeconds,
                       double totalWallSeconds) {
    }
}
