package dev.herd.engine.run;

import dev.herd.engine.client.ClientSession;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts one event loop's share of the subscribers at their intended times on the connect ramp (open
 * model: a client's start does not wait for earlier ones to finish), holding back while the run's
 * {@link HandshakeSlots} are all taken. Wakes itself at the next client's time, or when a slot frees; never sleeps.
 */
final class RampDriver implements Runnable {

    /** Starts per turn before yielding the loop to I/O. */
    private static final int BATCH = 512;

    private final EventLoop loop;
    private final ClientSession[] sessions;
    private final long[] startNanos;
    private final HandshakeSlots slots;
    private int next;
    /** Set while this driver starts a client with a slot it took: that attempt's begin must not take another. */
    private boolean startingWithSlot;
    private volatile boolean stopped;

    /**
     * @param offsetsNanos ramp offsets of {@code sessions}, non-decreasing
     * @param slots the run's cap on attempts in progress, shared with the other loops' drivers
     */
    RampDriver(EventLoop loop, List<ClientSession> sessions, long rampStartNanos, long[] offsetsNanos,
               HandshakeSlots slots) {
        this.loop = loop;
        this.sessions = sessions.toArray(new ClientSession[0]);
        this.startNanos = new long[offsetsNanos.length];
        for (int i = 0; i < offsetsNanos.length; i++) {
            startNanos[i] = rampStartNanos + offsetsNanos[i];
        }
        this.slots = slots;
    }

    void start() {
        loop.execute(this);
    }

    void stop() {
        stopped = true;
    }

    /** A slot was freed: try again on this driver's loop. Any thread. */
    void wake() {
        if (!stopped) {
            loop.execute(this);
        }
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        int started = 0;
        while (next < sessions.length && !stopped) {
            if (startNanos[next] > now) {
                loop.schedule(this, startNanos[next] - now, TimeUnit.NANOSECONDS);
                return;
            }
            if (!slots.tryTake()) {
                slots.await(this);
                return;
            }
            // On this loop start() begins the attempt at once, and the attempt's begin comes back through
            // attemptStarted() before start() returns.
            startingWithSlot = true;
            sessions[next++].start();
            if (startingWithSlot) {
                startingWithSlot = false;
                slots.release(); // no attempt began (the session was stopped): the slot is not used
            }
            if (++started == BATCH) {
                loop.execute(this);
                return;
            }
        }
    }

    /** An attempt of one of this loop's sessions began: one this driver started, or a reconnect. Loop only. */
    void attemptStarted() {
        if (startingWithSlot) {
            startingWithSlot = false;
        } else {
            slots.occupy();
        }
    }

    /** An attempt ended (open or failed); a held-back start, on any loop, may go now. Loop only. */
    void attemptEnded() {
        slots.release();
    }

    boolean done() {
        return next >= sessions.length;
    }
}
