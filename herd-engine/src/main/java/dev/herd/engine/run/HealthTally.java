package dev.herd.engine.run;

import dev.herd.engine.metrics.GeneratorHealthSample;

/** Accumulates the generator's per-second health samples into the run's peaks and means. */
final class HealthTally {

    private double cpuSecondsPercent;
    private double seconds;
    private double peakCpuPercent;
    private long gcPauseMillis;
    private long maxGcPauseMillisPerInterval;
    private long peakHeapBytes;
    private long peakOpenFds;
    private long maxFds = -1;
    private int saturatedIntervals;
    private long peakClientSockets;
    private long ephemeralPortRange = -1;
    private double peakFdShare;
    private double peakPortShare;
    private long connectRampDelayNanos;

    synchronized void add(GeneratorHealthSample s, double intervalSeconds) {
        cpuSecondsPercent += s.cpuPercent() * intervalSeconds;
        seconds += intervalSeconds;
        // A partial last interval of a few milliseconds gives a noisy CPU figure: only whole-ish ones count.
        if (intervalSeconds >= 0.5) {
            peakCpuPercent = Math.max(peakCpuPercent, s.cpuPercent());
            if (s.cpuPercent() >= 95) {
                saturatedIntervals++;
            }
        }
        gcPauseMillis += s.gcPauseMillis();
        maxGcPauseMillisPerInterval = Math.max(maxGcPauseMillisPerInterval, s.gcPauseMillis());
        peakHeapBytes = Math.max(peakHeapBytes, s.heapUsedBytes());
        peakOpenFds = Math.max(peakOpenFds, s.openFileDescriptors());
        maxFds = s.maxFileDescriptors();
        peakClientSockets = Math.max(peakClientSockets, s.clientSockets());
        ephemeralPortRange = s.ephemeralPortRange();
        peakFdShare = Math.max(peakFdShare, s.fileDescriptorShare());
        peakPortShare = Math.max(peakPortShare, s.ephemeralPortShare());
    }

    /** A connect stage started a client this long after its time on the ramp (the worst so far counts). */
    synchronized void connectRampDelay(long nanos) {
        connectRampDelayNanos = Math.max(connectRampDelayNanos, nanos);
    }

    synchronized long connectRampDelayNanos() {
        return connectRampDelayNanos;
    }

    synchronized long peakClientSockets() {
        return peakClientSockets;
    }

    synchronized long ephemeralPortRange() {
        return ephemeralPortRange;
    }

    /** The highest share of the file-descriptor limit in use at a sample. */
    synchronized double peakFdShare() {
        return peakFdShare;
    }

    /** The highest share of one source address's ephemeral ports in use at a sample. */
    synchronized double peakPortShare() {
        return peakPortShare;
    }

    synchronized double meanCpuPercent() {
        return seconds == 0 ? 0 : cpuSecondsPercent / seconds;
    }

    synchronized double peakCpuPercent() {
        return peakCpuPercent;
    }

    synchronized long gcPauseMillis() {
        return gcPauseMillis;
    }

    synchronized long maxGcPauseMillisPerInterval() {
        return maxGcPauseMillisPerInterval;
    }

    synchronized long peakHeapBytes() {
        return peakHeapBytes;
    }

    synchronized long peakOpenFds() {
        return peakOpenFds;
    }

    synchronized long maxFds() {
        return maxFds;
    }

    /** Seconds in which the process used at least 95 % of every core. */
    synchronized int saturatedIntervals() {
        return saturatedIntervals;
    }

    synchronized double seconds() {
        return seconds;
    }
}
