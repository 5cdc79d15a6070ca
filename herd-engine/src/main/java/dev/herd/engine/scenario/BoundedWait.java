package dev.herd.engine.scenario;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits until a condition holds or a deadline passes. A stage passes {@code ctx::waitUntil}, so the wait also ends
 * when the run is aborted and keeps the stage's samplers ticking; code outside a run uses {@link #polling()}.
 *
 * <pre>{@code
 * BoundedWait wait = ctx::waitUntil;
 * boolean done = wait.until(System.nanoTime() + timeoutNanos, () -> !process.isAlive());
 * }</pre>
 */
@FunctionalInterface
public interface BoundedWait {

    /** True when {@code done} held before {@code deadlineNanos} ({@link System#nanoTime()}). */
    boolean until(long deadlineNanos, BooleanSupplier done);

    /** Polls every 10 ms on the calling thread; for callers without a run (command-line checks, tests). */
    static BoundedWait polling() {
        return (deadlineNanos, done) -> {
            while (!done.getAsBoolean()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        };
    }
}
