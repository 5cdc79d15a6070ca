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
    void aRampBehindItsScheduleTakesAsMuchOfTheLoopAsTheLoopsOtherWork() throws Exception {
        // Each round of the loop also runs a task busy for HEAVY_ROUND_NANOS, as a round of reads from flooding
        // connections is. With one start per turn the ramp would need CLIENTS rounds; sharing the loop evenly,
        // a turn after a heavy round starts several.
        int clients = 16;
        long heavyRoundNanos = 8 * RampDriver.TURN_NANOS;
        int[] heavyRounds = {0};
        RampDriver driver = overdueRamp(clients, RampDriver.TURN_NANOS);
        Runnable heavy = new Runnable() {
            @Override
            public void run() {
                if (driver.done()) {
                    return;
                }
                heavyRounds[0]++;
                spin(heavyRoundNanos);
                loop.schedule(this, 0, TimeUnit.NANOSECONDS);
            }
        };
        loop.execute(() -> {
            loop.schedule(heavy, 0, TimeUnit.NANOSECONDS);
            driver.run();
        });
        awaitDone(driver);

        assertThat(heavyRounds[0]).isLessThanOrEqualTo(clients / 2);
    }

    @Test
    void clientsStillDueWhenTheRampStopsCountAsLate() {
        long rampStart = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(300);
        RampDriver driver = new RampDriver(loop, List.of(() -> { }, () -> { }), rampStart,
                new long[] {0, TimeUnit.MILLISECONDS.toNanos(100)}, new HandshakeSlots(0));
        driver.stop();

        long now = System.nanoTime();
        assertThat(driver.maxDelayNanos()).isZero();
        assertThat(driver.overdueNanos(now)).isEqualTo(now - rampStart);
        assertThat(driver.overdueNanos(rampStart - 1)).as("nothing due yet").isZero();
    }

    @Test
    void clientsStartAtTheGridTimeAtOrBeforeTheirOwn() {
        long grid = RampDriver.START_GRID_NANOS;
        assertThat(RampDriver.onGrid(0)).isZero();
        assertThat(RampDriver.onGrid(1)).isZero();
        assertThat(RampDriver.onGrid(grid - 1)).isZero();
        assertThat(RampDriver.onGrid(grid)).isEqualTo(grid);
        assertThat(RampDriver.onGrid(3 * grid + grid / 2)).isEqualTo(3 * grid);
        // 19,000 within 10 s, evenly: every start keeps its order, none moves later or by a whole step.
        long within = TimeUnit.SECONDS.toNanos(10);
        long previous = 0;
        for (int i = 0; i < 19_000; i++) {
            long offset = within * i / 19_000;
            long start = RampDriver.onGrid(offset);
            assertThat(start).isLessThanOrEqualTo(offset).isGreaterThan(offset - grid).isGreaterThanOrEqualTo(previous);
            previous = start;
        }
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
        return overdueRamp(CLIENTS, START_NANOS);
    }

    private RampDriver overdueRamp(int clients, long startNanos) {
        List<Runnable> starts = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            starts.add(() -> {
                spin(startNanos);
                ran.add("start " + client);
            });
        }
        return new RampDriver(loop, starts, System.nanoTime(), new long[clients], new HandshakeSlots(0));
    }

    private static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
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
