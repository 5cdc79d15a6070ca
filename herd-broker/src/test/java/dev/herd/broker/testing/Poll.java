package dev.herd.broker.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition by polling it every few milliseconds, never by spinning: on a machine of two cores a test
 * that spins takes a core from the very server it waits for.
 *
 * <pre>{@code
 * assertThat(Poll.until(Duration.ofSeconds(10), () -> target.stats().connections().open().total() == 1)).isTrue();
 * }</pre>
 */
public final class Poll {

    private static final long PERIOD_MILLIS = 10;

    private Poll() {
    }

    /** True as soon as {@code condition} holds; false if it still does not after {@code timeout}. */
    public static boolean until(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return condition.getAsBoolean();
            }
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
        return true;
    }
}
