package dev.herd.engine.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Reads the process's CPU time, GC time, heap and file descriptors from the platform MXBeans; each
 * {@link #sample()} reports the change since the previous one. Called by the reporter thread only.
 */
public final class GeneratorHealthProbe {

    private final OpenFileCount files = new OpenFileCount();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final int cores = Runtime.getRuntime().availableProcessors();
    private long lastCpuNanos;
    private long lastGcMillis;
    private long lastSampleNanos;

    public GeneratorHealthProbe() {
        lastCpuNanos = processCpuNanos();
        lastGcMillis = gcMillis();
        lastSampleNanos = System.nanoTime();
    }

    public GeneratorHealthSample sample() {
        long now = System.nanoTime();
        long cpu = processCpuNanos();
        long gc = gcMillis();
        double wallNanos = Math.max(1, now - lastSampleNanos);
        double cpuPercent = cpu < 0 ? -1 : 100.0 * (cpu - lastCpuNanos) / (wallNanos * cores);
        long gcDelta = gc - lastGcMillis;
        lastCpuNanos = cpu;
        lastGcMillis = gc;
        lastSampleNanos = now;
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new GeneratorHealthSample(Math.max(0, cpuPercent), Math.max(0, gcDelta), heap.getUsed(),
                heap.getMax(), files.now(), files.limit(), 0, 0, EPHEMERAL_PORT_RANGE);
    }

    /** Size of Linux's local port range (/proc/sys/net/ipv4/ip_local_port_range), or -1 elsewhere. */
    private static final long EPHEMERAL_PORT_RANGE = readPortRange();

    private static long readPortRange() {
        // A reader, not Files.readString: /proc files report size 0, and JDK 17 then reads a single byte.
        try (java.io.BufferedReader reader = java.nio.file.Files.newBufferedReader(
                java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            String[] bounds = reader.readLine().trim().split("\\s+");
            return Long.parseLong(bounds[1]) - Long.parseLong(bounds[0]) + 1;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Total CPU time this process has used, or -1 when the platform does not say. */
    public long processCpuNanos() {
        return processCpuNanosNow();
    }

    /** Total CPU time this process has used, or -1 when the platform does not say; any thread. */
    public static long processCpuNanosNow() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    private long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            long t = gc.getCollectionTime();
            if (t > 0) {
                sum += t;
            }
        }
        return sum;
    }

    public int cores() {
        return cores;
    }
}
