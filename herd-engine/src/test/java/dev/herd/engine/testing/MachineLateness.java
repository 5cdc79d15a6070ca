package dev.herd.engine.testing;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How late this machine wakes a thread that asks to sleep a millisecond, measured on a thread of its own while a test
 * runs: a quiet machine wakes it within a fraction of a millisecond, one whose cores other processes hold, tens of
 * milliseconds late. A target in the test's JVM is late by as much, so a calibration test widens its bounds by it.
 *
 * <pre>{@code
 * try (MachineLateness lateness = MachineLateness.start()) { ... run ...; double p99 = lateness.p99Millis(); }
 * }</pre>
 */
public final class MachineLateness implements AutoCloseable {

    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int MAX_SAMPLES = 200_000;

    private final long[] overshootNanos = new long[MAX_SAMPLES];
    private final Thread thread;
    private volatile boolean running = true;
    private int samples;

    private MachineLateness() {
        thread = new Thread(this::sample, "machine-lateness");
        thread.setDaemon(true);
        thread.start();
    }

    public static MachineLateness start() {
        return new MachineLateness();
    }

    private void sample() {
        while (running && samples < MAX_SAMPLES) {
            long before = System.nanoTime();
            LockSupport.parkNanos(PERIOD_NANOS);
            overshootNanos[samples++] = Math.max(0, System.nanoTime() - before - PERIOD_NANOS);
        }
    }

    /** Stops sampling; the 99th percentile of how late the thread woke, in milliseconds. */
    public double p99Millis() {
        close();
        if (samples == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(overshootNanos, samples);
        Arrays.sort(sorted);
        return sorted[(int) Math.min(samples - 1, Math.ceil(samples * 0.99) - 1)] / 1e6;
    }

    @Override
    public void close() {
        if (running) {
            running = false;
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
