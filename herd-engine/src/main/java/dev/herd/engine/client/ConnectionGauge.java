package dev.herd.engine.client;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Open connections across all event loops, with the exact peak. Updated once per open and per close
 * (never per message), so one shared atomic is cheap enough and makes the peak exact.
 */
public final class ConnectionGauge {

    private final AtomicLong open = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong sockets = new AtomicLong();

    public void opened() {
        long now = open.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
    }

    public void closed() {
        open.decrementAndGet();
    }

    /** A client socket was created (connect called), open or not yet. */
    public void socketCreated() {
        sockets.incrementAndGet();
    }

    public void socketClosed() {
        sockets.decrementAndGet();
    }

    /** Client sockets that exist now, each holding a local port: connections open and being opened. */
    public long sockets() {
        return sockets.get();
    }

    public long open() {
        return open.get();
    }

    public long peak() {
        return peak.get();
    }
}
