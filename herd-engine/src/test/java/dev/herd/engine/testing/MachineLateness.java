package dev.herd.engine.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How busy this machine is while a test runs, two ways. How late it wakes a thread that asks to sleep a millisecond,
 * measured on a thread of its own: a quiet machine wakes it within a fraction of a millisecond. And how much of the
 * machine's CPU time other processes took meanwhile (Linux, from {@code /proc}): a thread that sleeps is woken
 * promptly even when other processes keep every core busy (the scheduler favours it), but a thread that works, such
 * as an event loop or the target of the test in this JVM, then gets only its share of a core. A calibration test
 * widens its bounds by the first and checks timing bounds only when the machine is {@link #quiet()}.
 *
 * <pre>{@code
 * MachineLateness machine = MachineLateness.start();
 * ... run ...
 * double p99 = machine.p99Millis();   // stops sampling
 * if (machine.quiet()) { ... bounds ... }
 * }</pre>
 */
public final class MachineLateness implements AutoCloseable {

    /** A thread asking to sleep 1 ms wakes within this (p99) on a machine no other process keeps busy. */
    public static final double QUIET_LATENESS_MS = 5;
    /** The most of the machine's CPU time other processes may take while it still counts as quiet. */
    public static final double QUIET_OTHERS_SHARE = 0.25;

    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int MAX_SAMPLES = 200_000;
    private static final Path MACHINE_STAT = Path.of("/proc/stat");
    private static final Path PROCESS_STAT = Path.of("/proc/self/stat");

    private final long[] overshootNanos = new long[MAX_SAMPLES];
    private final Thread thread;
    private final long[] ticksAtStart = cpuTicks();
    private long[] ticksAtEnd;
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

    /**
     * Stops sampling; the share of the machine's CPU time (all cores) that processes other than this one used while
     * it sampled, from 0 to 1; 0 where {@code /proc} cannot tell.
     */
    public double othersShare() {
        close();
        if (ticksAtStart == null || ticksAtEnd == null) {
            return 0;
        }
        long total = ticksAtEnd[0] - ticksAtStart[0];
        long busy = ticksAtEnd[1] - ticksAtStart[1];
        long mine = ticksAtEnd[2] - ticksAtStart[2];
        return total <= 0 ? 0 : Math.max(0, Math.min(1, (double) (busy - mine) / total));
    }

    /** Stops sampling; true when threads woke on time and other processes left the cores to this one. */
    public boolean quiet() {
        return p99Millis() < QUIET_LATENESS_MS && othersShare() < QUIET_OTHERS_SHARE;
    }

    /** What was measured, for an assertion's description. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "machine late by %.1f ms p99, %.0f%% of its CPU used by others",
                p99Millis(), 100 * othersShare());
    }

    @Override
    public void close() {
        if (running) {
            running = false;
            ticksAtEnd = cpuTicks();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Clock ticks so far: the machine's in all (busy and idle), its busy ones, this process's; null without /proc. */
    private static long[] cpuTicks() {
        try {
            String[] cpu = Files.readAllLines(MACHINE_STAT).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            long total = 0;
            for (int i = 1; i <= 8 && i < cpu.length; i++) {
                long ticks = Long.parseLong(cpu[i]);
                total += ticks;
                if (i != 4 && i != 5) {
                    busy += ticks;
                }
            }
            String self = Files.readString(PROCESS_STAT);
            // After the command name in parentheses (which may hold spaces): state is field 3, utime 14, stime 15.
            String[] fields = self.substring(self.lastIndexOf(')') + 2).trim().split("\\s+");
            long mine = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return new long[] {total, busy, mine};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
