package dev.herd.engine.scenario.slowsubscriber;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Slows one subscriber's reading, on its event loop: stops it (a stall: auto-read off, so the socket's receive
 * buffer fills and the target's writes back up) or limits it to a byte rate (auto-read off, one read of at most a
 * few bytes, through the session's {@link ReadLimit}, at a fixed period, and a {@link ReadGate} so that no other read
 * gets through), and later restores normal reading. Nothing here blocks the loop.
 *
 * <pre>{@code
 * ReadLimit limit = new ReadLimit();                     // the session's, given to it before it connects
 * ReadThrottle throttle = new ReadThrottle(1024, limit); // 1 KiB/s; 0 stalls
 * channel.eventLoop().execute(() -> throttle.apply(channel));
 * channel.eventLoop().execute(throttle::release);
 * }</pre>
 */
final class ReadThrottle {

    /** Reads are this far apart unless the rate needs more than {@link #MAX_READ_BYTES} per read. */
    private static final long TARGET_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int MAX_READ_BYTES = 64 << 10;

    private final long bytesPerSecond;
    private final ReadLimit limit;
    private final int readBytes;
    private final long periodNanos;
    private final Runnable readOnce = this::readOnce;
    private Channel channel;
    private ReadGate gate;
    private ScheduledFuture<?> reads;

    /** A throttle that stalls ({@code bytesPerSecond} 0) or reads at most {@code bytesPerSecond} through {@code limit}. */
    ReadThrottle(long bytesPerSecond, ReadLimit limit) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("read rate must not be negative");
        }
        this.bytesPerSecond = bytesPerSecond;
        this.limit = limit;
        long perPeriod = Math.round(bytesPerSecond * (TARGET_PERIOD_NANOS / 1e9));
        this.readBytes = (int) Math.max(1, Math.min(MAX_READ_BYTES, perPeriod));
        // The period follows from the whole bytes of one read, so the rate comes out as asked.
        this.periodNanos = bytesPerSecond == 0 ? 0 : Math.max(1, Math.round(readBytes * 1e9 / bytesPerSecond));
    }

    /** Slows {@code ch} (a new connection of the same subscriber replaces the old); event loop only. */
    void apply(Channel ch) {
        if (ch == null || ch == channel) {
            return;
        }
        release();
        channel = ch;
        ch.config().setAutoRead(false);
        if (bytesPerSecond > 0) {
            limit.limitBytes(readBytes);
            gate = new ReadGate();
            ch.pipeline().addFirst(ReadGate.NAME, gate);
            reads = ch.eventLoop().scheduleAtFixedRate(readOnce, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Restores normal reading; what waited in the socket is read at once. Event loop only. */
    void release() {
        if (channel == null) {
            return;
        }
        if (reads != null) {
            reads.cancel(false);
            reads = null;
        }
        limit.limitBytes(0);
        if (gate != null) {
            if (channel.pipeline().context(gate) != null) {
                channel.pipeline().remove(gate);
            }
            gate = null;
        }
        channel.config().setAutoRead(true);
        channel = null;
    }

    private void readOnce() {
        if (channel != null && channel.isActive()) {
            gate.grant();
            channel.read();
        } else if (reads != null) {
            reads.cancel(false);
            reads = null;
        }
    }
}
