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
 * @param clientSockets client connections open or being opened (each holds a local ephemeral port)
 * @param ephemeralPortRange the size of the local ephemeral port range (per source address; -1 when unknown)
 */
public record GeneratorHealthSample(
        double cpuPercent,
        long gcPauseMillis,
        long heapUsedBytes,
        long heapMaxBytes,
        long openFileDescriptors,
        long maxFileDescriptors,
        long maxEventLoopLagMicros,
        long clientSockets,
        long ephemeralPortRange) {

    public static final GeneratorHealthSample EMPTY = new GeneratorHealthSample(0, 0, 0, 0, -1, -1, 0, 0, -1);

    public GeneratorHealthSample withMaxEventLoopLagMicros(long micros) {
        return new GeneratorHealthSample(cpuPercent, gcPauseMillis, heapUsedBytes, heapMaxBytes,
                openFileDescriptors, maxFileDescriptors, micros, clientSockets, ephemeralPortRange);
    }

    public GeneratorHealthSample withClientSockets(long sockets) {
        return new GeneratorHealthSample(cpuPercent, gcPauseMillis, heapUsedBytes, heapMaxBytes,
                openFileDescriptors, maxFileDescriptors, maxEventLoopLagMicros, sockets, ephemeralPortRange);
    }

    /** File descriptors in use as a share of the limit (0 when unknown). */
    public double fileDescriptorShare() {
        return maxFileDescriptors > 0 && openFileDescriptors >= 0 ? (double) openFileDescriptors / maxFileDescriptors : 0;
    }

    /** Ephemeral ports in use as a share of the range, for one source address (0 when unknown). */
    public double ephemeralPortShare() {
        return ephemeralPortRange > 0 ? (double) clientSockets / ephemeralPortRange : 0;
    }
}
