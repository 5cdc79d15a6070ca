package dev.herd.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herd.engine.testing.OneEventLoop;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The connect ramp on a real event loop, with starts slower than one turn (as cold code makes them in a run's first
 * second): the driver hands the loop back between them, so the loop's timers and I/O are not held up by a backlog
 * of overdue starts, and it records how far behind its schedule the ramp fell.
 */
class RampDriverTest {

    private static final int CLIENTS = 6;
    /** Each start takes two turns' worth of time: one start per turn. */
    private static final long START_NANOS = 2 * RampDriver.TURN_NANOS;

    @RegisterExtension
    final OneEventLoop oneLoop = new OneEventLoop();
    private final EventLoop loop = oneLoop.get();
    /** What ran on the loop, in order; written on the loop only, read once the loop has finished with it. */
    private final List<String> ran = new ArrayList<>();

    @Test
    void aTimerDueWhenTheRampBeginsRunsAfterTheFirstSlowStartNotAfterTheWholeBacklog() throws Exception {
        RampDriver driver = overdueRamp();
        loop.submit(() -> {
            loop.schedule(() -> ran.add("timer"), 0, TimeUnit.NANOSECONDS);
            driver.run();
        }).sync();
        awaitDone(driver);

        assertThat(ran).hasSize(CLIENTS + 1).startsWith("start 0", "timer", "start 1");
        assertThat(ran.subList(2, ran.size())).containsExactly("start 1", "start 2", "start 3", "start 4", "start 5");
    }

    @Test
    void aRampThatFellBehindSaysByHowMuch() throws Exception {
        RampDriver driver = overdueRamp();
        assertThat(driver.maxDelayNanos()).isZero();

        loop.execute(driver);
        awaitDone(driver);

        // Every client was due at once and each start took START_NANOS: the last began at least that many times
        // START_NANOS after its time.
        assertThat(driver.maxDelayNanos()).isGreaterThanOrEqualTo((CLIENTS - 1) * START_NANOS);
    }

    @Test
    void aRampOnScheduleStartsEveryClientInOrder() throws Exception {
        List<Runnable> starts = new ArrayList<>();
        long[] offsets = new long[CLIENTS];
        for (int i = 0; i < CLIENTS; i++) {
            int client = i;
            starts.add(() -> ran.add("start " + client));
            offsets[i] = TimeUnit.MILLISECONDS.toNanos(5) * i;
        }
        RampDriver driver = new RampDriver(loop, starts, System.nanoTime(), offsets, new HandshakeSlots(0));

        loop.execute(driver);
        awaitDone(driver);

        assertThat(ran).containsExactly("start 0", "start 1", "start 2", "start 3", "start 4", "start 5");
    }

    /** CLIENTS starts, all due now, each busy for START_NANOS. */
    private RampDriver overdueRamp() {
        List<Runnable> starts = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int client = i;
            starts.add(() -> {
                long until = System.nanoTime() + START_NANOS;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                ran.add("start " + client);
            });
        }
        return new RampDriver(loop, starts, System.nanoTime(), new long[CLIENTS], new HandshakeSlots(0));
    }

    /** Waits until the driver started every client, then lets the loop finish the task it is in. */
    private void awaitDone(RampDriver driver) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!loop.submit(driver::done).get() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(loop.submit(driver::done).get()).as("every client started").isTrue();
    }
}
