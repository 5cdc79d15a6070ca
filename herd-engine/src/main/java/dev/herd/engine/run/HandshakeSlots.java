package dev.herd.engine.run;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run-wide cap of a connect stage on subscriber connection attempts in progress, shared by the ramp drivers
 * of every event loop: a driver takes a slot before it starts a client, the attempt's end (open or failed) frees
 * it, and a driver that found none waits to be woken. One count for the whole run, not one per loop, so that a
 * cap smaller than the number of loops still holds.
 *
 * <pre>{@code
 * HandshakeSlots slots = new HandshakeSlots(2);      // 0: no cap
 * if (slots.tryTake()) { session.start(); } else { slots.await(driver); }
 * slots.release();                                   // when that attempt ends
 * }</pre>
 */
final class HandshakeSlots {

    private final int max;
    private final AtomicInteger inProgress = new AtomicInteger();
    private final Queue<RampDriver> waiting = new ConcurrentLinkedQueue<>();

    /** {@code max} attempts in progress at once at most; 0 for no cap. */
    HandshakeSlots(int max) {
        this.max = max;
    }

    /** Takes a slot for a client about to start; false when every slot is taken. Any thread. */
    boolean tryTake() {
        if (max <= 0) {
            return true;
        }
        for (;;) {
            int now = inProgress.get();
            if (now >= max) {
                return false;
            }
            if (inProgress.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /**
     * An attempt began without taking a slot (a reconnect, which the cap never holds back): it still occupies
     * one until it ends. Any thread.
     */
    void occupy() {
        if (max > 0) {
            inProgress.incrementAndGet();
        }
    }

    /** An attempt ended: frees its slot and wakes the waiting drivers (a few, one per loop at most). Any thread. */
    void release() {
        if (max <= 0) {
            return;
        }
        // Never below zero: an attempt begun before this stage's slots existed may end under them.
        inProgress.getAndUpdate(n -> Math.max(0, n - 1));
        RampDriver driver;
        while ((driver = waiting.poll()) != null) {
            driver.wake();
        }
    }

    /** {@code driver} found no slot: it is woken by the next release, or now if one was freed meanwhile. */
    void await(RampDriver driver) {
        waiting.add(driver);
        // A release between the failed tryTake and the add above found nobody to wake.
        if (inProgress.get() < max && waiting.remove(driver)) {
            driver.wake();
        }
    }
}
