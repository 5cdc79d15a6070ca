package dev.herd.engine.client;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open connections across all event loops, with the exact peak. Updated once per open and per close
 * (never per message), so one shared atomic is cheap enough and makes the peak exact. It listens to every client
 * channel's close future ({@link #socketClosed}), so no channel needs a listener object of its own.
 */
public final class ConnectionGauge implements ChannelFutureListener {

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

    /** A client channel's close future completed: its socket is gone. */
    @Override
    public void operationComplete(ChannelFuture closed) {
        socketClosed();
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
