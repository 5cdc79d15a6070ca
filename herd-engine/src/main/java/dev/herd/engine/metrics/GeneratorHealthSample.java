package dev.herd.engine.metrics;

/**
 * The load generator's own health over one interval: is herd itself the bottleneck?
 *
 * @param cpuPercent process CPU over the interval, as a percentage of all cores (100 = every core busy)
 * @param gcPauseMillis time spent in garbage collection during the interval
 * @param heapUsedBytes heap in use at the end of the interval
 * @param heapMaxBytes the heap's limit
 * @param openFileDescriptors file descriptors open now (-1 when unknown)
 * @param maxFileDescriptors the process limit (-1 when unknown)
 * @param maxEventLoopLagMicros the worst lateness of the lag probe's periodic task on any loop
 */
public record GeneratorHealthSample(
        double cpuPercent,
        long gcPauseMillis,
        long heapUsedBytes,
        long heapMaxBytes,
        long openFileDescriptors,
        long maxFileDescriptors,
        long maxEventLoopLagMicros) {

    public static final GeneratorHealthSample EMPTY = new GeneratorHealthSample(0, 0, 0, 0, -1, -1, 0);

    public GeneratorHealthSample withMaxEventLoopLagMicros(long micros) {
        return new GeneratorHealthSample(cpuPercent, gcPauseMillis, heapUsedBytes, heapMaxBytes,
                openFileDescriptors, maxFileDescriptors, micros);
    }
}
