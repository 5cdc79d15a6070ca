package dev.herd.engine.client;

import dev.herd.engine.connect.ReconnectPolicy;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * When a session tries again: its policy's delay for the attempts made since it was last open, at least the server's
 * SSE {@code retry:}, on the session's loop. Its session's event loop only, but for {@link #gaveUp()}.
 */
final class ReconnectTimer {

    private final EventLoop loop;
    private final long seed;
    private int attemptsSinceOpen;
    private long minDelayNanos;
    private ScheduledFuture<?> task;
    private SplittableRandom random;
    private volatile boolean gaveUp;

    ReconnectTimer(EventLoop loop, long seed) {
        this.loop = loop;
        this.seed = seed;
    }

    int attemptsSinceOpen() {
        return attemptsSinceOpen;
    }

    /** The session opened: the next loss starts counting attempts from one again. */
    void opened() {
        attemptsSinceOpen = 0;
    }

    /** The target said not to try this request again as it is: the policy's attempt limit applies at once. */
    void noRetry() {
        attemptsSinceOpen = Integer.MAX_VALUE / 2;
    }

    /** The least delay before the next attempt (the server's SSE {@code retry:}). */
    void minDelayMillis(long millis) {
        minDelayNanos = TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Schedules {@code attempt} as {@code policy} says; false when the policy allows no further attempt. */
    boolean schedule(ReconnectPolicy policy, boolean honourSseRetry, Runnable attempt) {
        attemptsSinceOpen++;
        long delay = policy.delayNanos(attemptsSinceOpen, random());
        if (delay < 0) {
            gaveUp = true;
            return false;
        }
        if (honourSseRetry) {
            delay = Math.max(delay, minDelayNanos);
        }
        if (delay == 0) {
            loop.execute(attempt);
        } else {
            task = loop.schedule(attempt, delay, TimeUnit.NANOSECONDS);
        }
        return true;
    }

    void cancel() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    /** True when the policy allowed no further attempt. Any thread. */
    boolean gaveUp() {
        return gaveUp;
    }

    private SplittableRandom random() {
        if (random == null) {
            random = new SplittableRandom(seed);
        }
        return random;
    }
}
