package dev.herd.engine.result;

import java.util.List;

/**
 * The load generator's own health over the run, and whether its figures can be trusted.
 *
 * @param maxEventLoopLagMs the worst lateness of a periodic task on any event loop
 * @param eventLoopLagP99Ms the 99th percentile of that lateness
 * @param cpuPercent mean process CPU over the run, as a percentage of all cores
 * @param peakCpuPercent the highest one-second CPU figure
 * @param gcPauseMs total time spent in garbage collection
 * @param maxGcPauseMsPerSecond the most GC time in any one second
 * @param peakHeapBytes the most heap in use at a sample
 * @param peakOpenFileDescriptors the most file descriptors open at a sample
 * @param maxFileDescriptors the process's limit
 * @param peakClientSockets the most client sockets (each holding a local ephemeral port) at a sample
 * @param ephemeralPortRange the local port range's size, per source address (-1 when unknown)
 * @param eventLoops the number of event loops
 * @param trustworthy false when the generator itself was the bottleneck
 * @param reasons why it was not trustworthy (empty when it was)
 */
public record GeneratorReport(double maxEventLoopLagMs, double eventLoopLagP99Ms, double cpuPercent,
                              double peakCpuPercent, double gcPauseMs, double maxGcPauseMsPerSecond,
                              long peakHeapBytes, long peakOpenFileDescriptors, long maxFileDescriptors,
                              long peakClientSockets, long ephemeralPortRange,
                              int eventLoops, boolean trustworthy, List<String> reasons) {
}
