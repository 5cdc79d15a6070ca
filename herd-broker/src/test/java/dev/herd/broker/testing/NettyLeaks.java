package dev.herd.broker.testing;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects every leak report of Netty's {@link ResourceLeakDetector} in this JVM, so that tests can fail on
 * them instead of leaving an ERROR line in a log nobody reads.
 *
 * <pre>{@code
 * NettyLeaks.install();                     // before any ByteBuf class loads (LeakDetectionSessionListener does it)
 * List<String> leaks = NettyLeaks.collect(); // GC, then let the detectors report; returns and clears the reports
 * }</pre>
 *
 * <p>Netty's buffer classes create their detector once, when they load; a detector made before {@link #install}
 * is not counted. Reports are deduplicated by Netty (one per distinct access record).
 */
public final class NettyLeaks {

    private static final List<String> reports = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    private NettyLeaks() {
    }

    /** Makes every leak detector created from now on report here; idempotent. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new CountingFactory());
        installed = true;
    }

    public static boolean isInstalled() {
        return installed;
    }

    /**
     * Forces pending reports out: garbage-collects, then allocates and releases a few buffers (a detector
     * reports earlier leaks when it tracks a new object). Returns the reports so far and clears them.
     */
    public static List<String> collect() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            try {
                Thread.sleep(20); // the reference handler thread enqueues collected references
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            for (ByteBufAllocator alloc : List.of(ByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT,
                    UnpooledByteBufAllocator.DEFAULT)) {
                for (int i = 0; i < 4; i++) {
                    alloc.directBuffer(1).release();
                    alloc.heapBuffer(1).release();
                }
            }
        }
        return drain();
    }

    /** The reports so far, cleared. */
    public static List<String> drain() {
        List<String> drained = new ArrayList<>(reports);
        reports.removeAll(drained);
        return drained;
    }

    private static final class CountingFactory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
            ResourceLeakDetector<T> detector = new ResourceLeakDetector<>(resource, samplingInterval);
            detector.setLeakListener((resourceType, records) ->
                    reports.add("LEAK of " + resourceType + (records.isEmpty() ? "" : ":\n" + records)));
            return detector;
        }

        @Override
        @Deprecated
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                                   long maxActive) {
            return newResourceLeakDetector(resource, samplingInterval);
        }
    }
}
