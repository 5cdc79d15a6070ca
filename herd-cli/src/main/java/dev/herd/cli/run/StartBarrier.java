package dev.herd.cli.run;

import dev.herd.engine.scenario.Stage;
import dev.herd.engine.scenario.StageContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Holds a worker's measured phase until every worker of the run has connected: the stage says {@code {"ready":true}}
 * on the worker's JSON lines and waits for the coordinator's {@code go} on standard input. Without it, a worker
 * started half a second after the publishing one would connect its subscribers while messages were already going out,
 * and count those messages as lost. Used when workers share one topic's subscribers ({@link WorkerSlice#byTopics}
 * false); a worker taking whole topics measures alone and does not wait.
 *
 * <pre>{@code
 * StartBarrier.listen(System.in);                    // the worker's main, after its arguments
 * timeline: connect, new StartBarrier(out, timeout), publish
 * }</pre>
 */
public final class StartBarrier implements Stage {

    /** The line the coordinator sends when every worker is ready. */
    static final String GO = "go";
    /** The JSON line a worker prints when it is ready. */
    static final String READY_LINE = "{\"ready\":true}";

    private static final CountDownLatch go = new CountDownLatch(1);
    private static volatile boolean listening;

    private final PrintWriter out;
    private final Duration timeout;

    public StartBarrier(PrintWriter out, Duration timeout) {
        this.out = out;
        this.timeout = timeout;
    }

    /** Reads {@code in} for the start signal from now on, on a daemon thread; the end of it counts as the signal. */
    public static void listen(InputStream in) {
        listening = true;
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null && !line.trim().equals(GO)) {
                    // only the start signal is sent
                }
            } catch (IOException e) {
                // the coordinator is gone: start rather than wait for nothing
            } finally {
                go.countDown();
            }
        }, "herd-start-signal");
        reader.setDaemon(true);
        reader.start();
    }

    /** True in a worker that a coordinator can start ({@link #listen} was called). */
    public static boolean available() {
        return listening;
    }

    @Override
    public String name() {
        return "barrier";
    }

    @Override
    public void execute(StageContext ctx) {
        out.println(READY_LINE);
        out.flush();
        if (!ctx.waitUntil(System.nanoTime() + timeout.toNanos(), () -> go.getCount() == 0) && !ctx.aborted()) {
            System.err.println("herd: no start signal within " + timeout.toSeconds() + " s; starting anyway");
        }
    }
}
