package dev.herd.engine.run;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back the heap a connect stage grew into, once, instead of letting G1 mark the heap every few seconds of a
 * hold. A connect storm leaves garbage behind and nothing afterwards (idle connections allocate nothing) would make G1
 * collect it; {@code bin/herd} therefore runs G1's periodic collection ({@code -XX:G1PeriodicGCInterval}), which
 * marks the whole heap again every interval of the hold although the first time already gave back all there was
 * (0.1-0.4 CPU-s per 20 s of an idle hold of 19,000 against nchan, docs/benchmarks.md). So when a connect stage ends,
 * this starts one concurrent collection and pauses the periodic one until the next connect stage begins.
 *
 * <p>Only where an explicit collection is concurrent ({@code -XX:+ExplicitGCInvokesConcurrent} with G1, as
 * {@code bin/herd} and the image run herd): an application embedding herd's engine without that option never gets a
 * full collection from it, nor a changed flag.
 */
final class HeapTidy {

    private static final Logger LOG = LoggerFactory.getLogger(HeapTidy.class);
    private static final String PERIODIC = "G1PeriodicGCInterval";

    private static final HotSpotDiagnosticMXBean VM = vm();
    private static final boolean ENABLED = VM != null && on("UseG1GC") && on("ExplicitGCInvokesConcurrent");

    /** The periodic interval while it is paused (null: not paused). */
    private static String pausedInterval;

    private HeapTidy() {
    }

    /** A connect stage begins: garbage comes again, so the periodic collection runs again. */
    static synchronized void connectStarting() {
        if (pausedInterval != null) {
            setPeriodic(pausedInterval);
            pausedInterval = null;
        }
    }

    /** A connect stage ended: one concurrent collection now, on a thread of its own; no periodic one until the next. */
    static synchronized void connectEnded() {
        if (!ENABLED) {
            return;
        }
        VMOption periodic = VM.getVMOption(PERIODIC);
        if (pausedInterval == null && periodic.isWriteable() && !"0".equals(periodic.getValue())) {
            pausedInterval = periodic.getValue();
            setPeriodic("0");
        }
        // The caller waits for the concurrent cycle to end: not the control thread, which has a stage to run.
        Thread collect = new Thread(System::gc, "herd-heap-tidy");
        collect.setDaemon(true);
        collect.start();
    }

    private static void setPeriodic(String value) {
        try {
            VM.setVMOption(PERIODIC, value);
        } catch (RuntimeException e) {
            LOG.debug("could not set {} to {}: {}", PERIODIC, value, e.toString());
        }
    }

    private static boolean on(String flag) {
        try {
            return "true".equals(VM.getVMOption(flag).getValue());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static HotSpotDiagnosticMXBean vm() {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (RuntimeException | LinkageError e) {
            return null; // not HotSpot: nothing to tidy this way
        }
    }
}
