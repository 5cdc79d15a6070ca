package dev.herd.engine.run;

import dev.herd.engine.client.ClientSession;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts one event loop's share of the subscribers at their intended times on the connect ramp (open
 * model: a client's start does not wait for earlier ones to finish), optionally holding back while too
 * many handshakes are in progress on this loop. Wakes itself at the next client's time; never sleeps.
 */
final class RampDriver implements Runnable {

    /** Starts per turn before yielding the loop to I/O. */
    private static final int BATCH = 512;

    private final EventLoop loop;
    private final ClientSession[] sessions;
    private final long[] startNanos;
    private final int maxInFlight;
    private int next;
    private int inFlight;
    private boolean waitingForSlot;
    private volatile boolean stopped;

    /**
     * @param offsetsNanos ramp offsets of {@code sessions}, non-decreasing
     * @param maxInFlight the most attempts in progress at once on this loop (0 = no cap)
     */
    RampDriver(EventLoop loop, List<ClientSession> sessions, long rampStartNanos, long[] offsetsNanos,
               int maxInFlight) {
        this.loop = loop;
        this.sessions = sessions.toArray(new ClientSession[0]);
        this.startNanos = new long[offsetsNanos.length];
        for (int i = 0; i < offsetsNanos.length; i++) {
            startNanos[i] = rampStartNanos + offsetsNanos[i];
        }
        this.maxInFlight = maxInFlight;
    }

    void start() {
        loop.execute(this);
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        waitingForSlot = false;
        long now = System.nanoTime();
        int started = 0;
        while (next < sessions.length && !stopped) {
            if (startNanos[next] > now) {
                loop.schedule(this, startNanos[next] - now, TimeUnit.NANOSECONDS);
                return;
            }
            if (maxInFlight > 0 && inFlight >= maxInFlight) {
                waitingForSlot = true;
                return;
            }
            sessions[next++].start();
            if (++started == BATCH) {
                loop.execute(this);
                return;
            }
        }
    }

    /** An attempt of one of this loop's sessions started. Loop only. */
    void attemptStarted() {
        inFlight++;
    }

    /** An attempt ended (open or failed); a held-back start may go now. Loop only. */
    void attemptEnded() {
        if (inFlight > 0) {
            inFlight--;
        }
        if (waitingForSlot) {
            run();
        }
    }

    boolean done() {
        return next >= sessions.length;
    }
}
