package dev.herd.broker.pubsub;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stall switch of {@code /admin/stall}: while stalled, topics hold every message they would deliver
 * and release them, in order, when the stall ends. Written by the admin handler, read by topic owners.
 */
public final class DeliveryGate {

    /** {@link System#nanoTime()} until which deliveries are held; 0 when never stalled. */
    private final AtomicLong stalledUntilNanos = new AtomicLong();

    /** Holds deliveries for {@code duration} from now, or longer if a stall already runs longer. */
    public void stallFor(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        stalledUntilNanos.accumulateAndGet(until, (current, next) -> current == 0 || next - current > 0 ? next : current);
    }

    /** Whether deliveries are held at {@code nowNanos}. */
    public boolean isStalled(long nowNanos) {
        long until = stalledUntilNanos.get();
        return until != 0 && until - nowNanos > 0;
    }

    /** When the current stall ends (meaningful only while {@link #isStalled}). */
    public long stalledUntilNanos() {
        return stalledUntilNanos.get();
    }
}
