package dev.herd.engine.client;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Open connections across all event loops, with the exact peak. Updated once per open and per close
 * (never per message), so one shared atomic is cheap enough and makes the peak exact.
 */
public final class ConnectionGauge {

    private final AtomicLong open = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    public void opened() {
        long now = open.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
    }

    public void closed() {
        open.decrementAndGet();
    }

    public long open() {
        return open.get();
    }

    public long peak() {
        return peak.get();
    }
}
