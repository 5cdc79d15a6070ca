package dev.herd.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The collection after a connect stage: where an explicit collection is concurrent (bin/herd's JVM) it happens and the
 * periodic collection pauses until the next connect stage; anywhere else (an application embedding the engine, this
 * test's own JVM) nothing is collected and no flag changes.
 */
class HeapTidyTest {

    private static final String PERIODIC = "G1PeriodicGCInterval";

    @Test
    void withConcurrentExplicitCollectionsOneRunsAndThePeriodicOnePausesUntilTheNextConnect() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:+UseG1GC", "-XX:+ExplicitGCInvokesConcurrent",
                "-XX:" + PERIODIC + "=5000", "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(out).as(out).contains("after connect: periodic 0, collected true")
                .contains("next connect: periodic 5000");
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void withoutThemNothingIsCollectedAndNoFlagChanges() throws Exception {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String periodic = vm.getVMOption(PERIODIC).getValue();
        long fullBefore = oldCollections();

        HeapTidy.connectEnded();
        Thread.sleep(200);

        assertThat(vm.getVMOption("ExplicitGCInvokesConcurrent").getValue()).isEqualTo("false");
        assertThat(vm.getVMOption(PERIODIC).getValue()).isEqualTo(periodic);
        assertThat(tidyThreads()).isEmpty();
        // Another test's young collection may come meanwhile; a full one would be this.
        assertThat(oldCollections()).isEqualTo(fullBefore);
        HeapTidy.connectStarting();
        assertThat(vm.getVMOption(PERIODIC).getValue()).isEqualTo(periodic);
    }

    /** Runs in a JVM of bin/herd's collection flags; prints what it saw. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long before = collections();
            HeapTidy.connectEnded();
            for (Thread t : tidyThreads()) {
                t.join(30_000);
            }
            System.out.println("after connect: periodic " + vm.getVMOption(PERIODIC).getValue() + ", collected "
                    + (collections() > before));
            HeapTidy.connectStarting();
            System.out.println("next connect: periodic " + vm.getVMOption(PERIODIC).getValue());
        }
    }

    private static List<Thread> tidyThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("herd-heap-tidy")).toList();
    }

    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long oldCollections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(b -> b.getName().contains("Old") || b.getName().contains("MarkSweep"))
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }
}
